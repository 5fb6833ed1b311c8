import assert from 'node:assert/strict';
import { test } from 'node:test';
import { closestName, typeLabel } from '../../../server/src/rules/schema/schemaIssues';
import { applyFixSafely, findings, findingsOf } from '../../helpers/ruleHarness';

const schemaIds = (text: string, uri?: string) => findings(text, uri ? { uri } : {}).filter((f) => f.ruleId.startsWith('schema-'));
const deployment = (container: string, pod = '', spec = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:${spec}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:${pod}
      containers:
        - name: web
          image: nginx:1.27${container}
`;

test('helpers: type labels and closest names', () => {
  assert.equal(typeLabel('V1PodSecurityContext'), 'PodSecurityContext');
  assert.equal(typeLabel('RbacV1Subject'), 'Subject');
  assert.equal(typeLabel('V2beta2MetricSpec'), 'MetricSpec');
  assert.equal(closestName('contianers', ['containers', 'volumes']), 'containers');
  assert.equal(closestName('ContainerPort', ['containerPort', 'hostPort']), 'containerPort');
  assert.equal(closestName('xyz', ['containers']), undefined);
});

test('a clean Deployment has no schema findings', () => {
  assert.deepEqual(schemaIds(deployment('')), []);
});

test('unknown field: error on the key, with a rename fix for a typo', () => {
  const text = deployment('\n          imagePullPolicy: IfNotPresent\n          resouces:\n            limits: {memory: 128Mi}');
  const f = findingsOf('schema-unknown-field', text);
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'error');
  assert.equal(text.slice(f[0].start, f[0].end), 'resouces');
  assert.deepEqual(f[0].args, ['resouces', 'Container', 'resources']);
  const out = applyFixSafely('schema-unknown-field', text);
  assert.match(out, /\n {10}resources:\n {12}limits: \{memory: 128Mi\}\n/);
});

test('unknown field: misplaced key at the pod level; strategic-merge directives and merge keys are allowed', () => {
  assert.deepEqual(findingsOf('schema-unknown-field', deployment('', '\n      livenessProbe: {}')).map((f) => f.args?.[1]), ['PodSpec']);
  assert.equal(findingsOf('schema-unknown-field', deployment('', '\n      $setElementOrder/containers: [{name: web}]')).length, 0);
  const merged = 'apiVersion: v1\nkind: ConfigMap\nmetadata: &m\n  name: a\ndata:\n  x: "1"\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  <<: *m\n  namespace: b\n';
  assert.deepEqual(schemaIds(merged), []);
});

test('wrong type: numbers and booleans where strings go, strings where integers go; quick fixes quote/unquote', () => {
  const text = `apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
  labels:
    enabled: true
  annotations:
    prometheus.io/port: 9090
data:
  PORT: 8080
  NAME: app
`;
  const f = findingsOf('schema-wrong-type', text);
  assert.deepEqual(f.map((x) => x.args), [['enabled', 'string', 'boolean'], ['prometheus.io/port', 'string', 'integer'], ['PORT', 'string', 'integer']]);
  const out = applyFixSafely('schema-wrong-type', text);
  assert.match(out, /enabled: "true"\n/);
  const replicas = deployment('', '', '\n  replicas: "3"');
  assert.match(applyFixSafely('schema-wrong-type', replicas), /\n {2}replicas: 3\n/);
  assert.equal(findingsOf('schema-wrong-type', deployment('', '', '\n  replicas: 1.5')).length, 1);
  assert.equal(findingsOf('schema-wrong-type', deployment('\n          env: {A: b}')).length, 1, 'env must be a list');
  assert.equal(findingsOf('schema-wrong-type', deployment('\n          ports: [80]')).length, 1, 'ports items are objects');
});

test('wrong type: quantities, IntOrString, null, YAML 1.1 booleans and timestamps are accepted', () => {
  const text = deployment(
    '\n          resources:\n            requests: {cpu: 0.5, memory: 64Mi}\n            limits: {cpu: 1, memory: 1Gi}\n          readinessProbe:\n            httpGet: {path: /, port: http}\n          livenessProbe:\n            tcpSocket: {port: 80}\n          stdin: yes\n          workingDir: null',
    '\n      volumes:\n        - name: tmp\n          emptyDir: {sizeLimit: 1Gi, medium: ""}\n      hostNetwork: false',
    '\n  strategy:\n    rollingUpdate: {maxSurge: 25%, maxUnavailable: 0}',
  );
  assert.deepEqual(schemaIds(text.replace('  name: web\n', '  name: web\n  creationTimestamp: null\n')), []);
  assert.equal(findingsOf('schema-wrong-type', deployment('', '', '\n  strategy:\n    rollingUpdate: {maxSurge: true}')).length, 1);
  assert.equal(findingsOf('schema-wrong-type', deployment('\n          stdin: "yes"')).length, 1, 'quoted yes stays a string');
  assert.match(applyFixSafely('schema-wrong-type', deployment('\n          tty: "true"')), /tty: true\n/);
});

test('missing required: container name, Deployment selector, Service port; patches are exempt', () => {
  const noName = deployment('').replace('        - name: web\n          image', '        - image');
  const f = findingsOf('schema-missing-required', noName);
  assert.deepEqual(f.map((x) => x.args), [['Container', 'name']]);
  assert.equal(noName.slice(f[0].start, f[0].end), 'image');
  const noSelector = deployment('').replace('  selector:\n    matchLabels:\n      app: web\n', '');
  assert.deepEqual(findingsOf('schema-missing-required', noSelector).map((x) => x.args), [['DeploymentSpec', 'selector']]);
  assert.deepEqual(findingsOf('schema-missing-required', 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports:\n    - targetPort: 8080\n').map((x) => x.args), [['ServicePort', 'port']]);
  const patch = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 3\n';
  assert.equal(findingsOf('schema-missing-required', patch, { uri: 'file:///w/overlays/prod/replica-patch.yaml' }).length, 0);
});

test('invalid enum: case-sensitive values with a fix; empty strings and extra operators are allowed', () => {
  const text = deployment('\n          imagePullPolicy: always\n          ports:\n            - containerPort: 80\n              protocol: tcp');
  const f = findingsOf('schema-invalid-enum', text);
  assert.deepEqual(f.map((x) => x.args?.[0]), ['always', 'tcp']);
  assert.match(applyFixSafely('schema-invalid-enum', text), /imagePullPolicy: Always\n/);
  const ok = deployment(
    '',
    '\n      tolerations:\n        - {key: a, operator: Exists, effect: ""}\n      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n              - matchExpressions:\n                  - {key: cores, operator: Gt, values: ["4"]}',
  );
  assert.deepEqual(schemaIds(ok), []);
  assert.equal(findingsOf('schema-invalid-enum', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: n}\nspec:\n  podSelector: {}\n  policyTypes: [ingress]\n').length, 1);
});

test('apiVersion: wrong group is an error with a fix; older versions and CRDs are left alone', () => {
  const wrong = 'apiVersion: v1\nkind: Deployment\nmetadata: {name: a}\n';
  const f = findingsOf('schema-api-version-mismatch', wrong);
  assert.equal(f.length, 1);
  assert.equal(wrong.slice(f[0].start, f[0].end), 'v1');
  assert.equal(applyFixSafely('schema-api-version-mismatch', wrong), 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\n');
  assert.equal(findingsOf('schema-api-version-mismatch', 'apiVersion: apps/v1\nkind: Service\nmetadata: {name: a}\n').length, 1);
  const miscased = 'apiVersion: apps/v1\nkind: deployment\nmetadata: {name: a}\n';
  assert.deepEqual(findingsOf('schema-api-version-mismatch', miscased).map((f) => f.args?.[2]), ['kind: Deployment']);
  assert.equal(applyFixSafely('schema-api-version-mismatch', miscased), 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\n');
  assert.equal(findingsOf('schema-api-version-mismatch', 'apiVersion: example.com/v1\nkind: deployment\n').length, 0);
  for (const text of [
    'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: a}\nspec:\n  backend: {serviceName: a, servicePort: 80}\n',
    'apiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata: {name: a}\nspec:\n  backend: {serviceName: a, servicePort: 80}\n',
    'apiVersion: apps/v1beta2\nkind: Deployment\nmetadata: {name: a}\nspec: {template: {}}\n',
    'apiVersion: cert-manager.io/v1\nkind: Certificate\nspec: {secretName: x, dnsNames: [a]}\n',
    'apiVersion: monitoring.coreos.com/v1\nkind: Service\nspec: {anything: 1}\n',
    'apiVersion: v1\nkind: List\nitems: []\n',
  ]) assert.deepEqual(schemaIds(text), [], text);
});

test('status is not validated; partial and broken documents never throw', () => {
  assert.deepEqual(schemaIds('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: b}]\nstatus:\n  phase: Running\n  conditions: [{foo: bar}]\n'), []);
  for (const text of [
    'apiVersion: v1\nkind: Pod\n',
    'apiVersion: v1\nkind: Pod\nspec: 3\n',
    'apiVersion: v1\nkind: Pod\nspec:\n  containers: {a: 1}\n',
    'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - 7\n    - null\n    - [1]\n',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  labels: [a]\n  annotations: {? [a] : b}\n',
    'apiVersion: [v1]\nkind: {Pod: 1}\n',
    'apiVersion: v1\nkind: Pod\nspec: &a\n  containers: *a\n',
    'apiVersion: v1\nkind: Pod\nspec: {containers: [{name: a, image: b, env: [{name: x, valueFrom: {secretKeyRef: 3}}]}]}\n',
  ]) findings(text);
});

test('kubectl-generated output (status, managedFields, null timestamps) validates', () => {
  const generated = `apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels: {app: x}
  name: x
  managedFields:
    - manager: kubectl
      operation: Update
      apiVersion: apps/v1
      fieldsType: FieldsV1
      fieldsV1: {f:spec: {f:replicas: {}}}
spec:
  replicas: 1
  selector: {matchLabels: {app: x}}
  strategy: {}
  template:
    metadata: {creationTimestamp: null, labels: {app: x}}
    spec:
      containers: [{image: nginx, name: nginx, resources: {}}]
status: {}
`;
  assert.deepEqual(findings(generated).filter((f) => f.ruleId.startsWith('schema-')).map((f) => f.ruleId), []);
});
