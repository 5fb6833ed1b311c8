// Walks the generated field-doc indexes (dist/field-docs/*.json, written by scripts/gen-field-docs.mjs).
// Pure data structures: no file access, no logging; every lookup returns undefined instead of throwing.
import type { ComposeKeys, FieldDoc, KindInfo, PathSegment, TypeDoc } from './types';

// ---------------------------------------------------------------- Kubernetes

/** One field row: [yamlKey, typeExpr, descriptionIndex (-1: none), required (0|1), enum?].
 *  typeExpr: `string` | `integer` | `number` | `boolean` | `date` | `intorstring` | `any` | `<Class>` | `<expr>[]` | `{<expr>}` (map). */
export type K8sFieldRow = [string, string, number, number, string[]?];

export interface K8sIndexJson {
  v: number;
  /** [apiVersion, kind, class] */
  kinds: [string, string, string][];
  /** kind → newest class, for apiVersions the client does not know. */
  newest: Record<string, string>;
  /** class → [descriptionIndex, fields] */
  types: Record<string, [number, K8sFieldRow[]]>;
  strings: string[];
}

const PRIMITIVES: Record<string, { type: string; format?: string }> = {
  string: { type: 'string' },
  integer: { type: 'integer' },
  number: { type: 'number' },
  boolean: { type: 'boolean' },
  date: { type: 'string', format: 'date-time' },
  intorstring: { type: 'any', format: 'int-or-string' },
  any: { type: 'any' },
  object: { type: 'object' },
};

/** Groups whose kinds the client no longer ships but which are still built-in (old manifests). */
const HISTORICAL_GROUPS = ['extensions'];

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

function versionRank(apiVersion: string): number {
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(apiVersion.slice(apiVersion.indexOf('/') + 1));
  if (!m) return -1;
  const stage = m[2] === 'alpha' ? 0 : m[2] === 'beta' ? 1 : 2;
  return stage * 1e6 + Number(m[1]) * 1e3 + Number(m[3] ?? 0);
}

/** The Kubernetes type graph: kinds → root classes, classes → fields. */
export class K8sTypeGraph {
  private readonly exact = new Map<string, string>();
  private readonly byKind = new Map<string, KindInfo[]>();
  private readonly groups = new Set<string>(HISTORICAL_GROUPS);
  private readonly fieldMaps = new Map<string, Map<string, K8sFieldRow>>();
  private readonly kindList: KindInfo[] = [];

  constructor(private readonly data: K8sIndexJson) {
    for (const [apiVersion, kind, type] of data.kinds ?? []) {
      const info: KindInfo = { apiVersion, kind, type };
      this.kindList.push(info);
      this.exact.set(`${apiVersion}|${kind}`, type);
      this.groups.add(groupOf(apiVersion));
      const list = this.byKind.get(kind) ?? [];
      list.push(info);
      this.byKind.set(kind, list);
    }
  }

  knownKinds(): readonly KindInfo[] {
    return this.kindList;
  }

  rootType(apiVersion: string | undefined, kind: string): string | undefined {
    if (typeof kind !== 'string') return undefined;
    const av = typeof apiVersion === 'string' ? apiVersion.trim() : undefined;
    if (av) {
      const hit = this.exact.get(`${av}|${kind}`);
      if (hit) return hit;
    }
    const candidates = this.byKind.get(kind);
    if (!candidates) return undefined;
    if (!av) return this.data.newest?.[kind] ?? candidates[0]?.type;
    const group = groupOf(av);
    // a group no built-in kind uses, named like a CRD group (example.com): a custom resource that shares the name
    if (!this.groups.has(group) && group.includes('.') && !group.endsWith('.k8s.io')) return undefined;
    let best: KindInfo | undefined;
    for (const c of candidates) {
      if (groupOf(c.apiVersion) === group && (!best || versionRank(c.apiVersion) > versionRank(best.apiVersion))) best = c;
    }
    return best?.type ?? this.data.newest?.[kind] ?? candidates[0]?.type;
  }

  typeDoc(typeName: string): TypeDoc | undefined {
    const t = this.ownType(typeName);
    return t ? { name: typeName, description: this.str(t[0]) } : undefined;
  }

  typeFields(typeName: string): FieldDoc[] | undefined {
    const t = this.ownType(typeName);
    return t ? t[1].map((row) => this.fieldDoc(typeName, row)) : undefined;
  }

  /** The field at `path` from the root of a document of the given kind. */
  field(apiVersion: string | undefined, kind: string, path: readonly PathSegment[]): FieldDoc | undefined {
    const walked = this.walk(apiVersion, kind, path);
    return walked?.last ? this.fieldDoc(walked.last.owner, walked.last.row) : undefined;
  }

  /** The fields allowed in the mapping at `path` (the root type's fields for []). */
  children(apiVersion: string | undefined, kind: string, path: readonly PathSegment[]): FieldDoc[] | undefined {
    const walked = this.walk(apiVersion, kind, path);
    return walked ? this.typeFields(walked.expr) : undefined;
  }

  private walk(apiVersion: string | undefined, kind: string, path: readonly PathSegment[]): { expr: string; last?: { owner: string; row: K8sFieldRow } } | undefined {
    const root = this.rootType(apiVersion, kind);
    if (!root || !Array.isArray(path)) return undefined;
    let expr = root;
    let last: { owner: string; row: K8sFieldRow } | undefined;
    for (const seg of path) {
      if (expr.endsWith('[]')) {
        if (typeof seg !== 'number') return undefined;
        expr = expr.slice(0, -2);
      } else if (expr.startsWith('{') && expr.endsWith('}')) {
        if (typeof seg !== 'string') return undefined; // any key: the entry's field is the map field itself
        expr = expr.slice(1, -1);
      } else {
        if (typeof seg !== 'string') return undefined;
        const row = this.fieldMap(expr)?.get(seg);
        if (!row) return undefined;
        last = { owner: expr, row };
        expr = row[1];
      }
    }
    return { expr, last };
  }

  private fieldDoc(owner: string, row: K8sFieldRow): FieldDoc {
    const [name, expr, descIndex, required, values] = row;
    const doc: FieldDoc = { id: `${owner}.${name}`, name, ownerType: owner, description: this.str(descIndex), type: 'any', required: required === 1 };
    const shape = this.shape(expr);
    doc.type = shape.type;
    if (shape.format) doc.format = shape.format;
    if (shape.refType) doc.refType = shape.refType;
    if (shape.itemType) doc.itemType = shape.itemType;
    if (values && values.length > 0) doc.enum = [...values];
    if (!doc.description && doc.refType) doc.description = this.typeDoc(doc.refType)?.description ?? '';
    return doc;
  }

  private shape(expr: string): { type: string; format?: string; refType?: string; itemType?: string } {
    const container = expr.endsWith('[]') ? 'array' : expr.startsWith('{') && expr.endsWith('}') ? 'map' : undefined;
    if (container) {
      const inner = this.shape(container === 'array' ? expr.slice(0, -2) : expr.slice(1, -1));
      return { type: container, itemType: inner.type, refType: inner.refType, format: inner.format };
    }
    const primitive = PRIMITIVES[expr];
    if (primitive) return { ...primitive };
    return this.ownType(expr) ? { type: 'object', refType: expr } : { type: 'any' };
  }

  private fieldMap(typeName: string): Map<string, K8sFieldRow> | undefined {
    let map = this.fieldMaps.get(typeName);
    if (!map) {
      const t = this.ownType(typeName);
      if (!t) return undefined;
      map = new Map(t[1].map((row) => [row[0], row]));
      this.fieldMaps.set(typeName, map);
    }
    return map;
  }

  private ownType(typeName: string): [number, K8sFieldRow[]] | undefined {
    const types = this.data.types;
    return typeof typeName === 'string' && types && Object.prototype.hasOwnProperty.call(types, typeName) ? types[typeName] : undefined;
  }

  private str(index: number): string {
    return index >= 0 ? (this.data.strings?.[index] ?? '') : '';
  }
}

// ---------------------------------------------------------------- Compose

/** A compiled schema node (refs resolved, oneOf/anyOf alternatives merged). */
export interface ComposeNode {
  /** Schema definition that declares this key (`service`, `healthcheck`, `deployment`; `compose` for the root). */
  o?: string;
  d?: string;
  /** Accepted JSON types; 'map' = object holding user-chosen keys. */
  t?: string[];
  e?: string[];
  f?: string;
  /** Required child keys. */
  r?: string[];
  /** Named child keys. */
  k?: Record<string, ComposeNode>;
  /** Node for user-chosen keys. */
  p?: ComposeNode;
  /** Sequence items. */
  i?: ComposeNode;
  /** 1 when `x-` keys are allowed. */
  x?: number;
  /** 1 when additional keys are forbidden. */
  c?: number;
}

export interface ComposeIndexJson {
  v: number;
  description?: string;
  root: ComposeNode;
}

interface ComposeStep {
  key: string;
  node: ComposeNode;
  parent: ComposeNode;
  /** Generalized path up to and including this key. */
  id: string[];
}

/** The Compose specification as a walkable tree. */
export class ComposeSchemaGraph {
  constructor(private readonly data: ComposeIndexJson) {}

  field(path: readonly PathSegment[]): FieldDoc | undefined {
    const walked = this.walk(path);
    return walked?.last ? this.fieldDoc(walked.last) : undefined;
  }

  keys(path: readonly PathSegment[]): ComposeKeys | undefined {
    const walked = this.walk(path);
    if (!walked) return undefined;
    const { node, id } = walked;
    const fields = Object.entries(node.k ?? {}).map(([key, child]) => this.fieldDoc({ key, node: child, parent: node, id: [...id, key] }));
    const result: ComposeKeys = { fields, extensions: node.x === 1, closed: node.c === 1 };
    if (node.p) result.anyKey = this.fieldDoc({ key: '*', node: node.p, parent: node, id: [...id, '*'] });
    return result;
  }

  private walk(path: readonly PathSegment[]): { node: ComposeNode; id: string[]; last?: ComposeStep } | undefined {
    let node = this.data?.root;
    if (!node || !Array.isArray(path)) return undefined;
    const id: string[] = [];
    let last: ComposeStep | undefined;
    for (const seg of path) {
      if (typeof seg === 'number') {
        if (!node.i) return undefined; // the item's field stays the sequence's own field
        node = node.i;
        continue;
      }
      if (typeof seg !== 'string') return undefined;
      const named = node.k && Object.prototype.hasOwnProperty.call(node.k, seg) ? node.k[seg] : undefined;
      let next: ComposeNode | undefined;
      if (named) {
        next = named;
        id.push(seg);
      } else if (seg.startsWith('x-') && (node.x === 1 || node.k)) {
        return undefined; // extension keys carry no schema
      } else if (node.p) {
        next = node.p;
        id.push('*');
      }
      if (!next) return undefined;
      last = { key: seg, node: next, parent: node, id: [...id] };
      node = next;
    }
    return { node, id, last };
  }

  private fieldDoc(step: ComposeStep): FieldDoc {
    const { key, node, parent } = step;
    const types = (node.t ?? []).filter((t) => t !== 'null');
    const doc: FieldDoc = {
      id: `compose:${step.id.join('.')}`,
      name: key,
      ownerType: node.o ?? parent.o ?? 'compose',
      // a user-named entry (a service, an environment variable) without its own text reads as its map's
      description: node.d ?? (step.id[step.id.length - 1] === '*' ? (parent.d ?? '') : ''),
      type: types[0] ?? 'any',
    };
    if (types.length > 1) doc.types = types;
    if (node.e) doc.enum = [...node.e];
    if (node.f) doc.format = node.f;
    if (parent.r?.includes(key)) doc.required = true;
    const content = Object.values(node.k ?? {})[0]?.o ?? node.p?.o;
    if (content && content !== doc.ownerType && (node.k || node.p?.k)) doc.refType = content;
    const items = node.i ?? (types.includes('map') ? node.p : undefined);
    if (items?.t) doc.itemType = items.t.filter((t) => t !== 'null')[0] ?? 'any';
    return doc;
  }
}
