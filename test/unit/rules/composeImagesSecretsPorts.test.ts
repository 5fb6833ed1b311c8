import assert from 'node:assert/strict';
import { test } from 'node:test';
import { imageTag, isLiteralSecret } from '../../../server/src/rules/compose/imagesSecretsPorts';
import { applyFixSafely, findingsOf } from '../../helpers/ruleHarness';

const uri = 'file:///w/compose.yml';
const tag = 'compose-image-tag-mutable';
const secret = 'compose-plaintext-secret-env';
const ports = 'compose-port-all-interfaces';

test('imageTag: registries with ports, digests, interpolation', () => {
  assert.equal(imageTag('nginx'), '');
  assert.equal(imageTag('nginx:latest'), 'latest');
  assert.equal(imageTag('localhost:5000/team/app'), '');
  assert.equal(imageTag('localhost:5000/team/app:1.2'), '1.2');
  assert.equal(imageTag('ghcr.io/a/b@sha256:abc'), undefined);
  assert.equal(imageTag('${IMAGE}'), undefined);
  assert.equal(imageTag('app:${TAG:-latest}'), undefined);
});

test('image tag: no tag or latest fires (warning); pinned, digest, build and interpolated are quiet', () => {
  const f = findingsOf(tag, 'services:\n  a:\n    image: redis\n  b:\n    image: redis:latest\n  c:\n    image: redis:7.2\n  d:\n    image: redis@sha256:0123\n  e:\n    build: .\n    image: myapp\n  f:\n    image: ${REGISTRY}/app\n', { uri });
  assert.deepEqual(f.map((x) => x.args?.[0]), ['a', 'b']);
  assert.equal(f[0].severity, 'warning');
});

test('isLiteralSecret: names and values', () => {
  assert.ok(isLiteralSecret('DB_PASSWORD', 'hunter2'));
  assert.ok(isLiteralSecret('API_KEY', 'abc'));
  assert.ok(isLiteralSecret('GITHUB_TOKEN', 'ghp_x'));
  assert.ok(isLiteralSecret('SECRET_KEY', 'django-insecure'));
  assert.ok(isLiteralSecret('DB_PASS', 'x'));
  assert.ok(!isLiteralSecret('DB_PASSWORD', '${DB_PASSWORD}'));
  assert.ok(!isLiteralSecret('DB_PASSWORD', '$DB_PASSWORD'));
  assert.ok(isLiteralSecret('HASH_PASSWORD', '$$2y$$10$$abc'), 'escaped $$ is literal');
  assert.ok(!isLiteralSecret('POSTGRES_PASSWORD_FILE', '/run/secrets/db'));
  assert.ok(!isLiteralSecret('MYSQL_ALLOW_EMPTY_PASSWORD', 'yes'));
  assert.ok(!isLiteralSecret('TOKEN_TTL', '3600'));
  assert.ok(!isLiteralSecret('AWS_ACCESS_KEY_ID', 'AKIA'));
  assert.ok(!isLiteralSecret('PASSTHROUGH', 'x'));
  assert.ok(!isLiteralSecret('KEYCLOAK_URL', 'http://kc'));
  assert.ok(!isLiteralSecret('DB_PASSWORD', ''));
  assert.ok(!isLiteralSecret('CACHE_KEY', 'users'));
  assert.ok(!isLiteralSecret('REDIS_KEY_PREFIX', 'app:'));
  assert.ok(!isLiteralSecret('TOKEN_ENDPOINT', 'https://auth.example.com/token'));
  assert.ok(!isLiteralSecret('OAUTH_TOKEN_URL_BASE', 'https://auth.example.com/'), 'a URL without credentials');
  assert.ok(isLiteralSecret('SECRET_DSN', 'postgres://app:pw@db/app'), 'a URL with credentials');
});

test('secrets in environment: map and list forms; the value is never echoed', () => {
  const text = 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: app\n      POSTGRES_PASSWORD: s3cret\n  api:\n    image: api:1\n    environment:\n      - JWT_SECRET=abc123\n      - DB_PASSWORD=${DB_PASSWORD}\n      - LOG_LEVEL=info\n';
  const f = findingsOf(secret, text, { uri });
  assert.deepEqual(f.map((x) => x.args), [['db', 'POSTGRES_PASSWORD'], ['api', 'JWT_SECRET']]);
  assert.equal(f[0].severity, 'warning');
  assert.ok(!f.some((x) => x.args?.some((a) => a.includes('s3cret') || a.includes('abc123'))));
});

test('secrets in environment: a shared anchor is reported once', () => {
  const text = 'x-env: &env\n  API_TOKEN: t0ken\nservices:\n  a:\n    image: a:1\n    environment: *env\n  b:\n    image: b:1\n    environment: *env\n';
  assert.equal(findingsOf(secret, text, { uri }).length, 1);
});

test('secrets fix: value → "${KEY}" (map) and KEY=${KEY} (list), nothing else changes', () => {
  const map = applyFixSafely(secret, 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: \'s3cret\'  # change me\n', 0, { uri });
  assert.equal(map, 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: "${POSTGRES_PASSWORD}"  # change me\n');
  const list = applyFixSafely(secret, 'services:\n  api:\n    image: api:1\n    environment: [JWT_SECRET=abc, A=b]\n', 0, { uri });
  assert.equal(list, 'services:\n  api:\n    image: api:1\n    environment: ["JWT_SECRET=${JWT_SECRET}", A=b]\n');
});

test('ports: published without a host IP fire (information); explicit IPs and expose are quiet', () => {
  const text = [
    'services:',
    '  web:',
    '    image: nginx:1.27',
    '    ports:',
    '      - "8080:80"',
    '      - 443:443/tcp',
    '      - 3000',
    '      - "127.0.0.1:5432:5432"',
    '      - "[::1]:6379:6379"',
    '      - "${BIND:-127.0.0.1}:9000:9000"',
    '      - "${PORT:-8081}:81"',
    '      - target: 82',
    '        published: 8082',
    '      - target: 83',
    '        host_ip: 127.0.0.1',
    '    expose: ["9999"]',
    '',
  ].join('\n');
  const f = findingsOf(ports, text, { uri });
  assert.deepEqual(f.map((x) => x.args?.[1]), ['"8080:80"', '443:443/tcp', '3000', '"${PORT:-8081}:81"', '8082']);
  assert.equal(f[0].severity, 'information');
  assert.equal(findingsOf(ports, 'services:\n  a:\n    image: a:1\n    network_mode: host\n    ports: ["80:80"]\n', { uri }).length, 0);
});

test('ports fix: bind to 127.0.0.1 in short (quoted, plain, number, flow) and long syntax', () => {
  const q = applyFixSafely(ports, 'services:\n  web:\n    image: a:1\n    ports:\n      - "8080:80"   # web\n', 0, { uri });
  assert.equal(q, 'services:\n  web:\n    image: a:1\n    ports:\n      - "127.0.0.1:8080:80"   # web\n');
  const plain = applyFixSafely(ports, 'services:\n  web:\n    image: a:1\n    ports:\n      - 8080:80\n', 0, { uri });
  assert.equal(plain, 'services:\n  web:\n    image: a:1\n    ports:\n      - 127.0.0.1:8080:80\n');
  const num = applyFixSafely(ports, 'services:\n  web:\n    image: a:1\n    ports:\n      - 3000\n', 0, { uri });
  assert.equal(num, 'services:\n  web:\n    image: a:1\n    ports:\n      - 127.0.0.1::3000\n');
  const flow = applyFixSafely(ports, 'services:\n  web:\n    image: a:1\n    ports: [8080:80]\n', 0, { uri });
  assert.equal(flow, 'services:\n  web:\n    image: a:1\n    ports: ["127.0.0.1:8080:80"]\n');
  const long = applyFixSafely(ports, 'services:\r\n  web:\r\n    image: a:1\r\n    ports:\r\n      - target: 80\r\n        published: 8080\r\n', 0, { uri });
  assert.equal(long, 'services:\r\n  web:\r\n    image: a:1\r\n    ports:\r\n      - target: 80\r\n        published: 8080\r\n        host_ip: 127.0.0.1\r\n');
  const longFlow = applyFixSafely(ports, 'services:\n  web:\n    image: a:1\n    ports:\n      - {target: 80, published: 8080}\n', 0, { uri });
  assert.equal(longFlow, 'services:\n  web:\n    image: a:1\n    ports:\n      - {target: 80, published: 8080, host_ip: 127.0.0.1}\n');
});

test('image, secret and port rules never throw on odd shapes', () => {
  for (const text of [
    'services:\n  a:\n    image: [x]\n    environment: 3\n    ports: {a: 1}\n',
    'services:\n  a:\n    image: 12\n    environment:\n      - 5\n      - null\n      - [x]\n    ports:\n      - null\n      - [1]\n      - {}\n',
    'services:\n  a:\n    environment: {null: null, 3: 4}\n',
  ]) {
    for (const id of [tag, secret, ports]) findingsOf(id, text, { uri });
  }
});
