/**
 * Runs the rules over a parsed file: per document, with suppression comments and severity settings applied.
 * With a `cache` (one per open file), a run re-checks only what an edit can have changed (resultCache.ts).
 * Quick fixes are built lazily: a finding's `fixes` is computed when read, and `fixesFor` rebuilds them for a
 * finding of an earlier run against the current model (the code-action handler).
 */
import type { DocModel, ManifestModel } from '../model/manifestModel';
import { docAt } from '../model/manifestModel';
import type { FieldDocs } from '../schema/types';
import type { RuleSeveritySetting } from '../settings';
import { emptyWorkspace, WorkspaceResources } from './cross/workspaceResources';
import { DocResults, fileKeyOf, planReuse, RecordingWorkspace, RuleResult, RuleResultCache, withoutFixes } from './resultCache';
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

export function runRules(model: ManifestModel, options: EngineOptions): RuleFinding[] {
  const run = startRun(model, options);
  for (const doc of model.docs) run.document(doc);
  return run.finish();
}

/**
 * The same as runRules, but yields to the event loop every few milliseconds between documents so requests
 * (hover) are answered meanwhile; returns undefined as soon as `isStale()` says a newer version exists.
 */
export async function runRulesSliced(
  model: ManifestModel,
  options: EngineOptions,
  isStale: () => boolean,
  sliceMs = 8,
): Promise<RuleFinding[] | undefined> {
  const run = startRun(model, options);
  let sliceStart = Date.now();
  for (const doc of model.docs) {
    if (Date.now() - sliceStart >= sliceMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (isStale()) return undefined;
      sliceStart = Date.now();
    }
    run.document(doc);
  }
  return run.finish();
}

function startRun(model: ManifestModel, options: EngineOptions) {
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
  const emit = (rule: Rule, f: Finding) => {
    const line = model.lineCounter.linePos(f.start).line - 1;
    if (isSuppressed(suppressions, rule.meta.id, line)) return;
    const severity = (options.severities?.[rule.meta.id] as Severity | undefined) ?? rule.meta.severity;
    findings.push(Object.assign(copyFinding(f), { ruleId: rule.meta.id, meta: rule.meta, severity }));
  };
  return {
    document(doc: DocModel): void {
      const flavor = model.flavor === 'compose' ? 'compose' : doc.flavor;
      const results = plan.prior(doc.doc) ?? new Map<string, RuleResult>();
      if (flavor !== 'yaml') {
        for (const rule of active) {
          if (rule.meta.flavor !== flavor) continue;
          let result = results.get(rule.meta.id);
          if (!result) {
            result = checkDocument(rule, model, doc, options, recorder);
            results.set(rule.meta.id, { findings: cache ? result.findings.map(withoutFixes) : result.findings, deps: result.deps });
          }
          for (const f of result.findings) emit(rule, f);
        }
      }
      if (cache) docs.set(doc.doc, { kind: doc.kind, namespace: doc.namespace, name: doc.name, results });
    },
    finish(): RuleFinding[] {
      // Another run replaced the cache meanwhile (a newer version): keep its state, not this one.
      if (cache && cache.state === startState) {
        cache.state = { text: model.text, fileKey, rules: options.rules, workspace, workspaceGeneration: generation, workspaceAll, docCount: model.docs.length, docs };
      }
      return findings.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
    },
  };
}

/** Runs one rule on one document: its findings (fixes still lazy) and the resource kinds it read. */
function checkDocument(rule: Rule, model: ManifestModel, doc: DocModel, options: EngineOptions, recorder: RecordingWorkspace): { findings: Finding[]; deps?: ReadonlySet<string> } {
  const found: Finding[] = [];
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
        const finding = copyFinding(f) as Finding;
        finding.ruleId = rule.meta.id;
        found.push(finding);
      },
    });
  } catch (error) {
    options.onRuleError?.(rule.meta.id, error);
  } finally {
    recorder.current = undefined;
  }
  return { findings: found, deps: deps.size ? deps : undefined };
}

/** A shallow copy that keeps a lazy `fixes` getter lazy (a spread would build the fixes). */
function copyFinding<T extends object>(f: T): T {
  return Object.defineProperties({}, Object.getOwnPropertyDescriptors(f)) as T;
}

/**
 * The quick fixes of `finding` (from any earlier run on this file) built against the current `model`: the
 * finding's rule runs again on its document only, and the fixes of the same finding are returned.
 */
export function fixesFor(model: ManifestModel, finding: Pick<Finding, 'ruleId' | 'start' | 'end' | 'args'>, options: EngineOptions): readonly Fix[] {
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
