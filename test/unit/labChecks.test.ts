/** The lab check evaluator: every check kind passes and fails with its reason (ko and en), over in-memory files. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Lang } from '../../server/src/i18n';
import { evaluateCheck, CheckResult } from '../../server/src/labs/evaluateCheck';
import { formatPath, parseFieldPath } from '../../server/src/labs/fieldPath';
import type { LabFiles } from '../../server/src/labs/labFileSet';
import type { LabCheck } from '../../server/src/labs/labModel';
import { reason } from '../../server/src/labs/labReasons';
import { parseBound, parseComposeBytes } from '../../server/src/labs/quantities';
import { parseLab } from '../../server/src/labs/parseLab';
import { fieldDocs } from '../helpers/ruleHarness';

/** A check written as in lab.md (YAML under `check:`), parsed by the real parser. */
function check(yaml: string): LabCheck {
  const indented = yaml.trim().split('\n').map((l) => `      ${l}`).join('\n');
  const { lab, problems } = parseLab(`---\ntitle: t\nsteps:\n  - id: s\n    title: S\n    check:\n${indented}\n---\n## S\n`, 'lab');
  assert.deepEqual(problems, [], `check does not parse:\n${yaml}`);
  return lab!.steps[0].check;
}

function run(yaml: string, files: LabFiles, lang: Lang = 'en'): CheckResult {
  return evaluateCheck(check(yaml), files, { lang, fieldDocs });
}

function passes(yaml: string, files: LabFiles): void {
  const r = run(yaml, files);
  assert.deepEqual(r, { passed: true }, `expected a pass, got: ${r.reason}`);
}

function fails(yaml: string, files: LabFiles, reason: string | RegExp, lang: Lang = 'en'): void {
  const r = run(yaml, files, lang);
  assert.equal(r.passed, false, 'expected a failure');
  if (typeof reason === 'string') assert.equal(r.reason, reason);
  else assert.match(r.reason ?? '', reason);
}

const deployment = (container: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:${extra}
      containers:
${container}`;

const hardened = `        - name: web
          image: nginx:1.27.0
          securityContext:
            runAsNonRoot: true
            capabilities:
              drop: [ALL]
          resources:
            limits:
              memory: 256Mi
              cpu: 500m
`;
const plain = `        - name: web
          image: nginx:1.27.0
`;

test('rule: passes when the rule has no finding, fails naming file, line, resource, message and rule id', () => {
  passes('rule: k8s-run-as-non-root\nfile: deployment.yaml', { 'deployment.yaml': deployment(hardened) });
  fails('rule: k8s-run-as-non-root\nfile: deployment.yaml', { 'deployment.yaml': deployment(plain) }, /^deployment\.yaml line 16, Deployment\/web: .*runAsNonRoot.* \[k8s-run-as-non-root\]$/);
  fails('rule: k8s-run-as-non-root\nfile: deployment.yaml', { 'deployment.yaml': deployment(plain) }, /^deployment\.yaml 16행, Deployment\/web: .*\[k8s-run-as-non-root\]$/, 'ko');
  // Without `file`: every YAML file of the folder.
  fails('rule: k8s-run-as-non-root', { 'ok.yaml': deployment(hardened), 'k8s/other.yaml': deployment(plain) }, /^k8s\/other\.yaml line 16/);
});

test('rule: a suppression comment hides the diagnostic but does not tick the step', () => {
  const suppressed = deployment(`        # lesson-aware-disable-next-line k8s-run-as-non-root\n${plain}`);
  fails('rule: k8s-run-as-non-root\nfile: deployment.yaml', { 'deployment.yaml': suppressed }, /\[k8s-run-as-non-root\] \(a suppression comment hides it, but only fixing it passes the step\)$/);
  const wholeFile = `# lesson-aware-disable k8s-run-as-non-root\n${deployment(plain)}`;
  fails('rule: k8s-run-as-non-root\nfile: deployment.yaml', { 'deployment.yaml': wholeFile }, /억제 주석으로 가려도 단계를 통과하려면 직접 고쳐야 합니다/, 'ko');
});

test('noFindings: counts findings at or above the severity', () => {
  const compose = 'services:\n  api:\n    image: example/api:1.0.0\n';
  fails('noFindings: warning\nfile: compose.yaml', { 'compose.yaml': compose }, /^\d+ finding\(s\) of severity warning or higher left, first: compose\.yaml line 2, services\.api: .*\[compose-/);
  passes('noFindings: error\nfile: compose.yaml', { 'compose.yaml': compose });
  fails('noFindings: error', { 'a.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: x:1.0\n      securityContext:\n        privileged: true\n' }, /k8s-privileged-container/);
});

test('a missing file, broken YAML and an empty folder fail with a clear reason, never a throw', () => {
  fails('rule: k8s-run-as-non-root\nfile: deployment.yaml', {}, 'deployment.yaml을 찾을 수 없습니다', 'ko');
  fails('rule: k8s-run-as-non-root\nfile: deployment.yaml', {}, 'deployment.yaml not found');
  const broken = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: name: web\n';
  fails('rule: k8s-run-as-non-root\nfile: deployment.yaml', { 'deployment.yaml': broken }, 'deployment.yaml: YAML 구문 오류 (3행)', 'ko');
  fails('field: spec.replicas\nkind: Deployment\npresent: true', { 'deployment.yaml': broken }, 'deployment.yaml: YAML syntax error (line 3)');
  fails('count: Deployment\nmin: 1', {}, 'No YAML file in the lab folder yet');
  fails('relation: service-selects\nservice: web\nworkload: web', { 'service.yaml': ':\n  - [' }, /^service\.yaml: YAML syntax error \(line \d\)$/);
});

test('field present / absent, with the whole wanted path in the reason', () => {
  const path = 'field: spec.template.spec.containers[].securityContext.runAsNonRoot\nkind: Deployment\nname: web';
  passes(`${path}\npresent: true`, { 'd.yaml': deployment(hardened) });
  fails(`${path}\npresent: true`, { 'd.yaml': deployment(plain) }, 'd.yaml, Deployment/web: spec.template.spec.containers[0].securityContext.runAsNonRoot is not set');
  fails(`${path}\npresent: true`, { 'd.yaml': deployment(plain) }, 'd.yaml, Deployment/web: spec.template.spec.containers[0].securityContext.runAsNonRoot 필드가 없습니다', 'ko');
  // `key:` with no value is not set.
  fails('field: spec.replicas\nkind: Deployment\npresent: true', { 'd.yaml': deployment(plain).replace('replicas: 2', 'replicas:') }, /spec\.replicas is not set/);
  passes('field: spec.template.spec.hostNetwork\nkind: Deployment\nabsent: true', { 'd.yaml': deployment(plain) });
  fails('field: spec.template.spec.hostNetwork\nkind: Deployment\nabsent: true', { 'd.yaml': deployment(plain, '\n      hostNetwork: true') }, 'd.yaml, Deployment/web: spec.template.spec.hostNetwork should be removed (now true)');
});

test('field equals / oneOf / matches / contains: YAML values, failing reasons show expected and current values', () => {
  const files = { 'd.yaml': deployment(hardened) };
  passes('field: spec.replicas\nkind: Deployment\nequals: 2', files);
  passes('field: spec.template.spec.containers[0].securityContext.runAsNonRoot\nkind: Deployment\nequals: true', files);
  fails('field: spec.template.spec.containers[0].securityContext.runAsNonRoot\nkind: Deployment\nequals: false', files, 'd.yaml, Deployment/web: spec.template.spec.containers[0].securityContext.runAsNonRoot is true, expected false');
  fails('field: spec.replicas\nkind: Deployment\nequals: 3', files, 'd.yaml, Deployment/web: spec.replicas 값이 다릅니다 (기댓값: 3, 현재: 2)', 'ko');
  passes('field: spec.template.spec.containers[].securityContext.capabilities.drop\nkind: Deployment\nequals: [ALL]', files);
  passes('field: spec.replicas\nkind: Deployment\noneOf: [2, 3]', files);
  fails('field: spec.replicas\nkind: Deployment\noneOf: [3, 4]', files, 'd.yaml, Deployment/web: spec.replicas is 2, expected one of 3, 4');
  passes('field: spec.template.spec.containers[].image\nkind: Deployment\nmatches: ":\\\\d+\\\\.\\\\d+\\\\.\\\\d+$"', files);
  fails('field: spec.template.spec.containers[].image\nkind: Deployment\nmatches: "@sha256:"', files, 'd.yaml, Deployment/web: spec.template.spec.containers[0].image is nginx:1.27.0, expected to match /@sha256:/');
  passes('field: spec.template.spec.containers[].securityContext.capabilities.drop\nkind: Deployment\ncontains: ALL', files);
  fails('field: spec.template.spec.containers[].securityContext.capabilities.drop\nkind: Deployment\ncontains: NET_RAW', files, 'd.yaml, Deployment/web: spec.template.spec.containers[0].securityContext.capabilities.drop does not contain NET_RAW (now ["ALL"])');
  passes('field: spec.template.metadata.labels\nkind: Deployment\ncontains: app', files);
  passes('field: spec.template.spec.containers[0].image\nkind: Deployment\ncontains: nginx', files);
});

test('field min / max: numbers, Kubernetes quantities (500m, 256Mi) and Compose byte values (512m, 1g)', () => {
  const files = { 'd.yaml': deployment(hardened) };
  const limit = (key: string) => `field: spec.template.spec.containers[].resources.limits.${key}\nkind: Deployment`;
  passes(`${limit('memory')}\nmin: 128Mi\nmax: 0.5Gi`, files);
  fails(`${limit('memory')}\nmax: 200Mi`, files, 'd.yaml, Deployment/web: spec.template.spec.containers[0].resources.limits.memory is 256Mi, at most 200Mi expected');
  fails(`${limit('memory')}\nmin: 300M`, files, 'd.yaml, Deployment/web: spec.template.spec.containers[0].resources.limits.memory 값이 너무 작습니다 (최소: 300M, 현재: 256Mi)', 'ko');
  passes(`${limit('cpu')}\nmax: 0.5`, files);
  fails(`${limit('cpu')}\nmax: 250m`, files, /limits\.cpu is 500m, at most 250m expected/);
  passes('field: spec.replicas\nkind: Deployment\nmin: 2\nmax: 5', files);
  fails('field: spec.template.spec.containers[0].image\nkind: Deployment\nmin: 1', files, /image is nginx:1\.27\.0, not a number or quantity/);
  // Compose reads `512m` as 512 MiB, not 0.512.
  const compose = { 'compose.yaml': 'services:\n  api:\n    image: a:1.0\n    deploy:\n      resources:\n        limits:\n          memory: 512m\n          cpus: "0.5"\n' };
  passes('field: deploy.resources.limits.memory\nkind: service\nname: api\nmin: 256m\nmax: 1g', compose);
  passes('field: deploy.resources.limits.memory\nkind: service\nname: api\nmin: 256Mi', compose);
  fails('field: deploy.resources.limits.memory\nkind: service\nname: api\nmax: 500mb', compose, 'compose.yaml, services.api: deploy.resources.limits.memory is 512m, at most 500mb expected');
  passes('field: deploy.resources.limits.cpus\nkind: service\nmax: 1', compose);
});

test('quantities: Kubernetes and Compose readings of the same text differ', () => {
  assert.equal(parseBound('500m', 'kubernetes'), 0.5);
  assert.equal(parseBound('256Mi', 'kubernetes'), 256 * 1024 ** 2);
  assert.equal(parseBound('512m', 'compose'), 512 * 1024 ** 2);
  assert.equal(parseBound('1g', 'compose'), 1024 ** 3);
  assert.equal(parseBound('1.5GB', 'compose'), 1.5 * 1024 ** 3);
  assert.equal(parseBound(3, 'compose'), 3);
  assert.equal(parseComposeBytes('12 kb'), 12 * 1024);
  assert.equal(parseBound('lots', 'kubernetes'), undefined);
  assert.equal(parseBound(true, 'kubernetes'), undefined);
});

test('path quantifiers: [] and * need every reached value to pass; [n] picks one item; nothing reached fails', () => {
  const two = deployment(`${hardened}${plain}`);
  const files = { 'd.yaml': two };
  fails('field: spec.template.spec.containers[].securityContext.runAsNonRoot\nkind: Deployment\nequals: true', files, /containers\[1\]\.securityContext\.runAsNonRoot is not set$/);
  passes('field: spec.template.spec.containers[0].securityContext.runAsNonRoot\nkind: Deployment\nequals: true', files);
  fails('field: spec.template.spec.containers[1].securityContext.runAsNonRoot\nkind: Deployment\nequals: true', files, /containers\[1\]\.securityContext\.runAsNonRoot is not set$/);
  fails('field: spec.template.spec.containers[5].name\nkind: Deployment\npresent: true', files, /containers\[5\]\.name is not set$/);
  passes('field: spec.template.spec.containers[].name\nkind: Deployment\npresent: true', files);
  // `*` over every key of a mapping.
  passes('field: spec.template.spec.containers[0].resources.limits.*\nkind: Deployment\npresent: true', files);
  fails('field: spec.template.spec.containers[0].resources.limits.*\nkind: Deployment\nmax: 1', files, /resources\.limits\.memory is 256Mi, at most 1 expected/);
  fails('field: spec.template.spec.containers[1].resources.*\nkind: Deployment\npresent: true', files, /containers\[1\]\.resources\.\* is not set$/);
  // An empty list: nothing to pass for `present`; `absent` passes.
  const empty = { 'd.yaml': deployment('        []\n').replace('containers:\n        []', 'containers: []') };
  fails('field: spec.template.spec.containers[].name\nkind: Deployment\npresent: true', empty, /spec\.template\.spec\.containers\[\]\.name is not set$/);
  passes('field: spec.template.spec.containers[].securityContext.privileged\nkind: Deployment\nabsent: true', empty);
  // Keys with dots, in brackets.
  const labelled = { 'd.yaml': deployment(plain).replace('      labels:\n        app: web', '      labels:\n        app: web\n        app.kubernetes.io/name: web') };
  passes('field: spec.template.metadata.labels["app.kubernetes.io/name"]\nkind: Deployment\nequals: web', labelled);
  fails('field: metadata.labels["app.kubernetes.io/name"]\nkind: Deployment\nequals: web', labelled, 'd.yaml, Deployment/web: metadata.labels["app.kubernetes.io/name"] is not set');
});

test('field paths parse and print', () => {
  assert.deepEqual(parseFieldPath('a.b[].c[2].*'), [{ key: 'a' }, { key: 'b' }, { everyItem: true }, { key: 'c' }, { item: 2 }, { anyKey: true }]);
  assert.deepEqual(parseFieldPath('labels["a.b/c"].x'), [{ key: 'labels' }, { key: 'a.b/c' }, { key: 'x' }]);
  assert.equal(parseFieldPath('a.'), 'path ends with "."');
  assert.equal(parseFieldPath('a[x]'), '"[x]" is neither [], [n] nor ["key"]');
  assert.equal(parseFieldPath('a[1'), 'unclosed "[" at column 2');
  assert.equal(formatPath(['spec', 'containers', 0, 'a.b', '[]', '*']), 'spec.containers[0]["a.b"][].*');
});

test('field: name optional (every resource of the kind, at least one); a missing resource is named', () => {
  const other = deployment(plain).replace('name: web', 'name: api');
  const files = { 'a.yaml': `${deployment(hardened)}---\n${other}` };
  fails('field: spec.template.spec.containers[].securityContext.runAsNonRoot\nkind: Deployment\npresent: true', files, /^a\.yaml, Deployment\/api: /);
  passes('field: spec.template.spec.containers[].securityContext.runAsNonRoot\nkind: Deployment\nname: web\npresent: true', files);
  fails('field: spec.replicas\nkind: Deployment\nname: db\npresent: true', files, 'the lab folder has no Deployment/db');
  fails('field: spec.replicas\nkind: StatefulSet\nfile: a.yaml\npresent: true', files, 'a.yaml에 StatefulSet 리소스가 없습니다', 'ko');
});

test('Compose: kind service (merges and aliases followed) and kind compose (from the file root)', () => {
  const compose = `x-common: &common
  healthcheck:
    test: ["CMD", "true"]
services:
  api:
    <<: *common
    image: a:1.0
    depends_on:
      db:
        condition: service_healthy
  db:
    image: postgres:16.3
`;
  const files = { 'docker-compose.yml': compose };
  passes('field: healthcheck.test\nkind: service\nname: api\npresent: true', files);
  fails('field: healthcheck.test\nkind: service\npresent: true', files, 'docker-compose.yml, services.db: healthcheck.test is not set');
  passes('field: depends_on.db.condition\nkind: service\nname: api\nequals: service_healthy', files);
  passes('field: depends_on.*.condition\nkind: service\nname: api\noneOf: [service_healthy, service_completed_successfully]', files);
  passes('field: services.*.image\nkind: compose\nmatches: ":"', files);
  fails('field: services.api.read_only\nkind: compose\nequals: true', files, 'docker-compose.yml, Compose: services.api.read_only is not set');
  fails('field: image\nkind: service\nname: web\npresent: true', files, 'the lab folder has no services.web');
  passes('count: service\nequals: 2', files);
});

test('count: resources of a kind in range, with the expectation in the reason', () => {
  const files = { 'a.yaml': `${deployment(plain)}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n` };
  passes('count: Deployment\nequals: 1', files);
  passes('count: Service\nmin: 1\nmax: 1', files);
  fails('count: NetworkPolicy\nmin: 1', files, 'the lab folder: 0 NetworkPolicy resource(s), expected at least 1');
  fails('count: Deployment\nfile: a.yaml\nmax: 0', files, 'a.yaml: Deployment 리소스가 1개입니다 (기댓값: 0개 이하)', 'ko');
});

const service = (selector: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n${selector}\n  ports:\n    - port: 80\n`;

test('relation service-selects: the Service selector matches the workload pod labels (same namespace)', () => {
  const rel = 'relation: service-selects\nservice: web\nworkload: web';
  passes(rel, { 'd.yaml': deployment(plain), 's.yaml': service('    app: web') });
  fails(rel, { 'd.yaml': deployment(plain), 's.yaml': service('    app: website') }, 'Service/web: selector {app: website} does not match the pod labels {app: web} of Deployment/web');
  fails(rel, { 'd.yaml': deployment(plain), 's.yaml': service('    {}') }, 'Service/web has no selector');
  fails(rel, { 'd.yaml': deployment(plain) }, 'the lab folder has no Service/web');
  fails(rel, { 's.yaml': service('    app: web') }, '실습 폴더에 web 리소스가 없습니다', 'ko');
  fails(rel, { 'd.yaml': deployment(plain), 's.yaml': service('    app: web').replace('name: web', 'name: web\n  namespace: shop') }, 'Service/web and Deployment/web are in different namespaces (shop ≠ default)');
});

test('relation policy-selects: the NetworkPolicy podSelector selects the workload pods', () => {
  const policy = (sel: string) => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow\nspec:\n  podSelector:\n${sel}\n  policyTypes: [Ingress]\n`;
  const rel = 'relation: policy-selects\npolicy: allow\nworkload: web';
  passes(rel, { 'd.yaml': deployment(plain), 'p.yaml': policy('    matchLabels:\n      app: web') });
  passes(rel, { 'd.yaml': deployment(plain), 'p.yaml': policy('    matchExpressions:\n      - {key: app, operator: In, values: [web, api]}') });
  passes(rel, { 'd.yaml': deployment(plain), 'p.yaml': policy('    {}') });
  fails(rel, { 'd.yaml': deployment(plain), 'p.yaml': policy('    matchLabels:\n      tier: api') }, 'NetworkPolicy/allow: selector {tier: api} does not match the pod labels {app: web} of Deployment/web');
});

test('relation binding-grants: RoleBinding → Role, subject ServiceAccount, both exist', () => {
  const sa = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n';
  const role = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: reader\nrules:\n  - apiGroups: [""]\n    resources: [pods]\n    verbs: [get]\n';
  const binding = (roleName: string, subject: string) =>
    `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: read\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: ${roleName}\nsubjects:\n  - kind: ServiceAccount\n    name: ${subject}\n`;
  const rel = 'relation: binding-grants\nbinding: read\nrole: reader\nserviceAccount: api';
  passes(rel, { 'rbac.yaml': [sa, role, binding('reader', 'api')].join('---\n') });
  fails(rel, { 'rbac.yaml': [sa, role, binding('admin', 'api')].join('---\n') }, 'RoleBinding/read refers to Role/admin, expected reader');
  fails(rel, { 'rbac.yaml': [sa, role, binding('reader', 'default')].join('---\n') }, 'RoleBinding/read has no subject ServiceAccount/api');
  fails(rel, { 'rbac.yaml': [role, binding('reader', 'api')].join('---\n') }, 'the lab folder has no ServiceAccount/api');
  fails(rel, { 'rbac.yaml': [sa, binding('reader', 'api')].join('---\n') }, 'the lab folder has no Role/reader');
});

test('relation hpa-targets: scaleTargetRef names the workload (kind and name) and it exists', () => {
  const hpa = (kind: string, name: string) =>
    `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: ${kind}\n    name: ${name}\n  minReplicas: 2\n  maxReplicas: 5\n`;
  const rel = 'relation: hpa-targets\nhpa: web\nworkload: web';
  passes(rel, { 'd.yaml': deployment(plain), 'h.yaml': hpa('Deployment', 'web') });
  fails(rel, { 'd.yaml': deployment(plain), 'h.yaml': hpa('Deployment', 'website') }, 'HorizontalPodAutoscaler/web targets Deployment/website, expected Deployment/web');
  fails(rel, { 'd.yaml': deployment(plain), 'h.yaml': hpa('StatefulSet', 'web') }, 'HorizontalPodAutoscaler/web targets StatefulSet/web, expected Deployment/web');
  fails(rel, { 'h.yaml': hpa('Deployment', 'web') }, 'the lab folder has no web');
});

test('all / any: every sub-check, or at least one; reasons of the first failing or of all', () => {
  const files = { 'd.yaml': deployment(hardened) };
  passes('all:\n  - rule: k8s-run-as-non-root\n  - field: spec.replicas\n    kind: Deployment\n    min: 2', files);
  fails('all:\n  - rule: k8s-run-as-non-root\n  - field: spec.replicas\n    kind: Deployment\n    min: 3', files, 'd.yaml, Deployment/web: spec.replicas is 2, at least 3 expected');
  passes('any:\n  - field: spec.replicas\n    kind: Deployment\n    equals: 9\n  - field: spec.replicas\n    kind: Deployment\n    equals: 2', files);
  fails('any:\n  - field: spec.replicas\n    kind: Deployment\n    equals: 9\n  - count: Service\n    min: 1', files, 'None of these passes yet: d.yaml, Deployment/web: spec.replicas is 2, expected 9 | the lab folder: 0 Service resource(s), expected at least 1');
});

test('Korean reasons choose the particle after a file name by how it is read (koParticles.ts)', () => {
  assert.equal(reason('ko', 'labFileMissing', 'deployment.yaml'), 'deployment.yaml을 찾을 수 없습니다');
  assert.equal(reason('ko', 'labFileMissing', 'compose.yml'), 'compose.yml을 찾을 수 없습니다');
  assert.equal(reason('ko', 'labFileMissing', 'labs/api'), 'labs/api를 찾을 수 없습니다');
  assert.equal(reason('ko', 'labFileMissing', 'web-2'), 'web-2를 찾을 수 없습니다');
  assert.equal(reason('ko', 'labFileMissing', 'web-1'), 'web-1을 찾을 수 없습니다');
  assert.equal(reason('ko', 'labFileMissing', '…'), '…을(를) 찾을 수 없습니다');
  assert.equal(reason('en', 'labFileMissing', 'deployment.yaml'), 'deployment.yaml not found');
});
