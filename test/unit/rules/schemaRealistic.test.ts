import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findings } from '../../helpers/ruleHarness';

/** Realistic, valid manifests of many kinds: the schema rules must stay silent on all of them. */
const k8sManifests = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    pod-security.kubernetes.io/enforce: restricted
    pod-security.kubernetes.io/enforce-version: latest
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels: {app.kubernetes.io/name: web, app.kubernetes.io/version: "1.4.2"}
  annotations:
    deployment.kubernetes.io/revision: "3"
spec:
  replicas: 3
  revisionHistoryLimit: 5
  strategy:
    type: RollingUpdate
    rollingUpdate: {maxSurge: 1, maxUnavailable: 25%}
  selector:
    matchLabels: {app.kubernetes.io/name: web}
  template:
    metadata:
      labels: {app.kubernetes.io/name: web}
      annotations: {prometheus.io/scrape: "true", prometheus.io/port: "9090"}
    spec:
      serviceAccountName: web
      automountServiceAccountToken: false
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        fsGroup: 10001
        seccompProfile: {type: RuntimeDefault}
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: ScheduleAnyway
          labelSelector: {matchLabels: {app.kubernetes.io/name: web}}
      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 100
              podAffinityTerm:
                topologyKey: kubernetes.io/hostname
                labelSelector:
                  matchExpressions: [{key: app.kubernetes.io/name, operator: In, values: [web]}]
      initContainers:
        - name: migrate
          image: ghcr.io/shop/web:1.4.2
          command: ["/app/migrate", "--up"]
          envFrom: [{secretRef: {name: db}}, {configMapRef: {name: web-config, optional: true}}]
      containers:
        - name: web
          image: ghcr.io/shop/web:1.4.2@sha256:0f4e
          imagePullPolicy: IfNotPresent
          args: ["--port=8080"]
          ports:
            - {name: http, containerPort: 8080, protocol: TCP}
            - {name: metrics, containerPort: 9090}
          env:
            - name: LOG_LEVEL
              value: info
            - name: POD_IP
              valueFrom: {fieldRef: {fieldPath: status.podIP}}
            - name: MEM_LIMIT
              valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: 1Mi}}
            - name: DB_PASSWORD
              valueFrom: {secretKeyRef: {name: db, key: password}}
          resources:
            requests: {cpu: 100m, memory: 128Mi, ephemeral-storage: 1Gi}
            limits: {cpu: 1, memory: 512Mi}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
          startupProbe:
            httpGet: {path: /healthz, port: http}
            failureThreshold: 30
            periodSeconds: 2
          livenessProbe:
            httpGet:
              path: /healthz
              port: 8080
              httpHeaders: [{name: X-Probe, value: liveness}]
          readinessProbe:
            tcpSocket: {port: http}
            initialDelaySeconds: 5
          lifecycle:
            preStop: {exec: {command: ["sleep", "5"]}}
          volumeMounts:
            - {name: tmp, mountPath: /tmp}
            - {name: config, mountPath: /etc/web, readOnly: true}
      volumes:
        - name: tmp
          emptyDir: {medium: Memory, sizeLimit: 64Mi}
        - name: config
          projected:
            defaultMode: 0440
            sources:
              - configMap: {name: web-config, items: [{key: app.yaml, path: app.yaml}]}
              - serviceAccountToken: {path: token, expirationSeconds: 3600, audience: api}
      terminationGracePeriodSeconds: 30
      nodeSelector: {kubernetes.io/os: linux}
      tolerations:
        - {key: dedicated, operator: Equal, value: web, effect: NoSchedule}
        - {operator: Exists, effect: NoExecute, tolerationSeconds: 300}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  type: ClusterIP
  selector: {app.kubernetes.io/name: web}
  ports:
    - {name: http, port: 80, targetPort: http}
    - {name: metrics, port: 9090, targetPort: 9090, protocol: TCP}
---
apiVersion: v1
kind: Service
metadata: {name: db-headless}
spec:
  clusterIP: None
  publishNotReadyAddresses: true
  selector: {app: db}
  ports: [{port: 5432, name: pg}]
---
apiVersion: v1
kind: Service
metadata: {name: web-nodeport}
spec:
  type: NodePort
  externalTrafficPolicy: Local
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080, nodePort: 30080}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db-headless
  replicas: 3
  podManagementPolicy: Parallel
  updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 0}}
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers:
        - name: postgres
          image: postgres:16.4
          ports: [{containerPort: 5432, name: pg}]
          env: [{name: PGDATA, value: /var/lib/postgresql/data/pgdata}]
          readinessProbe:
            exec: {command: ["pg_isready", "-U", "postgres"]}
          volumeMounts: [{name: data, mountPath: /var/lib/postgresql/data}]
  volumeClaimTemplates:
    - metadata: {name: data}
      spec:
        accessModes: [ReadWriteOnce]
        storageClassName: fast
        resources: {requests: {storage: 10Gi}}
  persistentVolumeClaimRetentionPolicy: {whenDeleted: Retain, whenScaled: Delete}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: node-exporter, namespace: monitoring}
spec:
  selector: {matchLabels: {app: node-exporter}}
  updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 1}}
  template:
    metadata: {labels: {app: node-exporter}}
    spec:
      hostNetwork: true
      hostPID: true
      dnsPolicy: ClusterFirstWithHostNet
      priorityClassName: system-node-critical
      tolerations: [{operator: Exists}]
      containers:
        - name: node-exporter
          image: quay.io/prometheus/node-exporter:v1.8.2
          args: [--path.rootfs=/host]
          ports: [{containerPort: 9100, hostPort: 9100}]
          volumeMounts: [{name: root, mountPath: /host, readOnly: true, mountPropagation: HostToContainer}]
      volumes:
        - name: root
          hostPath: {path: /, type: Directory}
---
apiVersion: batch/v1
kind: Job
metadata: {name: backfill}
spec:
  backoffLimit: 4
  completions: 5
  parallelism: 2
  completionMode: Indexed
  ttlSecondsAfterFinished: 600
  podFailurePolicy:
    rules:
      - action: FailJob
        onExitCodes: {containerName: main, operator: In, values: [42]}
  template:
    spec:
      restartPolicy: Never
      containers: [{name: main, image: busybox:1.36, command: ["sh", "-c", "echo $JOB_COMPLETION_INDEX"]}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: report}
spec:
  schedule: "0 3 * * *"
  timeZone: Asia/Seoul
  concurrencyPolicy: Forbid
  successfulJobsHistoryLimit: 3
  startingDeadlineSeconds: 200
  jobTemplate:
    spec:
      activeDeadlineSeconds: 3600
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: report, image: "registry.example.com/report:2024.05"}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    nginx.ingress.kubernetes.io/rewrite-target: /
    cert-manager.io/cluster-issuer: letsencrypt
spec:
  ingressClassName: nginx
  tls: [{hosts: [shop.example.com], secretName: shop-tls}]
  defaultBackend: {service: {name: web, port: {number: 80}}}
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /api
            pathType: Prefix
            backend: {service: {name: api, port: {name: http}}}
          - path: /
            pathType: ImplementationSpecific
            backend: {service: {name: web, port: {number: 80}}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: web-config}
data:
  app.yaml: |
    server:
      port: 8080
      debug: false
  nginx.conf: |-
    server {
      listen 80;
    }
  RETRIES: "3"
  EMPTY: ""
binaryData:
  logo.png: iVBORw0KGgo=
---
apiVersion: v1
kind: Secret
metadata: {name: db}
type: Opaque
stringData: {username: app, password: change-me}
data: {token: dG9rZW4=}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 3
  maxReplicas: 20
  metrics:
    - type: Resource
      resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
    - type: Pods
      pods: {metric: {name: rps}, target: {type: AverageValue, averageValue: 100}}
    - type: External
      external: {metric: {name: queue_depth, selector: {matchLabels: {queue: jobs}}}, target: {type: Value, value: 30}}
  behavior:
    scaleDown:
      stabilizationWindowSeconds: 300
      policies: [{type: Percent, value: 50, periodSeconds: 60}]
    scaleUp:
      selectPolicy: Max
      policies: [{type: Pods, value: 4, periodSeconds: 15}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web}
spec:
  podSelector: {matchLabels: {app.kubernetes.io/name: web}}
  policyTypes: [Ingress, Egress]
  ingress:
    - from:
        - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}
          podSelector: {matchLabels: {app.kubernetes.io/name: ingress-nginx}}
        - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}
      ports: [{protocol: TCP, port: http}, {port: 9090}]
  egress:
    - to: [{podSelector: {matchLabels: {app: db}}}]
      ports: [{port: 5432, endPort: 5433}]
    - ports: [{protocol: UDP, port: 53}]
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: web}
automountServiceAccountToken: false
imagePullSecrets: [{name: regcred}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader}
rules:
  - apiGroups: [""]
    resources: [pods, services, configmaps]
    verbs: [get, list, watch]
    resourceNames: [web-config]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: reader}
subjects:
  - {kind: ServiceAccount, name: web, namespace: shop}
  - {kind: User, name: jane, apiGroup: rbac.authorization.k8s.io}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: node-reader}
aggregationRule:
  clusterRoleSelectors: [{matchLabels: {rbac.example.com/aggregate: "true"}}]
rules:
  - {apiGroups: [""], resources: [nodes], verbs: [get]}
  - {nonResourceURLs: [/metrics], verbs: [get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: node-reader}
subjects: [{kind: Group, name: "system:nodes", apiGroup: rbac.authorization.k8s.io}]
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: node-reader}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec:
  minAvailable: 2
  unhealthyPodEvictionPolicy: AlwaysAllow
  selector: {matchLabels: {app.kubernetes.io/name: web}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: uploads}
spec:
  accessModes: [ReadWriteMany]
  volumeMode: Filesystem
  resources: {requests: {storage: 5Gi}}
---
apiVersion: v1
kind: ResourceQuota
metadata: {name: shop}
spec:
  hard: {requests.cpu: "10", requests.memory: 20Gi, pods: "50", count/deployments.apps: 20}
---
apiVersion: v1
kind: LimitRange
metadata: {name: defaults}
spec:
  limits:
    - type: Container
      default: {cpu: 500m, memory: 256Mi}
      defaultRequest: {cpu: 0.1, memory: 64Mi}
      max: {memory: 2Gi}
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: high}
value: 100000
globalDefault: false
preemptionPolicy: PreemptLowerPriority
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: fast, annotations: {storageclass.kubernetes.io/is-default-class: "false"}}
provisioner: ebs.csi.aws.com
parameters: {type: gp3, iops: "3000"}
reclaimPolicy: Delete
volumeBindingMode: WaitForFirstConsumer
allowVolumeExpansion: true
---
apiVersion: v1
kind: Pod
metadata:
  name: debug
  creationTimestamp: null
spec:
  containers:
    - name: debug
      image: busybox:1.36
      stdin: true
      tty: true
      resources: {}
  dnsConfig: {options: [{name: ndots, value: "2"}]}
  hostAliases: [{ip: 10.0.0.1, hostnames: [db.local]}]
  restartPolicy: Never
status: {}
`;

test('broad set of valid Kubernetes manifests: no schema findings', () => {
  const found = findings(k8sManifests).filter((f) => f.ruleId.startsWith('schema-'));
  assert.deepEqual(found.map((f) => `${f.ruleId} ${f.args?.join(' | ')} @${k8sManifests.slice(f.start, f.end)}`), []);
});
