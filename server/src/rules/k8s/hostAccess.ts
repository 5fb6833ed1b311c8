/**
 * Host access rules (catalog K08 host namespaces, K09 hostPath volumes, K10 docker.sock, K11 hostPort).
 */
import type { Node } from 'yaml';
import { ensureEntries, replaceNode } from '../edits';
import type { DocContext, Rule } from '../types';
import { lazyFixes } from '../lazyFixes';
import { containersOf, PodSpecRef, podSpecOf } from '../workloads';
import { bool, get, items, keyRange, num, str } from '../yamlNodes';
import { containerName, removePair } from './k8sHelpers';

export const hostNamespace: Rule = {
  meta: {
    id: 'k8s-host-namespace',
    flavor: 'kubernetes',
    severity: 'error',
    title: { en: 'Pod shares a host namespace', ko: 'Pod가 호스트 네임스페이스를 공유' },
    message: {
      en: 'The pod sets {0}: true and shares the node\'s {1} namespace, losing that isolation. Remove it (or set false).',
      ko: 'Pod가 {0}: true로 노드의 {1} 네임스페이스를 공유해 격리가 사라집니다. 이 설정을 제거하거나 false로 바꾸세요.',
    },
    help: {
      en: 'hostPID lets the pod see and signal every process on the node, hostIPC share its shared memory, hostNetwork bind its interfaces. Pod Security "baseline" forbids all three.',
      ko: 'hostPID를 켜면 노드의 모든 프로세스를 보고 신호를 보낼 수 있고, hostIPC는 노드의 공유 메모리를, hostNetwork는 노드의 네트워크 인터페이스를 공유합니다. Pod Security "baseline"은 셋 다 금지합니다.',
    },
    lessonField: 'spec.hostPID',
    anchors: ['K08', 'kube-linter host-network/host-pid/host-ipc', 'Polaris hostNetworkSet/hostPIDSet/hostIPCSet', 'PSS baseline hostNamespaces', 'CKV_K8S_17/18/19'],
  },
  check(ctx) {
    const pod = podSpecOf(ctx.root, ctx.doc.kind);
    if (!pod) return;
    const names: Record<string, string> = { hostPID: 'PID', hostIPC: 'IPC', hostNetwork: 'network' };
    for (const key of Object.keys(names)) {
      const node = get(pod.node, key);
      if (!node || bool(node) !== true) continue;
      const range = keyRange(pod.node, key);
      const edit = replaceNode(node, 'false');
      if (!range) continue;
      ctx.report({
        start: range[0],
        end: range[1],
        args: [key, names[key]],
        lessonPath: [...pod.path, key],
        fixes: edit ? [{ title: { en: `Set ${key}: false`, ko: `${key}: false로 설정` }, edits: [edit] }] : [],
      });
    }
  },
};

const sensitivePaths = new Set(['/', '/boot', '/dev', '/etc', '/lib', '/proc', '/sys', '/usr', '/var/run', '/run']);

function normalizePath(p: string): string {
  const trimmed = p.trim().replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed.replace(/\/{2,}/g, '/');
}

export function isDockerSocket(p: string): boolean {
  return /(^|\/)(docker|containerd|crio|cri-dockerd)\.sock$/.test(normalizePath(p)) || /\/containerd\/containerd\.sock$/.test(p);
}

interface HostPathVolume {
  index: number;
  name: string | undefined;
  path: string;
  node: Node;
  hostPath: Node;
}

function hostPathVolumes(pod: PodSpecRef): HostPathVolume[] {
  const out: HostPathVolume[] = [];
  items(get(pod.node, 'volumes')).forEach((v, index) => {
    const hostPath = get(v, 'hostPath');
    const path = str(get(hostPath, 'path'));
    if (hostPath && path !== undefined) out.push({ index, name: str(get(v, 'name')), path, node: v, hostPath });
  });
  return out;
}

function reportVolumes(ctx: DocContext, pick: (v: HostPathVolume) => boolean): void {
  const pod = podSpecOf(ctx.root, ctx.doc.kind);
  if (!pod) return;
  for (const v of hostPathVolumes(pod)) {
    if (!pick(v)) continue;
    const range = keyRange(v.node, 'hostPath');
    if (!range) continue;
    ctx.report({ start: range[0], end: range[1], args: [v.name ?? String(v.index), v.path], lessonPath: [...pod.path, 'volumes', v.index, 'hostPath', 'path'] });
  }
}

export const dockerSocketMount: Rule = {
  meta: {
    id: 'k8s-docker-socket-mount',
    flavor: 'kubernetes',
    severity: 'error',
    title: { en: 'Container runtime socket mounted', ko: '컨테이너 런타임 소켓 마운트' },
    message: {
      en: 'Volume "{0}" mounts the runtime socket {1}: whoever can reach it controls the node. Remove the volume and its volumeMount.',
      ko: '볼륨 "{0}"{이/가} 런타임 소켓 {1:을/를} 마운트합니다. 이 소켓에 접근할 수 있으면 노드를 장악할 수 있습니다. 볼륨과 volumeMount를 제거하세요.',
    },
    help: {
      en: 'The Docker/containerd socket accepts commands to start privileged containers with the host filesystem mounted: mounting it gives full control of the host.',
      ko: 'Docker/containerd 소켓으로는 호스트 파일시스템을 마운트한 privileged 컨테이너를 띄울 수 있습니다. 소켓을 마운트하면 호스트 전체를 제어할 수 있는 셈입니다.',
    },
    lessonField: 'volumes.hostPath.path',
    anchors: ['K10', 'kube-linter docker-sock', 'CKV_K8S_27', 'PSS baseline hostPathVolumes'],
  },
  check: (ctx) => reportVolumes(ctx, (v) => isDockerSocket(v.path)),
};

export const sensitiveHostMount: Rule = {
  meta: {
    id: 'k8s-sensitive-host-mount',
    flavor: 'kubernetes',
    severity: 'error',
    title: { en: 'Sensitive host directory mounted', ko: '민감한 호스트 디렉터리 마운트' },
    message: {
      en: 'Volume "{0}" mounts the host\'s {1}: host system files become reachable from the container. Use a ConfigMap, Secret, emptyDir or PVC instead.',
      ko: '볼륨 "{0}"{이/가} 호스트의 {1:을/를} 마운트해 컨테이너가 호스트 시스템 파일에 접근할 수 있습니다. 대신 ConfigMap, Secret, emptyDir, PVC를 쓰세요.',
    },
    help: {
      en: 'Mounting /, /etc, /proc, /sys, /dev, /boot, /lib, /usr or /run exposes the node\'s configuration, credentials and kernel interfaces to the container.',
      ko: '/, /etc, /proc, /sys, /dev, /boot, /lib, /usr, /run을 마운트하면 노드 설정, 자격 증명, 커널 인터페이스가 컨테이너에 노출됩니다.',
    },
    lessonField: 'volumes.hostPath.path',
    anchors: ['K09', 'kube-linter sensitive-host-mounts', 'PSS baseline hostPathVolumes'],
  },
  check: (ctx) => reportVolumes(ctx, (v) => !isDockerSocket(v.path) && sensitivePaths.has(normalizePath(v.path))),
};

export const hostPathVolume: Rule = {
  meta: {
    id: 'k8s-hostpath-volume',
    flavor: 'kubernetes',
    severity: 'warning',
    title: { en: 'hostPath volume', ko: 'hostPath 볼륨' },
    message: {
      en: 'Volume "{0}" mounts the node directory {1}: the pod is tied to that node\'s files (Pod Security "baseline" forbids hostPath). Prefer emptyDir, a PVC, a ConfigMap or a Secret.',
      ko: '볼륨 "{0}"{이/가} 노드 디렉터리 {1:을/를} 마운트해 Pod가 그 노드의 파일에 묶입니다 (Pod Security "baseline"은 hostPath를 금지합니다). emptyDir, PVC, ConfigMap, Secret을 권장합니다.',
    },
    help: {
      en: 'hostPath breaks the isolation between the container and the node filesystem. Node agents (log collectors, monitoring) may need it: then mount it readOnly and run them in a namespace with a privileged or baseline exemption.',
      ko: 'hostPath는 컨테이너와 노드 파일시스템 사이의 격리를 깹니다. 노드 에이전트(로그 수집, 모니터링)에는 필요할 수 있으니, 그럴 때는 readOnly로 마운트하고 예외가 허용된 네임스페이스에서 실행하세요.',
    },
    lessonField: 'volumes.hostPath',
    anchors: ['K09', 'PSS baseline hostPathVolumes', 'Polaris hostPathSet'],
  },
  check: (ctx) => reportVolumes(ctx, (v) => !isDockerSocket(v.path) && !sensitivePaths.has(normalizePath(v.path))),
};

export const writableHostMount: Rule = {
  meta: {
    id: 'k8s-writable-host-mount',
    flavor: 'kubernetes',
    severity: 'information',
    title: { en: 'hostPath mounted writable', ko: 'hostPath를 쓰기 가능하게 마운트' },
    message: {
      en: 'Container "{0}" mounts hostPath volume "{1}" without readOnly: true: it can change files on the node. Add readOnly: true if it only reads.',
      ko: '컨테이너 "{0}"{이/가} hostPath 볼륨 "{1}"{을/를} readOnly: true 없이 마운트해 노드의 파일을 바꿀 수 있습니다. 읽기만 한다면 readOnly: true를 추가하세요.',
    },
    help: {
      en: 'A writable hostPath mount lets the container modify the node\'s files; a read-only mount limits the damage to information disclosure.',
      ko: '쓰기 가능한 hostPath 마운트로는 노드의 파일을 수정할 수 있습니다. 읽기 전용으로 마운트하면 피해가 정보 노출로 제한됩니다.',
    },
    lessonField: 'containers.volumeMounts.readOnly',
    anchors: ['K09', 'kube-linter writable-host-mount'],
  },
  check(ctx) {
    const pod = podSpecOf(ctx.root, ctx.doc.kind);
    if (!pod) return;
    const hostVolumes = new Set(hostPathVolumes(pod).map((v) => v.name).filter((n): n is string => !!n));
    if (!hostVolumes.size) return;
    for (const c of containersOf(pod)) {
      items(get(c.node, 'volumeMounts')).forEach((m, index) => {
        const name = str(get(m, 'name'));
        if (!name || !hostVolumes.has(name) || bool(get(m, 'readOnly')) === true) return;
        const range = keyRange(m, 'mountPath') ?? keyRange(m, 'name');
        if (!range) return;
        const current = get(m, 'readOnly');
        ctx.report(
          lazyFixes({ start: range[0], end: range[1], args: [containerName(c), name], lessonPath: [...c.path, 'volumeMounts', index, 'readOnly'] }, () => {
            const edit = current ? replaceNode(current, 'true') : ensureEntries(ctx.model.text, m, [], { readOnly: true });
            return edit ? [{ title: { en: 'Mount it readOnly: true', ko: 'readOnly: true로 마운트' }, edits: [edit], preferred: true }] : [];
          }),
        );
      });
    }
  },
};

export const hostPort: Rule = {
  meta: {
    id: 'k8s-host-port',
    flavor: 'kubernetes',
    severity: 'warning',
    title: { en: 'hostPort used', ko: 'hostPort 사용' },
    message: {
      en: 'Container "{0}" binds hostPort {1} on the node: only one such pod fits per node and it bypasses network policies. Expose the port through a Service instead.',
      ko: '컨테이너 "{0}"{이/가} 노드의 포트 {1:을/를} hostPort로 점유합니다. 노드마다 이런 Pod를 하나만 배치할 수 있고 네트워크 정책도 우회합니다. 포트는 Service로 노출하세요.',
    },
    help: {
      en: 'hostPort maps a node port straight to the container, causing port conflicts on scheduling. Pod Security "baseline" allows only 0 or unset.',
      ko: 'hostPort는 노드 포트를 컨테이너에 직접 연결하므로 스케줄링할 때 포트 충돌이 생깁니다. Pod Security "baseline"은 hostPort를 0으로 두거나 설정하지 않은 경우만 허용합니다.',
    },
    lessonField: 'containers.ports.hostPort',
    anchors: ['K11', 'PSS baseline hostPorts', 'Polaris hostPortSet', 'CKV_K8S_26'],
  },
  check(ctx) {
    const pod = podSpecOf(ctx.root, ctx.doc.kind);
    if (!pod || bool(get(pod.node, 'hostNetwork')) === true) return; // with hostNetwork the ports are host ports anyway (K08)
    for (const c of containersOf(pod)) {
      items(get(c.node, 'ports')).forEach((p, index) => {
        const value = num(get(p, 'hostPort'));
        if (value === undefined || value === 0) return;
        const range = keyRange(p, 'hostPort');
        if (!range) return;
        ctx.report(
          lazyFixes({ start: range[0], end: range[1], args: [containerName(c), String(value)], lessonPath: [...c.path, 'ports', index, 'hostPort'] }, () => {
            const edit = removePair(ctx.model.text, p, 'hostPort');
            return edit ? [{ title: { en: 'Remove hostPort', ko: 'hostPort 제거' }, edits: [edit] }] : [];
          }),
        );
      });
    }
  },
};
