import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFixSafely, findingsOf } from '../../helpers/ruleHarness';
import { WorkspaceIndex } from '../../../server/src/workspace/workspaceIndex';

const ws = (files: Record<string, string>) => WorkspaceIndex.fromTexts(files);
const uri = 'file:///w/svc.yaml';
const deployment = (labels = 'app: web', ports = '\n          ports:\n            - name: http\n              containerPort: 8080', ns = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web${ns ? `\n  namespace: ${ns}` : ''}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata:
      labels: {${labels}}
    spec:
      containers:
        - name: web
          image: example/web:1.0${ports}
`;
const service = (selector: string, ports = '\n    - port: 80\n      targetPort: 8080', ns = '') => `apiVersion: v1
kind: Service
metadata:
  name: web${ns ? `\n  namespace: ${ns}` : ''}
spec:
  selector: ${selector}
  ports:${ports}
`;

test('X02: a Service whose selector matches no pod template (workload in another file) is a warning', () => {
  const f = findingsOf('x-service-selector-no-match', service('{app: web-fronted}'), { uri, workspace: ws({ '/w/deploy.yaml': deployment() }) });
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'warning');
  assert.deepEqual(f[0].args, ['web', '{app: web-fronted}', 'default']);
});

test('X02: quiet when the pod template matches, for ExternalName or selector-less Services, and before the index is complete', () => {
  assert.equal(findingsOf('x-service-selector-no-match', service('{app: web}'), { uri, workspace: ws({ '/w/deploy.yaml': deployment() }) }).length, 0);
  assert.equal(findingsOf('x-service-selector-no-match', `${service('{app: x}')}  type: ExternalName\n`, { uri, workspace: ws({}) }).length, 0);
  assert.equal(findingsOf('x-service-selector-no-match', service('{}'), { uri, workspace: ws({}) }).length, 0);
  assert.equal(findingsOf('x-service-selector-no-match', service('{app: x}'), { uri }).length, 0);
});

test('X02: matching is per namespace and uses the template labels', () => {
  const f = findingsOf('x-service-selector-no-match', service('{app: web}', undefined, 'shop'), { uri, workspace: ws({ '/w/deploy.yaml': deployment() }) });
  assert.equal(f.length, 1);
  assert.equal(findingsOf('x-service-selector-no-match', service('{app: web}', undefined, 'shop'), { uri, workspace: ws({ '/w/deploy.yaml': deployment(undefined, undefined, 'shop') }) }).length, 0);
});

test('X03: a numeric or named targetPort the selected pods do not expose, related to the workload', () => {
  const w = { uri, workspace: ws({ '/w/deploy.yaml': deployment() }) };
  const f = findingsOf('x-service-targetport-not-found', service('{app: web}', '\n    - port: 80\n      targetPort: 9090\n    - port: 81\n      targetPort: metrics'), w);
  assert.equal(f.length, 2);
  assert.deepEqual(f.map((x) => x.args?.[1]), ['9090', 'metrics']);
  assert.equal(f[0].related?.[0].uri, 'file:///w/deploy.yaml');
});

test('X03: quiet for a matching number or name, port without targetPort matching, and pods without declared ports', () => {
  const w = { uri, workspace: ws({ '/w/deploy.yaml': deployment() }) };
  assert.equal(findingsOf('x-service-targetport-not-found', service('{app: web}', '\n    - port: 80\n      targetPort: http\n    - port: 8080'), w).length, 0);
  assert.equal(findingsOf('x-service-targetport-not-found', service('{app: web}', '\n    - port: 80\n      targetPort: 9999'), { uri, workspace: ws({ '/w/d.yaml': deployment(undefined, '') }) }).length, 0);
});

const statefulSet = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
  namespace: data
spec:
  serviceName: db-headless   # the governing Service
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
        - name: db
          image: postgres:16.4
          ports:
            - name: pg
              containerPort: 5432
`;
const headless = (clusterIP = 'None', ns = 'data') => `apiVersion: v1\nkind: Service\nmetadata:\n  name: db-headless\n  namespace: ${ns}\nspec:\n  clusterIP: ${clusterIP}\n  selector:\n    app: db\n  ports:\n    - name: pg\n      port: 5432\n`;

test('X13: StatefulSet without its headless Service; a non-headless Service with that name is related', () => {
  const f = findingsOf('x-statefulset-headless-service-not-found', statefulSet, { uri, workspace: ws({}) });
  assert.equal(f.length, 1);
  assert.deepEqual(f[0].args?.slice(0, 3), ['db', 'db-headless', 'data']);
  const g = findingsOf('x-statefulset-headless-service-not-found', statefulSet, { uri, workspace: ws({ '/w/svc2.yaml': headless('10.0.0.5') }) });
  assert.equal(g.length, 1);
  assert.equal(g[0].related?.[0].uri, 'file:///w/svc2.yaml');
});

test('X13: quiet with a headless Service in the same namespace (other file or same file)', () => {
  assert.equal(findingsOf('x-statefulset-headless-service-not-found', statefulSet, { uri, workspace: ws({ '/w/h.yaml': headless() }) }).length, 0);
  assert.equal(findingsOf('x-statefulset-headless-service-not-found', `${statefulSet}---\n${headless()}`, { uri, workspace: ws({}) }).length, 0);
  assert.equal(findingsOf('x-statefulset-headless-service-not-found', statefulSet, { uri, workspace: ws({ '/w/h.yaml': headless('None', 'other') }) }).length, 1);
});

test('X13 fix: appends the headless Service document, byte-exact (LF and CRLF, no final newline)', () => {
  const opts = { uri, workspace: ws({}) };
  const out = applyFixSafely('x-statefulset-headless-service-not-found', statefulSet, 0, opts);
  assert.ok(out.startsWith(statefulSet));
  assert.match(out.slice(statefulSet.length), /^---\napiVersion: v1\nkind: Service\nmetadata:\n {2}name: db-headless\n {2}namespace: data\nspec:\n {2}clusterIP: None\n {2}selector:\n {4}app: db\n {2}ports:\n {4}- name: pg\n {6}port: 5432\n$/);
  const crlf = statefulSet.replace(/\n/g, '\r\n').replace(/\r\n$/, '');
  const out2 = applyFixSafely('x-statefulset-headless-service-not-found', crlf, 0, opts);
  assert.ok(!/[^\r]\n/.test(out2));
});

test('services: broken documents never throw', () => {
  for (const text of ['apiVersion: v1\nkind: Service\nspec: 3\n', 'apiVersion: v1\nkind: Service\nspec:\n  selector: [a]\n  ports: {a: 1}\n', 'apiVersion: apps/v1\nkind: StatefulSet\nspec:\n  serviceName: [x]\n', 'apiVersion: apps/v1\nkind: StatefulSet\nspec:\n  serviceName: s\n  selector: 7\n']) {
    for (const id of ['x-service-selector-no-match', 'x-service-targetport-not-found', 'x-statefulset-headless-service-not-found']) findingsOf(id, text, { uri, workspace: ws({ '/w/d.yaml': deployment() }) });
  }
});

test('X02: pods of a custom workload with a pod template (Argo Rollout) count as selected', () => {
  const rollout = 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: web\nspec:\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: web, image: example/web:1.0}]\n';
  assert.equal(findingsOf('x-service-selector-no-match', service('{app: web}'), { uri, workspace: ws({ '/w/rollout.yaml': rollout }) }).length, 0);
  assert.equal(findingsOf('x-service-selector-no-match', service('{app: api}'), { uri, workspace: ws({ '/w/rollout.yaml': rollout }) }).length, 1);
});
