/**
 * Offline validation of a Kubernetes document of a built-in kind against the API types (generated field docs):
 * unknown fields, wrong value types, missing required fields, invalid enum values, apiVersion/kind mismatches.
 * Unknown kinds (CRDs), apiVersions this schema does not describe (older versions of a known group) and the
 * `status` stanza are skipped. Values follow what `kubectl` accepts: quantities may be numbers, IntOrString
 * fields take either, null means unset, YAML 1.1 booleans (yes/no) are booleans.
 */
import { isAlias, isMap, isScalar, isSeq, Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { withParticle } from '../../koParticles';
import type { FieldDoc, FieldDocs, PathSegment } from '../../schema/types';
import type { DocContext, Fix } from '../types';
import { closestName, SchemaIssue, typeLabel } from './schemaIssues';

/** Fields whose values are resource.Quantity (the model types them as strings; YAML numbers are accepted). */
const QUANTITY_FIELDS = new Set([
  'limits', 'requests', 'overhead', 'hard', 'used', 'capacity', 'allocatable', 'sizeLimit', 'averageValue', 'divisor',
  'default', 'defaultRequest', 'max', 'min', 'maxLimitRequestRatio', 'podFixed', 'maximumVolumeSize', 'allocatedResources',
  'targetAverageValue', 'storage',
]);

function isQuantity(field: FieldDoc): boolean {
  return QUANTITY_FIELDS.has(field.name) || (field.name === 'value' && /Metric(Target|ValueStatus)$/.test(field.ownerType));
}

/** Enum values the generated docs miss (their lists come from prose that sometimes trails off). */
const EXTRA_ENUM: Record<string, string[]> = {
  'V1NodeSelectorRequirement.operator': ['Gt', 'Lt'],
  'V1RuleWithOperations.scope': ['*'],
  'V1NamedRuleWithOperations.scope': ['*'],
};

const HISTORICAL_GROUPS = new Set(['extensions']);

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

type FieldIndex = Map<string, FieldDoc> | undefined;
const typeCache = new WeakMap<FieldDocs, Map<string, FieldIndex>>();

function fieldsOf(docs: FieldDocs, typeName: string): FieldIndex {
  let cache = typeCache.get(docs);
  if (!cache) typeCache.set(docs, (cache = new Map()));
  if (!cache.has(typeName)) {
    const list = docs.k8sTypeFields?.(typeName);
    cache.set(typeName, list && list.length > 0 ? new Map(list.map((f) => [f.name, f])) : undefined);
  }
  return cache.get(typeName);
}

interface Walk {
  ctx: DocContext;
  docs: FieldDocs;
  out: SchemaIssue[];
  checkRequired: boolean;
}

function range(node: Node | null | undefined): [number, number] | undefined {
  return node?.range ? [node.range[0], node.range[1]] : undefined;
}

function isNull(node: unknown): boolean {
  return !node || (isScalar(node) && ((node as Scalar).value === null || (node as Scalar).value === undefined));
}

/** What a scalar is, for messages: string, integer, number, boolean. */
function scalarKind(v: unknown): string {
  return typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v === 'boolean' ? 'boolean' : 'string';
}

function typeFix(ctx: DocContext, node: Node, expected: string): Fix[] {
  const r = node.range;
  if (!r || !isScalar(node)) return [];
  const src = ctx.model.text.slice(r[0], r[1]);
  const v = (node as Scalar).value;
  if (expected === 'string' && (typeof v === 'number' || typeof v === 'boolean') && !/["'\n]/.test(src)) {
    return [{ title: { en: `Quote the value ("${src}")`, ko: `값을 따옴표로 감싸기 ("${src}")` }, edits: [{ start: r[0], end: r[1], newText: JSON.stringify(src) }], preferred: true }];
  }
  if (expected === 'integer' && typeof v === 'string' && /^-?\d{1,15}$/.test(v.trim())) {
    return [{ title: { en: `Use the number ${v.trim()}`, ko: `숫자 ${withParticle(v.trim(), '으로/로')} 쓰기` }, edits: [{ start: r[0], end: r[1], newText: v.trim() }], preferred: true }];
  }
  if (expected === 'boolean' && typeof v === 'string' && /^(true|false)$/i.test(v.trim())) {
    const b = v.trim().toLowerCase();
    return [{ title: { en: `Use the boolean ${b}`, ko: `불리언 ${withParticle(b, '으로/로')} 쓰기` }, edits: [{ start: r[0], end: r[1], newText: b }], preferred: true }];
  }
  return [];
}

function wrongType(w: Walk, node: Node, path: PathSegment[], expected: string, actual: string, fixFor?: string): void {
  const r = range(node);
  if (!r) return;
  const name = String([...path].reverse().find((p) => typeof p === 'string') ?? '');
  w.out.push({ kind: 'type', start: r[0], end: r[1], args: [name, expected, actual], path, fixes: fixFor ? typeFix(w.ctx, node, fixFor) : [] });
}

/** A scalar against a primitive field type. */
function checkPrimitive(w: Walk, node: Node, field: FieldDoc, type: string, path: PathSegment[], enumValues?: string[]): void {
  if (isNull(node) || isAlias(node)) return;
  if (type === 'any' && field.format !== 'int-or-string') return;
  if (!isScalar(node)) {
    const expected = type === 'any' ? 'integer or string' : type;
    wrongType(w, node, path, expected, isMap(node) ? 'mapping' : isSeq(node) ? 'list' : 'value');
    return;
  }
  const v = (node as Scalar).value;
  switch (field.format === 'int-or-string' && type === 'any' ? 'int-or-string' : type) {
    case 'string':
      if (typeof v === 'string') {
        const allowed = enumValues && [...enumValues, ...(EXTRA_ENUM[`${field.ownerType}.${field.name}`] ?? [])];
        if (allowed && v !== '' && !allowed.includes(v)) {
          const r = range(node)!;
          const suggestion = allowed.find((a) => a.toLowerCase() === v.toLowerCase()) ?? closestName(v, allowed);
          w.out.push({
            kind: 'enum', start: r[0], end: r[1], args: [v, String(path[path.length - 1] ?? field.name), allowed.join(', ')], path,
            fixes: suggestion ? [{ title: { en: `Change to ${suggestion}`, ko: `${withParticle(suggestion, '으로/로')} 바꾸기` }, edits: [{ start: r[0], end: r[1], newText: suggestion }], preferred: true }] : [],
          });
        }
      } else if (!(typeof v === 'number' && isQuantity(field))) wrongType(w, node, path, 'string', scalarKind(v), 'string');
      return;
    case 'integer':
      if (typeof v !== 'number' || !Number.isInteger(v)) wrongType(w, node, path, 'integer', scalarKind(v), 'integer');
      return;
    case 'number':
      if (typeof v !== 'number') wrongType(w, node, path, 'number', scalarKind(v));
      return;
    case 'boolean':
      // kubectl reads YAML 1.1: plain yes/no/on/off are booleans there (quoted they stay strings)
      if (typeof v !== 'boolean' && !(typeof v === 'string' && (node as Scalar).type === 'PLAIN' && /^(yes|no|on|off|y|n)$/i.test(v))) {
        wrongType(w, node, path, 'boolean', scalarKind(v), 'boolean');
      }
      return;
    case 'int-or-string':
      if (typeof v === 'boolean' || (typeof v === 'number' && !Number.isInteger(v))) wrongType(w, node, path, 'integer or string', scalarKind(v));
      return;
    default:
      return;
  }
}

/** One element of a list or map field (or the field's own value when `container` is undefined). */
function checkElement(w: Walk, node: Node | null, field: FieldDoc, type: string, path: PathSegment[], keyRange: [number, number] | undefined): void {
  if (isNull(node) || isAlias(node)) return;
  const n = node as Node;
  if (type === 'object') {
    if (!field.refType) return;
    if (!isMap(n)) {
      wrongType(w, n, path, `mapping (${typeLabel(field.refType)})`, isSeq(n) ? 'list' : scalarKind((n as Scalar).value));
      return;
    }
    validateObject(w, n as YAMLMap<Node, Node | null>, field.refType, path, keyRange);
    return;
  }
  if (type === 'array') {
    if (!isSeq(n)) wrongType(w, n, path, 'list', isMap(n) ? 'mapping' : scalarKind((n as Scalar).value));
    return;
  }
  if (type === 'map') {
    if (!isMap(n)) wrongType(w, n, path, 'mapping', isSeq(n) ? 'list' : scalarKind((n as Scalar).value));
    return;
  }
  checkPrimitive(w, n, field, type, path, field.enum);
}

function checkField(w: Walk, value: Node | null, field: FieldDoc, path: PathSegment[], keyNode: Node): void {
  if (isNull(value) || isAlias(value)) return;
  const v = value as Node;
  const keyRange = range(keyNode);
  if (field.type === 'array') {
    if (!isSeq(v)) {
      wrongType(w, v, path, 'list', isMap(v) ? 'mapping' : scalarKind((v as Scalar).value));
      return;
    }
    (v as YAMLSeq<Node | null>).items.forEach((item, i) => {
      const itemRange = isMap(item) ? range(((item as YAMLMap).items[0] as Pair<Node> | undefined)?.key) ?? range(item) : range(item);
      checkElement(w, item, field, field.itemType ?? 'any', [...path, i], itemRange);
    });
    return;
  }
  if (field.type === 'map') {
    if (!isMap(v)) {
      wrongType(w, v, path, 'mapping', isSeq(v) ? 'list' : scalarKind((v as Scalar).value));
      return;
    }
    for (const p of (v as YAMLMap<Node, Node | null>).items) {
      if (!isScalar(p.key) || String((p.key as Scalar).value) === '<<') continue;
      checkElement(w, p.value, { ...field, enum: undefined }, field.itemType ?? 'any', [...path, String((p.key as Scalar).value)], range(p.key as Node));
    }
    return;
  }
  checkElement(w, v, field, field.type, path, keyRange);
}

function validateObject(w: Walk, map: YAMLMap<Node, Node | null>, typeName: string, path: PathSegment[], keyRange: [number, number] | undefined): void {
  const fields = fieldsOf(w.docs, typeName);
  if (!fields) return;
  const present = new Set<string>();
  let written: Set<string> | undefined;
  let merged = false;
  for (const p of map.items) {
    if (!isScalar(p.key)) continue;
    const key = String((p.key as Scalar).value);
    if (key === '<<') {
      merged = true;
      continue;
    }
    present.add(key);
    const field = fields.get(key);
    if (!field) {
      if (key.startsWith('$')) continue; // strategic merge patch directives ($patch, $setElementOrder/...)
      const r = range(p.key as Node);
      if (!r) continue;
      // Keys written anywhere in this mapping, collected once (per unknown key it was quadratic in the keys).
      written ??= new Set(map.items.filter((q) => isScalar(q.key)).map((q) => String((q.key as Scalar).value)));
      const known = [...fields.keys()].filter((k) => !present.has(k) && !written!.has(k));
      const suggestion = closestName(key, known);
      const src = w.ctx.model.text.slice(r[0], r[1]);
      const quote = src[0] === '"' || src[0] === "'" ? src[0] : '';
      w.out.push({
        kind: 'unknown', start: r[0], end: r[1], args: [key, typeLabel(typeName), suggestion ?? '-'], path: [...path, key],
        fixes: suggestion ? [{ title: { en: `Rename to ${suggestion}`, ko: `${withParticle(suggestion, '으로/로')} 이름 바꾸기` }, edits: [{ start: r[0], end: r[1], newText: `${quote}${suggestion}${quote}` }], preferred: true }] : [],
      });
      continue;
    }
    if (path.length === 0 && key === 'status') continue;
    checkField(w, p.value, field, [...path, key], p.key as Node);
  }
  if (!w.checkRequired || merged || !keyRange) return;
  for (const f of fields.values()) {
    if (f.required && !present.has(f.name)) {
      w.out.push({ kind: 'required', start: keyRange[0], end: keyRange[1], args: [typeLabel(typeName), f.name], path: [...path, f.name] });
    }
  }
}

/** Looks like a strategic-merge or kustomize patch: required fields are then not expected. */
function looksLikePatch(ctx: DocContext): boolean {
  const file = ctx.model.uri.split(/[\\/]/).pop() ?? '';
  return /patch/i.test(file) || /^\s*\$patch\s*:/m.test(ctx.model.text.slice(ctx.doc.start, ctx.doc.end));
}

function rootValue(ctx: DocContext, key: string): Node | undefined {
  return (ctx.root as YAMLMap<Node, Node>).items.find((p) => isScalar(p.key) && (p.key as Scalar).value === key)?.value ?? undefined;
}

/** `kind: deployment` with a built-in apiVersion: kinds are case-sensitive ("no matches for kind"). */
function miscasedKind(ctx: DocContext, docs: FieldDocs, apiVersion: string, kind: string): SchemaIssue[] {
  const match = docs.knownKinds!().find((k) => k.kind.toLowerCase() === kind.toLowerCase() && groupOf(k.apiVersion) === groupOf(apiVersion));
  const node = rootValue(ctx, 'kind');
  const r = range(node);
  if (!match || !r || !isScalar(node)) return [];
  return [{
    kind: 'apiVersion', start: r[0], end: r[1], args: [kind, apiVersion, `kind: ${match.kind}`], path: ['kind'],
    fixes: [{ title: { en: `Use kind: ${match.kind}`, ko: `kind: ${match.kind} 사용` }, edits: [{ start: r[0], end: r[1], newText: match.kind }], preferred: true }],
  }];
}

/** Every schema issue of one Kubernetes document. */
export function k8sSchemaIssues(ctx: DocContext): SchemaIssue[] {
  const docs = ctx.fieldDocs;
  const { apiVersion, kind } = ctx.doc;
  if (!isMap(ctx.root) || !apiVersion || !kind || !docs.k8sTypeFields || !docs.knownKinds) return [];
  if (ctx.model.text.slice(ctx.doc.start, ctx.doc.end).includes('{{')) return []; // a Helm/Go template, not a manifest yet
  const kinds = docs.knownKinds().filter((k) => k.kind === kind);
  if (kinds.length === 0) return miscasedKind(ctx, docs, apiVersion.trim(), kind); // else a custom resource: skipped
  const out: SchemaIssue[] = [];
  const exact = kinds.find((k) => k.apiVersion === apiVersion.trim());
  if (!exact) {
    const group = groupOf(apiVersion.trim());
    const crdLike = group.includes('.') && !group.endsWith('.k8s.io');
    if (kinds.some((k) => groupOf(k.apiVersion) === group) || HISTORICAL_GROUPS.has(group) || crdLike) return []; // older version: deprecation rules
    const valueNode = rootValue(ctx, 'apiVersion');
    const r = range(valueNode);
    if (r && isScalar(valueNode)) {
      const stable = kinds.filter((k) => /^(.*\/)?v\d+$/.test(k.apiVersion));
      const best = (stable.length > 0 ? stable : kinds)[0].apiVersion;
      out.push({
        kind: 'apiVersion', start: r[0], end: r[1], args: [kind, apiVersion, kinds.map((k) => k.apiVersion).join(', ')], path: ['apiVersion'],
        fixes: [{ title: { en: `Use apiVersion: ${best}`, ko: `apiVersion: ${best} 사용` }, edits: [{ start: r[0], end: r[1], newText: best }], preferred: true }],
      });
    }
    return out;
  }
  const w: Walk = { ctx, docs, out, checkRequired: !looksLikePatch(ctx) };
  const kindKey = (ctx.root as YAMLMap<Node, Node>).items.find((p) => isScalar(p.key) && (p.key as Scalar).value === 'kind')?.key as Node | undefined;
  validateObject(w, ctx.root as YAMLMap<Node, Node | null>, exact.type, [], range(kindKey));
  return out;
}
