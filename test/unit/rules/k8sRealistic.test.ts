/**
 * All Kubernetes rules over realistic, hardened manifests: no warnings or errors on the hardened Deployment,
 * StatefulSet, Job and CronJob; the DaemonSet log agent's hostPath is expected; the seed's payment-processor
 * passes every Pod Security restricted check.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseManifest } from '../../../server/src/model/manifestModel';
import { evaluatePss } from '../../../server/src/rules/cross/podSecurity';
import { k8sRules } from '../../../server/src/rules/k8s/index';
import { podSpecOf } from '../../../server/src/rules/workloads';
import { findings } from '../../helpers/ruleHarness';

const run = (text: string) => findings(text, { rules: k8sRules });
const serious = (text: string) => run(text).filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => `${f.ruleId}: ${f.args?.join(' | ')}`);

const hardenedDeployment = `# A hardened web API
apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders-api
  namespace: shop
  labels: {app.kubernetes.io/name: orders-api}
spec:
  replicas: 3
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      app.kubernetes.io/name: orders-api
  strategy:
    type: RollingUpdate
    rollingUpdate: {maxSurge: 1, maxUnavailable: 0}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: orders-api
        app.kubernetes.io/version: "1.4.2"
    spec:
      serviceAccountName: orders-api
      automountServiceAccountToken: false
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        runAsGroup: 10001
        fsGroup: 10001
        seccompProfile:
          type: RuntimeDefault
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              app.kubernetes.io/name: orders-api
      initContainers:
        - name: migrate
          image: ghcr.io/example/orders-api:1.4.2
          args: ["migrate", "--up"]
          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef: {name: orders-db, key: password}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: ["ALL"]
          resources:
            requests: {cpu: 50m, memory: 64Mi}
            limits: {cpu: 200m, memory: 128Mi}
      containers:
        - name: api
          image: ghcr.io/example/orders-api:1.4.2
          imagePullPolicy: IfNotPresent
          ports:
            - name: http
              containerPort: 8080
          env:
            - name: LOG_LEVEL
              value: info
            - name: DB_PASSWORD_FILE
              value: /var/run/secrets/db/password
            - name: TOKEN_TTL_SECONDS
              value: "3600"
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: orders-db
                  key: password
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop:
                - ALL
          resources:
            requests:
              cpu: 250m
              memory: 256Mi
            limits:
              cpu: "1"
              memory: 512Mi
          livenessProbe:
            httpGet: {path: /healthz, port: http}
            periodSeconds: 10
          readinessProbe:
            httpGet: {path: /ready, port: http}
            periodSeconds: 5
          startupProbe:
            httpGet: {path: /healthz, port: 8080}
            failureThreshold: 30
          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: tmp
          emptyDir: {}
`;

const hardenedStatefulSet = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: cache
spec:
  serviceName: cache-headless
  replicas: 3
  selector:
    matchLabels: {app: cache}
  template:
    metadata:
      labels: {app: cache}
    spec:
      securityContext:
        runAsNonRoot: true
        runAsUser: 999
        fsGroup: 999
        seccompProfile: {type: RuntimeDefault}
      containers:
        - name: redis
          image: redis:7.2.4-alpine
          command: ["redis-server", "--appendonly", "yes"]
          ports:
            - {name: redis, containerPort: 6379}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
          resources:
            requests: {cpu: 100m, memory: 256Mi}
            limits: {cpu: 500m, memory: 256Mi}
          livenessProbe:
            tcpSocket: {port: redis}
          readinessProbe:
            exec:
              command: ["redis-cli", "ping"]
          volumeMounts:
            - {name: data, mountPath: /data}
  volumeClaimTemplates:
    - metadata: {name: data}
      spec:
        accessModes: [ReadWriteOnce]
        resources:
          requests: {storage: 1Gi}
`;

const logAgentDaemonSet = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: log-agent
  namespace: logging
spec:
  selector:
    matchLabels: {app: log-agent}
  template:
    metadata:
      labels: {app: log-agent}
    spec:
      tolerations:
        - operator: Exists
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        seccompProfile: {type: RuntimeDefault}
      containers:
        - name: fluent-bit
          image: fluent/fluent-bit:3.0.4
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
          resources:
            requests: {cpu: 50m, memory: 64Mi}
            limits: {cpu: 200m, memory: 128Mi}
          ports:
            - {name: metrics, containerPort: 2020}
          livenessProbe:
            httpGet: {path: /, port: metrics}
          readinessProbe:
            httpGet: {path: /api/v1/health, port: metrics}
          volumeMounts:
            - {name: varlog, mountPath: /var/log, readOnly: true}
      volumes:
        - name: varlog
          hostPath: {path: /var/log}
`;

const hardenedJob = `apiVersion: batch/v1
kind: Job
metadata:
  name: report
spec:
  backoffLimit: 2
  ttlSecondsAfterFinished: 600
  template:
    spec:
      restartPolicy: Never
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        seccompProfile: {type: RuntimeDefault}
      containers:
        - name: report
          image: registry.example.com:5000/tools/report:2024.05
          args: [--since, 24h]
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {cpu: 500m, memory: 256Mi}
`;

const hardenedCronJob = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: cleanup
spec:
  schedule: "0 3 * * *"
  concurrencyPolicy: Forbid
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          securityContext:
            runAsNonRoot: true
            runAsUser: 65532
            runAsGroup: 65532
            seccompProfile:
              type: RuntimeDefault
          containers:
            - name: cleanup
              image: bitnami/kubectl@sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0
              command: ["kubectl", "delete", "pods", "--field-selector=status.phase==Succeeded"]
              securityContext:
                allowPrivilegeEscalation: false
                readOnlyRootFilesystem: true
                capabilities:
                  drop: ["ALL"]
              resources:
                requests: {cpu: 10m, memory: 32Mi}
                limits: {cpu: 100m, memory: 64Mi}
`;

const ingress = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt
spec:
  ingressClassName: nginx
  tls:
    - hosts: [shop.example.com]
      secretName: shop-tls
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: {name: orders-api, port: {name: http}}
`;

test('hardened Deployment: no findings at all', () => {
  assert.deepEqual(run(hardenedDeployment).map((f) => f.ruleId), []);
});

test('hardened StatefulSet: no findings at all', () => {
  assert.deepEqual(run(hardenedStatefulSet).map((f) => f.ruleId), []);
});

test('hardened Job and CronJob: no findings (no probes or replicas expected for run-to-completion kinds)', () => {
  assert.deepEqual(run(hardenedJob).map((f) => f.ruleId), []);
  assert.deepEqual(run(hardenedCronJob).map((f) => f.ruleId), []);
});

test('Ingress: no Kubernetes rule applies', () => {
  assert.deepEqual(run(ingress).map((f) => f.ruleId), []);
});

test('log agent DaemonSet: only the (expected) hostPath warning fires', () => {
  // A node log agent legitimately reads /var/log: the warning says it breaks Pod Security baseline, which is true.
  // The mount is readOnly, so k8s-writable-host-mount stays quiet; /var/log is not a sensitive system path.
  assert.deepEqual(run(logAgentDaemonSet).map((f) => `${f.ruleId}/${f.severity}`), ['k8s-hostpath-volume/warning']);
});

test('all fixtures together in one multi-document file behave the same', () => {
  const all = [hardenedDeployment, hardenedStatefulSet, hardenedJob, hardenedCronJob, ingress].join('---\n');
  assert.deepEqual(serious(all), []);
});

const paymentProcessor = `# 보안 강화된 배포
apiVersion: apps/v1
kind: Deployment
metadata:
  name: payment-processor
  namespace: banking-core
  annotations:
    compliance.audit: "required"
    security.scan: "daily"
spec:
  replicas: 3
  selector:
    matchLabels:
      app: payment-processor
  template:
    metadata:
      labels:
        app: payment-processor
        security.level: "high"
      annotations:
        vault.hashicorp.com/agent-inject: "true"
        vault.hashicorp.com/role: "payment-processor"
    spec:
      serviceAccountName: payment-processor-sa
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        runAsGroup: 10001
        fsGroup: 10001
        seccompProfile:
          type: RuntimeDefault
      containers:
      - name: payment-processor
        image: banking/payment-processor:v2.1.0-secure
        securityContext:
          allowPrivilegeEscalation: false
          readOnlyRootFilesystem: true
          runAsNonRoot: true
          capabilities:
            drop:
            - ALL
        ports:
        - containerPort: 8443
          protocol: TCP
        env:
        - name: TLS_CERT_PATH
          value: "/etc/tls/tls.crt"
        - name: TLS_KEY_PATH
          value: "/etc/tls/tls.key"
        - name: AUDIT_LOG_LEVEL
          value: "DEBUG"
        volumeMounts:
        - name: tls-certs
          mountPath: /etc/tls
          readOnly: true
        - name: tmp-volume
          mountPath: /tmp
        - name: audit-logs
          mountPath: /var/log/audit
        resources:
          requests:
            cpu: 500m
            memory: 1Gi
          limits:
            cpu: 2
            memory: 4Gi
        livenessProbe:
          httpGet:
            path: /health
            port: 8443
            scheme: HTTPS
          initialDelaySeconds: 30
          periodSeconds: 10
        readinessProbe:
          httpGet:
            path: /ready
            port: 8443
            scheme: HTTPS
          initialDelaySeconds: 5
          periodSeconds: 5
      volumes:
      - name: tls-certs
        secret:
          secretName: payment-processor-tls
      - name: tmp-volume
        emptyDir: {}
      - name: audit-logs
        persistentVolumeClaim:
          claimName: audit-logs-pvc
`;

test('seed payment-processor: passes every Pod Security restricted check and every Kubernetes rule', () => {
  const model = parseManifest('file:///seed/payment.yaml', 1, paymentProcessor);
  const doc = model.docs[0];
  const pod = podSpecOf(doc.doc.contents, doc.kind);
  assert.ok(pod);
  assert.deepEqual(evaluatePss(pod, 'restricted'), []);
  assert.deepEqual(run(paymentProcessor).map((f) => f.ruleId), []);
});

test('seed audit-log-collector (the counter-example): hostPath and the missing hardening fields are reported', () => {
  const collector = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: audit-log-collector
  namespace: banking-core
spec:
  selector:
    matchLabels:
      app: audit-log-collector
  template:
    metadata:
      labels:
        app: audit-log-collector
    spec:
      serviceAccountName: audit-collector-sa
      containers:
      - name: log-collector
        image: banking/audit-collector:v1.0.0
        securityContext:
          runAsNonRoot: true
          readOnlyRootFilesystem: true
        volumeMounts:
        - name: audit-logs
          mountPath: /var/log/audit
          readOnly: true
        - name: host-logs
          mountPath: /host/var/log
          readOnly: true
      volumes:
      - name: audit-logs
        hostPath:
          path: /var/log/audit
      - name: host-logs
        hostPath:
          path: /var/log
`;
  const ids = run(collector).map((f) => f.ruleId);
  for (const id of ['k8s-hostpath-volume', 'k8s-capabilities-not-dropped', 'k8s-seccomp-profile', 'k8s-allow-privilege-escalation-unset', 'k8s-resource-requests-missing']) {
    assert.ok(ids.includes(id), `${id} missing from ${ids.join(', ')}`);
  }
  assert.equal(ids.filter((i) => i === 'k8s-hostpath-volume').length, 2);
  assert.ok(!ids.includes('k8s-writable-host-mount'));
});

test('anchors, aliases and merge keys: no false "missing" or mismatch findings where values come from an alias', () => {
  const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: anchored
  labels: &labels
    app: anchored
spec:
  replicas: 2
  selector:
    matchLabels: *labels
  template:
    metadata:
      labels: *labels
    spec:
      securityContext: &podsc
        runAsNonRoot: true
        seccompProfile: {type: RuntimeDefault}
      containers:
        - &main
          name: main
          image: example/app:1.0.0
          securityContext: &sc
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
          resources: &res
            requests: {cpu: 100m, memory: 128Mi}
            limits: {cpu: 500m, memory: 256Mi}
          livenessProbe: {exec: {command: [/bin/true]}}
          readinessProbe: {exec: {command: [/bin/ready]}}
        - <<: *main
          name: sidecar
        - name: other
          image: example/other:1.0.0
          securityContext: *sc
          resources: *res
          livenessProbe: {exec: {command: [/bin/true]}}
          readinessProbe: {exec: {command: [/bin/ready]}}
`;
  assert.deepEqual(run(text).map((f) => `${f.ruleId}: ${f.args?.join(' | ')}`), []);
});
