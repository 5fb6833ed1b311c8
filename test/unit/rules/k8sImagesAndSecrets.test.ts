import assert from 'node:assert/strict';
import { test } from 'node:test';
import { imageParts, looksLikeSecret } from '../../../server/src/rules/k8s/imagesAndSecrets';
import { applyFixSafely, findingsOf } from '../../helpers/ruleHarness';

const deployment = (container: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
        - name: api
${container}`;

test('K12 secret env literal: fires on secret-looking names with literal values, names the variable not the value', () => {
  const text = deployment('          image: api:1.0.0\n          env:\n            - name: DB_PASSWORD\n              value: "s3cr3t!"   # TODO move\n            - name: LOG_LEVEL\n              value: debug\n');
  const [f] = findingsOf('k8s-plaintext-secret-env', text);
  assert.deepEqual(f.args, ['api', 'DB_PASSWORD']);
  assert.ok(!f.args?.join(' ').includes('s3cr3t'));
  assert.equal(text.slice(f.start, f.end), 'value');
  assert.deepEqual(f.lessonPath, ['spec', 'template', 'spec', 'containers', 0, 'env', 0, 'valueFrom', 'secretKeyRef']);
  const out = applyFixSafely('k8s-plaintext-secret-env', text);
  assert.match(out, /- name: DB_PASSWORD\n {14}valueFrom: \{secretKeyRef: \{name: "<secret-name>", key: db-password\}\} {3}# TODO move\n/);
  assert.doesNotMatch(out, /s3cr3t/);
});

test('K12 negatives: valueFrom, paths, file/name/ttl settings, flags and templated values', () => {
  for (const [name, value] of [
    ['DB_PASSWORD_FILE', '/run/secrets/db'],
    ['TLS_KEY_PATH', '/etc/tls/tls.key'],
    ['JWT_SECRET_NAME', 'jwt-secret'],
    ['TOKEN_TTL', '3600'],
    ['ENABLE_TOKEN_AUTH', 'true'],
    ['API_TOKEN', '$(API_TOKEN_FROM_SECRET)'],
    ['AWS_ACCESS_KEY_ID', 'AKIA...'],
    ['LOG_LEVEL', 'hunter2'],
  ]) assert.equal(looksLikeSecret(name, value), false, `${name}=${value}`);
  for (const [name, value] of [['API_TOKEN', 'ghp_abc123'], ['AWS_SECRET_ACCESS_KEY', 'wJalr'], ['CERT', '-----BEGIN RSA PRIVATE KEY-----\nMII']]) {
    assert.equal(looksLikeSecret(name, value), true, name);
  }
  assert.equal(findingsOf('k8s-plaintext-secret-env', deployment('          image: api:1.0.0\n          env:\n            - name: DB_PASSWORD\n              valueFrom:\n                secretKeyRef: {name: db, key: password}\n')).length, 0);
});

test('K12: a multi-line literal gets no fix (only the finding)', () => {
  const text = deployment('          image: api:1.0.0\n          env:\n            - name: PRIVATE_KEY\n              value: |\n                -----BEGIN PRIVATE KEY-----\n                abc\n');
  const [f] = findingsOf('k8s-plaintext-secret-env', text);
  assert.ok(f);
  assert.deepEqual(f.fixes, []);
});

test('K13 image tags: untagged and :latest fire (registry ports are not tags); pinned versions and digests are quiet', () => {
  const image = (ref: string) => findingsOf('k8s-image-tag-mutable', deployment(`          image: ${ref}\n`));
  assert.equal(image('nginx').length, 1);
  assert.equal(image('nginx:latest').length, 1);
  assert.equal(image('registry.local:5000/team/app').length, 1);
  assert.equal(image('registry.local:5000/team/app:1.4').length, 0);
  assert.equal(image('nginx:1.27.0').length, 0);
  assert.equal(image('nginx@sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0').length, 0);
  assert.equal(image('"{{ .Values.image }}"').length, 0);
  const [f] = image('nginx:latest');
  assert.equal(f.severity, 'warning');
  assert.deepEqual(f.args, ['api', 'nginx:latest']);
  assert.deepEqual(f.fixes ?? [], [], 'no safe pin exists: no fix');
  assert.deepEqual(imageParts('localhost:5000/a/b:v1@sha256:x'), { tag: 'v1', digest: 'sha256:x' });
});

test('partial documents never throw', () => {
  for (const text of ['kind: Pod\nspec:\n  containers:\n    - env: 3\n      image: [1]\n', 'kind: Pod\nspec:\n  containers:\n    - env: [null, {name: 3, value: {a: 1}}, {name: SECRET}]\n']) {
    findingsOf('k8s-plaintext-secret-env', text);
    findingsOf('k8s-image-tag-mutable', text);
  }
});
