/** The defects the fix-safety corpus found, each pinned by the smallest input that showed it. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { applyEdits } from '../../server/src/rules/edits';
import { applyFixSafely, findingsOf } from '../helpers/ruleHarness';
import { WorkspaceIndex } from '../../server/src/workspace/workspaceIndex';

const parses = (text: string) => (parseAllDocuments(text) as { errors: unknown[] }[]).every((d) => d.errors.length === 0);

test('a long entry inserted into a flow mapping stays on one line (was wrapped at 80 columns: broken YAML, bare LF in CRLF files)', () => {
  const text = 'apiVersion: v1\r\nkind: Pod\r\nmetadata: {name: p}\r\nspec:\r\n  containers: [{name: a, image: "example/a:1.0"}]\r\n';
  const fix = findingsOf('k8s-capabilities-not-dropped', text)[0].fixes!.find((f) => f.title.en.startsWith('Harden container'));
  assert.ok(fix, 'the harden fix is offered');
  const out = applyEdits(text, fix.edits);
  assert.ok(parses(out), out);
  assert.equal(out.split('\r\n').length, text.split('\r\n').length, 'no line added inside the flow map');
  assert.ok(!/[^\r]\n/.test(out), 'no bare LF');
  assert.match(out, /containers: \[\{name: a, image: "example\/a:1.0", securityContext: \{ allowPrivilegeEscalation: false, .*RuntimeDefault \} \}\}\]\r\n/);
});

test('a Compose healthcheck inherited through a merge key counts for service_healthy (the converted depends_on made the cross rule fire)', () => {
  const text = 'x-base: &base\n  healthcheck:\n    test: ["CMD", "true"]\nservices:\n  db:\n    <<: *base\n    image: postgres:16.4\n  app:\n    image: example/app:1.0\n    depends_on:\n      db:\n        condition: service_healthy\n';
  const uri = 'file:///w/compose.yaml';
  assert.deepEqual(findingsOf('x-compose-healthy-dependency-without-healthcheck', text, { uri, workspace: WorkspaceIndex.fromTexts({}) }), []);
  const withoutHealthcheck = text.replace('    <<: *base\n', '');
  assert.equal(findingsOf('x-compose-healthy-dependency-without-healthcheck', withoutHealthcheck, { uri }).length, 1);
});

test('a plain pod-security version 1.30 is fixed to v1.30 as written (was read as the number 1.3 and "fixed" to v1.3)', () => {
  const text = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n    pod-security.kubernetes.io/enforce-version: 1.30\n';
  const f = findingsOf('k8s-pss-label-invalid', text);
  assert.equal(f[0].fixes?.[0].title.en, 'Use v1.30');
  assert.match(applyFixSafely('k8s-pss-label-invalid', text), /enforce-version: v1\.30\n/);
});

test('removing SYS_ADMIN also turns the allowPrivilegeEscalation: true it required into false (it then fired as a new finding)', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: example/a:1.0\n      securityContext:\n        allowPrivilegeEscalation: true\n        capabilities:\n          add: [SYS_ADMIN]\n';
  const out = applyFixSafely('k8s-dangerous-capability', text);
  assert.match(out, /allowPrivilegeEscalation: false\n/);
  assert.match(out, /add: \[\]\n/);
  assert.deepEqual(findingsOf('k8s-allow-privilege-escalation', out), []);
});
