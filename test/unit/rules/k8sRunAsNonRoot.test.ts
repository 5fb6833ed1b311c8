import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFixSafely, findingsOf } from '../../helpers/ruleHarness';

const id = 'k8s-run-as-non-root';
const deployment = (pod: string, container: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:${pod}
      containers:
        - name: web   # main container
          image: nginx:1.27${container}
`;

test('fires when neither pod nor container sets runAsNonRoot', () => {
  const f = findingsOf(id, deployment('', ''));
  assert.equal(f.length, 1);
  assert.deepEqual(f[0].args, ['web']);
});

test('quiet when the pod or the container sets it', () => {
  assert.equal(findingsOf(id, deployment('\n      securityContext:\n        runAsNonRoot: true', '')).length, 0);
  assert.equal(findingsOf(id, deployment('', '\n          securityContext:\n            runAsNonRoot: true')).length, 0);
});

test('container false overrides pod true', () => {
  assert.equal(findingsOf(id, deployment('\n      securityContext:\n        runAsNonRoot: true', '\n          securityContext:\n            runAsNonRoot: false')).length, 1);
});

test('other kinds: CronJob and Pod; unrelated kinds are skipped', () => {
  assert.equal(findingsOf(id, 'apiVersion: batch/v1\nkind: CronJob\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - name: j\n              image: a:1\n').length, 1);
  assert.equal(findingsOf(id, 'apiVersion: v1\nkind: Pod\nspec:\n  initContainers:\n    - name: i\n  containers:\n    - name: c\n').length, 2);
  assert.equal(findingsOf(id, 'apiVersion: v1\nkind: Service\nspec:\n  ports: []\n').length, 0);
});

test('partial and broken documents never throw', () => {
  for (const text of ['apiVersion: v1\nkind: Pod\n', 'apiVersion: v1\nkind: Pod\nspec: 3\n', 'apiVersion: v1\nkind: Pod\nspec:\n  containers: {a: 1}\n', 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - 7\n    - null\n']) {
    findingsOf(id, text);
  }
});

test('fix: container-level insert is byte-exact and clears the finding', () => {
  const out = applyFixSafely(id, deployment('', ''));
  assert.match(out, / {10}securityContext:\n {12}runAsNonRoot: true\n/);
  assert.match(out, /# main container/);
});

test('fix: pod-level alternative', () => {
  const out = applyFixSafely(id, deployment('', ''), 1);
  assert.match(out, /\n {6}securityContext:\n {8}runAsNonRoot: true\n/);
});

test('fix: false → true replaces just the value', () => {
  const out = applyFixSafely(id, deployment('', '\n          securityContext: {runAsNonRoot: false}'));
  assert.match(out, /securityContext: \{runAsNonRoot: true\}/);
});

test('fix on CRLF text keeps CRLF', () => {
  const out = applyFixSafely(id, deployment('', '').replace(/\n/g, '\r\n'));
  assert.doesNotMatch(out.replace(/\r\n/g, ''), /\n/);
});

test('the harden-all fixes are offered here too and clear every securityContext finding', () => {
  const text = deployment('', '');
  const f = findingsOf(id, text)[0];
  const index = f.fixes!.findIndex((x) => /Harden container/.test(x.title.en));
  assert.ok(index >= 2);
  const out = applyFixSafely(id, text, index);
  assert.match(out, / {10}securityContext:\n {12}allowPrivilegeEscalation: false\n {12}readOnlyRootFilesystem: true\n {12}runAsNonRoot: true\n/);
});
