/**
 * Public-style manifests as people write them (not hardened): no rule throws, every error-level finding is a
 * real rejection or a direct path to the host, and the warnings are the ones the anchors agree on.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { k8sRules } from '../../../server/src/rules/k8s/index';
import { findings } from '../../helpers/ruleHarness';

const run = (text: string) => findings(text, { rules: k8sRules });
const bySeverity = (text: string, severity: string) => run(text).filter((f) => f.severity === severity).map((f) => `${f.ruleId}:${f.args?.[f.ruleId === 'k8s-host-namespace' ? 0 : 1] ?? f.args?.[0]}`);

const ingressController = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ingress-nginx-controller
  namespace: ingress-nginx
spec:
  replicas: 2
  selector:
    matchLabels:
      app.kubernetes.io/name: ingress-nginx
      app.kubernetes.io/component: controller
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ingress-nginx
        app.kubernetes.io/component: controller
    spec:
      serviceAccountName: ingress-nginx
      containers:
        - name: controller
          image: registry.k8s.io/ingress-nginx/controller:v1.10.1@sha256:e24f39d3eed6bcc239a56f20098878845f62baa34b9f2be2fd2c38ce9fb0f29e
          args: [/nginx-ingress-controller, --election-id=ingress-nginx-leader]
          securityContext:
            runAsNonRoot: true
            runAsUser: 101
            allowPrivilegeEscalation: false
            seccompProfile: {type: RuntimeDefault}
            capabilities:
              drop: [ALL]
              add: [NET_BIND_SERVICE]
          env:
            - name: POD_NAME
              valueFrom: {fieldRef: {fieldPath: metadata.name}}
          ports:
            - {name: http, containerPort: 80, protocol: TCP}
            - {name: https, containerPort: 443, protocol: TCP}
            - {name: webhook, containerPort: 8443, protocol: TCP}
          livenessProbe:
            httpGet: {path: /healthz, port: 10254, scheme: HTTP}
          readinessProbe:
            httpGet: {path: /healthz, port: 10254, scheme: HTTP}
          resources:
            requests: {cpu: 100m, memory: 90Mi}
`;

const nodeExporter = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-exporter
  namespace: monitoring
spec:
  selector:
    matchLabels: {app.kubernetes.io/name: node-exporter}
  template:
    metadata:
      labels: {app.kubernetes.io/name: node-exporter}
    spec:
      hostNetwork: true
      hostPID: true
      securityContext:
        runAsNonRoot: true
        runAsUser: 65534
      containers:
        - name: node-exporter
          image: quay.io/prometheus/node-exporter:v1.8.1
          args: [--path.procfs=/host/proc, --path.sysfs=/host/sys, --path.rootfs=/host/root]
          ports:
            - {name: metrics, containerPort: 9100, hostPort: 9100}
          resources:
            limits: {cpu: 250m, memory: 180Mi}
            requests: {cpu: 102m, memory: 180Mi}
          volumeMounts:
            - {name: proc, mountPath: /host/proc, readOnly: true}
            - {name: sys, mountPath: /host/sys, readOnly: true}
            - {name: root, mountPath: /host/root, mountPropagation: HostToContainer, readOnly: true}
      volumes:
        - {name: proc, hostPath: {path: /proc}}
        - {name: sys, hostPath: {path: /sys}}
        - {name: root, hostPath: {path: /}}
`;

const postgres = `apiVersion: v1
kind: Service
metadata: {name: postgres}
spec:
  clusterIP: None
  selector: {app: postgres}
  ports: [{port: 5432}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: postgres
spec:
  serviceName: postgres
  replicas: 1
  selector:
    matchLabels: {app: postgres}
  template:
    metadata:
      labels: {app: postgres}
    spec:
      containers:
        - name: postgres
          image: postgres:16
          env:
            - name: POSTGRES_USER
              value: app
            - name: POSTGRES_PASSWORD
              value: changeme123
            - name: PGDATA
              value: /var/lib/postgresql/data/pgdata
          ports:
            - containerPort: 5432
          readinessProbe:
            exec:
              command: [pg_isready, -U, app]
          volumeMounts:
            - {name: data, mountPath: /var/lib/postgresql/data}
  volumeClaimTemplates:
    - metadata: {name: data}
      spec:
        accessModes: [ReadWriteOnce]
        resources: {requests: {storage: 10Gi}}
`;

const rbacAndJobs = `apiVersion: v1
kind: ServiceAccount
metadata: {name: kube-state-metrics, namespace: monitoring}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: kube-state-metrics}
rules:
  - apiGroups: ["", apps, batch]
    resources: [pods, nodes, deployments, statefulsets, jobs, cronjobs]
    verbs: [list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: kube-state-metrics}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: kube-state-metrics}
subjects: [{kind: ServiceAccount, name: kube-state-metrics, namespace: monitoring}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: backup}
spec:
  schedule: "30 2 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: backup
              image: "example/backup:2.3.0"
              envFrom: [{secretRef: {name: backup-credentials}}]
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 10
  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data: {PASSWORD_POLICY: strict, api_token_header: X-Token}
`;

test('ingress-nginx style controller: no errors; the identical probes are only a hint, missing limits a warning', () => {
  assert.deepEqual(bySeverity(ingressController, 'error'), []);
  assert.deepEqual(run(ingressController).map((f) => f.ruleId).sort(), ['k8s-cpu-limit-missing', 'k8s-liveness-equals-readiness', 'k8s-resource-limits-missing', 'k8s-writable-root-filesystem']);
});

test('node-exporter: host namespaces and the /proc, /sys and / mounts are errors (direct host access); nothing else errs', () => {
  assert.deepEqual(bySeverity(nodeExporter, 'error').sort(), ['k8s-host-namespace:hostNetwork', 'k8s-host-namespace:hostPID', 'k8s-sensitive-host-mount:/', 'k8s-sensitive-host-mount:/proc', 'k8s-sensitive-host-mount:/sys'].sort());
  assert.ok(!run(nodeExporter).some((f) => f.ruleId === 'k8s-host-port'), 'hostPort with hostNetwork is covered by the host namespace error');
});

test('tutorial Postgres: literal password warning, mutable-looking tag is fine (16 is a version), single replica information', () => {
  const ids = run(postgres).map((f) => `${f.ruleId}/${f.severity}`);
  assert.ok(ids.includes('k8s-plaintext-secret-env/warning'));
  assert.equal(ids.filter((i) => i.startsWith('k8s-plaintext-secret-env')).length, 1, 'POSTGRES_USER and PGDATA are not secrets');
  assert.ok(ids.includes('k8s-single-replica/information'));
  assert.ok(!ids.includes('k8s-image-tag-mutable/warning'));
  assert.deepEqual(bySeverity(postgres, 'error'), []);
});

test('RBAC, CronJob, HPA, ConfigMap: least-privilege role and valid bounds are quiet, no errors', () => {
  const all = run(rbacAndJobs);
  assert.deepEqual(all.filter((f) => f.severity === 'error'), []);
  assert.ok(!all.some((f) => /rbac|cluster-admin|hpa|probe|replica/.test(f.ruleId)), all.map((f) => f.ruleId).join(', '));
});

test('every finding names its field (lessonPath) and underlines a non-empty range', () => {
  for (const text of [ingressController, nodeExporter, postgres, rbacAndJobs]) {
    for (const f of run(text)) {
      assert.ok(f.lessonPath && f.lessonPath.length > 0, `${f.ruleId} has no lessonPath`);
      assert.ok(f.end > f.start, `${f.ruleId} has an empty range`);
    }
  }
});
