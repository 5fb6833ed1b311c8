/**
 * Offline validation of a Compose file against the Compose specification (bundled schema + composeSpec.ts):
 * unknown keys (outside `x-` extensions) in reviewed mappings, values of the wrong shape (a list where a
 * mapping is expected...), invalid values of closed sets (depends_on condition, restart), missing required
 * keys. Interpolated values (`${VAR}`), `!reset` nodes, aliases and `<<` merges are never flagged.
 */
import { isAlias, isMap, isScalar, isSeq, Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { isComposeFileName } from '../../model/manifestModel';
import { withParticle } from '../../koParticles';
import type { PathSegment } from '../../schema/types';
import type { DocContext } from '../types';
import { CHECKED_REQUIRED, CHECKED_VALUES, MODERN_KEYS, MODERN_KINDS, NodeKind } from './composeSpec';
import { closestName, SchemaIssue } from './schemaIssues';

interface Walk {
  ctx: DocContext;
  out: SchemaIssue[];
}

function kindOf(node: Node): NodeKind {
  return isMap(node) ? 'map' : isSeq(node) ? 'seq' : 'scalar';
}

/** Node kinds a schema field accepts; undefined when anything goes. */
function kindsOfTypes(types: readonly string[]): NodeKind[] | undefined {
  const out = new Set<NodeKind>();
  for (const t of types) {
    if (t === 'object' || t === 'map') out.add('map');
    else if (t === 'array') out.add('seq');
    else if (t === 'string' || t === 'number' || t === 'integer' || t === 'boolean') out.add('scalar');
    else if (t !== 'null') return undefined;
  }
  return out.size > 0 ? [...out] : undefined;
}

const KIND_WORDS: Record<NodeKind, string> = { map: 'mapping', seq: 'list', scalar: 'single value' };

function skipValue(node: unknown): boolean {
  if (!node || isAlias(node)) return true;
  if ((node as { tag?: string }).tag === '!reset') return true;
  if (isScalar(node)) {
    const v = (node as Scalar).value;
    return v === null || v === undefined || (typeof v === 'string' && v.includes('$'));
  }
  return false;
}

function keyText(p: Pair<unknown, unknown>): string | undefined {
  return isScalar(p.key) ? String((p.key as Scalar).value) : undefined;
}

function validateMap(w: Walk, map: YAMLMap<Node, Node | null>, path: PathSegment[], gen: string[], keyRange: [number, number] | undefined): void {
  const docs = w.ctx.fieldDocs;
  const keys = docs.composeKeys?.(path);
  const pattern = gen.join('.');
  const reviewed = Object.prototype.hasOwnProperty.call(MODERN_KEYS, pattern);
  const named = new Map((keys?.fields ?? []).map((f) => [f.name, f]));
  const present = new Set<string>();
  let merged = false;
  for (const p of map.items) {
    const key = keyText(p);
    if (key === undefined) continue;
    if (key === '<<') {
      merged = true;
      continue;
    }
    present.add(key);
    if (key.startsWith('x-')) continue;
    const field = named.get(key);
    const modern = reviewed && MODERN_KEYS[pattern].includes(key);
    const userNamed = !field && !modern && !!keys?.anyKey;
    if (!field && !modern && !userNamed) {
      if (reviewed && keys && p.key && (p.key as Node).range) {
        const r = (p.key as Node).range!;
        const known = [...named.keys(), ...MODERN_KEYS[pattern]].filter((k) => !present.has(k));
        const suggestion = closestName(key, known);
        const src = w.ctx.model.text.slice(r[0], r[1]);
        const quote = src[0] === '"' || src[0] === "'" ? src[0] : '';
        w.out.push({
          kind: 'unknown', start: r[0], end: r[1], args: [key, pattern === '' ? '(top level)' : pattern, suggestion ?? '-'], path: [...path, key],
          fixes: suggestion ? [{ title: { en: `Rename to ${suggestion}`, ko: `${withParticle(suggestion, '으로/로')} 이름 바꾸기` }, edits: [{ start: r[0], end: r[1], newText: `${quote}${suggestion}${quote}` }], preferred: true }] : [],
        });
      }
      continue;
    }
    const childGen = [...gen, field || modern ? key : '*'];
    const value = p.value;
    if (skipValue(value)) continue;
    const v = value as Node;
    if (pattern === 'services' && userNamed && !isMap(v) && v.range) {
      w.out.push({ kind: 'type', start: v.range[0], end: v.range[1], args: [key, KIND_WORDS.map, KIND_WORDS[kindOf(v)]], path: [...path, key] });
      continue;
    }
    const types = field ? (field.types ?? [field.type]) : undefined;
    const accepted = reviewed ? (field ? kindsOfTypes(types ?? []) : modern ? MODERN_KINDS[key] : undefined) : undefined;
    if (accepted && !accepted.includes(kindOf(v)) && v.range) {
      w.out.push({
        kind: 'type', start: v.range[0], end: v.range[1], args: [key, accepted.map((k) => KIND_WORDS[k]).join(' or '), KIND_WORDS[kindOf(v)]], path: [...path, key],
      });
      continue;
    }
    checkValue(w, v, [...path, key], childGen.join('.'), key);
    const childKey = (p.key as Node).range ? ([(p.key as Node).range![0], (p.key as Node).range![1]] as [number, number]) : undefined;
    // Each top-level entry's subtree (a service, a network) is checked once while it stays the same node.
    if (path.length === 1) descendOnce(w, v, [...path, key], childGen, childKey);
    else descend(w, v, [...path, key], childGen, childKey);
  }
  const required = CHECKED_REQUIRED[pattern];
  if (required && !merged && keyRange) {
    for (const r of required) {
      if (!present.has(r)) w.out.push({ kind: 'required', start: keyRange[0], end: keyRange[1], args: [path.slice(-2).join('.'), r], path: [...path, r] });
    }
  }
}

function checkValue(w: Walk, node: Node, path: PathSegment[], pattern: string, key: string): void {
  const rule = CHECKED_VALUES[pattern];
  if (!rule || !isScalar(node) || !node.range) return;
  const v = String((node as Scalar).value);
  const ok = rule.values ? rule.values.includes(v) : rule.pattern!.test(v);
  if (ok) return;
  const suggestion = rule.values ? closestName(v, rule.values) : undefined;
  w.out.push({
    kind: 'enum', start: node.range[0], end: node.range[1], args: [v, key, rule.shown], path,
    fixes: suggestion ? [{ title: { en: `Change to ${suggestion}`, ko: `${withParticle(suggestion, '으로/로')} 바꾸기` }, edits: [{ start: node.range[0], end: node.range[1], newText: suggestion }], preferred: true }] : [],
  });
}

/**
 * Issues of a subtree, remembered per node: incremental parsing keeps the nodes of untouched entries (only
 * moving their offsets), and the checks read nothing outside the subtree (aliases and merges are skipped), so
 * the issues stay valid, offsets taken relative to the node's start.
 */
const subtreeIssues = new WeakMap<object, WeakMap<Node, { key: string; start: number; issues: SchemaIssue[] }>>();

function descendOnce(w: Walk, node: Node, path: PathSegment[], gen: string[], keyRange: [number, number] | undefined): void {
  const start = node.range?.[0];
  if (start === undefined || !keyRange) return descend(w, node, path, gen, keyRange);
  let memo = subtreeIssues.get(w.ctx.fieldDocs);
  if (!memo) subtreeIssues.set(w.ctx.fieldDocs, (memo = new WeakMap()));
  const key = `${path.join('\u0000')}\u0001${gen.join('.')}\u0001${keyRange[0] - start},${keyRange[1] - start}`;
  const known = memo.get(node);
  if (known && known.key === key) {
    for (const issue of known.issues) w.out.push(movedIssue(issue, start - known.start));
    return;
  }
  const first = w.out.length;
  descend(w, node, path, gen, keyRange);
  memo.set(node, { key, start, issues: w.out.slice(first) });
}

function movedIssue(issue: SchemaIssue, delta: number): SchemaIssue {
  if (delta === 0) return issue;
  const move = <T extends { start: number; end: number }>(x: T): T => ({ ...x, start: x.start + delta, end: x.end + delta });
  return { ...move(issue), ...(issue.fixes ? { fixes: issue.fixes.map((f) => ({ ...f, edits: f.edits.map(move) })) } : {}) };
}

function descend(w: Walk, node: Node, path: PathSegment[], gen: string[], keyRange: [number, number] | undefined): void {
  if (path.length > 12) return;
  if (isMap(node)) {
    validateMap(w, node as YAMLMap<Node, Node | null>, path, gen, keyRange);
  } else if (isSeq(node)) {
    (node as YAMLSeq<Node | null>).items.forEach((item, i) => {
      if (!isMap(item) || skipValue(item)) return;
      const first = ((item as YAMLMap).items[0] as Pair<Node> | undefined)?.key?.range;
      validateMap(w, item as YAMLMap<Node, Node | null>, [...path, i], [...gen, '[]'], first ? [first[0], first[1]] : undefined);
    });
  }
}

/** Found by content only: some service must have an image or a build before the file is held to the spec. */
function looksLikeCompose(root: YAMLMap<Node, Node | null>): boolean {
  const services = root.items.find((p) => keyText(p) === 'services')?.value;
  if (!isMap(services)) return top(root).includes('include');
  return (services as YAMLMap<Node, Node | null>).items.some((p) => isMap(p.value) && (p.value as YAMLMap).items.some((q) => ['image', 'build'].includes(keyText(q) ?? '')));
}

function top(root: YAMLMap<Node, Node | null>): (string | undefined)[] {
  return root.items.map(keyText);
}

/** Every schema issue of one Compose document. */
export function composeSchemaIssues(ctx: DocContext): SchemaIssue[] {
  if (ctx.doc.flavor === 'kubernetes' || !isMap(ctx.root) || !ctx.fieldDocs.composeKeys?.([])) return [];
  const root = ctx.root as YAMLMap<Node, Node | null>;
  const keys = top(root);
  if (!keys.includes('services') && !keys.includes('include')) return []; // not a Compose file after all
  if (ctx.model.text.slice(ctx.doc.start, ctx.doc.end).includes('{{')) return []; // a template that renders the file
  if (!isComposeFileName(ctx.model.uri) && !looksLikeCompose(root)) return []; // a `services:` map of some other tool
  const out: SchemaIssue[] = [];
  validateMap({ ctx, out }, root, [], [], undefined);
  return out;
}
