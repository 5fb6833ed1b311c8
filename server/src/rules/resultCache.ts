/**
 * Rule results kept between versions of one file, so an edit re-runs rules only where their answer can change:
 *
 * - per document (keyed by its parsed tree, which incremental parsing keeps for every untouched document) and
 *   per rule: a document the edit did not touch reuses its findings, moved to the document's new offsets;
 * - a rule that read other resources (through cross/visibility: `ofKind`, `ofKindIn`, `visibleResources`) is
 *   remembered with the kinds it read; it re-runs when a resource of such a kind was added, removed, changed
 *   or moved, in this file (documents re-parsed or gone) or elsewhere in the workspace (its change log);
 * - file-level inputs (URI, flavour, Helm template markers, whether the first workspace scan finished, the rule
 *   list, a workspace without a change log) drop the whole cache when they change.
 *
 * Severities and suppression comments are applied after the cache, so changing them re-runs nothing. Cached
 * findings carry no quick fixes: fixes are built on demand against the current model (engine `fixesFor`).
 */
import { diffTexts, keepsPositions, mapOffset, TextChange } from '../model/incrementalParse';
import { hasTemplateMarkers, ManifestModel } from '../model/manifestModel';
import { changeKeys } from './cross/visibility';
import type { ResourceRef, WorkspaceResources } from './cross/workspaceResources';
import type { Finding, Rule } from './types';

/** What one rule found in one document, and the resource kinds it read while doing so ('*': any). */
export interface RuleResult {
  findings: readonly Finding[];
  deps?: ReadonlySet<string>;
}

export interface DocResults {
  /** Where the document ended in the text the results belong to. */
  end?: number;
  /** Every resource key any of its rules read (undefined: none). */
  deps?: ReadonlySet<string>;
  /** Whether a finding has a related location in this same file. */
  relatedInFile?: boolean;
  /** The rules that were active (and the file flavour) when `emitted` was listed. */
  activeKey?: string;
  /** The document's findings in report order, with their rules (what the last run emitted for it). */
  emitted?: [Rule, Finding][];
  /** The document's resource identity when the results were computed (dependency keys of its change). */
  kind?: string;
  namespace?: string;
  name?: string;
  results: Map<string, RuleResult>;
}

export interface CacheState {
  text: string;
  textId: object;
  fileKey: string;
  rules: readonly Rule[];
  workspace: WorkspaceResources;
  workspaceGeneration?: number;
  workspaceAll?: readonly ResourceRef[];
  docCount: number;
  docs: Map<object, DocResults>;
}

/** One per open file; the engine reads and replaces its state (see runRules' `cache` option). */
export class RuleResultCache {
  state: CacheState | undefined;
}

/** The caches of the open files, by URI. */
export class RuleResultCaches {
  private readonly byUri = new Map<string, RuleResultCache>();

  for(uri: string): RuleResultCache {
    let cache = this.byUri.get(uri);
    if (!cache) this.byUri.set(uri, (cache = new RuleResultCache()));
    return cache;
  }

  delete(uri: string): void {
    this.byUri.delete(uri);
  }
}

/** Inputs that hold for the whole file: when one changes, nothing cached for the file is reused. */
export function fileKeyOf(model: ManifestModel, workspace: WorkspaceResources): string {
  return `${model.uri}\u0000${model.flavor}\u0000${hasTemplateMarkers(model)}\u0000${workspace.complete}`;
}

/**
 * What a run may reuse from the cache: per document, the still valid results moved to the new offsets;
 * `unchanged` when they are the last run's results as they were (`entry` then describes them).
 */
export interface ReusePlan {
  prior(doc: object): { results: Map<string, RuleResult>; unchanged: true; entry: DocResults & { emitted: [Rule, Finding][] } } | { results: Map<string, RuleResult>; unchanged: false } | undefined;
}

const nothing: ReusePlan = { prior: () => undefined };

export function planReuse(cache: RuleResultCache | undefined, model: ManifestModel, rules: readonly Rule[], workspace: WorkspaceResources, fileKey: string): ReusePlan {
  const state = cache?.state;
  if (!state || state.fileKey !== fileKey || state.rules !== rules || state.workspace !== workspace) return nothing;
  const changed = changedKinds(state, model, workspace);
  const change = model.textId === state.textId ? undefined : model.edit?.fromId === state.textId ? model.edit.change : diffTexts(state.text, model.text);
  const delta = change ? change.newEnd - change.oldEnd : 0;
  const layoutKept = !!change && keepsPositions(change, state.text, model.text);
  return {
    prior(doc) {
      const entry = state.docs.get(doc);
      if (!entry) return undefined;
      // Offsets stay valid when nothing before the document moved (the document itself is unchanged). A
      // related location in this file may point anywhere in it and carries the text its positions come from:
      // it stays valid only when every position of the file is kept (a replaced character).
      const stable = !change || (entry.relatedInFile ? layoutKept : delta === 0 || (entry.end !== undefined && entry.end <= change.start));
      const invalid = !!entry.deps && affected(entry.deps, changed);
      if (stable && !invalid) return entry.emitted ? { results: entry.results, unchanged: true, entry: entry as DocResults & { emitted: [Rule, Finding][] } } : { results: entry.results, unchanged: false };
      const kept = new Map<string, RuleResult>();
      for (const [id, result] of entry.results) {
        if (invalid && result.deps && affected(result.deps, changed)) continue;
        kept.set(id, stable || !change ? result : { findings: result.findings.map((f) => moveFinding(f, change, model)), deps: result.deps });
      }
      return { results: kept, unchanged: false };
    },
  };
}

function affected(deps: ReadonlySet<string>, changed: ReadonlySet<string> | '*'): boolean {
  if (changed === '*') return deps.size > 0;
  if (changed.size === 0) return false;
  if (deps.has('*')) return true;
  for (const k of deps) if (changed.has(k)) return true;
  return false;
}

/** Kinds of resources that changed since the cached run: this file's documents, then the rest of the workspace. */
function changedKinds(state: CacheState, model: ManifestModel, workspace: WorkspaceResources): ReadonlySet<string> | '*' {
  // Documents added or removed renumber the ones after them (resources are identified by file and index).
  if (state.docCount !== model.docs.length) return '*';
  const kinds = new Set<string>();
  const present = new Set<object>();
  // A document that is not a resource (no kind) is invisible to every rule but its own.
  for (const d of model.docs) {
    present.add(d.doc);
    if (!state.docs.has(d.doc)) for (const k of changeKeys(d)) kinds.add(k);
  }
  for (const [doc, entry] of state.docs) if (!present.has(doc)) for (const k of changeKeys(entry)) kinds.add(k);
  if (workspace.changedSince && state.workspaceGeneration !== undefined) {
    const elsewhere = workspace.changedSince(state.workspaceGeneration, model.uri);
    if (elsewhere === '*') return '*';
    for (const k of elsewhere) kinds.add(k);
  } else if (workspace.all() !== state.workspaceAll) {
    return '*';
  }
  return kinds;
}

/** A cached finding at the offsets of the new text (its document did not change; only offsets moved). */
function moveFinding(f: Finding, change: TextChange, model: ManifestModel): Finding {
  const moved: Finding = { ruleId: f.ruleId, start: mapOffset(change, f.start), end: mapOffset(change, f.end) };
  if (f.args) moved.args = f.args;
  if (f.lessonPath) moved.lessonPath = f.lessonPath;
  if (f.related) moved.related = f.related.map((r) => (r.uri === model.uri ? { ...r, text: model.text, start: mapOffset(change, r.start), end: mapOffset(change, r.end) } : r));
  return moved;
}

/** A finding as the cache keeps it: no quick fixes (they would point at the text of the version that built them). */
export function withoutFixes(f: Finding): Finding {
  const kept: Finding = { ruleId: f.ruleId, start: f.start, end: f.end };
  if (f.args) kept.args = f.args;
  if (f.lessonPath) kept.lessonPath = f.lessonPath;
  if (f.related) kept.related = f.related;
  return kept;
}

/**
 * The workspace as a rule sees it while the engine records which kinds the rule reads (`current`).
 * Lookup tables are built from `unrecorded()`, so only the rule's own lookups count.
 */
export class RecordingWorkspace implements WorkspaceResources {
  current: Set<string> | undefined;

  constructor(private readonly inner: WorkspaceResources) {}

  get complete(): boolean {
    return this.inner.complete;
  }

  get generation(): number | undefined {
    return this.inner.generation;
  }

  all(): readonly ResourceRef[] {
    this.dependOn('*');
    return this.inner.all();
  }

  byKind(kind: string): readonly ResourceRef[] {
    this.dependOn([kind]);
    return this.inner.byKind(kind);
  }

  dependOn(keys: readonly string[] | '*'): void {
    if (!this.current) return;
    if (keys === '*') this.current.add('*');
    else for (const k of keys) this.current.add(k);
  }

  unrecorded(): WorkspaceResources {
    return this.inner;
  }
}
