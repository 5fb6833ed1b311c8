import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSuppressed, parseSuppressions } from '../../server/src/rules/suppression';
import { disableNextLineEdit } from '../../server/src/features/codeActions';
import { applyEdits } from '../../server/src/rules/edits';

test('next-line and whole-file directives', () => {
  const s = parseSuppressions('# lesson-aware-disable k8s-a\na: 1\n  # lesson-aware-disable-next-line k8s-b, k8s-c\n\n  b: 2\nc: 3 # lesson-aware-disable-next-line\nd: 4\n');
  assert.equal(isSuppressed(s, 'k8s-a', 10), true);
  assert.equal(isSuppressed(s, 'k8s-b', 4), true);
  assert.equal(isSuppressed(s, 'k8s-c', 4), true);
  assert.equal(isSuppressed(s, 'k8s-d', 4), false);
  assert.equal(isSuppressed(s, 'anything', 6), true);
  assert.equal(isSuppressed(s, 'k8s-b', 1), false);
});

test('not a directive inside a value', () => {
  const s = parseSuppressions('a: "x#lesson-aware-disable k8s-a"\n');
  assert.equal(isSuppressed(s, 'k8s-a', 0), false);
});

test('the disable action inserts a comment at the line indentation and the rule is then suppressed', () => {
  const text = 'spec:\n  containers:\n    - name: a\n';
  const offset = text.indexOf('- name');
  const out = applyEdits(text, [disableNextLineEdit(text, offset, 'k8s-x')]);
  assert.equal(out, 'spec:\n  containers:\n    # lesson-aware-disable-next-line k8s-x\n    - name: a\n');
  assert.equal(isSuppressed(parseSuppressions(out), 'k8s-x', 3), true);
});
