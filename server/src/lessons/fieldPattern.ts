/**
 * Field patterns, as written in lesson markers and concepts.yaml:
 *   Kubernetes: `a.b.c` matched as a suffix of the field path (sequence indices removed);
 *               `Kind:a.b` restricted to a kind and anchored at the document root; `Kind:` the whole kind.
 *   Compose:    `compose:services.*.healthcheck`, anchored at the file root, `*` for a user-chosen name.
 * A pattern also covers the children of the field it names.
 */
export interface FieldPattern {
  source: string;
  compose: boolean;
  kind?: string;
  segments: string[];
}

/** What a field is, for matching: its flavour, kind and key path without sequence indices. */
export interface FieldTarget {
  flavor: 'kubernetes' | 'compose' | 'yaml';
  kind?: string;
  gen: readonly string[];
}

export type PatternMatch = { exact: true; depth: 0 } | { exact: false; depth: number };

export function parseFieldPattern(source: string, forceCompose = false): FieldPattern | undefined {
  let text = source.trim();
  if (!text) return undefined;
  let compose = forceCompose;
  let kind: string | undefined;
  const colon = text.indexOf(':');
  if (colon >= 0) {
    const prefix = text.slice(0, colon);
    if (prefix === 'compose') compose = true;
    else if (/^[A-Za-z][A-Za-z0-9]*$/.test(prefix)) kind = prefix;
    else return undefined;
    text = text.slice(colon + 1);
  }
  const segments = text === '' ? [] : text.split('.').map((s) => s.trim());
  if (segments.some((s) => s === '')) return undefined;
  if (segments.length === 0 && !kind && !compose) return undefined;
  return { source, compose, kind, segments };
}

/** How the pattern matches the field: exactly, or as an ancestor `depth` levels up; undefined when not. */
export function matchPattern(pattern: FieldPattern, target: FieldTarget): PatternMatch | undefined {
  const gen = target.gen;
  const segs = pattern.segments;
  if (pattern.compose) {
    if (target.flavor !== 'compose') return undefined;
    return prefixMatch(segs, gen);
  }
  if (target.flavor === 'compose') return undefined;
  if (pattern.kind !== undefined) {
    if (target.kind !== pattern.kind) return undefined;
    return prefixMatch(segs, gen);
  }
  if (segs.length === 0 || segs.length > gen.length) return undefined;
  // Prefer the match ending closest to the field itself.
  for (let end = gen.length; end >= segs.length; end--) {
    let ok = true;
    for (let i = 0; i < segs.length && ok; i++) ok = segs[i] === '*' || segs[i] === gen[end - segs.length + i];
    if (ok) return end === gen.length ? { exact: true, depth: 0 } : { exact: false, depth: gen.length - end };
  }
  return undefined;
}

function prefixMatch(segs: readonly string[], gen: readonly string[]): PatternMatch | undefined {
  if (segs.length > gen.length) return undefined;
  for (let i = 0; i < segs.length; i++) if (segs[i] !== '*' && segs[i] !== gen[i]) return undefined;
  return segs.length === gen.length ? { exact: true, depth: 0 } : { exact: false, depth: gen.length - segs.length };
}
