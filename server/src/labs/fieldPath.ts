/**
 * Field paths of lab checks: `spec.template.spec.containers[].securityContext.capabilities.drop`.
 * Segments: `key`, `*` (every key of a mapping), `[]` (every item), `[0]` (one item), `["a.b/c"]` (a key with dots).
 */
import type { FieldSegment } from './labModel';

/** The segments of a path, or a message saying what is wrong with it. */
export function parseFieldPath(text: string): FieldSegment[] | string {
  const out: FieldSegment[] = [];
  let i = 0;
  const s = text.trim();
  if (!s) return 'empty path';
  while (i < s.length) {
    if (s[i] === '[') {
      const close = s[i + 1] === '"' || s[i + 1] === "'" ? s.indexOf(`${s[i + 1]}]`, i + 2) : s.indexOf(']', i);
      if (close < 0) return `unclosed "[" at column ${i + 1}`;
      const inner = s[i + 1] === '"' || s[i + 1] === "'" ? undefined : s.slice(i + 1, close);
      if (inner === undefined) {
        const key = s.slice(i + 2, close);
        if (!key) return `empty quoted key at column ${i + 1}`;
        out.push({ key });
        i = close + 2;
      } else if (inner === '') {
        out.push({ everyItem: true });
        i = close + 1;
      } else if (/^\d+$/.test(inner)) {
        out.push({ item: Number(inner) });
        i = close + 1;
      } else return `"[${inner}]" is neither [], [n] nor ["key"]`;
    } else {
      let end = i;
      while (end < s.length && s[end] !== '.' && s[end] !== '[') end++;
      const key = s.slice(i, end);
      if (!key) return `empty segment at column ${i + 1}`;
      out.push(key === '*' ? { anyKey: true } : { key });
      i = end;
    }
    if (i < s.length && s[i] === '.') {
      i++;
      if (i >= s.length) return 'path ends with "."';
      if (s[i] === '.') return `empty segment at column ${i + 1}`;
    } else if (i < s.length && s[i] !== '[') return `unexpected "${s[i]}" at column ${i + 1}`;
  }
  return out;
}

/** A concrete path for messages: `spec.containers[0].securityContext` (`[]`/`*` where nothing was reached). */
export function formatPath(segments: readonly (string | number)[]): string {
  let out = '';
  for (const seg of segments) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (seg === '[]') out += '[]';
    else if (seg === '*') out += out ? '.*' : '*';
    else if (/^[\w-]+$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `["${seg}"]`;
  }
  return out;
}
