import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFixSafely, findingsOf } from '../../helpers/ruleHarness';

const uri = 'file:///w/compose.yaml';
const stack = (dbExtra = '', webExtra = '') => `services:
  web:
    image: nginx:1.27
    depends_on:
      db:
        condition: service_healthy   # wait for the database
    ports:
      - "127.0.0.1:8080:80"${webExtra}
  db:
    image: postgres:16.4${dbExtra}
`;
const healthcheck = '\n    healthcheck:\n      test: ["CMD", "pg_isready"]\n      interval: 10s';

test('CX01: service_healthy on a service without (or with a disabled) healthcheck; related to that service', () => {
  const f = findingsOf('x-compose-healthy-dependency-without-healthcheck', stack(), { uri });
  assert.equal(f.length, 1);
  assert.deepEqual(f[0].args, ['web', 'db', 'healthcheck: —']);
  assert.equal(f[0].related?.[0].uri, uri);
  assert.equal(findingsOf('x-compose-healthy-dependency-without-healthcheck', stack('\n    healthcheck:\n      disable: true'), { uri })[0].args?.[2], 'healthcheck: disabled');
  assert.equal(findingsOf('x-compose-healthy-dependency-without-healthcheck', stack('\n    healthcheck:\n      test: ["NONE"]'), { uri }).length, 1);
});

test('CX01: quiet with a healthcheck or another condition', () => {
  assert.equal(findingsOf('x-compose-healthy-dependency-without-healthcheck', stack(healthcheck), { uri }).length, 0);
  assert.equal(findingsOf('x-compose-healthy-dependency-without-healthcheck', stack().replace('service_healthy', 'service_started'), { uri }).length, 0);
});

test('CX01 fix: service_healthy → service_started, byte-exact (comment, CRLF)', () => {
  assert.equal(applyFixSafely('x-compose-healthy-dependency-without-healthcheck', stack(), 0, { uri }), stack().replace('service_healthy', 'service_started'));
  const crlf = stack().replace(/\n/g, '\r\n');
  assert.equal(applyFixSafely('x-compose-healthy-dependency-without-healthcheck', crlf, 0, { uri }), crlf.replace('service_healthy', 'service_started'));
});

test('CX02: undefined depends_on service, network, named volume, secret and config (error)', () => {
  const text = `services:
  web:
    image: nginx:1.27
    depends_on: [cache]
    networks: [front]
    volumes:
      - data:/var/lib/data
      - ./src:/app
      - /etc/localtime:/etc/localtime:ro
    secrets: [api_key]
    configs:
      - source: nginx_conf
        target: /etc/nginx/nginx.conf
networks:
  back: {}
`;
  const f = findingsOf('x-compose-undefined-reference', text, { uri });
  assert.deepEqual(f.map((x) => `${x.args?.[1]}:${x.args?.[2]}`), ['service:cache', 'network:front', 'volume:data', 'secret:api_key', 'config:nginx_conf']);
  assert.ok(f.every((x) => x.severity === 'error'));
});

test('CX02: quiet when everything is defined, for the default network, override files and include', () => {
  const text = `services:
  web:
    image: nginx:1.27
    depends_on:
      db: {condition: service_started}
    networks:
      default: {}
      back: {aliases: [w]}
    volumes:
      - type: volume
        source: data
        target: /data
    secrets: [api_key]
  db:
    image: postgres:16.4
networks:
  back:
volumes:
  data:
secrets:
  api_key:
    file: ./key.txt
`;
  assert.equal(findingsOf('x-compose-undefined-reference', text, { uri }).length, 0);
  const partial = 'services:\n  web:\n    depends_on: [db]\n';
  assert.equal(findingsOf('x-compose-undefined-reference', partial, { uri: 'file:///w/docker-compose.override.yml' }).length, 0);
  assert.equal(findingsOf('x-compose-undefined-reference', `include:\n  - base.yaml\n${partial}`, { uri }).length, 0);
});

test('CX03: two services publishing the same host port (short and long syntax, all interfaces vs an IP)', () => {
  const text = `services:
  a:
    image: nginx:1.27
    ports:
      - "8080:80"
  b:
    image: httpd:2.4
    ports:
      - target: 80
        published: 8080
  c:
    image: caddy:2.8
    ports:
      - "127.0.0.1:8080:80"
      - "8081:80/udp"
  d:
    image: caddy:2.8
    ports:
      - "8081:80"
`;
  const f = findingsOf('x-compose-duplicate-host-port', text, { uri });
  assert.deepEqual(f.map((x) => `${x.args?.[0]}<${x.args?.[2]}`), ['b<a', 'c<a']);
  assert.ok(f.every((x) => x.severity === 'error' && x.related?.length === 1));
});

test('CX03: quiet for different ports, protocols, host IPs, container-only ports and disjoint profiles', () => {
  const text = `services:
  a:
    image: nginx:1.27
    ports: ["127.0.0.1:8080:80", "9000", "53:53/udp"]
  b:
    image: nginx:1.27
    ports: ["127.0.0.2:8080:80", "9000", "53:53/tcp"]
  c:
    image: nginx:1.27
    profiles: [dev]
    ports: ["7000:80"]
  d:
    image: nginx:1.27
    profiles: [prod]
    ports: ["7000:80"]
`;
  assert.equal(findingsOf('x-compose-duplicate-host-port', text, { uri }).length, 0);
});

test('Compose cross rules: broken documents never throw', () => {
  for (const text of ['services: 3\n', 'services:\n  a: 1\n  b:\n    depends_on: 3\n    ports: {a: 1}\n', 'services:\n  a:\n    depends_on: {b: 1}\n    volumes: [1, {type: volume}]\n    secrets: [{}]\n    extends: {}\n']) {
    for (const id of ['x-compose-healthy-dependency-without-healthcheck', 'x-compose-undefined-reference', 'x-compose-duplicate-host-port']) findingsOf(id, text, { uri });
  }
});

test('CX02: a YAML merge key inside depends_on or networks is not a service or network name', () => {
  const text = `x-deps: &deps
  db:
    condition: service_started
services:
  web:
    image: nginx:1.27
    depends_on:
      <<: *deps
      cache:
        condition: service_started
  db:
    image: postgres:16.4
  cache:
    image: redis:7.4
`;
  assert.deepEqual(findingsOf('x-compose-undefined-reference', text, { uri }), []);
});
