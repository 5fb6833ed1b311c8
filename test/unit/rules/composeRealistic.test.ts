import assert from 'node:assert/strict';
import { test } from 'node:test';
import { composeRules } from '../../../server/src/rules/compose/index';
import { schemaRules } from '../../../server/src/rules/schema/index';
import { findings } from '../../helpers/ruleHarness';

const mine = new Set([...composeRules, ...schemaRules].map((r) => r.meta.id));
const uri = 'file:///w/docker-compose.yml';
const ours = (text: string, u = uri) => findings(text, { uri: u }).filter((f) => mine.has(f.ruleId));

/** A stack of popular images written the way their READMEs suggest, with anchors and extension fields. */
const stack = `name: blog
x-logging: &logging
  logging:
    driver: json-file
    options:
      max-size: "10m"
      max-file: "3"
x-hardening: &hardening
  restart: unless-stopped
  security_opt:
    - no-new-privileges:true
  read_only: true
x-db-env: &db-env
  POSTGRES_DB: blog
  POSTGRES_USER: blog
  POSTGRES_PASSWORD: \${POSTGRES_PASSWORD:?set it in .env}

services:
  proxy:
    <<: [*hardening, *logging]
    image: nginx:1.27-alpine
    ports:
      - "80:80"
      - "443:443"
    volumes:
      - ./nginx/conf.d:/etc/nginx/conf.d:ro
      - certs:/etc/letsencrypt:ro
    tmpfs: [/var/cache/nginx, /var/run]
    depends_on:
      app:
        condition: service_healthy
    healthcheck:
      test: ["CMD", "wget", "-qO-", "http://localhost/healthz"]
      interval: 30s
      timeout: 5s
      retries: 3
    deploy:
      resources:
        limits: {cpus: "0.50", memory: 128M}

  app:
    <<: [*hardening, *logging]
    build:
      context: ./app
      args:
        NODE_ENV: production
    environment:
      <<: *db-env
      DATABASE_HOST: db
      SESSION_SECRET: \${SESSION_SECRET}
      NODE_ENV: production
    env_file: [.env]
    expose: ["3000"]
    depends_on:
      db:
        condition: service_healthy
      redis:
        condition: service_started
      migrate:
        condition: service_completed_successfully
    healthcheck:
      test: ["CMD-SHELL", "wget -qO- http://localhost:3000/health || exit 1"]
      start_period: 20s
      start_interval: 2s
    deploy:
      replicas: 2
      resources:
        limits: {cpus: "1", memory: 512M, pids: 200}
        reservations: {memory: 256M}

  migrate:
    build: ./app
    command: ["npm", "run", "migrate"]
    environment: *db-env
    restart: "no"
    security_opt: [no-new-privileges:true]
    read_only: true
    mem_limit: 256m
    depends_on:
      db:
        condition: service_healthy

  db:
    <<: [*hardening, *logging]
    image: postgres:16.4-alpine
    environment: *db-env
    volumes:
      - db-data:/var/lib/postgresql/data
    tmpfs: [/tmp, /run/postgresql]
    healthcheck:
      test: ["CMD-SHELL", "pg_isready -U blog -d blog"]
      interval: 10s
      timeout: 5s
      retries: 5
    deploy:
      resources:
        limits: {memory: 1G}

  redis:
    <<: [*hardening, *logging]
    image: redis:7.4-alpine
    command: ["redis-server", "--appendonly", "yes"]
    volumes: [redis-data:/data]
    healthcheck:
      test: ["CMD", "redis-cli", "ping"]
    deploy:
      resources:
        limits: {memory: 256M}
    networks: [default]

volumes:
  db-data:
  redis-data:
  certs:
    external: true

networks:
  default:
    name: blog_default
`;

test('a stack of popular images with anchors: no error-level findings, warnings only where defensible', () => {
  const found = ours(stack);
  assert.deepEqual(found.filter((f) => f.severity === 'error').map((f) => f.ruleId), []);
  // The proxy publishes 80/443 on all interfaces and app waits only for redis to start although redis has a
  // healthcheck: information only (a reverse proxy is meant to be public; service_healthy is a suggestion).
  assert.deepEqual(
    found.map((f) => `${f.severity} ${f.ruleId} ${f.args?.[0]}`),
    ['information compose-port-all-interfaces proxy', 'information compose-port-all-interfaces proxy', 'information compose-depends-on-without-condition app'],
  );
});

test('a hardened service produces no Compose findings at all', () => {
  const hardened = `services:
  api:
    image: ghcr.io/acme/api:2.3.1
    user: "10001:10001"
    read_only: true
    security_opt: ["no-new-privileges:true"]
    cap_drop: [ALL]
    restart: unless-stopped
    ports: ["127.0.0.1:8080:8080"]
    environment:
      API_KEY_FILE: /run/secrets/api_key
    secrets: [api_key]
    healthcheck:
      test: ["CMD", "/app/healthcheck"]
      interval: 15s
    deploy:
      resources:
        limits: {cpus: "0.75", memory: 384M, pids: 128}
secrets:
  api_key:
    file: ./secrets/api_key.txt
`;
  assert.deepEqual(ours(hardened).map((f) => `${f.ruleId} ${f.args?.join(' ')}`), []);
});

test('typical tutorial stack: the findings it gets are the teachable ones', () => {
  const tutorial = `version: "3.8"
services:
  web:
    image: wordpress
    ports:
      - "8000:80"
    environment:
      WORDPRESS_DB_HOST: db
      WORDPRESS_DB_PASSWORD: wordpress
    depends_on:
      - db
  db:
    image: mysql:8.0
    environment:
      MYSQL_ROOT_PASSWORD: somewordpress
      MYSQL_PASSWORD: wordpress
    volumes:
      - db_data:/var/lib/mysql
volumes:
  db_data: {}
`;
  const ids = new Set(ours(tutorial).map((f) => f.ruleId));
  for (const id of ['compose-image-tag-mutable', 'compose-plaintext-secret-env', 'compose-depends-on-without-condition', 'compose-port-all-interfaces', 'compose-healthcheck-missing', 'compose-resource-limits-missing']) {
    assert.ok(ids.has(id), id);
  }
  assert.equal(ours(tutorial).filter((f) => f.severity === 'error').length, 0);
});

test('a Compose service found by content (services: mapping) in a file with another name', () => {
  const f = ours('services:\n  a:\n    image: busybox\n    privileged: true\n', 'file:///w/stack.yaml');
  assert.ok(f.some((x) => x.ruleId === 'compose-privileged'));
});

/** Airflow's, Elasticsearch's and Traefik's published Compose files, abridged: anchors in depends_on and environment. */
const published = `x-airflow-common:
  &airflow-common
  image: \${AIRFLOW_IMAGE_NAME:-apache/airflow:2.9.0}
  environment:
    &airflow-common-env
    AIRFLOW__CORE__EXECUTOR: CeleryExecutor
    AIRFLOW__CORE__FERNET_KEY: ''
    AIRFLOW__DATABASE__SQL_ALCHEMY_CONN: postgresql+psycopg2://airflow:airflow@postgres/airflow
  volumes:
    - \${AIRFLOW_PROJ_DIR:-.}/dags:/opt/airflow/dags
  user: "\${AIRFLOW_UID:-50000}:0"
  depends_on:
    &airflow-common-depends-on
    redis:
      condition: service_healthy
    postgres:
      condition: service_healthy
services:
  postgres:
    image: postgres:13
    environment:
      POSTGRES_USER: airflow
      POSTGRES_PASSWORD: airflow
      POSTGRES_DB: airflow
    volumes:
      - postgres-db-volume:/var/lib/postgresql/data
    healthcheck:
      test: ["CMD", "pg_isready", "-U", "airflow"]
      interval: 10s
      retries: 5
      start_period: 5s
    restart: always
  redis:
    image: redis:7.2-bookworm
    expose:
      - 6379
    healthcheck:
      test: ["CMD", "redis-cli", "ping"]
    restart: always
  airflow-webserver:
    <<: *airflow-common
    command: webserver
    ports:
      - "8080:8080"
    healthcheck:
      test: ["CMD", "curl", "--fail", "http://localhost:8080/health"]
    restart: always
    depends_on:
      <<: *airflow-common-depends-on
      airflow-init:
        condition: service_completed_successfully
  airflow-init:
    <<: *airflow-common
    entrypoint: /bin/bash
    command:
      - -c
      - |
        exec /entrypoint airflow version
    environment:
      <<: *airflow-common-env
      _AIRFLOW_DB_MIGRATE: 'true'
      _AIRFLOW_WWW_USER_PASSWORD: \${_AIRFLOW_WWW_USER_PASSWORD:-airflow}
    user: "0:0"
  es01:
    image: docker.elastic.co/elasticsearch/elasticsearch:8.13.0
    environment:
      - node.name=es01
      - discovery.type=single-node
      - ELASTIC_PASSWORD=\${ELASTIC_PASSWORD}
      - bootstrap.memory_lock=true
    ulimits:
      memlock:
        soft: -1
        hard: -1
      nofile: 65536
    mem_limit: 1g
    cap_add: [IPC_LOCK]
  traefik:
    image: traefik:v3.1
    command:
      - "--providers.docker=true"
    ports:
      - "80:80"
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock:ro
    labels:
      - "traefik.enable=true"
  grafana:
    image: grafana/grafana-oss:11.1.0
    environment:
      GF_SECURITY_ADMIN_PASSWORD__FILE: /run/secrets/admin_password
    secrets:
      - admin_password
    volumes:
      - grafana-storage:/var/lib/grafana
secrets:
  admin_password:
    file: ./admin_password.txt
volumes:
  postgres-db-volume:
  grafana-storage: {}
`;

test('published stacks (Airflow anchors, Elasticsearch ulimits, Traefik): no schema findings; the only error is the Docker socket', () => {
  const found = ours(published);
  assert.deepEqual(found.filter((f) => f.ruleId.startsWith('schema-')).map((f) => `${f.ruleId} ${f.args?.join(' ')}`), []);
  assert.deepEqual(found.filter((f) => f.severity === 'error').map((f) => `${f.ruleId} ${f.args?.[0]}`), ['compose-docker-socket-mount traefik']);
  assert.deepEqual(found.filter((f) => f.ruleId === 'compose-plaintext-secret-env').map((f) => f.args?.[1]), ['POSTGRES_PASSWORD']);
  // one-shot init job: no healthcheck or restart policy expected
  assert.ok(!found.some((f) => f.args?.[0] === 'airflow-init' && /healthcheck|restart/.test(f.ruleId)));
});
