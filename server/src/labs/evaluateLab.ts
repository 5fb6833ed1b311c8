/** A lab's state over the learner's files: every step's check, evaluated over one shared file set. */
import type { LabState, LabTarget } from '../protocol';
import { evaluateInSet } from './evaluateCheck';
import { CheckContext, LabFiles, LabFileSet } from './labFileSet';
import type { LabDefinition } from './labModel';

export function evaluateLab(lab: LabDefinition, target: LabTarget, files: LabFiles, ctx: CheckContext): LabState {
  const set = new LabFileSet(files, ctx);
  const steps = lab.steps.map((step) => {
    const result = evaluateInSet(step.check, set);
    return result.passed ? { id: step.id, passed: true } : { id: step.id, passed: false, reason: result.reason ?? '' };
  });
  const passedCount = steps.filter((s) => s.passed).length;
  return { labId: target.labId, folderUri: target.folderUri, steps, passedCount, total: steps.length, complete: passedCount === steps.length };
}
