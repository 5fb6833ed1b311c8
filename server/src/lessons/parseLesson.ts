/** Parses lesson Markdown into the lesson model with markdown-it: real headings only, never a `#` line in a fence. */
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import type { CoursePosition } from '../protocol';
import { splitFrontMatter } from './frontMatter';
import { CodeBlock, Lesson, Section } from './lessonModel';
import { SlugCounter } from './slug';

const md = new MarkdownIt({ html: true, linkify: false });

const coursePhrase =
  /Week\s*(\d+)\s*(?:>|›|»|&gt;|\/|-)\s*Day\s*(\d+)(?:\s*(?:>|›|»|&gt;|\/|-)\s*Session\s*(\d+))?/i;
const markerRe = /<!--\s*lesson-aware:\s*([\s\S]*?)-->/g;

export interface ParseLessonOptions {
  uri: string;
  fsPath?: string;
  bundled?: boolean;
}

export function parseLesson(text: string, options: ParseLessonOptions): Lesson {
  const problems: string[] = [];
  const { frontMatter, body, problem } = splitFrontMatter(text);
  if (problem) problems.push(problem);
  const lines = body.split(/\r?\n/);
  let tokens: Token[] = [];
  try {
    tokens = md.parse(body, {});
  } catch (error) {
    problems.push(`Markdown could not be parsed: ${(error as Error).message}`);
  }

  interface Heading { level: number; line: number; title: string; plainTitle: string }
  const headings: Heading[] = [];
  const fences: CodeBlock[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type === 'heading_open' && t.map) {
      const inline = tokens[i + 1];
      const title = inline?.type === 'inline' ? inline.content.trim() : '';
      headings.push({ level: Number(t.tag.slice(1)), line: t.map[0], title, plainTitle: plainText(inline) || title });
    } else if ((t.type === 'fence' || t.type === 'code_block') && t.map) {
      fences.push({
        lang: t.type === 'fence' ? t.info.trim().split(/\s+/)[0].toLowerCase() : '',
        content: t.content,
        line: t.map[0],
        endLine: t.map[1],
        badExample: false,
      });
    }
  }

  // Lines inside fences, for prose extraction and marker detection.
  const inFence = new Uint8Array(lines.length);
  for (const f of fences) for (let l = f.line; l < Math.min(f.endLine, lines.length); l++) inFence[l] = 1;
  markBadExamples(fences, lines, inFence);

  const course = courseFromFrontMatter(frontMatter) ?? courseFromText(lines, inFence);
  const slugs = new SlugCounter();
  const stack: Heading[] = [];
  const sections: Section[] = headings.map((h, idx) => {
    while (stack.length && stack[stack.length - 1].level >= h.level) stack.pop();
    stack.push(h);
    const endLine = idx + 1 < headings.length ? headings[idx + 1].line : lines.length;
    const own = fences.filter((f) => f.line > h.line && f.line < endLine);
    const prose: string[] = [];
    const markers: string[] = [];
    const ruleMarkers: string[] = [];
    for (let l = h.line + 1; l < endLine; l++) {
      if (inFence[l]) continue;
      prose.push(lines[l]);
      for (const m of lines[l].matchAll(markerRe)) {
        markers.push(...parseDirectiveList(m[1], 'fields'));
        ruleMarkers.push(...parseDirectiveList(m[1], 'rules'));
      }
    }
    return {
      title: h.title,
      plainTitle: h.plainTitle,
      slug: slugs.next(h.plainTitle),
      level: h.level,
      line: h.line,
      endLine,
      path: stack.map((s) => s.plainTitle),
      prose: prose.join('\n'),
      diagramText: own.filter((f) => f.lang !== 'yaml' && f.lang !== 'yml' && f.lang !== 'mermaid').map((f) => f.content).join('\n'),
      codeBlocks: own,
      markers,
      ruleMarkers,
    };
  });

  const firstH1 = headings.find((h) => h.level === 1) ?? headings[0];
  const title = frontMatter.title ?? firstH1?.plainTitle ?? fileTitle(options.uri);
  return {
    uri: options.uri,
    fsPath: options.fsPath,
    title,
    course,
    lang: frontMatter.lang,
    tags: frontMatter.tags ?? [],
    sections,
    problems,
    bundled: options.bundled ?? false,
  };
}

function plainText(inline: Token | undefined): string {
  if (!inline || inline.type !== 'inline' || !inline.children) return '';
  return inline.children
    .filter((c) => c.type === 'text' || c.type === 'code_inline' || c.type === 'html_inline' && false)
    .map((c) => c.content)
    .join('')
    .trim();
}

/** The list after `name=` in one marker comment (`fields=a.b, c rules=x`). */
export function parseDirectiveList(body: string, name: 'fields' | 'rules'): string[] {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*([^]*?)(?=\\s+\\w[\\w-]*\\s*=|$)`).exec(body.trim());
  if (!m) return [];
  return m[1].split(/[,\s]+/).map((s) => s.trim()).filter(Boolean);
}

function markBadExamples(fences: CodeBlock[], lines: string[], inFence: Uint8Array): void {
  for (const f of fences) {
    for (let l = f.line - 1; l >= 0 && l >= f.line - 3; l--) {
      if (inFence[l]) break;
      const line = lines[l].trim();
      if (line === '') continue;
      if (/<!--\s*lesson-aware:[^>]*\bbad-example\b/.test(line)) f.badExample = true;
      break;
    }
  }
}

function courseFromFrontMatter(fm: { week?: number; day?: number; session?: number }): CoursePosition | undefined {
  if (fm.week === undefined && fm.day === undefined && fm.session === undefined) return undefined;
  const c: CoursePosition = {};
  if (fm.week !== undefined) c.week = fm.week;
  if (fm.day !== undefined) c.day = fm.day;
  if (fm.session !== undefined) c.session = fm.session;
  return c;
}

function courseFromText(lines: string[], inFence: Uint8Array): CoursePosition | undefined {
  for (let l = 0; l < lines.length; l++) {
    if (inFence[l]) continue;
    const m = coursePhrase.exec(lines[l].replace(/\*\*|__/g, ''));
    if (!m) continue;
    const c: CoursePosition = { week: Number(m[1]), day: Number(m[2]) };
    if (m[3] !== undefined) c.session = Number(m[3]);
    return c;
  }
  return undefined;
}

function fileTitle(uri: string): string {
  const last = decodeURIComponent(uri.split('/').pop() ?? uri);
  return last.replace(/\.(md|markdown)$/i, '');
}
