/**
 * Shared lookups for cross-resource rules: the resources a document can see (the workspace index plus the
 * current file's own documents, which always win over a possibly stale index entry), namespaces, labels,
 * label selectors and related-location helpers.
 */
import type { Node } from 'yaml';
import { hasTemplateMarkers, ManifestModel } from '../../model/manifestModel';
import type { DocContext, Localized, RelatedLocation } from '../types';
import { podSpecPath, podTemplateMetadataPath } from '../workloads';
import { asMap, get, getIn, items, keyRange, keys, rangeOf, str } from '../yamlNodes';
import { ofKindIn, visibleResources } from './visibility';
import type { ResourceRef } from './workspaceResources';

/** Resources of one parsed file, as the index and the rules see them. */
export function resourcesOfModel(model: ManifestModel): ResourceRef[] {
  const out: ResourceRef[] = [];
  for (const d of model.docs) {
    const root = d.doc.contents;
    if (d.flavor !== 'kubernetes' || !d.kind || !d.apiVersion || !asMap(root)) continue;
    out.push({ uri: model.uri, text: model.text, docIndex: d.index, apiVersion: d.apiVersion, kind: d.kind, name: d.name, namespace: d.namespace, root: root as Node });
  }
  return out;
}

export { ofKind, ofKindIn, ofKindNamed, visibleResources } from './visibility';

/**
 * Whether "not found" / "matches nothing" checks may run for this document: the index finished its first
 * scan, and the file is not a template (Helm `{{ … }}`), whose rendered names and labels are unknown.
 */
export function referencesCheckable(ctx: Pick<DocContext, 'model' | 'workspace'>): boolean {
  return ctx.workspace.complete && !hasTemplateMarkers(ctx.model);
}

/** The resource of the document being checked. */
export function currentResource(ctx: Pick<DocContext, 'model' | 'doc' | 'workspace'>): ResourceRef | undefined {
  return visibleResources(ctx).find((r) => r.uri === ctx.model.uri && r.docIndex === ctx.doc.index);
}

/** Effective namespace: `metadata.namespace`, "default" when absent. */
export function namespaceOf(r: { namespace?: string }): string {
  return r.namespace && r.namespace.trim() !== '' ? r.namespace : 'default';
}

export function sameResource(a: ResourceRef, b: ResourceRef): boolean {
  return a.uri === b.uri && a.docIndex === b.docIndex;
}

/** A mapping of string keys to scalar values (labels, matchLabels). */
export function stringMap(node: Node | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys(node)) {
    const v = str(get(node, k));
    if (v !== undefined) out[k] = v;
    else {
      const raw = get(node, k);
      if (raw === undefined || raw === null) out[k] = '';
    }
  }
  return out;
}

export function labelsOf(r: ResourceRef): Record<string, string> {
  return stringMap(getIn(r.root, ['metadata', 'labels']));
}

/** Whether the resource has a pod template (workloads and Pods). */
export type KindAndRoot = { kind?: string; root: Node | null | undefined };

export function isWorkload(r: KindAndRoot): boolean {
  return !!r.kind && podSpecPath(r.kind) !== undefined && r.kind !== 'PodTemplate';
}

/** Labels of the pods a workload creates (pod template labels; a Pod's own labels). */
const podLabelsCache = new WeakMap<Node, Record<string, string> | undefined>();

export function podLabelsOf(r: KindAndRoot): Record<string, string> | undefined {
  const path = podTemplateMetadataPath(r.kind);
  if (!path || !r.root) return undefined;
  if (podLabelsCache.has(r.root)) return podLabelsCache.get(r.root);
  const labels = stringMap(getIn(r.root, [...path, 'labels']));
  podLabelsCache.set(r.root, labels);
  return labels;
}

export interface Selector {
  matchLabels: Record<string, string>;
  expressions: { key: string; operator: string; values: string[] }[];
  /** True when the selector is `{}` (selects everything). */
  empty: boolean;
}

/** A LabelSelector node (`matchLabels`/`matchExpressions`); undefined for a missing or non-mapping node. */
const selectorCache = new WeakMap<Node, Selector>();

export function labelSelector(node: Node | undefined): Selector | undefined {
  if (!node || !asMap(node)) return undefined;
  const cached = selectorCache.get(node);
  if (cached) return cached;
  const sel = readLabelSelector(node);
  selectorCache.set(node, sel);
  return sel;
}

function readLabelSelector(node: Node): Selector {
  const matchLabels = stringMap(get(node, 'matchLabels'));
  const expressions = items(get(node, 'matchExpressions')).map((e) => ({
    key: str(get(e, 'key')) ?? '',
    operator: str(get(e, 'operator')) ?? '',
    values: items(get(e, 'values')).map((v) => str(v) ?? ''),
  }));
  return { matchLabels, expressions, empty: Object.keys(matchLabels).length === 0 && expressions.length === 0 };
}

/** A plain map selector (Service `spec.selector`). */
export function mapSelector(node: Node | undefined): Selector | undefined {
  if (!asMap(node)) return undefined;
  const matchLabels = stringMap(node);
  return { matchLabels, expressions: [], empty: Object.keys(matchLabels).length === 0 };
}

export function selectorMatches(sel: Selector, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(sel.matchLabels)) if (labels[k] !== v) return false;
  for (const e of sel.expressions) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    switch (e.operator) {
      case 'In':
        if (!has || !e.values.includes(labels[e.key])) return false;
        break;
      case 'NotIn':
        if (has && e.values.includes(labels[e.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** Workloads in `namespace` whose pods carry labels matched by `sel`. */
export const workloadKinds = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'];

export function workloadsSelectedBy(ctx: Pick<DocContext, 'model' | 'workspace'>, namespace: string, sel: Selector): ResourceRef[] {
  const matches = (labels: Record<string, string> | undefined) => !!labels && selectorMatches(sel, labels);
  const builtIn = ofKindIn(ctx, namespace, ...workloadKinds).filter((r) => matches(podLabelsOf(r)));
  if (builtIn.length) return builtIn;
  // Custom workloads with a pod template (Argo Rollout, OpenShift DeploymentConfig, …) select pods too.
  return visibleResources(ctx).filter(
    (r) => !workloadKinds.includes(r.kind) && namespaceOf(r) === namespace && matches(customTemplateLabels(r)),
  );
}

function customTemplateLabels(r: ResourceRef): Record<string, string> | undefined {
  const node = getIn(r.root, ['spec', 'template', 'metadata', 'labels']);
  return node ? stringMap(node) : undefined;
}

export function formatSelector(sel: Selector): string {
  const parts = Object.entries(sel.matchLabels).map(([k, v]) => `${k}: ${v}`);
  for (const e of sel.expressions) parts.push(`${e.key} ${e.operator}${e.values.length ? ` (${e.values.join(', ')})` : ''}`);
  return `{${parts.join(', ')}}`;
}

/** A related location at `node` (or the resource's `metadata.name` key, or its root) of another resource. */
export function relatedAt(r: ResourceRef, message: Localized, node?: Node | [number, number]): RelatedLocation {
  const range = Array.isArray(node)
    ? node
    : (rangeOf(node) ?? keyRange(get(r.root, 'metadata'), 'name') ?? rangeOf(r.root) ?? [0, 0]);
  return { uri: r.uri, text: r.text, start: range[0], end: range[1], message };
}

/** `Kind/name` (with the namespace when it is not default) for messages. */
export function displayName(r: ResourceRef): string {
  return `${r.kind}/${r.name ?? '?'}`;
}

/** Range of the resource's `metadata.name` value, else its `kind` key: where workload-level findings go. */
export function nameRange(root: Node | null | undefined): [number, number] | undefined {
  const nameNode = getIn(root, ['metadata', 'name']);
  return rangeOf(nameNode) ?? keyRange(root, 'kind');
}
