/**
 * What a document can see of the workspace, fast: the index's resources (minus the document's own file, whose
 * current documents replace them) grouped by kind and by kind + namespace, memoised per index snapshot and per
 * parsed file, so a rule's lookup costs a map access instead of a scan of the whole workspace. Every lookup
 * notes what it read (`dependOn`: a kind, or a kind in one namespace): the rule engine re-runs a cached check
 * only when a resource under those keys changed (`changeKeys`).
 * Rules see other documents only through these functions.
 */
import type { ManifestModel } from '../../model/manifestModel';
import type { DocContext } from '../types';
import { namespaceOf, resourcesOfModel } from './resources';
import type { ResourceRef, WorkspaceResources } from './workspaceResources';

interface Lookup {
  byKind: Map<string, ResourceRef[]>;
  byKindNs: Map<string, ResourceRef[]>;
  decodedUri: Map<ResourceRef, string>;
}

interface View {
  workspace: WorkspaceResources;
  all: readonly ResourceRef[];
  lookup: Lookup;
  own: ResourceRef[];
  ownUri: string;
  ownDecoded: string;
  memo: Map<string, ResourceRef[]>;
}

const lookups = new WeakMap<readonly ResourceRef[], Lookup>();
const views = new WeakMap<ManifestModel, View>();

function safeDecode(uri: string): string {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}

const push = (map: Map<string, ResourceRef[]>, key: string, r: ResourceRef) => {
  const list = map.get(key);
  if (list) list.push(r);
  else map.set(key, [r]);
};

function lookupOf(all: readonly ResourceRef[]): Lookup {
  let l = lookups.get(all);
  if (!l) {
    l = { byKind: new Map(), byKindNs: new Map(), decodedUri: new Map() };
    for (const r of all) {
      push(l.byKind, r.kind, r);
      push(l.byKindNs, `${r.kind}\u0000${namespaceOf(r)}`, r);
      l.decodedUri.set(r, safeDecode(r.uri));
    }
    lookups.set(all, l);
  }
  return l;
}

function viewOf(ctx: Pick<DocContext, 'model' | 'workspace'>): View {
  const all = (ctx.workspace.unrecorded?.() ?? ctx.workspace).all();
  const cached = views.get(ctx.model);
  if (cached && cached.workspace === ctx.workspace && cached.all === all) return cached;
  const view: View = {
    workspace: ctx.workspace,
    all,
    lookup: lookupOf(all),
    own: resourcesOfModel(ctx.model),
    ownUri: ctx.model.uri,
    ownDecoded: safeDecode(ctx.model.uri),
    memo: new Map(),
  };
  views.set(ctx.model, view);
  return view;
}

function select(view: View, key: string, fromIndex: () => readonly ResourceRef[], ownMatches: (r: ResourceRef) => boolean): ResourceRef[] {
  let list = view.memo.get(key);
  if (!list) {
    list = [...fromIndex().filter((r) => r.uri !== view.ownUri && view.lookup.decodedUri.get(r) !== view.ownDecoded), ...view.own.filter(ownMatches)];
    view.memo.set(key, list);
  }
  return list;
}

/** Every resource visible from this document: the index (other files) plus this file's documents. */
export function visibleResources(ctx: Pick<DocContext, 'model' | 'workspace'>): ResourceRef[] {
  ctx.workspace.dependOn?.('*');
  const view = viewOf(ctx);
  return select(view, 'all', () => view.all, () => true);
}

export function ofKind(ctx: Pick<DocContext, 'model' | 'workspace'>, ...kinds: string[]): ResourceRef[] {
  ctx.workspace.dependOn?.(kinds);
  return kindList(viewOf(ctx), kinds);
}

/** Visible resources of these kinds in `namespace` (effective namespace: absent = "default"). */
export function ofKindIn(ctx: Pick<DocContext, 'model' | 'workspace'>, namespace: string, ...kinds: string[]): ResourceRef[] {
  ctx.workspace.dependOn?.(kinds.map((k) => kindInNamespace(k, namespace)));
  return kindInList(viewOf(ctx), namespace, kinds);
}

/**
 * Visible resources of `kind` named `name` (in `namespace` when given), in the order ofKind / ofKindIn list
 * them: a lookup by name, so only a change of a resource with that name re-runs the check.
 */
export function ofKindNamed(ctx: Pick<DocContext, 'model' | 'workspace'>, kind: string, name: string | undefined, namespace?: string): ResourceRef[] {
  ctx.workspace.dependOn?.([kindNamed(kind, name)]);
  const view = viewOf(ctx);
  return (namespace === undefined ? kindList(view, [kind]) : kindInList(view, namespace, [kind])).filter((r) => r.name === name);
}

function kindList(view: View, kinds: string[]): ResourceRef[] {
  const fromIndex = () => kinds.flatMap((k) => view.lookup.byKind.get(k) ?? []);
  return select(view, `k\u0000${kinds.join(',')}`, fromIndex, (r) => kinds.includes(r.kind));
}

function kindInList(view: View, namespace: string, kinds: string[]): ResourceRef[] {
  const fromIndex = () => kinds.flatMap((k) => view.lookup.byKindNs.get(`${k}\u0000${namespace}`) ?? []);
  return select(view, `n\u0000${namespace}\u0000${kinds.join(',')}`, fromIndex, (r) => kinds.includes(r.kind) && namespaceOf(r) === namespace);
}

const kindInNamespace = (kind: string, namespace: string) => `${kind}\u0000${namespace}`;
const kindNamed = (kind: string, name: string | undefined) => `${kind}\u0001${name ?? '\u0002'}`;

/**
 * The dependency keys a change of this resource touches: its kind, its kind in its (effective) namespace, and
 * its kind with its name.
 */
export function changeKeys(r: { kind?: string; namespace?: string; name?: string }): string[] {
  if (r.kind === undefined) return [];
  const keys = [r.kind, kindInNamespace(r.kind, namespaceOf(r))];
  keys.push(kindNamed(r.kind, r.name));
  return keys;
}
