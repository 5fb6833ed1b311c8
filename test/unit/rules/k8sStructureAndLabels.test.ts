import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFixSafely, findingsOf } from '../../helpers/ruleHarness';

const deployment = (selector: string, labels: string, podExtra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3${selector}
  template:
    metadata:
      labels:${labels}
    spec:${podExtra}
      containers:
        - name: web
          image: web:1.0.0
`;

test('K25 selector/template: matching selectors are quiet', () => {
  assert.equal(findingsOf('k8s-selector-template-mismatch', deployment('\n  selector:\n    matchLabels: {app: web}', '\n        app: web\n        tier: frontend')).length, 0);
  assert.equal(findingsOf('k8s-selector-template-mismatch', deployment('\n  selector:\n    matchExpressions: [{key: app, operator: In, values: [web, www]}]', '\n        app: web')).length, 0);
});

test('K25: a missing template label is an error on the selector key; the fix adds it to the template', () => {
  const text = deployment('\n  selector:\n    matchLabels:\n      app: web\n      tier: frontend', '\n        app: web   # keep');
  const [f] = findingsOf('k8s-selector-template-mismatch', text);
  assert.equal(f.severity, 'error');
  assert.equal(text.slice(f.start, f.end), 'selector');
  assert.match(f.args?.[2] ?? '', /tier=frontend/);
  assert.match(applyFixSafely('k8s-selector-template-mismatch', text), /app: web {3}# keep\n {8}tier: frontend\n/);
});

test('K25: conflicting values, missing selector, matchExpressions mismatch — reported without a fix', () => {
  const conflict = findingsOf('k8s-selector-template-mismatch', deployment('\n  selector:\n    matchLabels: {app: web}', '\n        app: api'));
  assert.deepEqual(conflict[0].fixes, []);
  assert.equal(findingsOf('k8s-selector-template-mismatch', deployment('', '\n        app: web')).length, 1);
  assert.equal(findingsOf('k8s-selector-template-mismatch', deployment('\n  selector: {}', '\n        app: web')).length, 1);
  assert.equal(findingsOf('k8s-selector-template-mismatch', deployment('\n  selector:\n    matchExpressions: [{key: app, operator: NotIn, values: [web]}]', '\n        app: web')).length, 1);
  const job = 'apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    metadata: {labels: {a: b}}\n    spec: {containers: []}\n';
  assert.equal(findingsOf('k8s-selector-template-mismatch', job).length, 0);
});

const spread = (constraint: string) => deployment('\n  selector:\n    matchLabels: {app: web}', '\n        app: web', `\n      topologySpreadConstraints:\n        - ${constraint}`);

test('K26 topology spread: valid constraints are quiet', () => {
  assert.equal(findingsOf('k8s-topology-spread-invalid', spread('{maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}}')).length, 0);
});

test('K26: each invalid field is reported on its key', () => {
  const text = spread('{maxSkew: 0, topologyKey: "", whenUnsatisfiable: Always, minDomains: 0, labelSelector: {matchLabels: {app: api}}}');
  const f = findingsOf('k8s-topology-spread-invalid', text);
  assert.deepEqual(f.map((x) => text.slice(x.start, x.end)), ['maxSkew', 'minDomains', 'topologyKey', 'whenUnsatisfiable', 'labelSelector'].sort((a, b) => text.indexOf(a) - text.indexOf(b)));
  assert.ok(f.every((x) => x.severity === 'warning'));
});

test('K26: a missing labelSelector gets the template labels as a fix (block style)', () => {
  const text = deployment('\n  selector:\n    matchLabels: {app: web}', '\n        app: web', '\n      topologySpreadConstraints:\n        - maxSkew: 1\n          topologyKey: kubernetes.io/hostname\n          whenUnsatisfiable: ScheduleAnyway');
  const [f] = findingsOf('k8s-topology-spread-invalid', text);
  assert.equal(text.slice(f.start, f.end), 'topologyKey');
  const out = applyFixSafely('k8s-topology-spread-invalid', text);
  assert.match(out, /whenUnsatisfiable: ScheduleAnyway\n {10}labelSelector:\n {12}matchLabels:\n {14}app: web\n/);
});

const namespace = (labels: string) => `apiVersion: v1
kind: Namespace
metadata:
  name: payments
  labels:${labels}
`;

test('K27 Pod Security labels: valid levels and versions are quiet', () => {
  assert.equal(findingsOf('k8s-pss-label-invalid', namespace('\n    pod-security.kubernetes.io/enforce: restricted\n    pod-security.kubernetes.io/enforce-version: v1.30\n    pod-security.kubernetes.io/warn: baseline\n    pod-security.kubernetes.io/audit-version: latest\n    team: payments')).length, 0);
});

test('K27: invalid level (case fix keeps quotes), invalid version, misspelled key', () => {
  const level = namespace('\n    pod-security.kubernetes.io/enforce: "Restricted"');
  const [f] = findingsOf('k8s-pss-label-invalid', level);
  assert.equal(f.severity, 'error');
  assert.equal(level.slice(f.start, f.end), '"Restricted"');
  assert.match(applyFixSafely('k8s-pss-label-invalid', level), /enforce: "restricted"\n/);
  assert.deepEqual(findingsOf('k8s-pss-label-invalid', namespace('\n    pod-security.kubernetes.io/enforce: strict'))[0].fixes, []);
  const version = namespace('\n    pod-security.kubernetes.io/enforce: baseline\n    pod-security.kubernetes.io/enforce-version: 1.29');
  assert.match(applyFixSafely('k8s-pss-label-invalid', version), /enforce-version: v1\.29\n/);
  const typo = namespace('\n    pod-security.kubernetes.io/enforced: restricted   # typo');
  const [t] = findingsOf('k8s-pss-label-invalid', typo);
  assert.equal(typo.slice(t.start, t.end), 'pod-security.kubernetes.io/enforced');
  assert.match(applyFixSafely('k8s-pss-label-invalid', typo.replace(/\n/g, '\r\n')), /pod-security\.kubernetes\.io\/enforce: restricted {3}# typo\r\n/);
  assert.equal(findingsOf('k8s-pss-label-invalid', namespace('\n    pod-securty.kubernetes.io/enforce: restricted')).length, 1);
});

test('K27: audit/warn without enforce is information; no labels at all is quiet', () => {
  const [f] = findingsOf('k8s-pss-enforce-missing', namespace('\n    pod-security.kubernetes.io/warn: restricted'));
  assert.equal(f.severity, 'information');
  assert.equal(findingsOf('k8s-pss-enforce-missing', namespace(' {team: a}')).length, 0);
  assert.equal(findingsOf('k8s-pss-enforce-missing', namespace('\n    pod-security.kubernetes.io/enforce: baseline\n    pod-security.kubernetes.io/warn: restricted')).length, 0);
});

test('partial documents never throw', () => {
  for (const text of ['kind: Namespace\nmetadata:\n  labels: [a]\n', 'kind: Namespace\nmetadata:\n  labels:\n    ? [complex]\n    : x\n    pod-security.kubernetes.io/enforce: {a: 1}\n', 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  selector: 3\n  template: {spec: {topologySpreadConstraints: [null, 3, {labelSelector: 4}]}}\n']) {
    for (const id of ['k8s-pss-label-invalid', 'k8s-pss-enforce-missing', 'k8s-selector-template-mismatch', 'k8s-topology-spread-invalid']) findingsOf(id, text);
  }
});
