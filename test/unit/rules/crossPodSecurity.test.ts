import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFixSafely, findingsOf } from '../../helpers/ruleHarness';
import { evaluatePss } from '../../../server/src/rules/cross/podSecurity';
import { podSpecOf } from '../../../server/src/rules/workloads';
import { parseManifest } from '../../../server/src/model/manifestModel';
import { WorkspaceIndex } from '../../../server/src/workspace/workspaceIndex';

const id = 'x-pss-enforce-violation';
const namespace = (level: string, extra = '') => `apiVersion: v1
kind: Namespace
metadata:
  name: backend
  labels:
    pod-security.kubernetes.io/enforce: ${level}${extra}
`;
const deployment = (pod: string, container: string, ns = 'backend') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: ${ns}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:${pod}
      containers:
        - name: api   # main container
          image: example/api:1.0${container}
`;
const hardenedPod = '\n      securityContext:\n        runAsNonRoot: true\n        seccompProfile:\n          type: RuntimeDefault';
const hardenedContainer = '\n          securityContext:\n            allowPrivilegeEscalation: false\n            capabilities:\n              drop: ["ALL"]';
const uri = 'file:///w/app.yaml';
const ws = (files: Record<string, string>) => WorkspaceIndex.fromTexts(files);

test('X01: a workload in a restricted namespace (other file) is reported once, as error, with the Namespace label related', () => {
  const f = findingsOf(id, deployment('', ''), { uri, workspace: ws({ '/w/ns.yaml': namespace('restricted') }) });
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'error');
  assert.equal(f[0].args?.[0], 'Deployment/api');
  assert.match(f[0].args?.[3] ?? '', /allowPrivilegeEscalation.*runAsNonRoot.*seccompProfile.*capabilities/);
  assert.equal(f[0].related?.[0].uri, 'file:///w/ns.yaml');
  const rel = f[0].related![0];
  assert.equal(rel.text.slice(rel.start, rel.end), 'pod-security.kubernetes.io/enforce');
});

test('X01: the same file’s Namespace document counts; the default namespace is "default"', () => {
  assert.equal(findingsOf(id, `${namespace('restricted')}---\n${deployment('', '')}`).length, 1);
  const defaultNs = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: default\n  labels:\n    pod-security.kubernetes.io/enforce: baseline\n';
  const privileged = deployment('\n      hostNetwork: true', '').replace('  namespace: backend\n', '');
  assert.equal(findingsOf(id, `${defaultNs}---\n${privileged}`).length, 1);
});

test('X01: quiet for a hardened workload, for another namespace, without the namespace, and at level privileged', () => {
  const w = ws({ '/w/ns.yaml': namespace('restricted') });
  assert.equal(findingsOf(id, deployment(hardenedPod, hardenedContainer), { uri, workspace: w }).length, 0);
  assert.equal(findingsOf(id, deployment('', '', 'other'), { uri, workspace: w }).length, 0);
  assert.equal(findingsOf(id, deployment('', ''), { uri }).length, 0);
  assert.equal(findingsOf(id, deployment('', ''), { uri, workspace: ws({ '/w/ns.yaml': namespace('privileged') }) }).length, 0);
});

test('X01 baseline: host namespaces, privileged, hostPath and added capabilities fail; restricted-only gaps pass', () => {
  const w = ws({ '/w/ns.yaml': namespace('baseline') });
  assert.equal(findingsOf(id, deployment('', ''), { uri, workspace: w }).length, 0);
  const bad = deployment('\n      hostPID: true\n      volumes:\n        - name: h\n          hostPath: {path: /var/log}', '\n          securityContext:\n            privileged: true\n            capabilities: {add: [SYS_ADMIN]}');
  const f = findingsOf(id, bad, { uri, workspace: w });
  assert.equal(f.length, 1);
  for (const control of ['host namespaces', 'privileged', 'SYS_ADMIN', 'hostPath volumes']) assert.ok(f[0].args![3].includes(control), control);
});

test('PSS evaluation: controls by PSA id, container-level seccomp and runAsNonRoot count, NET_BIND_SERVICE allowed', () => {
  const controls = (text: string, level: 'baseline' | 'restricted') => {
    const m = parseManifest('file:///x.yaml', 1, text);
    const pod = podSpecOf(m.docs[0].doc.contents, m.docs[0].kind)!;
    return evaluatePss(pod, level).map((v) => v.control);
  };
  assert.deepEqual(controls(deployment(hardenedPod, hardenedContainer), 'restricted'), []);
  const perContainer = deployment('', '\n          securityContext:\n            runAsNonRoot: true\n            seccompProfile: {type: Localhost, localhostProfile: p.json}\n            allowPrivilegeEscalation: false\n            capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}');
  assert.deepEqual(controls(perContainer, 'restricted'), []);
  assert.deepEqual(controls(deployment(hardenedPod.replace('RuntimeDefault', 'Unconfined'), hardenedContainer), 'restricted'), ['seccompProfile_baseline']);
  assert.deepEqual(controls(deployment(`${hardenedPod}\n        runAsUser: 0`, hardenedContainer), 'restricted'), ['runAsUser']);
  assert.deepEqual(controls(deployment(hardenedPod, hardenedContainer.replace('["ALL"]', '["ALL"]\n              add: [CHOWN]')), 'restricted'), ['capabilities_restricted']);
  assert.deepEqual(controls(deployment(`${hardenedPod}\n      volumes:\n        - name: n\n          nfs: {server: s, path: /}`, hardenedContainer), 'restricted'), ['restrictedVolumes']);
  assert.deepEqual(controls(deployment('\n      os: {name: windows}\n      securityContext: {runAsNonRoot: true}', ''), 'restricted'), [], 'Linux-only controls are skipped for Windows pods');
  assert.deepEqual(controls(deployment(`${hardenedPod}\n        sysctls:\n          - {name: kernel.msgmax, value: "1"}`, hardenedContainer), 'baseline'), ['sysctls']);
});

test('X01 fix: adds the restricted securityContext to each container, byte-exact (LF, CRLF, comments)', () => {
  const w = { uri, workspace: ws({ '/w/ns.yaml': namespace('restricted') }) };
  const out = applyFixSafely(id, deployment('', ''), 0, w);
  assert.match(out, / {10}securityContext:\n {12}runAsNonRoot: true\n {12}seccompProfile:\n {14}type: RuntimeDefault\n {12}allowPrivilegeEscalation: false\n {12}capabilities:\n {14}drop:\n {16}- ALL\n/);
  assert.match(out, /# main container/);
  assert.equal(findingsOf(id, out, w).length, 0);
  const crlf = applyFixSafely(id, deployment(hardenedPod, '').replace(/\n/g, '\r\n'), 0, w);
  assert.ok(!/[^\r]\n/.test(crlf), 'only CRLF line ends');
  assert.match(crlf, /allowPrivilegeEscalation: false\r\n/);
  assert.doesNotMatch(crlf, /seccompProfile:\r\n {14}type/, 'pod-level seccomp is kept, not repeated');
});

test('X01 fix: not offered when a control needs a human (hostPath, a wrong value)', () => {
  const w = { uri, workspace: ws({ '/w/ns.yaml': namespace('restricted') }) };
  const hostPath = findingsOf(id, deployment('\n      volumes:\n        - name: h\n          hostPath: {path: /x}', ''), w);
  assert.equal(hostPath[0].fixes, undefined);
  const wrong = findingsOf(id, deployment('', '\n          securityContext:\n            allowPrivilegeEscalation: true'), w);
  assert.equal(wrong[0].fixes, undefined);
});

test('X01 warn/audit: a stricter warn level is a warning; nothing when enforce already fails', () => {
  const warnNs = namespace('baseline', '\n    pod-security.kubernetes.io/warn: restricted');
  const f = findingsOf('x-pss-warn-violation', deployment('', ''), { uri, workspace: ws({ '/w/ns.yaml': warnNs }) });
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'warning');
  assert.equal(findingsOf(id, deployment('', ''), { uri, workspace: ws({ '/w/ns.yaml': warnNs }) }).length, 0);
  const both = namespace('restricted', '\n    pod-security.kubernetes.io/warn: restricted');
  assert.equal(findingsOf('x-pss-warn-violation', deployment('', ''), { uri, workspace: ws({ '/w/ns.yaml': both }) }).length, 0);
});

test('X01: partial and broken documents never throw', () => {
  const w = { uri, workspace: ws({ '/w/ns.yaml': namespace('restricted') }) };
  for (const text of ['apiVersion: v1\nkind: Pod\nmetadata: {namespace: backend}\n', 'apiVersion: v1\nkind: Pod\nmetadata: {namespace: backend}\nspec: 3\n', 'apiVersion: v1\nkind: Pod\nmetadata: {namespace: backend}\nspec:\n  containers:\n    - 7\n    - null\n  volumes: [1, {name: x}]\n', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: backend\n  labels: [a]\n']) {
    findingsOf(id, text, w);
    findingsOf('x-pss-warn-violation', text, w);
  }
});
