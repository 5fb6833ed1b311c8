/** Runs the rules over a parsed file: per document, with suppression comments and severity settings applied. */
import type { DocModel, ManifestModel } from '../model/manifestModel';
import type { FieldDocs } from '../schema/types';
import type { RuleSeveritySetting } from '../settings';
import { emptyWorkspace, WorkspaceResources } from './cross/workspaceResources';
import { isSuppressed, parseSuppressions } from './suppression';
import type { Finding, Rule, RuleMeta, Severity } from './types';

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
  return {
    document(doc: DocModel): void {
      const flavor = model.flavor === 'compose' ? 'compose' : doc.flavor;
      if (flavor === 'yaml') return;
      for (const rule of active) {
        if (rule.meta.flavor !== flavor) continue;
        const severity = (options.severities?.[rule.meta.id] as Severity | undefined) ?? rule.meta.severity;
        try {
          rule.check({
            model,
            doc,
            yaml: doc.doc,
            root: doc.doc.contents,
            fieldDocs: options.fieldDocs,
            workspace: options.workspace ?? emptyWorkspace,
            report: (f) => {
              const line = model.lineCounter.linePos(f.start).line - 1;
              if (!isSuppressed(suppressions, rule.meta.id, line)) findings.push({ ...f, ruleId: rule.meta.id, meta: rule.meta, severity });
            },
          });
        } catch (error) {
          options.onRuleError?.(rule.meta.id, error);
        }
      }
    },
    finish(): RuleFinding[] {
      return findings.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
    },
  };
}
