import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFixSafely, findings, findingsOf } from '../../helpers/ruleHarness';

const uri = 'file:///w/compose.yaml';
const schemaOf = (text: string, u = uri) => findings(text, { uri: u }).filter((f) => f.ruleId.startsWith('schema-'));

test('modern Compose keys the packaged schema predates are accepted', () => {
  const text = `name: shop
include:
  - path: ./monitoring/compose.yaml
models:
  llm:
    model: ai/smollm2
x-defaults: &defaults
  restart: unless-stopped
services:
  web:
    <<: *defaults
    image: nginx:1.27
    develop:
      watch:
        - action: sync
          path: ./src
          target: /usr/share/nginx/html
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost"]
      start_period: 10s
      start_interval: 2s
    deploy:
      resources:
        limits: {cpus: "0.5", memory: 256M, pids: 100}
    depends_on:
      api:
        condition: service_healthy
        restart: true
        required: false
    ports:
      - name: http
        target: 80
        published: "8080"
        host_ip: 127.0.0.1
        app_protocol: http
    gpus: all
    annotations: {com.example/a: b}
    post_start:
      - command: ["/bin/true"]
    x-note: free
  api:
    build:
      context: .
      dockerfile_inline: FROM alpine
      tags: ["api:dev"]
      platforms: ["linux/amd64"]
      secrets: [npmrc]
    models: [llm]
    label_file: ./labels
    healthcheck: {test: ["CMD", "true"]}
    volumes:
      - type: image
        source: alpine:3
        target: /data
        image: {subpath: etc}
networks:
  backend:
    enable_ipv6: true
    enable_ipv4: true
secrets:
  npmrc:
    environment: NPM_TOKEN
  inline:
    content: abc
volumes:
  db-data:
`;
  assert.deepEqual(schemaOf(text).map((f) => `${f.ruleId} ${f.args?.join(' ')}`), []);
});

test('unknown keys: error at the key with a rename fix; x- keys and unreviewed depths are free', () => {
  const text = 'services:\n  web:\n    image: nginx:1.27\n    enviroment:\n      A: b\n    x-whatever: 1\n    logging:\n      driver: json-file\n      options: {max-size: 10m}\n';
  const f = findingsOf('schema-compose-unknown-key', text, { uri });
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'error');
  assert.equal(text.slice(f[0].start, f[0].end), 'enviroment');
  assert.deepEqual(f[0].args, ['enviroment', 'services.*', 'environment']);
  assert.match(applyFixSafely('schema-compose-unknown-key', text, 0, { uri }), /\n {4}environment:\n {6}A: b\n/);
  assert.equal(findingsOf('schema-compose-unknown-key', 'services:\n  a:\n    image: x\n    healthcheck:\n      intervall: 5s\n', { uri }).length, 1);
  assert.equal(findingsOf('schema-compose-unknown-key', 'version: "3.8"\nservices:\n  a:\n    image: x\nfoo: 1\n', { uri }).length, 1);
  assert.equal(findingsOf('schema-compose-unknown-key', 'services:\n  a:\n    image: x\n    blkio_config:\n      weight: 300\n', { uri }).length, 0);
});

test('wrong shape: a mapping where a list goes and the other way round; scalars and interpolation are lenient', () => {
  const text = 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      http: 80\n    cap_drop: ALL\n    privileged: "${PRIV:-false}"\n    cpus: 0.5\n    mem_limit: 512m\n    healthcheck:\n      test: curl -f http://localhost\n      retries: "3"\n';
  const f = findingsOf('schema-compose-wrong-type', text, { uri });
  assert.deepEqual(f.map((x) => x.args), [['ports', 'list', 'mapping'], ['cap_drop', 'list', 'single value']]);
  assert.equal(f[0].severity, 'error');
});

test('invalid values: depends_on condition (with a fix) and restart', () => {
  const text = 'services:\n  web:\n    image: a:1\n    restart: allways\n    depends_on:\n      db:\n        condition: service_healty\n  db:\n    image: b:1\n    restart: on-failure:5\n    healthcheck: {test: [CMD, pg_isready]}\n';
  const f = findingsOf('schema-compose-invalid-value', text, { uri });
  assert.deepEqual(f.map((x) => x.args?.[0]), ['allways', 'service_healty']);
  const out = applyFixSafely('schema-compose-invalid-value', text.replace('restart: allways', 'restart: always'), 0, { uri });
  assert.match(out, /condition: service_healthy\n/);
  assert.equal(findingsOf('schema-compose-invalid-value', 'services:\n  a:\n    image: x\n    restart: "no"\n  b:\n    image: y\n    restart: ${RESTART:-always}\n', { uri }).length, 0);
});

test('volume types, cgroup, long-form volumes need a type, extends needs a service, a service is a mapping', () => {
  const text = 'services:\n  a:\n    image: x:1\n    cgroup: shared\n    volumes:\n      - type: bnd\n        source: ./a\n        target: /a\n      - source: data\n        target: /data\n  b:\n    extends:\n      file: base.yaml\n  c: [image, x]\n';
  assert.deepEqual(findingsOf('schema-compose-invalid-value', text, { uri }).map((f) => f.args?.[0]), ['shared', 'bnd']);
  assert.deepEqual(findingsOf('schema-compose-missing-required', text, { uri }).map((f) => f.args?.[1]), ['type', 'service']);
  assert.deepEqual(findingsOf('schema-compose-wrong-type', text, { uri }).map((f) => f.args), [['c', 'mapping', 'list']]);
  assert.match(applyFixSafely('schema-compose-invalid-value', text.replace('cgroup: shared', 'cgroup: host').replace('      - source: data\n        target: /data\n', ''), 0, { uri }), /type: bind\n/);
});

test('missing required: a long-form depends_on entry needs a condition', () => {
  const text = 'services:\n  web:\n    image: a:1\n    depends_on:\n      db:\n        required: false\n  db:\n    image: b:1\n';
  const f = findingsOf('schema-compose-missing-required', text, { uri });
  assert.equal(f.length, 1);
  assert.deepEqual(f[0].args, ['depends_on.db', 'condition']);
  assert.equal(text.slice(f[0].start, f[0].end), 'db');
});

test('!reset / !override tags, anchors and merge keys produce no schema errors', () => {
  const text = 'x-base: &base\n  image: a:1\n  environment: &env\n    A: b\nservices:\n  web:\n    <<: *base\n    ports: !reset []\n    volumes: !override\n      - ./x:/x\n    environment: *env\n    healthcheck: !reset null\n';
  assert.deepEqual(schemaOf(text, 'file:///w/compose.override.yaml'), []);
});

test('files that are not Compose after all and partial documents never throw', () => {
  assert.deepEqual(schemaOf('replicaCount: 2\nimage: {tag: x}\n', 'file:///w/compose-values.yaml'), []);
  assert.deepEqual(schemaOf('services:\n  db:\n    host: db.internal\n    port: 5432\n', 'file:///w/app-config.yaml'), [], 'a services: map of another tool');
  assert.equal(schemaOf('services:\n  db:\n    image: postgres:16\n    hostt: x\n', 'file:///w/stack.yaml').length, 1, 'a Compose file found by content');
  for (const text of ['services: 3\n', 'services:\n  a: [1]\n', 'services:\n  a:\n    healthcheck: [1]\n    deploy: {resources: 3}\n', '- a\n- b\n', 'services:\n  ? [a]\n  : b\n']) schemaOf(text);
});
