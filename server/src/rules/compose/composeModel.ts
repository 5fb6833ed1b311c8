/**
 * A read view of a Compose file for the rules: services with aliases resolved and `<<` merge keys applied
 * (a service whose healthcheck comes from `<<: *common` has a healthcheck), and `!reset` values read as unset.
 * Each lookup also says whether the key is the service's own (present in its mapping as written), because
 * quick fixes may only edit what is written there: editing an anchor would change every service that uses it.
 */
import { Alias, isAlias, isMap, isPair, isScalar, isSeq, Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { DocContext } from '../types';
import { eachNode } from '../../model/eachNode';

type ParsedDoc = DocContext['yaml'];

/** Anchored nodes of a document by anchor name, in document order (built once per document). */
const anchorIndex = new WeakMap<object, Map<string, Node[]>>();

function anchorsOf(doc: ParsedDoc): Map<string, Node[]> {
  let index = anchorIndex.get(doc);
  if (!index) {
    const found = new Map<string, Node[]>();
    // Document order (eachNode): a later anchor of the same name wins for the aliases after it.
    eachNode(doc.contents, (node) => {
      const anchor = (node as { anchor?: string }).anchor;
      if (!anchor || isAlias(node)) return;
      const list = found.get(anchor);
      if (list) list.push(node);
      else found.set(anchor, [node]);
    });
    anchorIndex.set(doc, (index = found));
  }
  return index;
}

/** Follows aliases (`*name`) to the last node anchored `&name` before them; undefined for missing or cyclic aliases. */
export function deref(node: unknown, doc: ParsedDoc): Node | undefined {
  let cur = node;
  for (let i = 0; i < 16 && isAlias(cur); i++) {
    const alias = cur as Alias;
    const at = alias.range?.[0] ?? Infinity;
    let target: Node | undefined;
    for (const candidate of anchorsOf(doc).get(alias.source) ?? []) {
      if ((candidate.range?.[0] ?? Infinity) < at) target = candidate;
    }
    cur = target;
  }
  if (isAlias(cur) || cur === null || cur === undefined) return undefined;
  return cur as Node;
}

/** True for a node tagged `!reset` (Compose: the value is removed). */
export function isReset(node: unknown): boolean {
  return !!node && typeof node === 'object' && (node as { tag?: string }).tag === '!reset';
}

export interface Lookup {
  /** The value (aliases resolved); undefined when unset or `!reset`. */
  value?: Node;
  /** The pair as written in the mapping itself (undefined when the key only comes from a merge). */
  own?: Pair<Node, Node | null>;
}

function keyOf(p: unknown): string | undefined {
  return isPair(p) && isScalar(p.key) ? String((p.key as Scalar).value) : undefined;
}

/** Merge sources per document and mapping (aliases resolve within one document version). */
const mergeMemo = new WeakMap<object, WeakMap<YAMLMap, YAMLMap[]>>();

/** Maps merged in by `<<` (a single alias/map or a sequence of them), in precedence order. */
function mergeSources(map: YAMLMap, doc: ParsedDoc, depth: number): YAMLMap[] {
  if (depth > 8) return [];
  let perDoc = mergeMemo.get(doc);
  if (!perDoc) mergeMemo.set(doc, (perDoc = new WeakMap()));
  let sources = perDoc.get(map);
  if (!sources) perDoc.set(map, (sources = findMergeSources(map, doc)));
  return sources;
}

function findMergeSources(map: YAMLMap, doc: ParsedDoc): YAMLMap[] {
  const out: YAMLMap[] = [];
  for (const p of map.items) {
    if (keyOf(p) !== '<<') continue;
    const v = deref((p as Pair).value, doc);
    const list = isSeq(v) ? (v as YAMLSeq).items.map((n) => deref(n, doc)) : [v];
    for (const m of list) if (isMap(m)) out.push(m as YAMLMap);
  }
  return out;
}

/**
 * A mapping's own pairs by key (the first pair of a repeated key, as a scan would find), built once per node:
 * a parsed mapping's items never change (incremental parsing copies a mapping it changes).
 */
const ownPairs = new WeakMap<YAMLMap, Map<string, Pair<Node, Node | null>>>();

function ownPair(map: YAMLMap, key: string): Pair<Node, Node | null> | undefined {
  let index = ownPairs.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items) {
      const k = keyOf(p);
      if (k !== undefined && !index.has(k)) index.set(k, p as Pair<Node, Node | null>);
    }
    ownPairs.set(map, index);
  }
  return index.get(key);
}

/** Looks `key` up in a mapping, then in the maps merged into it (recursively). */
export function lookup(node: unknown, key: string, doc: ParsedDoc, depth = 0): Lookup {
  const map = deref(node, doc);
  if (!isMap(map) || depth > 8) return {};
  const pair = ownPair(map as YAMLMap, key);
  if (pair) {
    const value = isReset(pair.value) ? undefined : deref(pair.value, doc);
    return { value, own: pair };
  }
  for (const source of mergeSources(map as YAMLMap, doc, depth)) {
    const found = lookup(source, key, doc, depth + 1);
    if (found.value || found.own) return { value: found.value };
  }
  return {};
}

/** The value at a key path through merges; undefined when any step is missing. */
export function lookupIn(node: unknown, path: readonly string[], doc: ParsedDoc): Node | undefined {
  let cur: unknown = node;
  for (const key of path) {
    cur = lookup(cur, key, doc).value;
    if (!cur) return undefined;
  }
  return cur as Node;
}

/** True when every step of `path` is written in the mapping itself (a fix may then edit below it), or when
 *  a missing step is not provided by a merge either (a fix may then create it without hiding merged values). */
export function editableAt(node: unknown, path: readonly string[], doc: ParsedDoc): boolean {
  let cur: unknown = deref(node, doc);
  for (const key of path) {
    const found = lookup(cur, key, doc);
    if (!found.own) return !found.value; // creating it is fine unless a merge provides it
    if (isAlias(found.own.value)) return false;
    cur = found.own.value;
    if (!cur || !isMap(cur)) return true;
  }
  return true;
}

/** Every key of a mapping including merged ones (own keys first). */
export function allKeys(node: unknown, doc: ParsedDoc, depth = 0): string[] {
  const map = deref(node, doc);
  if (!isMap(map) || depth > 8) return [];
  const keys = (map as YAMLMap).items.map(keyOf).filter((k): k is string => !!k && k !== '<<');
  for (const source of mergeSources(map as YAMLMap, doc, depth)) for (const k of allKeys(source, doc, depth + 1)) if (!keys.includes(k)) keys.push(k);
  return keys;
}

export function scalarValue(node: unknown): string | number | boolean | null | undefined {
  if (!isScalar(node)) return undefined;
  const v = (node as Scalar).value;
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null ? v : undefined;
}

export function scalarText(node: unknown): string | undefined {
  const v = scalarValue(node);
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

/** `true`, "true", yes/on (Compose accepts YAML 1.1 booleans). */
export function truthy(node: unknown): boolean {
  const v = scalarValue(node);
  return v === true || (typeof v === 'string' && /^(true|yes|on|1)$/i.test(v.trim()));
}

export function seqItems(node: unknown, doc: ParsedDoc): Node[] {
  const seq = deref(node, doc);
  if (!isSeq(seq)) return [];
  return (seq as YAMLSeq).items.map((n) => deref(n, doc)).filter((n): n is Node => !!n);
}

export interface ServiceView {
  name: string;
  /** The service's mapping (aliases resolved). */
  node: YAMLMap<Node, Node | null>;
  /** The key `services.<name>` as written: where service-level findings point. */
  keyNode: Node;
}

/** Services and one-shot jobs of each document, found once per document (every Compose rule asks for them). */
const servicesMemo = new WeakMap<object, ServiceView[]>();
const oneShotMemo = new WeakMap<object, Set<string>>();

/** The services of a Compose document (skipping `x-` entries and non-mappings), or those a check is restricted to. */
export function servicesOf(ctx: DocContext): ServiceView[] {
  return restricted.get(ctx) ?? allServicesOf(ctx);
}

function allServicesOf(ctx: DocContext): ServiceView[] {
  let list = servicesMemo.get(ctx.yaml);
  if (!list) servicesMemo.set(ctx.yaml, (list = findServices(ctx)));
  return list;
}

/** Contexts whose checks see only some services (serviceResults.ts re-checks only the services that changed). */
const restricted = new WeakMap<DocContext, ServiceView[]>();

/** `ctx` with `servicesOf` answering `services` (a subset of the document's services, in document order). */
export function restrictServices(ctx: DocContext, services: ServiceView[]): DocContext {
  restricted.set(ctx, services);
  return ctx;
}

function findServices(ctx: DocContext): ServiceView[] {
  const services = lookup(ctx.root, 'services', ctx.yaml).value;
  if (!isMap(services)) return [];
  const out: ServiceView[] = [];
  for (const p of (services as YAMLMap).items) {
    const name = keyOf(p);
    if (!name || name === '<<' || name.startsWith('x-')) continue;
    const node = deref((p as Pair).value, ctx.yaml);
    if (!isMap(node) || !(p as Pair<Node>).key?.range) continue;
    out.push({ name, node: node as YAMLMap<Node, Node | null>, keyNode: (p as Pair<Node>).key });
  }
  return out;
}

/** Range of an own key, else the service name: where a finding about `key` is underlined. */
export function findingRange(service: ServiceView, key: string, doc: ParsedDoc): [number, number] {
  const own = lookup(service.node, key, doc).own;
  const r = (own?.key as Node | undefined)?.range ?? service.keyNode.range!;
  return [r[0], r[1]];
}

/** A complete service definition: has an image or a build. Fragments (override files, services that only
 *  add settings to a definition from another file, `extends`) are skipped by the "missing setting" rules. */
export function isCompleteService(service: ServiceView, ctx: DocContext): boolean {
  if (/override/i.test(ctx.model.uri.split(/[\\/]/).pop() ?? '')) return false;
  let complete = completeMemo.get(service);
  if (complete === undefined) {
    const keys = allKeys(service.node, ctx.yaml);
    completeMemo.set(service, (complete = !keys.includes('extends') && (keys.includes('image') || keys.includes('build'))));
  }
  return complete;
}

/** Per service view (views are made once per document). */
const completeMemo = new WeakMap<ServiceView, boolean>();

/** Dependencies that other services wait for with `condition: service_completed_successfully` (one-shot jobs). */
export function oneShotServices(ctx: DocContext): Set<string> {
  let set = oneShotMemo.get(ctx.yaml);
  if (!set) oneShotMemo.set(ctx.yaml, (set = findOneShots(ctx)));
  return set;
}

function findOneShots(ctx: DocContext): Set<string> {
  const out = new Set<string>();
  for (const s of allServicesOf(ctx)) for (const name of perServiceValue(s, ctx, 'oneShotDependencies', () => oneShotDependencies(s, ctx))) out.add(name);
  return out;
}

function oneShotDependencies(s: ServiceView, ctx: DocContext): string[] {
  const deps = lookup(s.node, 'depends_on', ctx.yaml).value;
  if (!isMap(deps)) return [];
  const out: string[] = [];
  for (const p of (deps as YAMLMap).items) {
    const name = keyOf(p);
    const cond = scalarText(lookup((p as Pair).value, 'condition', ctx.yaml).value);
    if (name && cond === 'service_completed_successfully') out.push(name);
  }
  return out;
}

/** Services whose healthcheck is enabled (what `service_healthy` can wait for). */
export function healthyServices(ctx: DocContext): Set<string> {
  let set = healthyMemo.get(ctx.yaml);
  if (!set) healthyMemo.set(ctx.yaml, (set = new Set(allServicesOf(ctx).filter((s) => perServiceValue(s, ctx, 'healthcheck', () => healthcheckState(s, ctx)) === 'enabled').map((s) => s.name))));
  return set;
}

const healthyMemo = new WeakMap<object, Set<string>>();

// ---------------------------------------------------------------- per-service inputs

/**
 * What a judgement of one service on its own depends on, as objects compared by identity: the file's URI and
 * flavour, the document's anchors (anchorsToken), every top-level value but `services`, and the service's
 * mapping. Incremental parsing gives an edited service (and the path down to the edit) new nodes and keeps
 * every other object, so equal inputs mean an unchanged service in an unchanged context.
 */
export function serviceInputs(service: ServiceView, ctx: DocContext): readonly unknown[] {
  let inputs = inputsMemo.get(service);
  if (!inputs) inputsMemo.set(service, (inputs = [...sharedInputs(ctx), service.name, service.node]));
  return inputs;
}

/** Per service view (views are made once per document version). */
const inputsMemo = new WeakMap<ServiceView, readonly unknown[]>();
const sharedMemo = new WeakMap<object, unknown[]>();

function sharedInputs(ctx: DocContext): unknown[] {
  let inputs = sharedMemo.get(ctx.yaml);
  if (inputs) return inputs;
  inputs = [ctx.model.uri, ctx.model.flavor, anchorsToken(ctx.yaml)];
  if (!isMap(ctx.root)) inputs.push(ctx.root);
  else {
    for (const p of (ctx.root as YAMLMap).items) {
      const key = isPair(p) && isScalar(p.key) ? String((p.key as Scalar).value) : undefined;
      if (key !== 'services') inputs.push(key, isPair(p) ? p.value : p);
    }
  }
  sharedMemo.set(ctx.yaml, inputs);
  return inputs;
}

/**
 * A token for the anchors of a document: the same object while the anchors are the same nodes, in the same
 * order, as in the version the token was first made for. Aliases then resolve as before (an unchanged alias
 * keeps its place among unchanged anchors; an edit inside an anchored node copies that node), so a service
 * whose own nodes are unchanged reaches the same nodes through its aliases.
 */
function anchorsToken(doc: ParsedDoc): object {
  let token = anchorTokens.get(doc);
  if (token) return token;
  const anchors = [...anchorsOf(doc)].flatMap(([name, nodes]) => [name, ...nodes]);
  const previous = anchors.length ? lastAnchors.get(anchors[1] as Node) : undefined;
  if (!anchors.length) token = noAnchors;
  else if (previous && sameInputs(previous.anchors, anchors)) token = previous.token;
  else lastAnchors.set(anchors[1] as Node, { anchors, token: (token = {}) });
  anchorTokens.set(doc, token);
  return token;
}

const anchorTokens = new WeakMap<object, object>();
const noAnchors = {};
/** The anchors last seen with a given first anchored node, and their token. */
const lastAnchors = new WeakMap<Node, { anchors: unknown[]; token: object }>();

export function sameInputs(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Values computed from one service alone, kept with the inputs they were computed from. */
const serviceValues = new WeakMap<YAMLMap, Map<string, { inputs: readonly unknown[]; value: unknown }>>();

/** `compute()` (which reads `service` alone), or its value from an earlier version while the service's inputs are the same. */
export function perServiceValue<T>(service: ServiceView, ctx: DocContext, key: string, compute: () => T): T {
  const inputs = serviceInputs(service, ctx);
  let values = serviceValues.get(service.node);
  const known = values?.get(key);
  if (known && sameInputs(known.inputs, inputs)) return known.value as T;
  const value = compute();
  if (!values) serviceValues.set(service.node, (values = new Map()));
  values.set(key, { inputs, value });
  return value;
}

/** The effective healthcheck state of a service: present and enabled, disabled, or absent. */
export function healthcheckState(service: ServiceView, ctx: DocContext): 'enabled' | 'disabled' | 'absent' {
  const hc = lookup(service.node, 'healthcheck', ctx.yaml).value;
  if (!hc) return 'absent';
  if (!isMap(hc)) return 'absent';
  if (truthy(lookup(hc, 'disable', ctx.yaml).value)) return 'disabled';
  const test = lookup(hc, 'test', ctx.yaml).value;
  const first = isSeq(test) ? scalarText(seqItems(test, ctx.yaml)[0]) : scalarText(test);
  if (first?.toUpperCase() === 'NONE') return 'disabled';
  return 'enabled'; // without `test` the image's HEALTHCHECK runs with the timings given here
}
