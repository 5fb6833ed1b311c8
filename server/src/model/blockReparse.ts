/**
 * Inside one document: re-parse only the block-mapping entry an edit is in (a Compose service, a container's
 * env entry), not the whole document. The entry runs from its key's line to the next sibling key's line; its
 * new text is parsed on its own (an indented mapping parses as it does in place) and must come back as one
 * entry at the same column, without errors; otherwise the next enclosing entry is tried, and the caller falls
 * back to parsing the whole document. The entry's ancestors are copied (new objects down the path, so caches
 * keyed by a node never see its subtree change) and everything after the entry moves by the length change.
 */
import { isMap, isPair, isScalar, isSeq, Node, Pair, YAMLMap } from 'yaml';
import { ParsedDoc, parseSpan, YamlOptions } from './yamlChunks';
import { eachNode } from './eachNode';

/** The part of the text an edit replaced: [start, oldEnd) of the old text is [start, newEnd) of the new one. */
interface Change {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** A block-map entry whose text is [start, end) of the old text: the parent map and the entry's index in it. */
interface Candidate {
  /** Collections from the document root down to `map` (the entry's parent), with the item index taken at each. */
  path: { node: Node; index: number }[];
  map: YAMLMap;
  index: number;
  start: number;
  end: number;
  column: number;
}

const MAX_TRIES = 3;

/** The document with only the entry around the edit re-parsed, or undefined when that is not provably the same. */
export function reparseEntry(doc: ParsedDoc, before: string, after: string, change: Change, options: YamlOptions): ParsedDoc | undefined {
  if (doc.errors.length || doc.warnings.length) return undefined;
  const candidates = entriesAround(doc, before, change);
  for (let i = candidates.length - 1, tries = 0; i >= 0 && tries < MAX_TRIES; i--, tries++) {
    const replaced = tryEntry(doc, candidates[i], after, change, options);
    if (replaced) return replaced;
  }
  return undefined;
}

/** Block-map entries containing the whole edit, outermost first. */
function entriesAround(doc: ParsedDoc, text: string, change: Change): Candidate[] {
  const out: Candidate[] = [];
  const path: { node: Node; index: number }[] = [];
  let node = doc.contents as Node | null;
  for (let depth = 0; node && depth < 200; depth++) {
    if (isMap(node) && !node.flow) {
      const items = node.items as Pair[];
      const index = items.findIndex((p) => contains(p, change));
      if (index < 0) break;
      const span = entrySpan(text, items, index);
      if (span && span.start <= change.start && change.oldEnd < span.end) out.push({ path: [...path], map: node, index, ...span });
      path.push({ node, index });
      node = (items[index].value as Node | null) ?? null;
    } else if (isSeq(node) && !node.flow) {
      const index = node.items.findIndex((item) => contains(item, change));
      if (index < 0) break;
      path.push({ node, index });
      node = node.items[index] as Node;
    } else break;
  }
  return out;
}

function contains(item: unknown, change: Change): boolean {
  const [start, end] = extent(item);
  return start !== undefined && end !== undefined && start <= change.start && change.oldEnd <= end;
}

function extent(item: unknown): [number | undefined, number | undefined] {
  if (isPair(item)) {
    const key = item.key as Node | null;
    const value = item.value as Node | null;
    return [key?.range?.[0] ?? value?.range?.[0], value?.range?.[2] ?? key?.range?.[2]];
  }
  const range = (item as Node | null)?.range;
  return [range?.[0], range?.[2]];
}

/** [start, end) of entry `index` by lines: its key line to the next entry's key line (both keys alone on the left). */
function entrySpan(text: string, items: Pair[], index: number): { start: number; end: number; column: number } | undefined {
  const key = items[index].key as Node | null;
  const next = items[index + 1]?.key as Node | null | undefined;
  if (!isScalar(key) || !key.range || !next || !isScalar(next) || !next.range) return undefined;
  const start = lineStartOf(text, key.range[0]);
  const end = lineStartOf(text, next.range[0]);
  if (start === undefined || end === undefined || end <= start) return undefined;
  return { start, end, column: key.range[0] - start };
}

/** The start of the line holding `offset`, when only spaces stand before it on that line. */
function lineStartOf(text: string, offset: number): number | undefined {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  for (let i = start; i < offset; i++) if (text.charCodeAt(i) !== 32) return undefined;
  return start;
}

/**
 * Whether [start, end) ends with a content line: a node's end in place runs over trailing blank and comment
 * lines up to the next entry's key, where a parse of the entry alone stops at the end of its text.
 */
function endsWithContent(text: string, start: number, end: number): boolean {
  if (end <= start || text.charCodeAt(end - 1) !== 10) return false;
  const lineStart = text.lastIndexOf('\n', end - 2) + 1;
  const line = text.slice(Math.max(lineStart, start), end - 1).trim();
  return line !== '' && !line.startsWith('#');
}

function tryEntry(doc: ParsedDoc, c: Candidate, after: string, change: Change, options: YamlOptions): ParsedDoc | undefined {
  const delta = change.newEnd - change.oldEnd;
  const end = c.end + delta;
  if (!endsWithContent(after, c.start, end)) return undefined;
  let parsed: ParsedDoc[];
  try {
    parsed = parseSpan(after, c.start, end, options);
  } catch {
    return undefined;
  }
  if (parsed.length !== 1) return undefined;
  const piece = parsed[0];
  const root = piece.contents as Node | null;
  if (piece.errors.length || piece.warnings.length || !isMap(root) || root.flow || root.items.length !== 1) return undefined;
  const pair = root.items[0] as Pair;
  const key = pair.key as Node | null;
  if (!isScalar(key) || !key.range || key.range[0] - c.start !== c.column || lineStartOf(after, key.range[0]) !== c.start) return undefined;
  const value = pair.value as Node | null;
  if ((value?.range?.[2] ?? key.range[2]) > end) return undefined;

  // Everything after the entry moves; the entry's own nodes are replaced, its ancestors copied.
  const oldEnd = c.end;
  shiftAfter(doc.contents as Node | null, oldEnd, delta, c.map.items[c.index] as Pair);
  const copy = cloneNode(doc);
  if (doc.range) copy.range = doc.range.map((v) => (v >= oldEnd ? v + delta : v)) as typeof doc.range;
  const rootCopy = cloneNode(doc.contents as Node);
  copy.contents = rootCopy as typeof copy.contents;
  let current = rootCopy as unknown as { items: unknown[] };
  for (const step of c.path) {
    const items = [...current.items];
    current.items = items;
    const child = items[step.index];
    let next: Node;
    if (isPair(child)) {
      const pairCopy = cloneNode(child);
      next = cloneNode(child.value as Node);
      pairCopy.value = next;
      items[step.index] = pairCopy;
    } else {
      next = cloneNode(child as Node);
      items[step.index] = next;
    }
    current = next as unknown as { items: unknown[] };
  }
  const items = [...current.items];
  current.items = items;
  items[c.index] = pair;
  return copy;
}

/** A shallow copy with the same prototype (a YAML node, pair or document). */
function cloneNode<T extends object>(node: T): T {
  return Object.defineProperties(Object.create(Object.getPrototypeOf(node)), Object.getOwnPropertyDescriptors(node)) as T;
}

/** Moves every offset at or after `from` by `delta`, skipping the subtree of `skip` (the replaced entry). */
function shiftAfter(root: Node | null, from: number, delta: number, skip: Pair): void {
  if (delta === 0) return;
  eachNode(root, (node) => {
    const range = node.range;
    if (range) for (let i = 0; i < range.length; i++) if (range[i] >= from) range[i] += delta;
  }, skip);
}
