/**
 * Seeded Kubernetes files whose resources refer to each other (Service selectors, NetworkPolicies, HPAs,
 * ServiceAccounts, ConfigMaps, Namespaces with Pod Security labels), and edits that flip those relations:
 * the inputs of the rule-cache tests.
 */
import { Rng } from './yamlEdits';

const apps = ['web', 'api', 'db'];
const namespaces = ['shop', 'ops'];

function pick(r: Rng, list: readonly string[]): string {
  return r.pick(list);
}

export function crossResource(r: Rng, i: number): string {
  const app = pick(r, apps);
  const ns = pick(r, namespaces);
  switch (r.int(0, 7)) {
    case 0:
      return `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n  labels:\n    pod-security.kubernetes.io/enforce: ${pick(r, ['restricted', 'baseline'])}\n`;
    case 1:
      return `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${app}-svc-${i}\n  namespace: ${ns}\nspec:\n  selector:\n    app: ${pick(r, apps)}\n  ports:\n    - port: 80\n      targetPort: ${pick(r, ['http', 'grpc', '8080'])}\n`;
    case 2:
      return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: np-${i}\n  namespace: ${ns}\nspec:\n  podSelector:\n    matchLabels:\n      app: ${pick(r, apps)}\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels:\n              kubernetes.io/metadata.name: ${pick(r, namespaces)}\n`;
    case 3:
      return `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: hpa-${i}\n  namespace: ${ns}\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: ${pick(r, apps)}\n  minReplicas: 2\n  maxReplicas: 5\n  metrics:\n    - type: Resource\n      resource:\n        name: cpu\n        target: {type: Utilization, averageUtilization: 70}\n`;
    case 4:
      return `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${app}\n  namespace: ${ns}\n`;
    case 5:
      return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${app}-config\n  namespace: ${ns}\ndata:\n  k: v\n`;
    default:
      return [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        `  name: ${app}`,
        `  namespace: ${ns}`,
        'spec:',
        `  replicas: ${r.int(1, 3)}`,
        '  selector:',
        '    matchLabels:',
        `      app: ${app}`,
        '  template:',
        '    metadata:',
        '      labels:',
        `        app: ${app}`,
        '    spec:',
        `      serviceAccountName: ${pick(r, apps)}`,
        '      containers:',
        `        - name: ${app}`,
        '          image: nginx:1.27',
        '          ports:',
        `            - name: ${pick(r, ['http', 'grpc'])}`,
        '              containerPort: 8080',
        '          envFrom:',
        `            - configMapRef: {name: ${pick(r, apps)}-config}`,
        ...(r.chance(0.5) ? ['          resources:', '            requests: {cpu: 100m}'] : []),
        ...(r.chance(0.5) ? ['          securityContext: {privileged: true}'] : []),
        '',
      ].join('\n');
  }
}

export function crossFile(r: Rng, docs: number, offset = 0): string {
  return Array.from({ length: docs }, (_, i) => crossResource(r, i + offset)).join('---\n');
}

/** An edit that changes a relation: a name, label, namespace, kind, port name, selector, or a whole document. */
export function relationEdit(r: Rng, text: string): { start: number; end: number; text: string } {
  const values = [...text.matchAll(/^(\s*(?:-\s+)?(?:name|app|namespace|kind|targetPort|serviceAccountName|kubernetes\.io\/metadata\.name|pod-security\.kubernetes\.io\/enforce):\s*)(\S+)$/gm)];
  const op = r.int(0, 9);
  if (op <= 6 && values.length) {
    const m = r.pick(values);
    const start = (m.index ?? 0) + m[1].length;
    const replacement = /kind/.test(m[1])
      ? pick(r, ['Deployment', 'StatefulSet', 'Service', 'ConfigMap'])
      : /enforce/.test(m[1])
        ? pick(r, ['restricted', 'baseline', 'privileged'])
        : /namespace|metadata\.name/.test(m[1])
          ? pick(r, [...namespaces, 'default'])
          : pick(r, [...apps, 'http', 'grpc', `${pick(r, apps)}-config`]);
    return { start, end: start + m[2].length, text: replacement };
  }
  const seps = [0, ...[...text.matchAll(/^---\n/gm)].map((m) => (m.index ?? 0) + 4)];
  const at = r.pick(seps);
  if (op === 7) return { start: at, end: at, text: `${crossResource(r, r.int(50, 99))}---\n` };
  if (op === 8) {
    const next = text.indexOf('---\n', at);
    return { start: at, end: next < 0 ? text.length : next + 4, text: '' };
  }
  const where = r.int(0, text.length);
  return { start: where, end: Math.min(text.length, where + r.int(0, 3)), text: pick(r, ['x', '\n', ' ', ':', '#']) };
}
