/** Labs client, starter file planning: targets inside labs/<id>/ only, conflicts found, the learner's choice honoured. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { filesToWrite, isConflictChoice, labFolderSegments, planStarterCopy, safeRelativeSegments } from '../../client/src/labs/starterPlan';

test('relative paths split into segments; anything that could leave the lab folder is refused', () => {
  assert.deepEqual(safeRelativeSegments('deployment.yaml'), ['deployment.yaml']);
  assert.deepEqual(safeRelativeSegments('k8s/service.yaml'), ['k8s', 'service.yaml']);
  assert.deepEqual(safeRelativeSegments('한글/파일.yaml'), ['한글', '파일.yaml']);
  for (const bad of ['', '/etc/passwd', '../x.yaml', 'a/../../x', './a', 'a//b', 'a\\b', 'C:/x', 'c:x', 'a/', 'a\u0000b', 'a\nb', 'x'.repeat(501), 42, null, undefined]) {
    assert.equal(safeRelativeSegments(bad), undefined, JSON.stringify(bad));
  }
  assert.deepEqual(labFolderSegments('harden'), ['labs', 'harden']);
});

test('a plan lists new files and conflicts, drops duplicates and refuses unsafe paths', () => {
  const existing = new Set(['deployment.yaml']);
  const plan = planStarterCopy(['deployment.yaml', 'k8s/service.yaml', '../escape.yaml', 'deployment.yaml', '/abs.yaml'], (f) => existing.has(f));
  assert.deepEqual(plan.files, ['deployment.yaml', 'k8s/service.yaml']);
  assert.deepEqual(plan.conflicts, ['deployment.yaml']);
  assert.deepEqual(plan.rejected, ['../escape.yaml', '/abs.yaml']);
});

test('without conflicts every file is written, whatever the choice', () => {
  const plan = planStarterCopy(['a.yaml', 'b.yaml'], () => false);
  for (const choice of [undefined, 'cancel', 'keep', 'overwrite'] as const) {
    assert.deepEqual(filesToWrite(plan, choice), { write: ['a.yaml', 'b.yaml'], kept: [] }, String(choice));
  }
});

test('with conflicts: overwrite writes all, keep writes only the missing ones, cancel or no answer writes nothing', () => {
  const plan = planStarterCopy(['a.yaml', 'b.yaml', 'c/d.yaml'], (f) => f !== 'b.yaml');
  assert.deepEqual(plan.conflicts, ['a.yaml', 'c/d.yaml']);
  assert.deepEqual(filesToWrite(plan, 'overwrite'), { write: ['a.yaml', 'b.yaml', 'c/d.yaml'], kept: [] });
  assert.deepEqual(filesToWrite(plan, 'keep'), { write: ['b.yaml'], kept: ['a.yaml', 'c/d.yaml'] });
  assert.equal(filesToWrite(plan, 'cancel'), undefined);
  assert.equal(filesToWrite(plan, undefined), undefined, 'a dismissed dialog never overwrites');
  assert.ok(isConflictChoice('keep') && !isConflictChoice('yes') && !isConflictChoice(undefined));
});
