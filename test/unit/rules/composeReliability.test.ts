import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFixSafely, findingsOf } from '../../helpers/ruleHarness';

const uri = 'file:///w/compose.yaml';
const hc = 'compose-healthcheck-missing';
const limits = 'compose-resource-limits-missing';
const restart = 'compose-restart-policy-missing';
const deps = 'compose-depends-on-without-condition';

test('healthcheck: missing or disabled fires; one set through `<<: *common` counts', () => {
  assert.equal(findingsOf(hc, 'services:\n  web:\n    image: nginx:1.27\n', { uri }).length, 1);
  assert.equal(findingsOf(hc, 'services:\n  web:\n    image: a:1\n    healthcheck:\n      disable: true\n', { uri }).length, 1);
  assert.equal(findingsOf(hc, 'services:\n  web:\n    image: a:1\n    healthcheck:\n      test: ["NONE"]\n', { uri }).length, 1);
  assert.equal(findingsOf(hc, 'services:\n  web:\n    image: a:1\n    healthcheck:\n      test: curl -f http://localhost/\n', { uri }).length, 0);
  const merged = 'x-common: &common\n  healthcheck:\n    test: ["CMD", "true"]\nservices:\n  web:\n    <<: *common\n    image: a:1\n';
  assert.equal(findingsOf(hc, merged, { uri }).length, 0);
  const list = 'x-a: &a\n  restart: always\nx-b: &b\n  healthcheck: {test: ["CMD", "true"]}\nservices:\n  web:\n    <<: [*a, *b]\n    image: a:1\n';
  assert.equal(findingsOf(hc, list, { uri }).length, 0);
  const alias = 'x-hc: &hc\n  test: ["CMD", "true"]\nservices:\n  web:\n    image: a:1\n    healthcheck: *hc\n';
  assert.equal(findingsOf(hc, alias, { uri }).length, 0);
});

test('healthcheck fix: a skeleton with editable timings; none when disabled on purpose', () => {
  const out = applyFixSafely(hc, 'services:\n  web:\n    image: nginx:1.27  # web\n', 0, { uri });
  assert.equal(out, 'services:\n  web:\n    image: nginx:1.27  # web\n    healthcheck:\n      test:\n        - CMD\n        - curl\n        - -f\n        - http://localhost/\n      interval: 30s\n      timeout: 10s\n      retries: 3\n      start_period: 10s\n');
  assert.equal(findingsOf(hc, 'services:\n  web:\n    image: a:1\n    healthcheck: {disable: true}\n', { uri })[0].fixes?.length, 0);
});

test('healthcheck: one-shot jobs awaited with service_completed_successfully are skipped', () => {
  const text = 'services:\n  migrate:\n    image: m:1\n  app:\n    image: a:1\n    healthcheck: {test: ["CMD", "true"]}\n    depends_on:\n      migrate:\n        condition: service_completed_successfully\n';
  assert.equal(findingsOf(hc, text, { uri }).length, 0);
});

test('resource limits: memory limit in either spelling silences it', () => {
  assert.equal(findingsOf(limits, 'services:\n  a:\n    image: x:1\n', { uri }).length, 1);
  assert.equal(findingsOf(limits, 'services:\n  a:\n    image: x:1\n    mem_limit: 512m\n', { uri }).length, 0);
  assert.equal(findingsOf(limits, 'services:\n  a:\n    image: x:1\n    deploy:\n      resources:\n        limits:\n          memory: 1G\n', { uri }).length, 0);
  const merged = 'x-lim: &lim\n  deploy:\n    resources:\n      limits: {memory: 1G}\nservices:\n  a:\n    <<: *lim\n    image: x:1\n';
  assert.equal(findingsOf(limits, merged, { uri }).length, 0);
  assert.equal(findingsOf(limits, 'services:\n  a:\n    image: x:1\n', { uri })[0].severity, 'warning');
});

test('resource limits fix: skeleton with editable defaults; only memory when cpus is set', () => {
  const out = applyFixSafely(limits, 'services:\n  a:\n    image: x:1   # app\n  b:\n    image: y:1\n    mem_limit: 1g\n', 0, { uri });
  assert.equal(out, 'services:\n  a:\n    image: x:1   # app\n    deploy:\n      resources:\n        limits:\n          cpus: "0.50"\n          memory: 512M\n  b:\n    image: y:1\n    mem_limit: 1g\n');
  const partial = applyFixSafely(limits, 'services:\n  a:\n    image: x:1\n    deploy:\n      replicas: 2\n      resources:\n        limits:\n          cpus: "1"\n', 0, { uri });
  assert.match(partial, /limits:\n {10}cpus: "1"\n {10}memory: 512M\n$/);
  const crlf = applyFixSafely(limits, 'services:\r\n  a:\r\n    image: x:1\r\n    deploy: {replicas: 1}\r\n', 0, { uri });
  assert.equal(crlf, 'services:\r\n  a:\r\n    image: x:1\r\n    deploy: {replicas: 1, resources: { limits: { cpus: "0.50", memory: 512M } }}\r\n');
});

test('resource limits: no fix when deploy comes from an anchor', () => {
  const text = 'x-d: &d\n  deploy: {replicas: 2}\nservices:\n  a:\n    <<: *d\n    image: x:1\n';
  assert.equal(findingsOf(limits, text, { uri })[0].fixes?.length, 0);
});

test('restart policy: hint; restart or deploy.restart_policy silences it; fix adds unless-stopped', () => {
  assert.equal(findingsOf(restart, 'services:\n  a:\n    image: x:1\n    restart: "no"\n', { uri }).length, 0);
  assert.equal(findingsOf(restart, 'services:\n  a:\n    image: x:1\n    deploy:\n      restart_policy: {condition: on-failure}\n', { uri }).length, 0);
  const f = findingsOf(restart, 'services:\n  a:\n    image: x:1\n', { uri });
  assert.equal(f[0].severity, 'hint');
  assert.equal(applyFixSafely(restart, 'services:\n  a:\n    image: x:1\n', 0, { uri }), 'services:\n  a:\n    image: x:1\n    restart: unless-stopped\n');
});

test('depends_on: short form fires (information); long form with a condition is quiet', () => {
  const f = findingsOf(deps, 'services:\n  web:\n    image: a:1\n    depends_on: [db]\n  db:\n    image: postgres:16\n', { uri });
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'information');
  assert.deepEqual(f[0].args, ['web', 'db']);
  const long = 'services:\n  web:\n    image: a:1\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: postgres:16\n    healthcheck: {test: ["CMD", "pg_isready"]}\n';
  assert.equal(findingsOf(deps, long, { uri }).length, 0);
});

test('depends_on fix: block list → long form, comments and surrounding lines identical', () => {
  const text = [
    'services:',
    '  web:',
    '    image: a:1',
    '    depends_on:   # start order',
    '      - db      # the database',
    '      - "cache"',
    '    ports: ["8080:80"]',
    '  db:',
    '    image: postgres:16',
    '    healthcheck:',
    '      test: ["CMD-SHELL", "pg_isready"]',
    '  cache:',
    '    image: redis:7',
    '',
  ].join('\n');
  const out = applyFixSafely(deps, text, 0, { uri });
  assert.equal(
    out,
    [
      'services:',
      '  web:',
      '    image: a:1',
      '    depends_on:   # start order',
      '      db:      # the database',
      '        condition: service_healthy',
      '      "cache":',
      '        condition: service_started',
      '    ports: ["8080:80"]',
      '  db:',
      '    image: postgres:16',
      '    healthcheck:',
      '      test: ["CMD-SHELL", "pg_isready"]',
      '  cache:',
      '    image: redis:7',
      '',
    ].join('\n'),
  );
});

test('depends_on fix: list at the key\'s own column, flow list, CRLF, last line without newline', () => {
  const flat = applyFixSafely(deps, 'services:\n  web:\n    image: a:1\n    depends_on:\n    - db\n  db:\n    image: b:1\n', 0, { uri });
  assert.equal(flat, 'services:\n  web:\n    image: a:1\n    depends_on:\n      db:\n        condition: service_started\n  db:\n    image: b:1\n');
  const flow = applyFixSafely(deps, 'services:\n  web:\n    image: a:1\n    depends_on: [db, cache]\n  db: {image: b:1, healthcheck: {test: [CMD, "true"]}}\n  cache: {image: c:1}\n', 0, { uri });
  assert.match(flow, /depends_on: \{db: \{condition: service_healthy\}, cache: \{condition: service_started\}\}\n/);
  const crlf = applyFixSafely(deps, 'services:\r\n  web:\r\n    image: a:1\r\n    depends_on:\r\n      - db\r\n  db:\r\n    image: b:1\r\n', 0, { uri });
  assert.equal(crlf, 'services:\r\n  web:\r\n    image: a:1\r\n    depends_on:\r\n      db:\r\n        condition: service_started\r\n  db:\r\n    image: b:1\r\n');
  const eof = applyFixSafely(deps, 'services:\n  db:\n    image: b:1\n  web:\n    image: a:1\n    depends_on:\n      - db', 0, { uri });
  assert.equal(eof, 'services:\n  db:\n    image: b:1\n  web:\n    image: a:1\n    depends_on:\n      db:\n        condition: service_started');
});

test('depends_on: service_started on a dependency with a healthcheck suggests service_healthy', () => {
  const text = 'services:\n  web:\n    image: a:1\n    depends_on:\n      db:\n        condition: service_started\n  db:\n    image: b:1\n    healthcheck: {test: ["CMD", "true"]}\n';
  const out = applyFixSafely(deps, text, 0, { uri });
  assert.match(out, /condition: service_healthy\n {2}db:/);
  const noHc = 'services:\n  web:\n    image: a:1\n    depends_on:\n      db:\n        condition: service_started\n  db:\n    image: b:1\n';
  assert.equal(findingsOf(deps, noHc, { uri }).length, 0);
});

test('depends_on: no fix when the list comes from an anchor', () => {
  const text = 'x-d: &d\n  depends_on: [db]\nservices:\n  web:\n    <<: *d\n    image: a:1\n  db:\n    image: b:1\n';
  const f = findingsOf(deps, text, { uri });
  assert.equal(f.length, 1);
  assert.equal(f[0].fixes?.length, 0);
});

test('reliability rules never throw on odd shapes; !reset and !override tags are read quietly', () => {
  for (const text of [
    'services:\n  a:\n    image: x\n    depends_on: [[1], null, {a: 1}]\n',
    'services:\n  a:\n    image: x\n    depends_on: 7\n    healthcheck: [1]\n    deploy: 3\n',
    'services:\n  a:\n    image: x\n    healthcheck: !reset null\n    depends_on: !reset []\n    ports: !override ["80:80"]\n',
    'services:\n  a:\n    image: x\n    depends_on:\n      b: 3\n',
  ]) {
    for (const id of [hc, limits, restart, deps]) findingsOf(id, text, { uri });
  }
});
