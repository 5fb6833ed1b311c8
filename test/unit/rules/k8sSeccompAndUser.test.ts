import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFixSafely, findingsOf } from '../../helpers/ruleHarness';

const pod = (podSc: string, containerSc = '', extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: api
spec:${podSc}${extra}
  containers:
    - name: api
      image: ghcr.io/acme/api:2.0.1${containerSc}
    - name: sidecar
      image: ghcr.io/acme/proxy:1.0.0
`;

test('K07 seccomp missing: one finding per container without a pod-level profile; quiet when the pod sets it', () => {
  const f = findingsOf('k8s-seccomp-profile', pod(''));
  assert.deepEqual(f.map((x) => x.args?.[0]), ['api', 'sidecar']);
  assert.equal(f[0].severity, 'warning');
  assert.deepEqual(f[0].lessonPath, ['spec', 'containers', 0, 'securityContext', 'seccompProfile', 'type']);
  assert.equal(findingsOf('k8s-seccomp-profile', pod('\n  securityContext:\n    seccompProfile: {type: RuntimeDefault}')).length, 0);
  assert.equal(findingsOf('k8s-seccomp-profile', pod('\n  securityContext:\n    seccompProfile:\n      type: Localhost\n      localhostProfile: p.json')).length, 0);
  const oneSet = findingsOf('k8s-seccomp-profile', pod('', '\n      securityContext:\n        seccompProfile: {type: RuntimeDefault}'));
  assert.deepEqual(oneSet.map((x) => x.args?.[0]), ['sidecar']);
});

test('K07 fixes: pod-level (preferred) clears every container; container-level alternative', () => {
  const text = pod('\n  securityContext:  # pod level\n    runAsNonRoot: true');
  const out = applyFixSafely('k8s-seccomp-profile', text);
  assert.match(out, /# pod level\n {4}runAsNonRoot: true\n {4}seccompProfile:\n {6}type: RuntimeDefault\n/);
  assert.equal(findingsOf('k8s-seccomp-profile', out).length, 0);
  const own = applyFixSafely('k8s-seccomp-profile', text, 1);
  assert.match(own, /image: ghcr.io\/acme\/api:2.0.1\n {6}securityContext:\n {8}seccompProfile:\n {10}type: RuntimeDefault\n/);
  const crlf = applyFixSafely('k8s-seccomp-profile', pod('').replace(/\n/g, '\r\n'));
  assert.doesNotMatch(crlf.replace(/\r\n/g, ''), /\n/);
});

test('K07 Unconfined: error at pod or container level; fix swaps the value only', () => {
  const text = pod('\n  securityContext:\n    seccompProfile:\n      type: Unconfined   # debugging');
  const [f] = findingsOf('k8s-seccomp-unconfined', text);
  assert.equal(f.severity, 'error');
  assert.equal(text.slice(f.start, f.end), 'type');
  assert.equal(findingsOf('k8s-seccomp-profile', text).length, 0, 'the missing-profile rule does not double-report');
  assert.match(applyFixSafely('k8s-seccomp-unconfined', text), /type: RuntimeDefault {3}# debugging/);
  const c = pod('', '\n      securityContext: {seccompProfile: {type: Unconfined}}');
  assert.equal(findingsOf('k8s-seccomp-unconfined', c)[0].args?.[0], '"api"');
  assert.equal(findingsOf('k8s-seccomp-unconfined', pod('\n  securityContext:\n    seccompProfile: {type: RuntimeDefault}')).length, 0);
});

test('K03 runAsUser 0: pod level reported once, container override wins, hostUsers: false exempts', () => {
  const podLevel = findingsOf('k8s-run-as-user-root', pod('\n  securityContext:\n    runAsUser: 0'));
  assert.equal(podLevel.length, 1);
  assert.equal(podLevel[0].args?.[0], 'Pod');
  assert.equal(findingsOf('k8s-run-as-user-root', pod('\n  securityContext:\n    runAsUser: 0', '\n      securityContext: {runAsUser: 1000}')).length, 1, 'sidecar still inherits 0');
  assert.equal(findingsOf('k8s-run-as-user-root', pod('\n  securityContext:\n    runAsUser: 10001')).length, 0);
  assert.equal(findingsOf('k8s-run-as-user-root', pod('\n  securityContext:\n    runAsUser: 0', '', '\n  hostUsers: false')).length, 0);
  const text = pod('', '\n      securityContext: {runAsUser: 0}');
  const [f] = findingsOf('k8s-run-as-user-root', text);
  assert.equal(text.slice(f.start, f.end), 'runAsUser');
  assert.match(applyFixSafely('k8s-run-as-user-root', text), /securityContext: \{runAsUser: 10001\}/);
});

test('K03 runAsGroup 0 is information', () => {
  const [f] = findingsOf('k8s-run-as-group-root', pod('\n  securityContext:\n    runAsGroup: 0'));
  assert.equal(f.severity, 'information');
  assert.equal(findingsOf('k8s-run-as-group-root', pod('\n  securityContext:\n    runAsGroup: 3000')).length, 0);
});

test('partial documents never throw', () => {
  for (const text of ['kind: Pod\nspec:\n  securityContext: 3\n  containers: 4\n', 'kind: Pod\nspec:\n  securityContext:\n    seccompProfile: x\n  containers:\n    - {}\n', 'kind: CronJob\nspec: {jobTemplate: null}\n']) {
    for (const id of ['k8s-seccomp-profile', 'k8s-seccomp-unconfined', 'k8s-run-as-user-root', 'k8s-run-as-group-root']) findingsOf(id, text);
  }
});
