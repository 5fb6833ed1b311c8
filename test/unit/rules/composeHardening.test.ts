import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFixSafely, findingsOf } from '../../helpers/ruleHarness';

const uri = 'file:///w/docker-compose.yml';
const nnp = 'compose-no-new-privileges-missing';
const ro = 'compose-read-only-missing';

test('no-new-privileges: fires when absent or false, quiet when set (any spelling)', () => {
  assert.equal(findingsOf(nnp, 'services:\n  app:\n    image: a:1\n', { uri }).length, 1);
  assert.equal(findingsOf(nnp, 'services:\n  app:\n    image: a:1\n    security_opt: ["no-new-privileges:false"]\n', { uri }).length, 1);
  for (const opt of ['no-new-privileges:true', 'no-new-privileges', 'no-new-privileges=true']) {
    assert.equal(findingsOf(nnp, `services:\n  app:\n    image: a:1\n    security_opt:\n      - ${opt}\n`, { uri }).length, 0, opt);
  }
  assert.equal(findingsOf(nnp, 'services:\n  app:\n    image: a:1\n', { uri })[0].severity, 'information');
});

test('no-new-privileges: from a merge key counts; fragments without image/build and override files are skipped', () => {
  const merged = 'x-hard: &hard\n  security_opt: [no-new-privileges:true]\nservices:\n  app:\n    <<: *hard\n    image: a:1\n';
  assert.equal(findingsOf(nnp, merged, { uri }).length, 0);
  assert.equal(findingsOf(nnp, 'services:\n  app:\n    ports: ["80:80"]\n', { uri }).length, 0);
  assert.equal(findingsOf(nnp, 'services:\n  app:\n    image: a:1\n', { uri: 'file:///w/docker-compose.override.yml' }).length, 0);
  assert.equal(findingsOf(nnp, 'services:\n  app:\n    extends: base\n    image: a:1\n', { uri }).length, 0);
});

test('no-new-privileges fix: adds security_opt when absent (block style, comments kept)', () => {
  const text = 'services:\n  app:   # the app\n    image: a:1 # pinned\n  db:\n    image: b:1\n    security_opt:\n      - no-new-privileges:true\n';
  const out = applyFixSafely(nnp, text, 0, { uri });
  assert.equal(out, 'services:\n  app:   # the app\n    image: a:1 # pinned\n    security_opt:\n      - no-new-privileges:true\n  db:\n    image: b:1\n    security_opt:\n      - no-new-privileges:true\n');
});

test('no-new-privileges fix: appends to an existing block list', () => {
  const text = 'services:\n  app:\n    image: a:1\n    security_opt:\n      - label:disable   # selinux\n    ports: []\n';
  const out = applyFixSafely(nnp, text, 0, { uri });
  assert.equal(out, 'services:\n  app:\n    image: a:1\n    security_opt:\n      - label:disable   # selinux\n      - no-new-privileges:true\n    ports: []\n');
});

test('no-new-privileges fix: appends to a flow list, keeping its quoting', () => {
  const out = applyFixSafely(nnp, "services:\n  app:\n    image: a:1\n    security_opt: ['apparmor=docker-default']\n", 0, { uri });
  assert.match(out, /security_opt: \['apparmor=docker-default', 'no-new-privileges:true'\]\n/);
  const empty = applyFixSafely(nnp, 'services:\n  app:\n    image: a:1\n    security_opt: []\n', 0, { uri });
  assert.match(empty, /security_opt: \["no-new-privileges:true"\]\n/);
});

test('no-new-privileges fix: false → true in place; CRLF kept', () => {
  const out = applyFixSafely(nnp, 'services:\r\n  app:\r\n    image: a:1\r\n    security_opt:\r\n      - "no-new-privileges:false"\r\n', 0, { uri });
  assert.equal(out, 'services:\r\n  app:\r\n    image: a:1\r\n    security_opt:\r\n      - "no-new-privileges:true"\r\n');
  const crlf = applyFixSafely(nnp, 'services:\r\n  app:\r\n    image: a:1\r\n', 0, { uri });
  assert.equal(crlf, 'services:\r\n  app:\r\n    image: a:1\r\n    security_opt:\r\n      - no-new-privileges:true\r\n');
});

test('no-new-privileges: no fix when security_opt comes from an anchor (editing it would hide the merged list)', () => {
  const text = 'x-o: &o\n  security_opt: [label:disable]\nservices:\n  app:\n    <<: *o\n    image: a:1\n';
  const f = findingsOf(nnp, text, { uri });
  assert.equal(f.length, 1);
  assert.equal(f[0].fixes?.length, 0);
});

test('read_only: hint when missing or false; fix adds or flips it', () => {
  assert.equal(findingsOf(ro, 'services:\n  app:\n    image: a:1\n    read_only: true\n', { uri }).length, 0);
  const f = findingsOf(ro, 'services:\n  app:\n    image: a:1\n', { uri });
  assert.equal(f[0].severity, 'hint');
  assert.equal(applyFixSafely(ro, 'services:\n  app:\n    image: a:1\n', 0, { uri }), 'services:\n  app:\n    image: a:1\n    read_only: true\n');
  assert.equal(applyFixSafely(ro, 'services:\n  app: {image: "a:1", read_only: false}\n', 0, { uri }), 'services:\n  app: {image: "a:1", read_only: true}\n');
  assert.equal(applyFixSafely(ro, 'services:\n  app: {image: "a:1"}\n', 0, { uri }), 'services:\n  app: {image: "a:1", read_only: true}\n');
});

test('hardening rules never throw on odd shapes', () => {
  for (const text of ['services:\n  a:\n    image: x\n    security_opt: 3\n', 'services:\n  a:\n    image: x\n    security_opt:\n', 'services:\n  a:\n    image: x\n    security_opt: [null, [1], {a: 1}]\n', 'services:\n  a:\n    image: x\n    read_only: [1]\n']) {
    findingsOf(nnp, text, { uri });
    findingsOf(ro, text, { uri });
  }
});
