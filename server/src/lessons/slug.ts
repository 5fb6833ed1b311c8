/** GitHub-style heading slugs that keep Hangul (and every other letter), with `-N` suffixes for duplicates. */
export function githubSlug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** Hands out unique slugs the way GitHub does for repeated headings in one file. */
export class SlugCounter {
  private readonly used = new Set<string>();

  next(text: string): string {
    const base = githubSlug(text);
    let slug = base;
    for (let n = 1; this.used.has(slug); n++) slug = `${base}-${n}`;
    this.used.add(slug);
    return slug;
  }
}
