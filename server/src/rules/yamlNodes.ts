/** Small, total helpers over `yaml` nodes: lookups that return undefined instead of throwing. */
import { isMap, isPair, isScalar, isSeq, Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { PathSegment } from '../schema/types';

export type AnyNode = Node | null | undefined;

/** The pair for `key` in a mapping node. */
export function pairOf(node: AnyNode, key: string): Pair<Node, Node | null> | undefined {
  if (!isMap(node)) return undefined;
  for (const p of (node as YAMLMap<Node, Node | null>).items) {
    if (isPair(p) && isScalar(p.key) && String((p.key as Scalar).value) === key) return p as Pair<Node, Node | null>;
  }
  return undefined;
}

/** The value node of `key` in a mapping node. */
export function get(node: AnyNode, key: string): Node | undefined {
  return pairOf(node, key)?.value ?? undefined;
}

/** Walks a key path (strings for mapping keys, numbers for sequence items). */
export function getIn(node: AnyNode, path: readonly PathSegment[]): Node | undefined {
  let cur: AnyNode = node;
  for (const seg of path) {
    if (typeof seg === 'number') cur = isSeq(cur) ? ((cur as YAMLSeq<Node>).items[seg] ?? undefined) : undefined;
    else cur = get(cur, seg);
    if (!cur) return undefined;
  }
  return cur ?? undefined;
}

export function asMap(node: AnyNode): YAMLMap<Node, Node | null> | undefined {
  return isMap(node) ? (node as YAMLMap<Node, Node | null>) : undefined;
}

export function asSeq(node: AnyNode): YAMLSeq<Node> | undefined {
  return isSeq(node) ? (node as YAMLSeq<Node>) : undefined;
}

export function items(node: AnyNode): Node[] {
  return asSeq(node)?.items.filter((n): n is Node => !!n) ?? [];
}

/** A scalar's value as JS (string, number, boolean, null); undefined for collections and missing nodes. */
export function scalar(node: AnyNode): string | number | boolean | null | undefined {
  if (!isScalar(node)) return undefined;
  const v = (node as Scalar).value;
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null ? v : undefined;
}

export function str(node: AnyNode): string | undefined {
  const v = scalar(node);
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

export function bool(node: AnyNode): boolean | undefined {
  const v = scalar(node);
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}

export function num(node: AnyNode): number | undefined {
  const v = scalar(node);
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  return undefined;
}

/** [start, end) of a node's value. */
export function rangeOf(node: AnyNode): [number, number] | undefined {
  const r = node?.range;
  return r ? [r[0], r[1]] : undefined;
}

/**
 * [start, end) of the key of `key` in a mapping. When the key is missing: the mapping's first key, so a
 * "missing field" finding underlines one key, never the whole mapping.
 */
export function keyRange(mapNode: AnyNode, key: string): [number, number] | undefined {
  const p = pairOf(mapNode, key);
  return rangeOf(p?.key as AnyNode) ?? firstKeyRange(mapNode) ?? rangeOf(mapNode);
}

function firstKeyRange(mapNode: AnyNode): [number, number] | undefined {
  const first = asMap(mapNode)?.items[0];
  return first ? rangeOf(first.key as AnyNode) : undefined;
}

/** Keys of a mapping node, as strings. */
export function keys(node: AnyNode): string[] {
  return asMap(node)?.items.filter((p) => isScalar(p.key)).map((p) => String((p.key as Scalar).value)) ?? [];
}
