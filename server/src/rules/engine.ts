/**
 * Runs the rules over a parsed file: per document, with suppression comments and severity settings applied.
 * With a `cache` (one per open file), a run re-checks only what an edit can have changed (resultCache.ts).
 * Quick fixes are built lazily: a finding's `fixes` is computed when read, and `fixesFor` rebuilds them for a
 * finding of an earlier run against the current model (the code-action handler).
 */
import type { DocModel, ManifestModel } from '../model/manifestModel';
import { docAt } from '../model/manifestModel';
import { TimeSlicer } from '../model/timeSlices';
import type { FieldDocs } from '../schema/types';
import type { RuleSeveritySetting } from '../settings';
import { emptyWorkspace, WorkspaceResources } from './cross/workspaceResources';
import { DocResults, fileKeyOf, planReuse, RecordingWorkspace, RuleResult, RuleResultCache, withoutFixes } from './resultCache';
import { MAX_DIAGNOSTICS, notAnalysedFinding, notAnalysedMeta, notAnalysedMetaFor } from './notAnalysed';
import { isSuppressed, parseSuppressions } from './suppression';
import type { Finding, Fix, Rule, RuleMeta, Severity } from './types';

export interface RuleFinding extends Finding {
  meta: RuleMeta;
  severity: Severity;
}

export interface EngineOptions {
  rules: readonly Rule[];
  fieldDocs: FieldDocs;
  severities?: Record<string, RuleSeveritySetting>;
  workspace?: WorkspaceResources;
  /** Report findings hidden by suppression comments too (lab checks: a suppressed finding still fails a step). */
  ignoreSuppressions?: boolean;
  /** Called when a rule throws: the rule is skipped for that document, the others still run. */
  onRuleError?: (ruleId: string, error: unknown) => void;
  /** Results of earlier runs on the same file; reused where the edit cannot have changed them. */
  cache?: RuleResultCache;
}

/** A document with more findings than this keeps none in the rule cache (see `document` in startRun). */
export const MAX_CACHED_FINDINGS = 5 * MAX_DIAGNOSTICS;

export function runRules(model: ManifestModel, options: EngineOptions): RuleFinding[] {
  const run = startRun(model, options);
  for (const doc of model.docs) for (const _ of run.document(doc)) void _;
  return run.finish();
}

/**
 * The same as runRules, but yields to the event loop every few milliseconds (between rules, so even one huge
 * document never holds requests up for long) so requests (hover) are answered meanwhile — all the queued ones
 * when `activity` counts them (model/timeSlices.ts); returns undefined as soon as `isStale()` says a newer
 * version exists.
 */
export async function runRulesSliced(
  model: ManifestModel,
  options: EngineOptions,
  isStale: () => boolean,
  slicer: TimeSlicer = new TimeSlicer(8),
): Promise<RuleFinding[] | undefined> {
  // Requests that came with the change (hovers right after an edit) are answered before the first rule runs.
  await slicer.pause();
  if (isStale()) return undefined;
  const run = startRun(model, options);
  for (const doc of model.docs) {
    for (const _ of run.document(doc)) {
      void _;
      if (slicer.due()) {
        await slicer.pause();
        if (isStale()) return undefined;
      }
    }
  }
  return run.finish();
}

function startRun(model: ManifestModel, options: EngineOptions) {
  if (model.limited) return notAnalysedRun(model, options);
  const suppressions = parseSuppressions(options.ignoreSuppressions ? '' : model.text);
  const findings: RuleFinding[] = [];
  const active = options.rules.filter((r) => options.severities?.[r.meta.id] !== 'off');
  const workspace = options.workspace ?? emptyWorkspace;
  const recorder = new RecordingWorkspace(workspace);
  const fileKey = fileKeyOf(model, workspace);
  const cache = options.cache;
  const startState = cache?.state;
  const plan = planReuse(cache, model, options.rules, workspace, fileKey);
  const docs = new Map<object, DocResults>();
  const generation = workspace.generation;
  const workspaceAll = workspace.changedSince ? undefined : workspace.all();
  /**
   * `fresh`: reported by this run (its fixes may be a lazy getter, which a spread would run). A cached finding
   * is emitted as the same object run after run while its severity stays (LSP diagnostics are memoised on it).
   */
  const emit = (rule: Rule, f: Finding, fresh: boolean) => {
    if ((suppressions.fileAll || suppressions.file.size || suppressions.lines.size) && isSuppressed(suppressions, rule.meta.id, model.lineCounter.linePos(f.start).line - 1)) return;
    const severity = (options.severities?.[rule.meta.id] as Severity | undefined) ?? rule.meta.severity;
    if (fresh) {
      // A fresh finding belongs to this run alone (checkDocument made it ours): completed in place, not copied.
      const own = f as RuleFinding;
      own.ruleId = rule.meta.id;
      own.meta = rule.meta;
      own.severity = severity;
      findings.push(own);
      return;
    }
    let emitted = emittedOf.get(f);
    if (!emitted || emitted.severity !== severity) emittedOf.set(f, (emitted = { ...f, ruleId: rule.meta.id, meta: rule.meta, severity }));
    findings.push(emitted);
  };
  const byFlavor = { kubernetes: active.filter((r) => r.meta.flavor === 'kubernetes'), compose: active.filter((r) => r.meta.flavor === 'compose') };
  const activeKey = `${model.flavor === 'compose'}\u0000${active.map((r) => r.meta.id).join(',')}`;
  return {
    /** Checks one document, yielding after each rule that ran (a place to pause). */
    *document(doc: DocModel): Generator<void> {
      const flavor = model.flavor === 'compose' ? 'compose' : doc.flavor;
      const prior = plan.prior(doc.doc);
      // Same results, same rules: the document's findings are those of the last run.
      if (prior?.unchanged && prior.entry.activeKey === activeKey) {
        for (const [rule, f] of prior.entry.emitted) emit(rule, f, false);
        docs.set(doc.doc, prior.entry);
        return;
      }
      const results = prior?.results ?? new Map<string, RuleResult>();
      const emitted: [Rule, Finding][] = [];
      if (flavor !== 'yaml') {
        for (const rule of byFlavor[flavor]) {
          let result = results.get(rule.meta.id);
          const fresh = !result;
          if (!result) {
            result = checkDocument(rule, model, doc, options, recorder);
            results.set(rule.meta.id, { findings: cache ? result.findings.map(withoutFixes) : result.findings, deps: result.deps });
          }
          for (const f of result.findings) emit(rule, f, fresh);
          if (cache) for (const f of results.get(rule.meta.id)!.findings) emitted.push([rule, f]);
          if (fresh) yield;
        }
      }
      if (cache) {
        // A document with thousands of findings keeps none in the cache (its rules run again next time): they
        // would cost tens of MB while at most MAX_DIAGNOSTICS of a file are published. Its identity stays, so
        // other documents do not see it as changed.
        const keep = emitted.length <= MAX_CACHED_FINDINGS;
        docs.set(doc.doc, { end: doc.end, kind: doc.kind, namespace: doc.namespace, name: doc.name, results: keep ? results : new Map(), activeKey, emitted: keep ? emitted : undefined, ...summarize(results, model.uri) });
      }
    },
    finish(): RuleFinding[] {
      // Another run replaced the cache meanwhile (a newer version): keep its state, not this one.
      if (cache && cache.state === startState) {
        cache.state = { text: model.text, textId: model.textId, fileKey, rules: options.rules, workspace, workspaceGeneration: generation, workspaceAll, docCount: model.docs.length, docs };
      }
      const rank = ruleRanks(options.rules);
      return findings.sort((a, b) => a.start - b.start || (rank.get(a.ruleId) ?? 0) - (rank.get(b.ruleId) ?? 0) || a.ruleId.localeCompare(b.ruleId));
    },
  };
}

const ranks = new WeakMap<readonly Rule[], Map<string, number>>();

/**
 * Each rule id's place in `localeCompare` order (equal ids by that order share a place): findings at the same
 * offset sort by rule id without a locale comparison per pair (tens of thousands of findings tie on offsets).
 */
function ruleRanks(rules: readonly Rule[]): Map<string, number> {
  let rank = ranks.get(rules);
  if (!rank) {
    const ids = [...new Set(rules.map((r) => r.meta.id))].sort((a, b) => a.localeCompare(b));
    rank = new Map();
    ids.forEach((id, i) => rank!.set(id, i > 0 && ids[i - 1].localeCompare(id) === 0 ? rank!.get(ids[i - 1])! : i));
    ranks.set(rules, rank);
  }
  return rank;
}

/** A file over an analysis limit: its one information diagnostic (unless that id is turned off). */
function notAnalysedRun(model: ManifestModel, options: EngineOptions) {
  const setting = options.severities?.[notAnalysedMeta.id];
  const findings: RuleFinding[] = setting === 'off' || !model.limited ? [] : [{ ...notAnalysedFinding(model.limited), meta: notAnalysedMetaFor(model.limited), severity: (setting as Severity | undefined) ?? notAnalysedMeta.severity }];
  return { *document(): Generator<void> {}, finish: () => findings };
}

/** The finding a cached finding was last emitted as (same object while nothing about it changed). */
const emittedOf = new WeakMap<Finding, RuleFinding>();

/** What the cache needs to know of a document's results at a glance: all keys read, related locations in the file. */
function summarize(results: ReadonlyMap<string, RuleResult>, uri: string): { deps?: ReadonlySet<string>; relatedInFile: boolean } {
  let deps: Set<string> | undefined;
  let relatedInFile = false;
  for (const result of results.values()) {
    if (result.deps) for (const k of result.deps) (deps ??= new Set()).add(k);
    for (const f of result.findings) if (f.related?.some((r) => r.uri === uri)) relatedInFile = true;
  }
  return { deps, relatedInFile };
}

/** Runs one rule on one document: its findings (fixes still lazy) and the resource kinds it read. */
function checkDocument(rule: Rule, model: ManifestModel, doc: DocModel, options: EngineOptions, recorder: RecordingWorkspace): { findings: Finding[]; deps?: ReadonlySet<string> } {
  const found: Finding[] = [];
  // A finding's lazy fixes keep the rule's context (`ctx`) alive as long as the finding. Once the check is over,
  // ctx.report must not keep every other finding of it alive through `found`: one published finding of a huge
  // document would hold all 5,000 of its rule (the fuzz tier's 60,000 findings kept ~75 MB after a run).
  let sink: Finding[] | undefined = found;
  const deps = new Set<string>();
  recorder.current = deps;
  try {
    rule.check({
      model,
      doc,
      yaml: doc.doc,
      root: doc.doc.contents,
      fieldDocs: options.fieldDocs,
      workspace: recorder,
      report: (f) => {
        // The rule hands the object over; a copy only when it cannot be ours (frozen, or reported before).
        const finding = (Object.isExtensible(f) && !('ruleId' in f) ? f : copyFinding(f)) as Finding;
        finding.ruleId = rule.meta.id;
        checkedOn.set(finding, model);
        sink?.push(finding);
      },
    });
  } catch (error) {
    options.onRuleError?.(rule.meta.id, error);
  } finally {
    recorder.current = undefined;
    sink = undefined;
  }
  return { findings: found, deps: deps.size ? deps : undefined };
}

/**
 * The model each reported finding was checked on (its lazy fixes are built against it). Weak: a finding no
 * one keeps (past the published cap, or of a closed file) is not kept alive by it.
 */
const checkedOn = new WeakMap<object, ManifestModel>();

/** A shallow copy that keeps a lazy `fixes` getter lazy (a spread would build the fixes). */
function copyFinding<T extends object>(f: T): T {
  const lazy = Object.getOwnPropertyDescriptor(f, 'fixes');
  if (!lazy?.get) return { ...f };
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(f)) if (key !== 'fixes') copy[key] = (f as Record<string, unknown>)[key];
  return Object.defineProperty(copy, 'fixes', lazy) as T;
}

/**
 * The quick fixes of `finding` (from any earlier run on this file) built against the current `model`: the
 * finding's rule runs again on its document only, and the fixes of the same finding are returned.
 */
export function fixesFor(model: ManifestModel, finding: Pick<Finding, 'ruleId' | 'start' | 'end' | 'args' | 'fixes'>, options: EngineOptions): readonly Fix[] {
  // A finding this model's own run reported still carries its (lazy) fixes: no need to run its rule again.
  if (checkedOn.get(finding) === model) {
    try {
      return finding.fixes ?? [];
    } catch (error) {
      options.onRuleError?.(finding.ruleId, error);
      return [];
    }
  }
  const rule = options.rules.find((r) => r.meta.id === finding.ruleId);
  const doc = docAt(model, finding.start);
  if (!rule || !doc) return [];
  const { findings } = checkDocument(rule, model, doc, options, new RecordingWorkspace(options.workspace ?? emptyWorkspace));
  const same = findings.find((f) => f.start === finding.start && f.end === finding.end && sameArgs(f.args, finding.args));
  try {
    return same?.fixes ?? [];
  } catch (error) {
    options.onRuleError?.(rule.meta.id, error);
    return [];
  }
}

function sameArgs(a: readonly string[] = [], b: readonly string[] = []): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
