/**
 * Formatting-preserving edits for quick fixes: insert entries into an existing mapping (block or flow),
 * create the missing parents, or replace one scalar. Only the inserted/replaced bytes change; comments,
 * quoting, key order, indentation style and line endings elsewhere stay identical.
 */
import { isMap, isScalar, Node, Pair, stringify } from 'yaml';
import type { PathSegment } from '../schema/types';
import type { OffsetEdit } from './types';
import { asMap, pairOf } from './yamlNodes';

export type Entries = Record<string, unknown>;

/** '\r\n' when the file uses CRLF, else '\n'. */
let lastEolText: string | undefined;
let lastEol = '\n';
export function eolOf(text: string): string {
  // Rules ask once per fix on the same (large) text: remember the last answer.
  if (text !== lastEolText) {
    lastEolText = text;
    lastEol = text.includes('\r\n') ? '\r\n' : '\n';
  }
  return lastEol;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

export function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/** The document's indentation step (2 by default), from the first nested block mapping found. */
export function indentStep(text: string): number {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i + 1 < lines.length; i++) {
    const m = /^(\s*)(?:- )?[^\s#][^:]*:\s*(#.*)?$/.exec(lines[i]);
    if (!m) continue;
    const next = /^(\s*)\S/.exec(lines[i + 1]);
    if (!next) continue;
    const base = lines[i].search(/\S/) + (lines[i].trimStart().startsWith('- ') ? 2 : 0);
    const diff = next[1].length - base;
    if (diff > 0 && diff <= 8) return diff;
  }
  return 2;
}

/** Block YAML for entries, every line prefixed with `indent`, each ending with `eol`. */
export function blockLines(entries: Entries, indent: string, eol: string): string {
  const body = stringify(entries, { indent: 2, lineWidth: 0, indentSeq: true }).replace(/\n$/, '');
  return body.split('\n').map((l) => `${indent}${l}${eol}`).join('');
}

/** `k: v, k2: {a: [b]}` on one line (no line width: a long nested value must not wrap inside a flow map). */
function flowEntries(entries: Entries): string {
  return Object.entries(entries)
    .map(([k, v]) => `${k}: ${stringify(v, { flow: true, lineWidth: 0 }).trim()}`)
    .join(', ');
}

/**
 * Inserts entries into the mapping `mapNode` (which must exist). Block mappings get new lines after their
 * last entry, at the column of their keys; flow mappings get `, k: v` before the closing brace.
 */
export function insertIntoMap(text: string, mapNode: Node, entries: Entries): OffsetEdit | undefined {
  const map = asMap(mapNode);
  if (!map || !map.range) return undefined;
  const eol = eolOf(text);
  if (map.flow) {
    const close = text.lastIndexOf('}', map.range[1] - 1);
    if (close < map.range[0]) return undefined;
    const inner = text.slice(map.range[0] + 1, close);
    const sep = inner.trim() === '' ? '' : inner.trimEnd().endsWith(',') ? ' ' : ', ';
    const at = inner.trim() === '' ? close : map.range[0] + 1 + inner.trimEnd().length;
    return { start: at, end: at, newText: `${sep}${flowEntries(entries)}` };
  }
  const pairs = map.items as Pair<Node, Node | null>[];
  if (pairs.length === 0) return undefined;
  const firstKey = pairs[0].key as Node;
  const column = columnOf(text, firstKey.range![0]);
  const last = pairs[pairs.length - 1];
  const lastEnd = (last.value as Node | null)?.range?.[1] ?? (last.key as Node).range![1];
  return insertAfterLine(text, lastEnd, ' '.repeat(column), entries, eol);
}

/** Inserts block lines after the line holding `offset - 1` (the last content character). */
function insertAfterLine(text: string, contentEnd: number, indent: string, entries: Entries, eol: string): OffsetEdit {
  let at = contentEnd;
  while (at > 0 && /[\s]/.test(text[at - 1])) at--; // back over trailing blank lines the range may include
  const nl = text.indexOf('\n', at);
  if (nl < 0) return { start: text.length, end: text.length, newText: eol + blockLines(entries, indent, eol).replace(new RegExp(`${eol}$`), '') };
  return { start: nl + 1, end: nl + 1, newText: blockLines(entries, indent, eol) };
}

/**
 * Sets `path` (relative to `mapNode`) to hold `entries`, creating missing parent mappings. Returns one edit,
 * or undefined when the structure is not a mapping where one is needed (a human must fix it).
 */
export function ensureEntries(text: string, mapNode: Node, path: readonly string[], entries: Entries): OffsetEdit | undefined {
  let cur: Node = mapNode;
  for (let i = 0; i < path.length; i++) {
    const pair = pairOf(cur, path[i]);
    const nested = nest(path.slice(i + 1), entries);
    if (!pair) return insertIntoMap(text, cur, { [path[i]]: nested });
    const value = pair.value as Node | null;
    if (value && isMap(value)) {
      if ((value as { items: unknown[] }).items.length === 0) return fillEmptyMap(text, pair, nested);
      cur = value;
      continue;
    }
    if (!value || (isScalar(value) && (value as { value: unknown }).value === null)) return fillNullValue(text, pair, nested);
    return undefined;
  }
  return insertIntoMap(text, cur, entries);
}

function nest(path: readonly string[], entries: Entries): Entries {
  return path.reduceRight<Entries>((acc, key) => ({ [key]: acc }), entries);
}

/** `key: {}` → `key: {a: 1}` (keeps the flow style the author chose). */
function fillEmptyMap(text: string, pair: Pair<Node, Node | null>, entries: Entries): OffsetEdit | undefined {
  const value = pair.value as Node;
  const [s, e] = value.range!;
  const inner = text.slice(s, e);
  if (!/^\{\s*\}$/.test(inner.trim())) return undefined;
  return { start: s, end: e, newText: `{${flowEntries(entries)}}` };
}

/** `key:` (null) → `key:` followed by the entries as a nested block. */
function fillNullValue(text: string, pair: Pair<Node, Node | null>, entries: Entries): OffsetEdit {
  const key = pair.key as Node;
  const column = columnOf(text, key.range![0]);
  const value = pair.value as Node | null;
  const end = value?.range?.[1] && value.range[1] > key.range![1] ? value.range[1] : key.range![1];
  // Past the `:` and any comment on the key's line.
  const nl = text.indexOf('\n', end);
  const eol = eolOf(text);
  const indent = ' '.repeat(column + indentStep(text));
  if (nl < 0) return { start: text.length, end: text.length, newText: eol + blockLines(entries, indent, eol).replace(new RegExp(`${eol}$`), '') };
  return { start: nl + 1, end: nl + 1, newText: blockLines(entries, indent, eol) };
}

/** Replaces one scalar's text (the value range), keeping everything around it. */
export function replaceNode(node: Node, newText: string): OffsetEdit | undefined {
  const r = node.range;
  return r ? { start: r[0], end: r[1], newText } : undefined;
}

/** Applies offset edits (non-overlapping) to a text. */
export function applyEdits(text: string, edits: readonly OffsetEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** For ensureEntries callers that address containers by index paths. */
export function stringPath(path: readonly PathSegment[]): string[] | undefined {
  return path.every((p) => typeof p === 'string') ? (path as string[]) : undefined;
}
