import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseQuantity } from '../../../server/src/rules/k8s/k8sHelpers';
import { applyFixSafely, findingsOf } from '../../helpers/ruleHarness';

const statefulSet = (resources: string) => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
        - name: postgres
          image: postgres:16.3${resources}
`;

test('K14 requests: fires when cpu or memory request is missing or zero; message names which', () => {
  const [f] = findingsOf('k8s-resource-requests-missing', statefulSet(''));
  assert.deepEqual(f.args, ['postgres', 'requests.cpu, requests.memory']);
  assert.deepEqual(f.lessonPath, ['spec', 'template', 'spec', 'containers', 0, 'resources', 'requests', 'cpu']);
  const partial = findingsOf('k8s-resource-requests-missing', statefulSet('\n          resources:\n            requests:\n              memory: 256Mi'));
  assert.deepEqual(partial[0].args, ['postgres', 'requests.cpu']);
  assert.equal(findingsOf('k8s-resource-requests-missing', statefulSet('\n          resources:\n            requests: {cpu: "0", memory: 1Gi}')).length, 1);
  assert.equal(findingsOf('k8s-resource-requests-missing', statefulSet('\n          resources:\n            requests: {cpu: 250m, memory: 1Gi}')).length, 0);
});

test('K14 fix: editable defaults cpu 100m / memory 128Mi, inserted where missing (comments kept)', () => {
  const out = applyFixSafely('k8s-resource-requests-missing', statefulSet(''));
  assert.match(out, /image: postgres:16.3\n {10}resources:\n {12}requests:\n {14}cpu: 100m\n {14}memory: 128Mi\n/);
  const partial = applyFixSafely('k8s-resource-requests-missing', statefulSet('\n          resources:   # sized for dev\n            requests:\n              memory: 256Mi\n            limits:\n              memory: 512Mi'));
  assert.match(partial, /# sized for dev\n {12}requests:\n {14}memory: 256Mi\n {14}cpu: 100m\n {12}limits:/);
  const zero = applyFixSafely('k8s-resource-requests-missing', statefulSet('\n          resources:\n            requests: {cpu: "0", memory: 1Gi}'));
  assert.match(zero, /requests: \{cpu: 100m, memory: 1Gi\}/);
});

test('K14 fix never puts a request above an existing limit', () => {
  const out = applyFixSafely('k8s-resource-requests-missing', statefulSet('\n          resources:\n            limits: {cpu: 50m, memory: 64Mi}'));
  assert.match(out, /limits: \{cpu: 50m, memory: 64Mi\}\n {12}requests:\n {14}cpu: 50m\n {14}memory: 64Mi\n/);
});

test('K15 limits: memory is a warning, cpu is information; fixes keep limit >= request; CRLF', () => {
  const text = statefulSet('\n          resources:\n            requests: {cpu: "2", memory: 1Gi}');
  const [mem] = findingsOf('k8s-resource-limits-missing', text);
  assert.equal(mem.severity, 'warning');
  assert.deepEqual(mem.args, ['postgres', 'limits.memory']);
  const [cpu] = findingsOf('k8s-cpu-limit-missing', text);
  assert.equal(cpu.severity, 'information');
  assert.match(applyFixSafely('k8s-resource-limits-missing', text), /requests: \{cpu: "2", memory: 1Gi\}\n {12}limits:\n {14}memory: 1Gi\n/);
  assert.match(applyFixSafely('k8s-cpu-limit-missing', text), /limits:\n {14}cpu: "2"\n/);
  assert.match(applyFixSafely('k8s-resource-limits-missing', statefulSet('')), /resources:\n {12}limits:\n {14}memory: 512Mi\n/);
  const crlf = applyFixSafely('k8s-resource-limits-missing', statefulSet('').replace(/\n/g, '\r\n'));
  assert.doesNotMatch(crlf.replace(/\r\n/g, ''), /\n/);
  assert.equal(findingsOf('k8s-resource-limits-missing', statefulSet('\n          resources:\n            limits: {memory: 2Gi}')).length, 0);
});

test('init containers are checked, ephemeral containers are not', () => {
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers:\n    - name: init\n      image: busybox:1.36\n  containers:\n    - name: app\n      image: app:1.0.0\n      resources: {requests: {cpu: 10m, memory: 10Mi}, limits: {cpu: 10m, memory: 10Mi}}\n  ephemeralContainers:\n    - name: debug\n      image: busybox:1.36\n';
  assert.deepEqual(findingsOf('k8s-resource-requests-missing', pod).map((f) => f.args?.[0]), ['init']);
});

test('quantities', () => {
  assert.equal(parseQuantity('100m'), 0.1);
  assert.equal(parseQuantity('128Mi'), 128 * 1024 * 1024);
  assert.equal(parseQuantity('1G'), 1e9);
  assert.equal(parseQuantity('1.5'), 1.5);
  assert.equal(parseQuantity('abc'), undefined);
});

test('partial documents never throw', () => {
  for (const text of ['kind: Pod\nspec:\n  containers:\n    - resources: 3\n', 'kind: Pod\nspec:\n  containers:\n    - name: a\n      resources:\n        requests: [1]\n        limits: x\n']) {
    for (const id of ['k8s-resource-requests-missing', 'k8s-resource-limits-missing', 'k8s-cpu-limit-missing']) findingsOf(id, text);
  }
});
