/**
 * Shared pieces of the single-document Kubernetes rules: container names and ranges, effective
 * securityContext values (the container overrides the pod), sequence/pair edits that keep every other byte,
 * and Kubernetes quantities.
 */
import { isAlias, isMap, isScalar, isSeq, Node, Pair } from 'yaml';
import type { PathSegment } from '../../schema/types';
import { eolOf } from '../edits';
import type { OffsetEdit } from '../types';
import type { ContainerRef, PodSpecRef } from '../workloads';
import { asMap, asSeq, get, keyRange, pairOf, str } from '../yamlNodes';

export function containerName(c: ContainerRef): string {
  return str(get(c.node, 'name')) ?? `${c.list}[${c.index}]`;
}

/** Range of `key` in the container when present, else of the container's `securityContext` key, else its `name`. */
export function containerRange(c: ContainerRef, ...preferred: string[]): [number, number] | undefined {
  for (const k of [...preferred, 'securityContext', 'name']) {
    if (pairOf(c.node, k)) return keyRange(c.node, k);
  }
  return keyRange(c.node, 'name');
}

export function securityContextOf(node: Node | undefined): Node | undefined {
  return get(node, 'securityContext');
}

/** The container's own value when set, else the pod's (for fields that exist at both levels). */
export function effective(pod: PodSpecRef, c: ContainerRef, key: string): Node | undefined {
  return get(securityContextOf(c.node), key) ?? get(securityContextOf(pod.node), key);
}

export function scPath(c: ContainerRef, ...rest: string[]): PathSegment[] {
  return [...c.path, 'securityContext', ...rest];
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEndAfter(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/** Appends a plain scalar item to a sequence (flow: before `]`; block: a new `- item` line under the others). */
export function appendToSeq(text: string, seqNode: Node, item: string): OffsetEdit | undefined {
  const seq = asSeq(seqNode);
  if (!seq || !seq.range) return undefined;
  if (seq.flow) {
    const close = text.lastIndexOf(']', seq.range[1] - 1);
    if (close < seq.range[0]) return undefined;
    const inner = text.slice(seq.range[0] + 1, close);
    if (inner.trim() === '') return { start: close, end: close, newText: item };
    const at = seq.range[0] + 1 + inner.trimEnd().length;
    return { start: at, end: at, newText: inner.trimEnd().endsWith(',') ? ` ${item}` : `, ${item}` };
  }
  const last = seq.items[seq.items.length - 1] as Node | undefined;
  if (!last?.range) return undefined;
  const firstStart = (seq.items[0] as Node).range![0];
  const dash = text.lastIndexOf('-', firstStart);
  const lineStart = lineStartOf(text, dash);
  if (dash < lineStart || text.slice(lineStart, dash).trim() !== '') return undefined;
  let end = last.range[1];
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  const at = lineEndAfter(text, end);
  const eol = eolOf(text);
  const prefix = at === text.length && !text.endsWith('\n') ? eol : '';
  return { start: at, end: at, newText: `${prefix}${text.slice(lineStart, dash)}- ${item}${at === text.length ? '' : eol}` };
}

/** Removes item `index` of a sequence when it is a single-line scalar (block: its line; flow: the item and a comma). */
export function removeSeqItem(text: string, seqNode: Node, index: number): OffsetEdit | undefined {
  const seq = asSeq(seqNode);
  const item = seq?.items[index] as Node | undefined;
  if (!seq || !item?.range || !isScalar(item)) return undefined;
  const [s, e] = item.range;
  if (seq.flow) {
    const after = /^\s*,\s*/.exec(text.slice(e));
    if (after) return { start: s, end: e + after[0].length, newText: '' };
    const before = /,\s*$/.exec(text.slice(seq.range![0] + 1, s));
    if (before) return { start: s - before[0].length, end: e, newText: '' };
    return { start: s, end: e, newText: '' };
  }
  if (seq.items.length === 1) return undefined; // removing the only line would leave `key:` null; let a human decide
  const lineStart = lineStartOf(text, s);
  if (!/^\s*-\s*$/.test(text.slice(lineStart, s))) return undefined;
  const rest = text.slice(e, lineEndAfter(text, e));
  if (!/^\s*(#.*)?\r?\n?$/.test(rest)) return undefined;
  return { start: lineStart, end: lineEndAfter(text, e), newText: '' };
}

/** Removes `key: value` from a mapping when the pair sits on its own line(s) (block) or inside a flow map. */
export function removePair(text: string, mapNode: Node, key: string): OffsetEdit | undefined {
  const map = asMap(mapNode);
  const pair = pairOf(mapNode, key) as Pair<Node, Node | null> | undefined;
  if (!map || !pair || map.items.length < 2) return undefined;
  const keyStart = (pair.key as Node).range?.[0];
  const value = pair.value as Node | null;
  const valueEnd = value?.range?.[1] ?? (pair.key as Node).range?.[1];
  if (keyStart === undefined || valueEnd === undefined || (value && !isScalar(value))) return undefined;
  if (map.flow) {
    const after = /^\s*,\s*/.exec(text.slice(valueEnd));
    if (after) return { start: keyStart, end: valueEnd + after[0].length, newText: '' };
    const before = /,\s*$/.exec(text.slice(map.range![0] + 1, keyStart));
    if (before) return { start: keyStart - before[0].length, end: valueEnd, newText: '' };
    return undefined;
  }
  const lineStart = lineStartOf(text, keyStart);
  const lead = text.slice(lineStart, keyStart);
  if (lead.trim() !== '') return undefined; // `- key: v` (first pair of a list item): keep it simple, no fix
  const rest = text.slice(valueEnd, lineEndAfter(text, valueEnd));
  if (!/^\s*(#.*)?\r?\n?$/.test(rest)) return undefined;
  return { start: lineStart, end: lineEndAfter(text, valueEnd), newText: '' };
}

/** Combines edits into one list: inserts at the same offset are concatenated in the order given. */
export function combineEdits(edits: (OffsetEdit | undefined)[]): OffsetEdit[] | undefined {
  const out: OffsetEdit[] = [];
  for (const e of edits) {
    if (!e) continue;
    const same = out.find((o) => o.start === e.start && o.end === o.start && e.end === e.start);
    if (same) {
      same.newText += e.newText;
      continue;
    }
    if (out.some((o) => e.start < o.end && o.start < e.end)) return undefined;
    if (out.some((o) => (o.start === o.end || e.start === e.end) && (o.start === e.start || (o.start > e.start && o.start < e.end) || (e.start > o.start && e.start < o.end)))) return undefined;
    out.push({ ...e });
  }
  return out.length ? out : undefined;
}

/**
 * Whether a subtree uses aliases or merge keys (`<<: *base`). The node helpers do not resolve them, so a
 * rule that reports a *missing* field skips such subtrees rather than guess (no false "missing" findings).
 */
export function hasAliases(node: Node | null | undefined, depth = 6): boolean {
  if (!node) return false;
  if (isAlias(node)) return true;
  if (depth <= 0) return false;
  if (isMap(node)) {
    return (node.items as Pair<Node, Node | null>[]).some(
      (p) => isAlias(p.key) || (isScalar(p.key) && (p.key as { value: unknown }).value === '<<') || hasAliases(p.value, depth - 1),
    );
  }
  if (isSeq(node)) return (node.items as Node[]).some((i) => hasAliases(i, depth - 1));
  return false;
}

export function isMapNode(node: Node | undefined | null): boolean {
  return isMap(node);
}

export function isSeqNode(node: Node | undefined | null): boolean {
  return isSeq(node);
}

const memoryUnits: Record<string, number> = {
  '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, Pi: 1024 ** 5, Ei: 1024 ** 6, m: 1e-3,
};

/** A Kubernetes quantity (`100m`, `1.5`, `128Mi`, `1e3`) as a number; undefined when it is not one. */
export function parseQuantity(value: string | undefined): number | undefined {
  const m = /^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:[eE]([+-]?\d+))?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E|m)?\s*$/.exec(value ?? '');
  if (!m) return undefined;
  const base = Number(m[1]) * (m[2] ? 10 ** Number(m[2]) : 1);
  return base * memoryUnits[m[3] ?? ''];
}
