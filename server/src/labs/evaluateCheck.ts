/**
 * The pure check evaluator: `(check, labFiles, context) → {passed, reason}`. Never throws: a missing file,
 * broken YAML or an unexpected error is a failing check with a clear, localized reason.
 */
import { isMap } from 'yaml';
import { allKeys, lookup } from '../rules/compose/composeModel';
import type { Severity } from '../rules/types';
import { CheckContext, LabFiles, LabFileSet } from './labFileSet';
import { evaluateField } from './fieldCheck';
import type { LabCheck } from './labModel';
import { reason } from './labReasons';
import { evaluateRelation } from './relationCheck';

export interface CheckResult {
  passed: boolean;
  /** Why the check fails (localized; names file, resource and path); absent when it passes. */
  reason?: string;
}

const severityRank: Record<Severity, number> = { error: 4, warning: 3, information: 2, hint: 1 };

export function evaluateCheck(check: LabCheck, files: LabFiles, ctx: CheckContext): CheckResult {
  return evaluateInSet(check, new LabFileSet(files, ctx));
}

/** The same over a shared file set (one parse and one rule run per file for all the steps of a lab). */
export function evaluateInSet(check: LabCheck, set: LabFileSet): CheckResult {
  try {
    return evaluate(check, set);
  } catch (error) {
    return { passed: false, reason: reason(set.ctx.lang, 'labCheckFailed', (error as Error).message) };
  }
}

function evaluate(check: LabCheck, set: LabFileSet): CheckResult {
  const lang = set.ctx.lang;
  switch (check.type) {
    case 'rule':
    case 'noFindings': {
      const files = set.select(check.file);
      if (!Array.isArray(files)) return { passed: false, reason: files.reason };
      const left = files.flatMap((file) =>
        set
          .findings(file)
          .filter((f) => (check.type === 'rule' ? f.ruleId === check.rule : severityRank[f.severity] >= severityRank[check.severity]))
          .map((f) => ({ file, f })),
      );
      if (!left.length) return { passed: true };
      const first = set.describeFinding(left[0].file, left[0].f);
      return { passed: false, reason: check.type === 'rule' ? first : reason(lang, 'labFindingsLeft', check.severity, String(left.length), first) };
    }
    case 'field':
      return evaluateField(check, set);
    case 'count': {
      const files = set.select(check.file);
      if (!Array.isArray(files)) return { passed: false, reason: files.reason };
      const n = countOf(check.kind, files, set);
      const ok = (check.min === undefined || n >= check.min) && (check.max === undefined || n <= check.max) && (check.equals === undefined || n === check.equals);
      if (ok) return { passed: true };
      const expected = [
        check.equals !== undefined ? reason(lang, 'labExactly', String(check.equals)) : undefined,
        check.min !== undefined ? reason(lang, 'labAtLeast', String(check.min)) : undefined,
        check.max !== undefined ? reason(lang, 'labAtMost', String(check.max)) : undefined,
      ].filter(Boolean);
      return { passed: false, reason: reason(lang, 'labCountMismatch', check.file ?? reason(lang, 'labTheLabFolder'), check.kind, String(n), expected.join(', ')) };
    }
    case 'relation':
      return evaluateRelation(check, set);
    case 'all': {
      for (const sub of check.checks) {
        const r = evaluate(sub, set);
        if (!r.passed) return r;
      }
      return { passed: true };
    }
    case 'any': {
      const reasons: string[] = [];
      for (const sub of check.checks) {
        const r = evaluate(sub, set);
        if (r.passed) return r;
        if (r.reason) reasons.push(r.reason);
      }
      return { passed: false, reason: reason(lang, 'labNoneOf', reasons.join(' | ')) };
    }
  }
}

/** Resources of a kind (Compose: `service` counts services) in the given files. */
function countOf(kind: string, files: string[], set: LabFileSet): number {
  let n = 0;
  for (const file of files) {
    const model = set.model(file);
    for (const d of model.docs) {
      if (kind === 'service' && (model.flavor === 'compose' || d.flavor === 'compose')) {
        const services = lookup(d.doc.contents, 'services', d.doc).value;
        if (isMap(services)) n += allKeys(services, d.doc).filter((name) => !name.startsWith('x-')).length;
      } else if (d.flavor === 'kubernetes' && d.kind === kind) n++;
    }
  }
  return n;
}
