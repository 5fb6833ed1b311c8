/** Key path lookup: which key (and document) an offset is on. Offsets inside, positions at the edge. */
import { isMap, isPair, isScalar, isSeq, Node, Pair } from 'yaml';
import type { PathSegment } from '../schema/types';
import { DocModel, docAt, ManifestModel } from './manifestModel';

export interface PathAtResult {
  doc: DocModel;
  /** Key path from the document root to the key under the cursor (or owning the value under it). */
  path: PathSegment[];
  /** [start, end) of the key node. */
  keyStart: number;
  keyEnd: number;
  /** True when the offset is on the key itself, false when on its value. */
  onKey: boolean;
}

/** The key path for an offset on a key or its (scalar) value; undefined elsewhere. */
export function pathAt(model: ManifestModel, offset: number): PathAtResult | undefined {
  const doc = docAt(model, offset);
  if (!doc || offset > doc.end) return undefined;
  const root = doc.doc.contents as Node | null;
  if (!root) return undefined;
  const path: PathSegment[] = [];
  let node: Node | null = root;
  let best: { keyStart: number; keyEnd: number; onKey: boolean } | undefined;
  // Descend while the offset is inside a collection item; depth is bounded by the text itself.
  for (let depth = 0; node && depth < 10_000; depth++) {
    if (isMap(node)) {
      const pair: Pair | undefined = node.items.find((p) => pairContains(p, offset));
      if (!pair || !isScalar(pair.key)) return best && { doc, path, ...best };
      const keyNode = pair.key as Node;
      const [ks, ke] = keyNode.range ?? [0, 0];
      const key = String((pair.key as { value: unknown }).value);
      path.push(key);
      const onKey = offset >= ks && offset <= ke;
      best = { keyStart: ks, keyEnd: ke, onKey };
      if (onKey) return { doc, path, ...best };
      node = (pair.value as Node | null) ?? null;
      if (!node || isScalar(node)) return { doc, path, ...best };
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => nodeContains(item as Node, offset));
      if (index < 0) return best && { doc, path, ...best };
      const item = node.items[index] as Node;
      if (isScalar(item)) return best && { doc, path: [...path, index], ...best, onKey: false };
      path.push(index);
      node = item;
    } else {
      return best && { doc, path, ...best };
    }
  }
  return best && { doc, path, ...best };
}

function pairContains(pair: Pair, offset: number): boolean {
  if (!isPair(pair)) return false;
  const key = pair.key as Node | null;
  const value = pair.value as Node | null;
  const start = key?.range?.[0] ?? value?.range?.[0];
  const end = value?.range?.[1] ?? key?.range?.[1];
  if (start === undefined || end === undefined) return false;
  return offset >= start && offset <= end;
}

function nodeContains(node: Node | null, offset: number): boolean {
  if (!node) return false;
  if (isPair(node)) return pairContains(node as unknown as Pair, offset);
  const range = node.range;
  if (!range) return false;
  if (offset >= range[0] && offset <= range[1]) return true;
  // A block map item in a sequence (`- name: x`) starts at its first key; the dash belongs to it too.
  return false;
}

/** Path without sequence indices, as used by field patterns: ['spec','containers','image']. */
export function generalizePath(path: readonly PathSegment[]): string[] {
  return path.filter((s): s is string => typeof s === 'string');
}
