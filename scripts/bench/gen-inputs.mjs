// Deterministic benchmark inputs (issue 8): the same seed always gives byte-identical files.
//   k8s manifest  multi-document Kubernetes YAML of about N lines (Namespaces, Deployments with full pod
//                 templates, StatefulSets, Services, HPAs, NetworkPolicies, RBAC, ConfigMaps)
//   compose       a Compose file of about N lines with S services sharing settings through anchors/aliases
//   workspace     a folder of F small YAML files, with one cross-file dependency the probe file needs
//   course        L generated lessons (front matter, headings, YAML examples, Korean prose)
// Usage: node scripts/bench/gen-inputs.mjs OUT_DIR [--smoke]
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** mulberry32: a tiny seeded PRNG, so inputs never depend on Math.random. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

const words = ['api', 'web', 'auth', 'billing', 'search', 'catalog', 'cart', 'orders', 'payments', 'users', 'media', 'mailer', 'report', 'gateway', 'ledger', 'notify', 'profile', 'review', 'stock', 'shipping'];
const images = ['nginx:1.27.2', 'redis:7.4.1', 'postgres:16.4', 'ghcr.io/acme/app:2.3.1', 'ghcr.io/acme/worker:latest', 'busybox', 'node:20-alpine', 'python:3.12-slim'];

// ------------------------------------------------------------------ Kubernetes

function podTemplate(r, app, ns, indent) {
  const pad = ' '.repeat(indent);
  const image = r.pick(images);
  const hardened = r.chance(0.6);
  const lines = [
    'metadata:',
    '  labels:',
    `    app: ${app}`,
    `    tier: ${r.pick(['frontend', 'backend', 'data'])}`,
    '  annotations:',
    `    prometheus.io/scrape: "${r.chance(0.5)}"`,
    'spec:',
    `  serviceAccountName: ${app}`,
    '  terminationGracePeriodSeconds: 30',
  ];
  if (hardened) lines.push('  securityContext:', '    runAsNonRoot: true', '    runAsUser: 10001', '    fsGroup: 10001', '    seccompProfile:', '      type: RuntimeDefault');
  if (r.chance(0.1)) lines.push('  hostNetwork: true');
  lines.push(
    '  containers:',
    `    - name: ${app}`,
    `      image: ${image}`,
    '      imagePullPolicy: IfNotPresent',
    '      ports:',
    `        - name: http`,
    `          containerPort: ${r.pick([8080, 8000, 3000, 9090])}`,
    '          protocol: TCP',
    '      env:',
    '        - name: LOG_LEVEL',
    `          value: ${r.pick(['info', 'debug', 'warn'])}`,
    '        - name: DB_HOST',
    `          value: ${app}-db.${ns}.svc.cluster.local`,
    '        - name: POD_NAME',
    '          valueFrom:',
    '            fieldRef:',
    '              fieldPath: metadata.name',
    '      envFrom:',
    '        - configMapRef:',
    `            name: ${app}-config`,
  );
  if (r.chance(0.8)) {
    lines.push('      resources:', '        requests:', `          cpu: ${r.pick(['100m', '250m', '500m'])}`, `          memory: ${r.pick(['128Mi', '256Mi', '512Mi'])}`);
    if (r.chance(0.7)) lines.push('        limits:', '          cpu: "1"', `          memory: ${r.pick(['256Mi', '512Mi', '1Gi'])}`);
  }
  if (r.chance(0.75)) {
    lines.push(
      '      readinessProbe:',
      '        httpGet:',
      '          path: /ready',
      '          port: http',
      '        initialDelaySeconds: 5',
      '        periodSeconds: 10',
      '      livenessProbe:',
      '        httpGet:',
      '          path: /healthz',
      '          port: http',
      '        failureThreshold: 3',
    );
  }
  lines.push('      securityContext:');
  if (hardened) lines.push('        allowPrivilegeEscalation: false', '        readOnlyRootFilesystem: true', '        capabilities:', '          drop:', '            - ALL');
  else lines.push(`        privileged: ${r.chance(0.3)}`);
  lines.push(
    '      volumeMounts:',
    '        - name: config',
    '          mountPath: /etc/app',
    '          readOnly: true',
    '        - name: tmp',
    '          mountPath: /tmp',
    '  volumes:',
    '    - name: config',
    '      configMap:',
    `        name: ${app}-config`,
    '    - name: tmp',
    '      emptyDir: {}',
  );
  return lines.map((l) => pad + l).join('\n');
}

const k8sBuilders = {
  namespace: (r, app, ns) => `apiVersion: v1
kind: Namespace
metadata:
  name: ${ns}
  labels:
    team: ${app}
    pod-security.kubernetes.io/enforce: ${r.pick(['baseline', 'restricted'])}`,
  deployment: (r, app, ns) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
  namespace: ${ns}
  labels:
    app: ${app}
spec:
  replicas: ${r.int(1, 5)}
  revisionHistoryLimit: 5
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  selector:
    matchLabels:
      app: ${app}
  template:
${podTemplate(r, app, ns, 4)}`,
  statefulset: (r, app, ns) => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${app}-db
  namespace: ${ns}
spec:
  serviceName: ${app}-db
  replicas: 3
  selector:
    matchLabels:
      app: ${app}
  template:
${podTemplate(r, app, ns, 4)}
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes:
          - ReadWriteOnce
        resources:
          requests:
            storage: ${r.pick(['1Gi', '10Gi', '50Gi'])}`,
  service: (r, app, ns) => `apiVersion: v1
kind: Service
metadata:
  name: ${app}
  namespace: ${ns}
spec:
  type: ${r.pick(['ClusterIP', 'ClusterIP', 'NodePort'])}
  selector:
    app: ${app}
  ports:
    - name: http
      port: 80
      targetPort: http
      protocol: TCP`,
  hpa: (r, app, ns) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${app}
  namespace: ${ns}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: ${app}
  minReplicas: ${r.int(1, 3)}
  maxReplicas: ${r.int(4, 20)}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: ${r.int(50, 90)}`,
  networkpolicy: (r, app, ns) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${app}-ingress
  namespace: ${ns}
spec:
  podSelector:
    matchLabels:
      app: ${app}
  policyTypes:
    - Ingress
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: ${ns}
        - podSelector:
            matchLabels:
              tier: frontend
      ports:
        - protocol: TCP
          port: ${r.pick([8080, 8000, 3000])}`,
  rbac: (r, app, ns) => `apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${app}
  namespace: ${ns}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: ${app}-reader
  namespace: ${ns}
rules:
  - apiGroups:
      - ""
    resources:
      - configmaps
      - secrets
    verbs:
      - get
      - list
${r.chance(0.1) ? '      - "*"\n' : ''}---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: ${app}-reader
  namespace: ${ns}
subjects:
  - kind: ServiceAccount
    name: ${app}
    namespace: ${ns}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: ${app}-reader`,
  configmap: (r, app, ns) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${app}-config
  namespace: ${ns}
data:
  LOG_FORMAT: json
  FEATURE_FLAGS: "${r.pick(['a,b', 'b,c', 'none'])}"
  app.properties: |
    server.port=${r.pick([8080, 8000])}
    cache.ttl=${r.int(10, 600)}`,
};

/** One application's documents, in a realistic order. */
function appDocs(r, i) {
  const app = `${words[i % words.length]}-${i}`;
  const ns = `team-${Math.floor(i / 4)}`;
  const docs = [];
  if (i % 4 === 0) docs.push(k8sBuilders.namespace(r, app, ns));
  docs.push(k8sBuilders.configmap(r, app, ns), k8sBuilders.rbac(r, app, ns), k8sBuilders.deployment(r, app, ns), k8sBuilders.service(r, app, ns));
  if (i % 3 === 0) docs.push(k8sBuilders.statefulset(r, app, ns));
  if (i % 2 === 0) docs.push(k8sBuilders.hpa(r, app, ns));
  docs.push(k8sBuilders.networkpolicy(r, app, ns));
  return docs;
}

/**
 * A multi-document Kubernetes manifest of about `lines` lines (stops after the document that reaches it).
 * Small manifests (one application: Deployment, Service, HPA) keep the shape a learner edits.
 */
export function kubernetesManifest(lines, seed = 8) {
  const r = rng(seed);
  const out = [];
  let count = 0;
  for (let i = 0; count < lines; i++) {
    const app = `${words[i % words.length]}-${i}`;
    const docs = lines < 400 ? ['deployment', 'service', 'hpa', 'configmap'].map((k) => k8sBuilders[k](r, app, 'shop')) : appDocs(r, i);
    for (const doc of docs) {
      out.push(doc);
      count += doc.split('\n').length + 1;
      if (count >= lines) break;
    }
  }
  return `${out.join('\n---\n')}\n`;
}

// ------------------------------------------------------------------ Compose

/** A Compose file with `services` services of about `lines` lines in total, sharing settings through anchors. */
export function composeFile(services, lines, seed = 9) {
  const r = rng(seed);
  const head = `name: bench
x-logging: &logging
  driver: json-file
  options:
    max-size: 10m
    max-file: "3"
x-healthcheck: &healthcheck
  interval: 30s
  timeout: 5s
  retries: 3
  start_period: 10s
x-common: &common
  restart: unless-stopped
  logging: *logging
  networks:
    - backend
  security_opt:
    - no-new-privileges:true
x-env: &default-env
  TZ: Asia/Seoul
  LOG_LEVEL: info
  OTEL_EXPORTER_OTLP_ENDPOINT: http://otel:4317
services:`;
  const tail = `networks:
  backend:
    driver: bridge
  frontend:
    driver: bridge
volumes:
${Array.from({ length: 20 }, (_, i) => `  data-${i}:\n    driver: local`).join('\n')}
secrets:
  db-password:
    file: ./secrets/db-password.txt
`;
  const fixed = head.split('\n').length + tail.split('\n').length;
  const perService = Math.max(12, Math.floor((lines - fixed) / services));
  const blocks = [];
  for (let i = 0; i < services; i++) {
    const name = `${words[i % words.length]}-${i}`;
    const b = [
      `  ${name}:`,
      '    <<: *common',
      `    image: ${r.pick(images)}`,
      `    container_name: ${name}`,
      `    hostname: ${name}`,
      '    environment:',
      '      <<: *default-env',
      `      SERVICE_NAME: ${name}`,
      `      DB_URL: postgres://db-${i % 10}:5432/${name}`,
      '    healthcheck:',
      '      <<: *healthcheck',
      `      test: ["CMD", "wget", "-qO-", "http://localhost:${8000 + i}/healthz"]`,
      '    ports:',
      `      - "${r.chance(0.5) ? '127.0.0.1:' : ''}${10000 + i}:${8000 + i}"`,
      '    volumes:',
      `      - data-${i % 20}:/var/lib/${name}`,
      '      - ./config:/etc/app:ro',
    ];
    if (i > 0) b.push('    depends_on:', `      ${words[(i - 1) % words.length]}-${i - 1}:`, '        condition: service_healthy');
    b.push('    deploy:', '      resources:', '        limits:', `          cpus: "${r.pick(['0.5', '1', '2'])}"`, `          memory: ${r.pick(['256M', '512M', '1G'])}`);
    if (b.length + 4 <= perService) b.push('    labels:', `      com.acme.team: ${r.pick(words)}`, `      com.acme.tier: ${r.pick(['web', 'api', 'data'])}`, `      com.acme.index: "${i}"`);
    if (b.length + 3 <= perService) b.push('    cap_drop:', '      - ALL', '    read_only: true');
    while (b.length < perService) b.push(`    # note ${b.length}: ${r.pick(words)} shares settings through anchors`);
    blocks.push(b.join('\n'));
  }
  return `${head}\n${blocks.join('\n')}\n${tail}`;
}

// ------------------------------------------------------------------ workspace

/** The namespace whose enforced Pod Security level makes the probe file's Deployment fail (a cross-file finding). */
export const probeNamespace = 'bench-restricted';

/**
 * `files` small YAML files under apps/<team>/<app>.yaml, a probe file (apps/a-probe/probe.yaml, the first in sort
 * order) whose privileged Deployment lives in a Namespace declared only in the last file (zz-namespaces/namespace.yaml).
 * Returns [{ path, text }] with paths relative to the workspace folder.
 */
export function workspaceFiles(files, seed = 10) {
  const r = rng(seed);
  const out = [];
  out.push({
    path: 'apps/a-probe/probe.yaml',
    text: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: probe
  namespace: ${probeNamespace}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: probe
  template:
${podTemplate(rng(1), 'probe', probeNamespace, 4).replace(/ {10}securityContext:\n(?: {12}.*\n)+/, '          securityContext:\n            privileged: true\n')}
---
apiVersion: v1
kind: Service
metadata:
  name: probe
  namespace: ${probeNamespace}
spec:
  selector:
    app: probe
  ports:
    - port: 80
      targetPort: http
`,
  });
  for (let i = 0; out.length < files - 1; i++) {
    const docs = appDocs(r, i);
    const team = `team-${String(Math.floor(i / 25)).padStart(3, '0')}`;
    const app = `${words[i % words.length]}-${i}`;
    // one file per document group keeps files small (30-120 lines), like a real GitOps repo
    for (let d = 0; d < docs.length && out.length < files - 1; d++) {
      out.push({ path: `apps/${team}/${app}/${String(d).padStart(2, '0')}.yaml`, text: `${docs[d]}\n` });
    }
  }
  out.push({
    path: 'zz-namespaces/namespace.yaml',
    text: `apiVersion: v1
kind: Namespace
metadata:
  name: ${probeNamespace}
  labels:
    pod-security.kubernetes.io/enforce: restricted
`,
  });
  return out;
}

// ------------------------------------------------------------------ course

const koTerms = ['보안 컨텍스트', '헬스 체크', '리소스 제한', '네트워크 정책', '오토스케일링', '서비스 어카운트', '볼륨 마운트', '롤링 업데이트'];
const fieldsTaught = ['securityContext.runAsNonRoot', 'readinessProbe', 'livenessProbe', 'resources.limits', 'replicas', 'hostNetwork', 'imagePullPolicy', 'volumeMounts', 'serviceAccountName', 'strategy.rollingUpdate'];

/** `count` lessons as [{ path, text }] under w<week>/d<day>/, each with front matter, sections and a YAML example. */
export function courseLessons(count, seed = 11) {
  const r = rng(seed);
  const out = [];
  for (let i = 0; i < count; i++) {
    const week = 1 + Math.floor(i / 50);
    const day = 1 + (Math.floor(i / 10) % 5);
    const session = 1 + (i % 10);
    const topic = r.pick(words);
    const term = r.pick(koTerms);
    const field = r.pick(fieldsTaught);
    const sections = [];
    for (let s = 0; s < 4; s++) {
      const sub = r.pick(koTerms);
      sections.push(`## ${s + 1}. ${sub} 실습 ${i}-${s}

${sub}은(는) 컨테이너 운영에서 중요합니다. \`${r.pick(fieldsTaught)}\` 필드를 확인하고, ${term}과 함께 사용하는 방법을 배웁니다.
이 절에서는 ${topic} 서비스를 예로 들어 설정을 단계별로 살펴봅니다. Week ${week}의 앞선 세션 내용을 복습하세요.

### ${s + 1}.1 예제

\`\`\`yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${topic}-${i}
spec:
  replicas: ${r.int(1, 4)}
  template:
    spec:
      containers:
        - name: ${topic}
          image: ${r.pick(images)}
          securityContext:
            runAsNonRoot: true
          resources:
            limits:
              memory: 256Mi
\`\`\`

> 참고: \`# 주석\`은 코드 블록 안에서는 제목이 아닙니다.
`);
    }
    out.push({
      path: `w${week}/d${day}/w${week}-d${day}-s${session}-${topic}-${i}.md`,
      text: `---
title: "Week ${week} Day ${day} Session ${session}: ${topic} ${term} ${i}"
week: ${week}
day: ${day}
session: ${session}
lang: ko
tags: [${topic}, bench]
---
# ${topic} ${term} (${i})

<!-- lesson-aware: fields=${field} -->
이 레슨은 생성된 벤치마크용 레슨입니다. ${term}을(를) 다룹니다.

${sections.join('\n')}
`,
    });
  }
  return out;
}

// ------------------------------------------------------------------ sizes and CLI

/** Input sizes: the full benchmark (issue 8) and the smoke version that runs in `npm test`. */
export const sizes = {
  full: { k8sLarge: 10_000, k8sSmall: 130, composeLines: 4_000, composeServices: 150, workspaceFiles: 2_000, lessons: 500 },
  smoke: { k8sLarge: 600, k8sSmall: 130, composeLines: 300, composeServices: 12, workspaceFiles: 40, lessons: 20 },
};

function write(dir, files) {
  for (const f of files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.text);
  }
}

/** Writes every input below `outDir` and returns their paths. */
export function writeInputs(outDir, size = sizes.full) {
  mkdirSync(outDir, { recursive: true });
  const inputs = {
    k8sLarge: join(outDir, 'manifests', 'k8s-large.yaml'),
    k8sSmall: join(outDir, 'manifests', 'k8s-small.yaml'),
    compose: join(outDir, 'compose', 'compose.yaml'),
    workspace: join(outDir, 'workspace'),
    course: join(outDir, 'course'),
  };
  write(outDir, [
    { path: 'manifests/k8s-large.yaml', text: kubernetesManifest(size.k8sLarge) },
    { path: 'manifests/k8s-small.yaml', text: kubernetesManifest(size.k8sSmall, 3) },
    { path: 'compose/compose.yaml', text: composeFile(size.composeServices, size.composeLines) },
  ]);
  write(inputs.workspace, workspaceFiles(size.workspaceFiles));
  write(inputs.course, courseLessons(size.lessons));
  return inputs;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2];
  if (!out) {
    console.error('usage: node scripts/bench/gen-inputs.mjs OUT_DIR [--smoke]');
    process.exit(2);
  }
  console.log(JSON.stringify(writeInputs(out, process.argv.includes('--smoke') ? sizes.smoke : sizes.full), null, 2));
}
