import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFixSafely, findingsOf } from '../../helpers/ruleHarness';

const deployment = (container: string, kind = 'Deployment') => `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: web
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: web:1.0.0${container}
`;

const ports = '\n          ports:\n            - name: http\n              containerPort: 8080';

test('K16/K17 missing probes: information on serving kinds, on the container name; not for Jobs or init containers', () => {
  const live = findingsOf('k8s-liveness-probe-missing', deployment(''));
  assert.equal(live.length, 1);
  assert.equal(live[0].severity, 'information');
  assert.deepEqual(live[0].lessonPath, ['spec', 'template', 'spec', 'containers', 0, 'livenessProbe']);
  assert.equal(findingsOf('k8s-readiness-probe-missing', deployment('')).length, 1);
  const withBoth = deployment('\n          livenessProbe: {httpGet: {path: /health, port: 8080}}\n          readinessProbe: {httpGet: {path: /ready, port: 8080}}');
  assert.equal(findingsOf('k8s-liveness-probe-missing', withBoth).length, 0);
  assert.equal(findingsOf('k8s-readiness-probe-missing', withBoth).length, 0);
  const job = 'apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    spec:\n      containers:\n        - name: j\n          image: j:1\n';
  assert.equal(findingsOf('k8s-liveness-probe-missing', job).length, 0);
  const pod = 'apiVersion: v1\nkind: Pod\nspec:\n  initContainers:\n    - name: init\n  containers:\n    - name: app\n      livenessProbe: {exec: {command: [true]}}\n      readinessProbe: {exec: {command: [ls]}}\n';
  assert.equal(findingsOf('k8s-liveness-probe-missing', pod).length, 0);
});

test('K18 probe port: a named port that no ports[].name defines; the fix picks the only declared port', () => {
  const ok = deployment(`${ports}\n          livenessProbe: {httpGet: {path: /h, port: http}}\n          readinessProbe: {tcpSocket: {port: 8080}}`);
  assert.equal(findingsOf('k8s-probe-port-not-exposed', ok).length, 0);
  const badName = deployment(`${ports}\n          livenessProbe:\n            httpGet:\n              path: /h\n              port: web   # typo`);
  const [f] = findingsOf('k8s-probe-port-not-exposed', badName);
  assert.deepEqual(f.args, ['web', 'livenessProbe', 'web']);
  assert.equal(f.severity, 'warning');
  assert.equal(badName.slice(f.start, f.end), 'port');
  assert.deepEqual(f.lessonPath, ['spec', 'template', 'spec', 'containers', 0, 'livenessProbe', 'httpGet', 'port']);
  assert.match(applyFixSafely('k8s-probe-port-not-exposed', badName), /port: http {3}# typo/);
  const unnamed = deployment('\n          ports: [{containerPort: 9090}]\n          readinessProbe: {httpGet: {path: /r, port: metrics}}');
  assert.match(applyFixSafely('k8s-probe-port-not-exposed', unnamed), /port: 9090\}\}/);
});

test('K18 negatives: numeric ports (declared or not), probes to another host; no fix when several ports exist', () => {
  assert.equal(findingsOf('k8s-probe-port-not-exposed', deployment('\n          livenessProbe: {httpGet: {path: /h, port: 8080}}')).length, 0);
  assert.equal(findingsOf('k8s-probe-port-not-exposed', deployment(`${ports}\n          readinessProbe: {httpGet: {path: /r, port: 10254}}`)).length, 0);
  assert.equal(findingsOf('k8s-probe-port-not-exposed', deployment(`${ports}\n          livenessProbe: {httpGet: {host: 10.0.0.1, path: /h, port: admin}}`)).length, 0);
  const twoPorts = deployment('\n          ports: [{containerPort: 80, name: http}, {containerPort: 443, name: https}]\n          livenessProbe: {tcpSocket: {port: admin}}');
  const [f] = findingsOf('k8s-probe-port-not-exposed', twoPorts);
  assert.deepEqual(f.fixes, [], 'no single port to pick: no fix');
});

test('K19 identical probes: hint; different paths or handlers quiet', () => {
  const same = deployment(`${ports}\n          livenessProbe: {httpGet: {path: /health, port: http}, periodSeconds: 10}\n          readinessProbe: {httpGet: {path: /health, port: http}, periodSeconds: 5}`);
  const [f] = findingsOf('k8s-liveness-equals-readiness', same);
  assert.equal(f.severity, 'hint');
  assert.equal(findingsOf('k8s-liveness-equals-readiness', deployment(`${ports}\n          livenessProbe: {httpGet: {path: /health, port: http}}\n          readinessProbe: {httpGet: {path: /ready, port: http}}`)).length, 0);
  assert.equal(findingsOf('k8s-liveness-equals-readiness', deployment('\n          livenessProbe: {exec: {command: [a]}}\n          readinessProbe: {exec: {command: [a, b]}}')).length, 0);
});

test('partial documents never throw', () => {
  for (const text of ['kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - livenessProbe: 3\n          readinessProbe: {httpGet: 5}\n          ports: 7\n', 'kind: Pod\nspec:\n  containers:\n    - livenessProbe: {httpGet: {port: null}}\n      startupProbe: {tcpSocket: {port: [1]}}\n']) {
    for (const id of ['k8s-liveness-probe-missing', 'k8s-readiness-probe-missing', 'k8s-probe-port-not-exposed', 'k8s-liveness-equals-readiness']) findingsOf(id, text);
  }
});
