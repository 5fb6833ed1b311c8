import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFixSafely, findingsOf } from '../../helpers/ruleHarness';
import { WorkspaceIndex } from '../../../server/src/workspace/workspaceIndex';

const ws = (files: Record<string, string>) => WorkspaceIndex.fromTexts(files);
const deployment = (replicas = '\n  replicas: 10   # fixed count', requests = '\n          resources:\n            requests: {cpu: 100m}') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: example/web:1.0${requests}
`;
const hpa = (target = 'web', kind = 'Deployment', metric = 'cpu') => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web-hpa
  namespace: shop
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: ${kind}
    name: ${target}
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource:
        name: ${metric}
        target:
          type: Utilization
          averageUtilization: 70
`;
const dUri = 'file:///w/deploy.yaml';
const hUri = 'file:///w/hpa.yaml';

test('X04: HPA whose target is not in its namespace; a same-named workload of another kind is related', () => {
  const f = findingsOf('x-hpa-target-not-found', hpa('web-frontend'), { uri: hUri, workspace: ws({ '/w/deploy.yaml': deployment() }) });
  assert.equal(f.length, 1);
  assert.deepEqual(f[0].args?.slice(0, 4), ['web-hpa', 'Deployment', 'web-frontend', 'shop']);
  const g = findingsOf('x-hpa-target-not-found', hpa('web', 'StatefulSet'), { uri: hUri, workspace: ws({ '/w/deploy.yaml': deployment() }) });
  assert.equal(g.length, 1);
  assert.equal(g[0].related?.[0].uri, dUri);
});

test('X04: quiet when the target exists (other file or same file) and before the index is complete', () => {
  assert.equal(findingsOf('x-hpa-target-not-found', hpa(), { uri: hUri, workspace: ws({ '/w/deploy.yaml': deployment() }) }).length, 0);
  assert.equal(findingsOf('x-hpa-target-not-found', `${deployment()}---\n${hpa()}`, { uri: hUri, workspace: ws({}) }).length, 0);
  assert.equal(findingsOf('x-hpa-target-not-found', hpa('nope'), { uri: hUri }).length, 0);
});

test('X05: the HPA target pins replicas; reported on the workload with the HPA related', () => {
  const f = findingsOf('x-hpa-target-has-replicas', deployment(), { uri: dUri, workspace: ws({ '/w/hpa.yaml': hpa() }) });
  assert.equal(f.length, 1);
  assert.deepEqual(f[0].args, ['Deployment', 'web', '10', 'web-hpa']);
  assert.equal(f[0].related?.[0].uri, hUri);
  assert.equal(findingsOf('x-hpa-target-has-replicas', deployment(''), { uri: dUri, workspace: ws({ '/w/hpa.yaml': hpa() }) }).length, 0);
  assert.equal(findingsOf('x-hpa-target-has-replicas', deployment(), { uri: dUri, workspace: ws({ '/w/hpa.yaml': hpa('other') }) }).length, 0);
});

test('X05 fix: removes the replicas line (with its comment), byte-exact, LF and CRLF', () => {
  const opts = { uri: dUri, workspace: ws({ '/w/hpa.yaml': hpa() }) };
  const out = applyFixSafely('x-hpa-target-has-replicas', deployment(), 0, opts);
  assert.equal(out, deployment(''));
  const crlf = applyFixSafely('x-hpa-target-has-replicas', deployment().replace(/\n/g, '\r\n'), 0, opts);
  assert.equal(crlf, deployment('').replace(/\n/g, '\r\n'));
  const flow = findingsOf('x-hpa-target-has-replicas', deployment('\n  replicas: 3').replace('spec:\n  replicas: 3\n  selector:\n    matchLabels: {app: web}\n', 'spec: {replicas: 3, selector: {matchLabels: {app: web}}}\nx:\n'), opts);
  for (const f of flow) assert.equal(f.fixes, undefined);
});

test('X06: Utilization on cpu/memory without requests on every target container, related to the container', () => {
  const opts = { uri: hUri, workspace: ws({ '/w/deploy.yaml': deployment(undefined, '') }) };
  const f = findingsOf('x-hpa-utilization-without-requests', hpa(), opts);
  assert.equal(f.length, 1);
  assert.deepEqual(f[0].args, ['web-hpa', 'cpu', 'Deployment/web', '"web"']);
  assert.equal(f[0].related?.[0].uri, dUri);
  assert.equal(findingsOf('x-hpa-utilization-without-requests', hpa('web', 'Deployment', 'memory'), { uri: hUri, workspace: ws({ '/w/deploy.yaml': deployment() }) }).length, 1);
});

test('X06: quiet with requests, AverageValue targets, other metrics or a missing target', () => {
  assert.equal(findingsOf('x-hpa-utilization-without-requests', hpa(), { uri: hUri, workspace: ws({ '/w/deploy.yaml': deployment() }) }).length, 0);
  const avg = hpa().replace('type: Utilization\n          averageUtilization: 70', 'type: AverageValue\n          averageValue: 500m');
  assert.equal(findingsOf('x-hpa-utilization-without-requests', avg, { uri: hUri, workspace: ws({ '/w/deploy.yaml': deployment(undefined, '') }) }).length, 0);
  assert.equal(findingsOf('x-hpa-utilization-without-requests', hpa('missing'), { uri: hUri, workspace: ws({ '/w/deploy.yaml': deployment(undefined, '') }) }).length, 0);
});

test('HPA rules: broken documents never throw', () => {
  for (const text of ['apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nspec: 1\n', 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nspec:\n  scaleTargetRef: [1]\n  metrics: {a: 1}\n', 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas:\n']) {
    for (const id of ['x-hpa-target-not-found', 'x-hpa-target-has-replicas', 'x-hpa-utilization-without-requests']) findingsOf(id, text, { uri: hUri, workspace: ws({ '/w/d.yaml': deployment(), '/w/h.yaml': hpa() }) });
  }
});
