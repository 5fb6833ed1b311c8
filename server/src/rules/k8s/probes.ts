/** Catalog K16 (liveness missing), K17 (readiness missing), K18 (probe port not exposed), K19 (identical probes). */
import type { Node } from 'yaml';
import { withParticle } from '../../koParticles';
import { replaceNode } from '../edits';
import type { DocContext, Rule } from '../types';
import { ContainerRef, containersOf, podSpecOf } from '../workloads';
import { get, items, keyRange, num, scalar, str } from '../yamlNodes';
import { containerName, hasAliases } from './k8sHelpers';

/** Long-running kinds; Jobs and CronJobs run to completion and need no probes. */
const servingKinds = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Pod']);

function checkMissing(ctx: DocContext, probe: 'livenessProbe' | 'readinessProbe'): void {
  if (!servingKinds.has(ctx.doc.kind ?? '')) return;
  const pod = podSpecOf(ctx.root, ctx.doc.kind);
  if (!pod) return;
  for (const c of containersOf(pod, ['containers'])) {
    if (get(c.node, probe) !== undefined || hasAliases(c.node)) continue;
    const range = keyRange(c.node, 'name');
    if (!range) continue;
    ctx.report({ start: range[0], end: range[1], args: [containerName(c)], lessonPath: [...c.path, probe] });
  }
}

export const livenessProbeMissing: Rule = {
  meta: {
    id: 'k8s-liveness-probe-missing',
    flavor: 'kubernetes',
    severity: 'information',
    title: { en: 'No liveness probe', ko: 'liveness 프로브 없음' },
    message: {
      en: 'Container "{0}" has no livenessProbe: a hung process is never restarted. Add one that checks the process itself (e.g. httpGet /health).',
      ko: '컨테이너 "{0}"에 livenessProbe가 없어 멈춘 프로세스가 재시작되지 않습니다. 프로세스 자체를 확인하는 프로브(예: httpGet /health)를 추가하세요.',
    },
    help: {
      en: 'The kubelet restarts a container whose liveness probe fails. Only add one that reflects a stuck process, not a dependency outage, or it restarts healthy pods.',
      ko: 'liveness 프로브가 실패하면 kubelet이 컨테이너를 재시작합니다. 의존 서비스의 장애가 아니라 프로세스가 멈췄는지만 확인하는 프로브를 쓰세요. 그렇지 않으면 정상인 Pod도 재시작됩니다.',
    },
    lessonField: 'containers.livenessProbe',
    anchors: ['K16', 'kube-linter no-liveness-probe', 'kube-score pod-probes', 'Polaris livenessProbeMissing', 'CKV_K8S_8'],
  },
  check: (ctx) => checkMissing(ctx, 'livenessProbe'),
};

export const readinessProbeMissing: Rule = {
  meta: {
    id: 'k8s-readiness-probe-missing',
    flavor: 'kubernetes',
    severity: 'information',
    title: { en: 'No readiness probe', ko: 'readiness 프로브 없음' },
    message: {
      en: 'Container "{0}" has no readinessProbe: Services send it traffic as soon as it starts. Add one (e.g. httpGet /ready).',
      ko: '컨테이너 "{0}"에 readinessProbe가 없어 컨테이너가 시작되자마자 Service가 트래픽을 보냅니다. 프로브(예: httpGet /ready)를 추가하세요.',
    },
    help: {
      en: 'Until the readiness probe passes, the pod is kept out of Service endpoints, so rollouts and restarts do not drop requests.',
      ko: 'readiness 프로브가 통과할 때까지 Pod는 Service 엔드포인트에서 빠져 있으므로, 롤아웃이나 재시작 중에도 요청이 유실되지 않습니다.',
    },
    lessonField: 'containers.readinessProbe',
    anchors: ['K17', 'kube-linter no-readiness-probe', 'kube-score pod-probes', 'Polaris readinessProbeMissing', 'CKV_K8S_9'],
  },
  check: (ctx) => checkMissing(ctx, 'readinessProbe'),
};

const probeKinds = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;

interface DeclaredPorts {
  names: Set<string>;
  single?: { number?: number; name?: string };
}

function declaredPorts(c: ContainerRef): DeclaredPorts {
  const ports = items(get(c.node, 'ports'));
  const names = new Set<string>();
  for (const p of ports) {
    const name = str(get(p, 'name'));
    if (name) names.add(name);
  }
  const only = ports.length === 1 ? ports[0] : undefined;
  return { names, ...(only ? { single: { number: num(get(only, 'containerPort')), name: str(get(only, 'name')) } } : {}) };
}

export const probePortNotExposed: Rule = {
  meta: {
    id: 'k8s-probe-port-not-exposed',
    flavor: 'kubernetes',
    severity: 'warning',
    title: { en: 'Probe port not declared', ko: '프로브 포트가 선언되지 않음' },
    message: {
      en: 'Container "{0}": {1} checks the named port "{2}", which no ports[].name defines, so the probe always fails. Use a declared port name or number.',
      ko: '컨테이너 "{0}": {1:이/가} 확인하는 포트 이름 "{2}"{이/가} ports[].name에 없어서 프로브가 항상 실패합니다. 선언된 포트 이름이나 번호를 쓰세요.',
    },
    help: {
      en: 'A probe that names a port resolves it through the container\'s ports[].name; a name that is not there makes the probe fail: liveness restarts the container in a loop, readiness keeps it out of the Service. (Numeric probe ports need no declaration.)',
      ko: '이름으로 지정한 프로브 포트는 컨테이너의 ports[].name에서 찾습니다. 없는 이름이면 프로브가 실패해 liveness는 재시작을 반복하고 readiness는 Pod를 Service에서 뺍니다. 번호로 지정한 포트는 선언하지 않아도 됩니다.',
    },
    lessonField: 'containers.livenessProbe.httpGet.port',
    anchors: ['K18', 'kube-linter liveness-port/readiness-port/startup-port'],
  },
  check(ctx) {
    const pod = podSpecOf(ctx.root, ctx.doc.kind);
    if (!pod) return;
    for (const c of containersOf(pod, ['containers', 'initContainers'])) {
      if (hasAliases(get(c.node, 'ports'))) continue;
      const declared = declaredPorts(c);
      for (const probe of probeKinds) {
        for (const handler of ['httpGet', 'tcpSocket', 'grpc'] as const) {
          const h = get(get(c.node, probe), handler);
          const portNode = get(h, 'port');
          if (!portNode || (handler !== 'grpc' && str(get(h, 'host')))) continue; // probing another host
          const raw = scalar(portNode);
          const asNumber = num(portNode);
          // A numeric port works whether or not it is listed (containerPort is informational): only a named port
          // that no ports[].name defines is certain to fail. (KL also flags undeclared numbers; ingress-nginx's
          // 10254 health port shows why that is a false positive.)
          const known = asNumber !== undefined || (typeof raw === 'string' && declared.names.has(raw));
          if (known || raw === undefined || raw === null) continue;
          const range = keyRange(h, 'port');
          if (!range) continue;
          const target = declared.single?.name ?? declared.single?.number;
          const edit = target !== undefined ? replaceNode(portNode as Node, String(target)) : undefined;
          ctx.report({
            start: range[0],
            end: range[1],
            args: [containerName(c), probe, String(raw)],
            lessonPath: [...c.path, probe, handler, 'port'],
            fixes: edit ? [{ title: { en: `Probe port ${target}`, ko: `프로브 포트를 ${withParticle(String(target), '으로/로')} 바꾸기` }, edits: [edit] }] : [],
          });
        }
      }
    }
  },
};

/** A comparable signature of a probe's handler. */
function probeSignature(probe: Node | undefined): string | undefined {
  const http = get(probe, 'httpGet');
  if (http) return `http ${str(get(http, 'path')) ?? '/'} ${str(get(http, 'port'))}`;
  const tcp = get(probe, 'tcpSocket');
  if (tcp) return `tcp ${str(get(tcp, 'port'))}`;
  const grpc = get(probe, 'grpc');
  if (grpc) return `grpc ${str(get(grpc, 'port'))} ${str(get(grpc, 'service')) ?? ''}`;
  const exec = get(get(probe, 'exec'), 'command');
  if (exec) return `exec ${JSON.stringify(items(exec).map((n) => str(n)))}`;
  return undefined;
}

export const livenessEqualsReadiness: Rule = {
  meta: {
    id: 'k8s-liveness-equals-readiness',
    flavor: 'kubernetes',
    severity: 'hint',
    title: { en: 'Liveness and readiness probes are identical', ko: 'liveness와 readiness 프로브가 같음' },
    message: {
      en: 'Container "{0}": livenessProbe and readinessProbe check the same thing ({1}). Liveness should only detect a stuck process (e.g. /health vs /ready).',
      ko: '컨테이너 "{0}": livenessProbe와 readinessProbe가 같은 대상을 확인합니다 ({1}). liveness는 멈춘 프로세스만 감지해야 합니다 (예: /health와 /ready로 분리).',
    },
    help: {
      en: 'When both probes check the same endpoint, a temporary overload that should only remove the pod from the Service also restarts it, which can cascade into restarts across the fleet.',
      ko: '두 프로브가 같은 엔드포인트를 확인하면, Service에서 잠시 빠지기만 하면 될 일시적 과부하에도 컨테이너가 재시작되어 연쇄 재시작이 전체로 퍼질 수 있습니다.',
    },
    lessonField: 'containers.livenessProbe',
    anchors: ['K19', 'kube-score pod-probes-identical'],
  },
  check(ctx) {
    const pod = podSpecOf(ctx.root, ctx.doc.kind);
    if (!pod) return;
    for (const c of containersOf(pod, ['containers'])) {
      const live = probeSignature(get(c.node, 'livenessProbe'));
      if (!live || live !== probeSignature(get(c.node, 'readinessProbe'))) continue;
      const range = keyRange(c.node, 'livenessProbe');
      if (!range) continue;
      ctx.report({ start: range[0], end: range[1], args: [containerName(c), live], lessonPath: [...c.path, 'livenessProbe'] });
    }
  },
};
