import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFixSafely, findingsOf } from '../../helpers/ruleHarness';

const deployment = (spec: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:${spec}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "web:1.0.0"}]
`;

const hpa = (bounds: string, target = 'web') => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
  namespace: shop
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${target}}${bounds}
  metrics:
    - type: Resource
      resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
`;

test('K20 single replica: replicas 1 or absent is information; 2+, 0 and HPA-managed are quiet', () => {
  const one = findingsOf('k8s-single-replica', deployment('\n  replicas: 1'));
  assert.equal(one.length, 1);
  assert.equal(one[0].severity, 'information');
  assert.deepEqual(one[0].lessonPath, ['spec', 'replicas']);
  assert.equal(findingsOf('k8s-single-replica', deployment('')).length, 1);
  assert.equal(findingsOf('k8s-single-replica', deployment('\n  replicas: 3')).length, 0);
  assert.equal(findingsOf('k8s-single-replica', deployment('\n  replicas: 0')).length, 0);
  const managed = `${deployment('')}---\n${hpa('\n  minReplicas: 2\n  maxReplicas: 5')}`;
  assert.equal(findingsOf('k8s-single-replica', managed).length, 0);
  const other = `${deployment('')}---\n${hpa('\n  minReplicas: 2\n  maxReplicas: 5', 'api')}`;
  assert.equal(findingsOf('k8s-single-replica', other).length, 1);
  assert.equal(findingsOf('k8s-single-replica', deployment('').replace('kind: Deployment', 'kind: DaemonSet')).length, 0);
});

test('K20 fix: replicas 1 → 2 replaces the value only', () => {
  assert.match(applyFixSafely('k8s-single-replica', deployment('\n  replicas: 1 # one for now')), /replicas: 2 # one for now/);
  const inserted = applyFixSafely('k8s-single-replica', deployment(''));
  assert.match(inserted, /containers: \[\{name: web, image: "web:1.0.0"\}\]\n {2}replicas: 2\n$/);
});

test('K21 HPA bounds: max < min is an error, max = min a warning, min < 2 information', () => {
  const below = findingsOf('k8s-hpa-max-below-min', hpa('\n  minReplicas: 5\n  maxReplicas: 3'));
  assert.deepEqual(below.map((f) => [f.severity, ...(f.args ?? [])]), [['error', '3', '5']]);
  const equal = findingsOf('k8s-hpa-replica-bounds', hpa('\n  minReplicas: 4\n  maxReplicas: 4'));
  assert.deepEqual(equal.map((f) => f.severity), ['warning']);
  assert.equal(findingsOf('k8s-hpa-replica-bounds', hpa('\n  minReplicas: 5\n  maxReplicas: 3')).length, 0, 'not double-reported');
  const low = findingsOf('k8s-hpa-min-replicas-low', hpa('\n  maxReplicas: 10'));
  assert.deepEqual(low.map((f) => [f.severity, f.args?.[0]]), [['information', '1']]);
  assert.equal(findingsOf('k8s-hpa-min-replicas-low', hpa('\n  minReplicas: 2\n  maxReplicas: 10')).length, 0);
  assert.equal(findingsOf('k8s-hpa-max-below-min', hpa('\n  minReplicas: 5\n  maxReplicas: 100')).length, 0);
  assert.match(applyFixSafely('k8s-hpa-min-replicas-low', hpa('\n  minReplicas: 1\n  maxReplicas: 10')), /minReplicas: 2\n/);
});

test('partial documents never throw', () => {
  for (const text of ['kind: Deployment\nspec: 3\n', 'kind: Deployment\nspec:\n  replicas: many\n', 'kind: HorizontalPodAutoscaler\nspec:\n  minReplicas: [1]\n  maxReplicas: {}\n', 'kind: HorizontalPodAutoscaler\n']) {
    for (const id of ['k8s-single-replica', 'k8s-hpa-max-below-min', 'k8s-hpa-replica-bounds', 'k8s-hpa-min-replicas-low']) findingsOf(id, text);
  }
});
