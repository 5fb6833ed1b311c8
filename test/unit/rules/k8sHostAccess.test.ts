import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFixSafely, findingsOf } from '../../helpers/ruleHarness';

const daemonSet = (podExtra: string, containerExtra: string, volumes: string) => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:${podExtra}
      containers:
        - name: agent
          image: example/agent:1.2.3${containerExtra}
      volumes:${volumes}
`;

test('K08 host namespaces: one error per true key, false/absent quiet, fix sets false', () => {
  const text = daemonSet('\n      hostPID: true\n      hostNetwork: true # for the node IP\n      hostIPC: false', '', ' []');
  const f = findingsOf('k8s-host-namespace', text);
  assert.deepEqual(f.map((x) => x.args?.[0]), ['hostPID', 'hostNetwork']);
  assert.equal(f[0].severity, 'error');
  assert.equal(text.slice(f[1].start, f[1].end), 'hostNetwork');
  assert.deepEqual(f[0].lessonPath, ['spec', 'template', 'spec', 'hostPID']);
  assert.match(applyFixSafely('k8s-host-namespace', text), /hostPID: false\n {6}hostNetwork: true # for the node IP/);
  assert.equal(findingsOf('k8s-host-namespace', daemonSet('', '', ' []')).length, 0);
});

test('K09 hostPath: warning for ordinary paths, error for sensitive ones, docker.sock is its own error', () => {
  const text = daemonSet('', '', '\n        - {name: logs, hostPath: {path: /var/log}}\n        - {name: etc, hostPath: {path: /etc/}}\n        - {name: sock, hostPath: {path: /var/run/docker.sock, type: Socket}}\n        - {name: certs, hostPath: {path: /etc/ssl/certs}}\n        - {name: tmp, emptyDir: {}}');
  assert.deepEqual(findingsOf('k8s-hostpath-volume', text).map((x) => x.args?.[0]), ['logs', 'certs']);
  assert.deepEqual(findingsOf('k8s-sensitive-host-mount', text).map((x) => x.args?.[1]), ['/etc/']);
  const sock = findingsOf('k8s-docker-socket-mount', text);
  assert.deepEqual(sock.map((x) => x.args?.[0]), ['sock']);
  assert.equal(sock[0].severity, 'error');
  assert.equal(text.slice(sock[0].start, sock[0].end), 'hostPath');
  assert.deepEqual(sock[0].lessonPath, ['spec', 'template', 'spec', 'volumes', 2, 'hostPath', 'path']);
  assert.equal(findingsOf('k8s-docker-socket-mount', daemonSet('', '', '\n        - {name: c, hostPath: {path: /run/containerd/containerd.sock}}')).length, 1);
  assert.equal(findingsOf('k8s-hostpath-volume', daemonSet('', '', '\n        - {name: data, persistentVolumeClaim: {claimName: d}}')).length, 0);
});

test('K09 writable host mount: information with a readOnly fix; readOnly mounts and non-host volumes are quiet', () => {
  const text = daemonSet('', '\n          volumeMounts:\n            - name: logs\n              mountPath: /var/log   # node logs\n            - name: tmp\n              mountPath: /tmp', '\n        - name: logs\n          hostPath:\n            path: /var/log\n        - name: tmp\n          emptyDir: {}');
  const f = findingsOf('k8s-writable-host-mount', text);
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'information');
  const out = applyFixSafely('k8s-writable-host-mount', text);
  assert.match(out, /mountPath: \/var\/log {3}# node logs\n {14}readOnly: true\n {12}- name: tmp/);
  assert.equal(findingsOf('k8s-writable-host-mount', out).length, 0);
  const flow = daemonSet('', '\n          volumeMounts: [{name: logs, mountPath: /var/log, readOnly: false}]', '\n        - {name: logs, hostPath: {path: /var/log}}');
  assert.match(applyFixSafely('k8s-writable-host-mount', flow), /readOnly: true\}\]/);
});

test('K11 hostPort: warning, fix removes the line (block) or the entry (flow); 0 and hostNetwork quiet', () => {
  const block = daemonSet('', '\n          ports:\n            - containerPort: 9100\n              hostPort: 9100\n              protocol: TCP', ' []');
  const [f] = findingsOf('k8s-host-port', block);
  assert.deepEqual(f.args, ['agent', '9100']);
  assert.equal(block.slice(f.start, f.end), 'hostPort');
  assert.match(applyFixSafely('k8s-host-port', block), /- containerPort: 9100\n {14}protocol: TCP\n/);
  const flow = daemonSet('', '\n          ports: [{containerPort: 80, hostPort: 8080}]', ' []');
  assert.match(applyFixSafely('k8s-host-port', flow), /ports: \[\{containerPort: 80\}\]/);
  const crlf = applyFixSafely('k8s-host-port', block.replace(/\n/g, '\r\n'));
  assert.doesNotMatch(crlf.replace(/\r\n/g, ''), /\n/);
  assert.equal(findingsOf('k8s-host-port', daemonSet('', '\n          ports: [{containerPort: 80, hostPort: 0}]', ' []')).length, 0);
  assert.equal(findingsOf('k8s-host-port', daemonSet('\n      hostNetwork: true', '\n          ports: [{containerPort: 80, hostPort: 80}]', ' []')).length, 0);
});

test('partial documents never throw', () => {
  for (const text of ['kind: Pod\nspec:\n  volumes: {a: 1}\n', 'kind: Pod\nspec:\n  volumes:\n    - hostPath: 3\n    - hostPath: {path: 4}\n    - null\n  containers:\n    - ports: [1, {hostPort: x}]\n      volumeMounts: [null, {name: 3}]\n']) {
    for (const id of ['k8s-host-namespace', 'k8s-hostpath-volume', 'k8s-sensitive-host-mount', 'k8s-docker-socket-mount', 'k8s-writable-host-mount', 'k8s-host-port']) findingsOf(id, text);
  }
});
