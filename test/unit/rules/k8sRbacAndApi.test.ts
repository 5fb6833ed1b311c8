import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFixSafely, findingsOf } from '../../helpers/ruleHarness';

test('K22 RBAC wildcards: each "*" in verbs, resources or apiGroups is a warning on the item', () => {
  const text = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: ops
rules:
  - apiGroups: ["*"]
    resources: ["pods", "*"]
    verbs: ["get", "list"]
  - apiGroups: [""]
    resources: [services]
    verbs: ['*']
`;
  const f = findingsOf('k8s-rbac-wildcard', text);
  assert.deepEqual(f.map((x) => x.args?.slice(2)), [['0', 'apiGroups'], ['0', 'resources'], ['1', 'verbs']]);
  assert.equal(text.slice(f[2].start, f[2].end), "'*'");
  assert.deepEqual(f[2].lessonPath, ['rules', 1, 'verbs']);
  const reader = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r}\nrules:\n  - apiGroups: [""]\n    resources: [services, endpoints]\n    verbs: ["get", "list", "watch"]\n';
  assert.equal(findingsOf('k8s-rbac-wildcard', reader).length, 0);
});

test('K23 cluster-admin bindings: warning; other roles and system: bindings quiet', () => {
  const binding = (name: string, role: string, kind = 'ClusterRoleBinding') =>
    `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: ${name}\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: ${role}\nsubjects:\n  - kind: ServiceAccount\n    name: ci\n    namespace: ci\n`;
  const [f] = findingsOf('k8s-cluster-admin-binding', binding('ci-admin', 'cluster-admin'));
  assert.equal(f.severity, 'warning');
  assert.deepEqual(f.lessonPath, ['roleRef', 'name']);
  assert.equal(findingsOf('k8s-cluster-admin-binding', binding('ci-admin', 'cluster-admin', 'RoleBinding')).length, 1);
  assert.equal(findingsOf('k8s-cluster-admin-binding', binding('ci-view', 'view')).length, 0);
  assert.equal(findingsOf('k8s-cluster-admin-binding', binding('system:masters-binding', 'cluster-admin')).length, 0);
});

test('K24 removed API versions: error; safe rewrites fixed in place, others left to the user', () => {
  const cron = '# nightly\napiVersion: batch/v1beta1   # old cluster\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers: [{name: c, image: "c:1"}]\n';
  const [f] = findingsOf('k8s-deprecated-api-version', cron);
  assert.equal(f.severity, 'error');
  assert.deepEqual(f.args, ['batch/v1beta1', 'CronJob', '1.25', 'batch/v1']);
  assert.equal(applyFixSafely('k8s-deprecated-api-version', cron), cron.replace('batch/v1beta1', 'batch/v1'));
  const deploy = 'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {app: d}}\n  template:\n    metadata: {labels: {app: d}}\n    spec:\n      containers: []\n';
  assert.match(applyFixSafely('k8s-deprecated-api-version', deploy), /^apiVersion: apps\/v1\n/);
  const noSelector = 'apiVersion: apps/v1beta1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template: {}\n';
  assert.deepEqual(findingsOf('k8s-deprecated-api-version', noSelector)[0].fixes, [], 'apps/v1 would need a selector');
  const ingress = 'apiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata: {name: i}\nspec:\n  backend: {serviceName: s, servicePort: 80}\n';
  assert.deepEqual(findingsOf('k8s-deprecated-api-version', ingress)[0].fixes, []);
  const hpaCrlf = 'apiVersion: autoscaling/v2beta2\r\nkind: HorizontalPodAutoscaler\r\nmetadata: {name: h}\r\nspec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: d}, minReplicas: 2, maxReplicas: 4}\r\n';
  assert.match(applyFixSafely('k8s-deprecated-api-version', hpaCrlf), /^apiVersion: autoscaling\/v2\r\n/);
});

test('K24 negatives: current versions and kinds that the old group never served', () => {
  for (const text of ['apiVersion: apps/v1\nkind: Deployment\n', 'apiVersion: networking.k8s.io/v1\nkind: Ingress\n', 'apiVersion: batch/v1beta1\nkind: Job\n', 'apiVersion: example.com/v1beta1\nkind: Widget\n']) {
    assert.equal(findingsOf('k8s-deprecated-api-version', text).length, 0, text);
  }
});

test('partial documents never throw', () => {
  for (const text of ['kind: Role\nrules: 3\n', 'kind: ClusterRole\nrules:\n  - verbs: {a: 1}\n  - null\n', 'kind: RoleBinding\nroleRef: [x]\n', 'apiVersion: [1]\nkind: {}\n']) {
    for (const id of ['k8s-rbac-wildcard', 'k8s-cluster-admin-binding', 'k8s-deprecated-api-version']) findingsOf(id, text);
  }
});
