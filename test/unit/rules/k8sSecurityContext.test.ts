import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits } from '../../../server/src/rules/edits';
import { applyFixSafely, findings, findingsOf } from '../../helpers/ruleHarness';

/** A Deployment with one container; `pod` lines go under the pod spec, `sc` lines under the container securityContext. */
const deployment = (sc: string, pod = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:${pod}
      containers:
        - name: web   # main container
          image: nginx:1.27${sc}
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {cpu: 500m, memory: 256Mi}
`;

/** Findings of the securityContext rules (the fixture has no probes: those information findings are not the point here). */
const securityFindings = (text: string) =>
  findings(text).filter((x) => /privileged|escalation|root|capabilit|seccomp|filesystem/.test(x.ruleId)).map((x) => x.ruleId);

const hardened = '\n          securityContext:\n            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            runAsNonRoot: true\n            capabilities:\n              drop: [ALL]\n            seccompProfile:\n              type: RuntimeDefault';

test('K01 privileged: fires on true, names the container, ranges on the key; quiet on false/absent', () => {
  const text = deployment('\n          securityContext:\n            privileged: true');
  const [f] = findingsOf('k8s-privileged-container', text);
  assert.deepEqual(f.args, ['web']);
  assert.equal(text.slice(f.start, f.end), 'privileged');
  assert.deepEqual(f.lessonPath, ['spec', 'template', 'spec', 'containers', 0, 'securityContext', 'privileged']);
  assert.equal(f.severity, 'error');
  assert.equal(findingsOf('k8s-privileged-container', deployment('\n          securityContext:\n            privileged: false')).length, 0);
  assert.equal(findingsOf('k8s-privileged-container', deployment(hardened)).length, 0);
  assert.match(applyFixSafely('k8s-privileged-container', text), /privileged: false\n {12}allowPrivilegeEscalation: false\n/);
});

test('K02 allowPrivilegeEscalation: explicit true is a warning, absent is information, skipped when privileged', () => {
  const explicit = deployment('\n          securityContext:\n            allowPrivilegeEscalation: true');
  assert.equal(findingsOf('k8s-allow-privilege-escalation', explicit)[0].severity, 'warning');
  assert.equal(findingsOf('k8s-allow-privilege-escalation-unset', explicit).length, 0);
  const absent = findingsOf('k8s-allow-privilege-escalation-unset', deployment(''));
  assert.equal(absent.length, 1);
  assert.equal(absent[0].severity, 'information');
  assert.deepEqual(absent[0].lessonPath?.slice(-2), ['securityContext', 'allowPrivilegeEscalation']);
  assert.equal(findingsOf('k8s-allow-privilege-escalation-unset', deployment('\n          securityContext:\n            privileged: true')).length, 0);
  assert.equal(findingsOf('k8s-allow-privilege-escalation-unset', deployment('\n          securityContext:\n            capabilities: {add: [SYS_ADMIN]}')).length, 0);
  assert.equal(findingsOf('k8s-allow-privilege-escalation-unset', deployment(hardened)).length, 0);
});

test('K02 fixes: true → false replaces only the value; absent inserts under the container (comments kept)', () => {
  const out = applyFixSafely('k8s-allow-privilege-escalation', deployment('\n          securityContext:\n            allowPrivilegeEscalation: true  # legacy'));
  assert.match(out, /allowPrivilegeEscalation: false {2}# legacy/);
  const inserted = applyFixSafely('k8s-allow-privilege-escalation-unset', deployment(''));
  assert.match(inserted, /image: nginx:1\.27\n {10}resources:[\s\S]* {10}securityContext:\n {12}allowPrivilegeEscalation: false\n$/);
  assert.match(inserted, /# main container/);
});

test('K04 readOnlyRootFilesystem: absent or false fires; fix sets true; CRLF kept', () => {
  assert.equal(findingsOf('k8s-writable-root-filesystem', deployment('')).length, 1);
  const falseText = deployment('\n          securityContext: {readOnlyRootFilesystem: false}');
  const [f] = findingsOf('k8s-writable-root-filesystem', falseText);
  assert.equal(falseText.slice(f.start, f.end), 'readOnlyRootFilesystem');
  assert.match(applyFixSafely('k8s-writable-root-filesystem', falseText), /securityContext: \{readOnlyRootFilesystem: true\}/);
  const crlf = applyFixSafely('k8s-writable-root-filesystem', deployment('\n          securityContext:\n            runAsNonRoot: true').replace(/\n/g, '\r\n'));
  assert.doesNotMatch(crlf.replace(/\r\n/g, ''), /\n/);
  assert.match(crlf, /runAsNonRoot: true\r\n {12}readOnlyRootFilesystem: true\r\n/);
  assert.equal(findingsOf('k8s-writable-root-filesystem', deployment(hardened)).length, 0);
});

test('K05 capabilities drop ALL: missing, partial (flow and block) and the fixes', () => {
  assert.equal(findingsOf('k8s-capabilities-not-dropped', deployment(hardened)).length, 0);
  assert.equal(findingsOf('k8s-capabilities-not-dropped', deployment('\n          securityContext:\n            capabilities: {drop: [all]}')).length, 0, 'case-insensitive');
  const none = applyFixSafely('k8s-capabilities-not-dropped', deployment(''));
  assert.match(none, /securityContext:\n {12}capabilities:\n {14}drop:\n {16}- ALL\n/);
  const flow = applyFixSafely('k8s-capabilities-not-dropped', deployment('\n          securityContext:\n            capabilities:\n              drop: [NET_RAW]'));
  assert.match(flow, /drop: \[NET_RAW, ALL\]/);
  const block = applyFixSafely('k8s-capabilities-not-dropped', deployment('\n          securityContext:\n            capabilities:\n              drop:\n                - NET_RAW # raw sockets\n              add: [NET_BIND_SERVICE]'));
  assert.match(block, /- NET_RAW # raw sockets\n {16}- ALL\n {14}add: \[NET_BIND_SERVICE\]/);
  const addOnly = applyFixSafely('k8s-capabilities-not-dropped', deployment('\n          securityContext:\n            capabilities:\n              add: [NET_BIND_SERVICE]'));
  assert.match(addOnly, /add: \[NET_BIND_SERVICE\]\n {14}drop:\n {16}- ALL\n/);
});

test('K06 added capabilities: SYS_ADMIN/NET_ADMIN/ALL are errors, others outside baseline warnings, baseline ones quiet', () => {
  const text = deployment('\n          securityContext:\n            capabilities:\n              drop: [ALL]\n              add: [NET_BIND_SERVICE, CAP_SYS_ADMIN, SYS_TIME, CHOWN]');
  const dangerous = findingsOf('k8s-dangerous-capability', text);
  assert.deepEqual(dangerous.map((f) => f.args?.[1]), ['CAP_SYS_ADMIN']);
  assert.equal(text.slice(dangerous[0].start, dangerous[0].end), 'CAP_SYS_ADMIN');
  assert.deepEqual(findingsOf('k8s-capabilities-added', text).map((f) => f.args?.[1]), ['SYS_TIME']);
  const fixed = applyFixSafely('k8s-dangerous-capability', text);
  assert.match(fixed, /add: \[NET_BIND_SERVICE, SYS_TIME, CHOWN\]\n {12}allowPrivilegeEscalation: false\n/);
  const block = deployment('\n          securityContext:\n            capabilities:\n              drop: [ALL]\n              add:\n                - NET_ADMIN\n                - NET_BIND_SERVICE');
  assert.match(applyFixSafely('k8s-dangerous-capability', block), /add:\n {16}- NET_BIND_SERVICE\n/);
});

test('harden all at once: one fix adds every missing field and clears every securityContext finding', () => {
  const text = deployment('');
  const f = findingsOf('k8s-writable-root-filesystem', text)[0];
  const index = f.fixes!.findIndex((x) => /Harden/.test(x.title.en));
  assert.ok(index > 0);
  const out = applyFixSafely('k8s-writable-root-filesystem', text, index);
  assert.match(out, / {10}securityContext:\n {12}allowPrivilegeEscalation: false\n {12}readOnlyRootFilesystem: true\n {12}runAsNonRoot: true\n {12}capabilities:\n {14}drop:\n {16}- ALL\n {12}seccompProfile:\n {14}type: RuntimeDefault\n/);
  assert.deepEqual(securityFindings(out), []);
});

test('harden all: existing partial securityContext (wrong values, caps without drop) in one edit set, CRLF and comments', () => {
  const text = deployment('\n          securityContext:   # partial\n            allowPrivilegeEscalation: true\n            capabilities:\n              add: [NET_BIND_SERVICE]', '\n      securityContext:\n        runAsNonRoot: true').replace(/\n/g, '\r\n');
  const f = findingsOf('k8s-capabilities-not-dropped', text)[0];
  const index = f.fixes!.findIndex((x) => /Harden/.test(x.title.en));
  const out = applyFixSafely('k8s-capabilities-not-dropped', text, index);
  assert.doesNotMatch(out.replace(/\r\n/g, ''), /\n/);
  assert.match(out, /securityContext: {3}# partial\r\n {12}allowPrivilegeEscalation: false\r\n {12}capabilities:\r\n {14}add: \[NET_BIND_SERVICE\]\r\n {14}drop:\r\n {16}- ALL\r\n {12}readOnlyRootFilesystem: true\r\n {12}seccompProfile:\r\n {14}type: RuntimeDefault\r\n/);
  assert.doesNotMatch(out, /runAsNonRoot: true\r\n {12}/, 'the pod-level runAsNonRoot already holds; not duplicated');
  assert.deepEqual(securityFindings(out), []);
});

test('harden all is not offered when only one field is missing, nor for ephemeral containers', () => {
  const one = deployment('\n          securityContext:\n            allowPrivilegeEscalation: false\n            runAsNonRoot: true\n            capabilities: {drop: [ALL]}\n            seccompProfile: {type: RuntimeDefault}');
  const f = findingsOf('k8s-writable-root-filesystem', one)[0];
  assert.equal(f.fixes!.length, 1);
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  ephemeralContainers:\n    - name: debug\n      image: busybox:1.36\n';
  assert.equal(findingsOf('k8s-writable-root-filesystem', pod).length, 0);
});

test('flow-style container and init containers', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers:\n    - {name: init, securityContext: {privileged: true}, image: "busybox:1.36"}\n  containers:\n    - {name: app, image: "app:1"}\n';
  assert.equal(findingsOf('k8s-privileged-container', text).length, 1);
  const out = applyFixSafely('k8s-writable-root-filesystem', text);
  assert.equal(applyEdits(text, []), text);
  assert.match(out, /securityContext: \{privileged: true, readOnlyRootFilesystem: true\}/);
});

test('partial and broken documents never throw', () => {
  const ids = ['k8s-privileged-container', 'k8s-allow-privilege-escalation', 'k8s-writable-root-filesystem', 'k8s-capabilities-not-dropped', 'k8s-dangerous-capability'];
  for (const text of [
    'apiVersion: v1\nkind: Pod\n',
    'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      securityContext: 5\n',
    'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      securityContext:\n        capabilities: [x]\n',
    'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      securityContext:\n        capabilities:\n          add: {x: 1}\n          drop: 7\n',
    'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      securityContext:\n',
    'kind: Deployment\nspec:\n  template:\n    spec:\n      containers: [null, 3, "x"]\n',
  ]) {
    for (const id of ids) findingsOf(id, text);
  }
});

test('securityContext: null gets a fix that fills it', () => {
  const text = deployment('\n          securityContext:');
  const out = applyFixSafely('k8s-writable-root-filesystem', text);
  assert.match(out, /securityContext:\n {12}readOnlyRootFilesystem: true\n/);
});

test('harden the whole workload: pod-level runAsNonRoot/seccomp plus every container, one edit set', () => {
  const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
spec:
  replicas: 2
  selector: {matchLabels: {app: shop}}
  template:
    metadata: {labels: {app: shop}}
    spec:
      containers:
        - name: app
          image: shop:1.0.0
          securityContext:
            runAsNonRoot: false   # explicit override
        - name: proxy   # sidecar
          image: envoy:1.30.1
`;
  const f = findingsOf('k8s-writable-root-filesystem', text)[0];
  const index = f.fixes!.findIndex((x) => /Harden the pod/.test(x.title.en));
  assert.ok(index > 0, f.fixes!.map((x) => x.title.en).join('; '));
  const out = applyFixSafely('k8s-writable-root-filesystem', text, index);
  assert.deepEqual(securityFindings(out), []);
  assert.match(out, /runAsNonRoot: true {3}# explicit override\n {12}allowPrivilegeEscalation: false\n/);
  assert.match(out, / {6}securityContext:\n {8}runAsNonRoot: true\n {8}seccompProfile:\n {10}type: RuntimeDefault\n$/);
  const crlf = applyFixSafely('k8s-writable-root-filesystem', text.replace(/\n/g, '\r\n'), index);
  assert.doesNotMatch(crlf.replace(/\r\n/g, ''), /\n/);
});
