import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findingsOf } from '../../helpers/ruleHarness';
import { WorkspaceIndex } from '../../../server/src/workspace/workspaceIndex';

const ws = (files: Record<string, string>) => WorkspaceIndex.fromTexts(files);
const uri = 'file:///w/app.yaml';
const binding = (roleKind = 'Role', roleName = 'reader', kind = 'RoleBinding') => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata:
  name: reader-binding
  namespace: shop
subjects:
  - kind: ServiceAccount
    name: app-sa
    namespace: shop
roleRef:
  kind: ${roleKind}
  name: ${roleName}
  apiGroup: rbac.authorization.k8s.io
`;
const role = (ns = 'shop') => `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: reader\n  namespace: ${ns}\nrules: []\n`;
const sa = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app-sa\n  namespace: shop\n';
const pod = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
  namespace: shop
spec:
  selector: {matchLabels: {app: a}}
  template:
    metadata: {labels: {app: a}}
    spec:
      serviceAccountName: app-sa
      containers:
        - name: app
          image: example/app:1.0
          env:
            - name: TOKEN
              valueFrom:
                secretKeyRef: {name: app-secret, key: token}
            - name: MODE
              valueFrom:
                configMapKeyRef: {name: app-config, key: mode, optional: true}
          envFrom:
            - configMapRef: {name: app-env}
      volumes:
        - name: data
          persistentVolumeClaim: {claimName: app-data}
        - name: certs
          secret: {secretName: app-tls}
`;

test('X10: RoleBinding to a Role missing in its namespace (a same-named Role elsewhere is related)', () => {
  assert.equal(findingsOf('x-rolebinding-role-not-found', binding(), { uri, workspace: ws({}) }).length, 1);
  const f = findingsOf('x-rolebinding-role-not-found', binding(), { uri, workspace: ws({ '/w/role.yaml': role('other') }) });
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'information');
  assert.equal(f[0].related?.[0].uri, 'file:///w/role.yaml');
});

test('X10: quiet when the Role exists, for built-in ClusterRoles, and before the index is complete', () => {
  assert.equal(findingsOf('x-rolebinding-role-not-found', binding(), { uri, workspace: ws({ '/w/role.yaml': role() }) }).length, 0);
  assert.equal(findingsOf('x-rolebinding-role-not-found', binding('ClusterRole', 'view', 'ClusterRoleBinding'), { uri, workspace: ws({}) }).length, 0);
  assert.equal(findingsOf('x-rolebinding-role-not-found', binding('ClusterRole', 'system:auth-delegator'), { uri, workspace: ws({}) }).length, 0);
  assert.equal(findingsOf('x-rolebinding-role-not-found', binding('ClusterRole', 'custom'), { uri, workspace: ws({}) }).length, 1);
  assert.equal(findingsOf('x-rolebinding-role-not-found', binding(), { uri }).length, 0);
});

test('X11: missing ServiceAccount for a workload and a binding subject; quiet when defined or "default"', () => {
  assert.equal(findingsOf('x-serviceaccount-not-found', pod, { uri, workspace: ws({}) }).length, 1);
  assert.equal(findingsOf('x-serviceaccount-not-found', binding(), { uri, workspace: ws({ '/w/role.yaml': role() }) }).length, 1);
  assert.equal(findingsOf('x-serviceaccount-not-found', pod, { uri, workspace: ws({ '/w/sa.yaml': sa }) }).length, 0);
  assert.equal(findingsOf('x-serviceaccount-not-found', pod.replace('app-sa', 'default'), { uri, workspace: ws({}) }).length, 0);
  assert.equal(findingsOf('x-serviceaccount-not-found', pod, { uri, workspace: ws({ '/w/sa.yaml': sa.replace('shop', 'other') }) }).length, 1);
});

test('X12: missing Secret, ConfigMap and PVC references (optional ones skipped), information level', () => {
  const f = findingsOf('x-referenced-config-not-found', pod, { uri, workspace: ws({}) });
  assert.deepEqual(f.map((x) => `${x.args?.[0]}/${x.args?.[1]}`), ['Secret/app-secret', 'ConfigMap/app-env', 'PersistentVolumeClaim/app-data', 'Secret/app-tls']);
  assert.ok(f.every((x) => x.severity === 'information'));
  const defined = ['Secret', 'ConfigMap', 'PersistentVolumeClaim', 'Secret'].map((k, i) => `apiVersion: v1\nkind: ${k}\nmetadata:\n  name: ${['app-secret', 'app-env', 'app-data', 'app-tls'][i]}\n  namespace: shop\n`).join('---\n');
  assert.equal(findingsOf('x-referenced-config-not-found', pod, { uri, workspace: ws({ '/w/objs.yaml': defined }) }).length, 0);
  assert.equal(findingsOf('x-referenced-config-not-found', pod, { uri }).length, 0);
});

test('reference rules: broken documents never throw', () => {
  for (const text of ['apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nroleRef: 3\nsubjects: {a: 1}\n', 'apiVersion: v1\nkind: Pod\nspec:\n  serviceAccountName: [1]\n  volumes: [1, {secret: 2}]\n  containers: [{env: [1, {valueFrom: 2}], envFrom: 3}]\n']) {
    for (const id of ['x-rolebinding-role-not-found', 'x-serviceaccount-not-found', 'x-referenced-config-not-found']) findingsOf(id, text, { uri, workspace: ws({}) });
  }
});

test('Helm templates ({{ … }}): "not found" rules stay quiet, their names are rendered later', () => {
  const templated = pod.replace('name: app\n', 'name: {{ .Release.Name }}-app\n');
  for (const id of ['x-serviceaccount-not-found', 'x-referenced-config-not-found']) assert.equal(findingsOf(id, templated, { uri, workspace: ws({}) }).length, 0, id);
});

test('X12: a kustomization configMapGenerator/secretGenerator creates the referenced objects', () => {
  const kustomization = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nconfigMapGenerator:\n  - name: app-env\n    literals: [MODE=prod]\nsecretGenerator:\n  - name: app-secret\n    envs: [secret.env]\n';
  const f = findingsOf('x-referenced-config-not-found', pod, { uri, workspace: ws({ '/w/kustomization.yaml': kustomization }) });
  assert.deepEqual(f.map((x) => x.args?.[1]), ['app-data', 'app-tls']);
});
