/**
 * Compose rules about the container's path to the host: privileged (C03), host namespaces (C04),
 * the Docker socket (C05) and sensitive host directories (C06).
 */
import { isMap, isScalar, Node, Scalar } from 'yaml';
import { replaceNode } from '../edits';
import type { DocContext, Fix, OffsetEdit, Rule } from '../types';
import { lazyFixes } from '../lazyFixes';
import { lookup, scalarText, seqItems, servicesOf, ServiceView, truthy } from './composeModel';

export const composePrivileged: Rule = {
  meta: {
    id: 'compose-privileged',
    flavor: 'compose',
    severity: 'error',
    title: { en: 'Privileged container', ko: '특권(privileged) 컨테이너' },
    message: {
      en: 'Service "{0}" runs privileged: it gets every capability and all host devices. Remove privileged or set it to false; add only the capabilities it needs (cap_add).',
      ko: '서비스 "{0}"{이/가} privileged로 실행되어 모든 capability를 갖고 호스트 디바이스에 접근할 수 있습니다. privileged를 제거하거나 false로 바꾸고, 필요한 capability만 cap_add로 추가하세요.',
    },
    help: {
      en: 'privileged: true disables most container isolation (all capabilities, all devices, no seccomp/AppArmor confinement). It is a direct path from the container to the host.',
      ko: 'privileged: true는 컨테이너 격리 대부분을 끕니다 (모든 capability와 모든 디바이스 허용, seccomp/AppArmor 해제). 컨테이너에서 호스트로 바로 넘어가는 통로가 됩니다.',
    },
    lessonField: 'compose:services.*.privileged',
    anchors: ['C03', 'KICS privileged_containers_enabled'],
  },
  check(ctx) {
    for (const s of servicesOf(ctx)) {
      const found = lookup(s.node, 'privileged', ctx.yaml);
      if (!found.value || !truthy(found.value)) continue;
      const keyNode = (found.own?.key ?? s.keyNode) as Node;
      ctx.report(
        lazyFixes({ start: keyNode.range![0], end: keyNode.range![1], args: [s.name], lessonPath: ['services', s.name, 'privileged'] }, () => {
          const fixes: Fix[] = [];
          if (found.own && isScalar(found.own.value)) {
            const removal = removeLine(ctx.model.text, found.own.key as Node, found.own.value as Node);
            if (removal) fixes.push({ title: { en: 'Remove privileged: true', ko: 'privileged: true 제거' }, edits: [removal], preferred: true });
            const off = replaceNode(found.own.value as Node, 'false');
            if (off) fixes.push({ title: { en: 'Set privileged: false', ko: 'privileged: false로 설정' }, edits: [off] });
          }
          return fixes;
        }),
      );
    }
  },
};

/** Deletes the whole line of a one-line `key: value` pair (with its comment), when nothing else is on it. */
function removeLine(text: string, key: Node, value: Node): OffsetEdit | undefined {
  const start = text.lastIndexOf('\n', key.range![0] - 1) + 1;
  const nl = text.indexOf('\n', value.range![1]);
  const end = nl < 0 ? text.length : nl + 1;
  const before = text.slice(start, key.range![0]);
  const after = text.slice(value.range![1], end);
  if (before.trim() !== '' || !/^\s*(#.*)?\r?\n?$/.test(after)) return undefined;
  return { start, end, newText: '' };
}

interface NamespaceKey {
  key: string;
  /** Values that share the host's namespace. */
  host: RegExp;
}

function hostNamespaceRule(id: string, severity: 'error' | 'warning', keys: NamespaceKey[], anchors: string[], lessonField: string): Rule {
  return {
    meta: {
      id,
      flavor: 'compose',
      severity,
      title: { en: 'Service shares a host namespace', ko: '서비스가 호스트 네임스페이스를 공유' },
      message: {
        en: 'Service "{0}" sets {1}: {2}, sharing the host\'s namespace instead of its own. Remove it unless the service really needs the host view.',
        ko: '서비스 "{0}"{이/가} {1}: {2:으로/로} 자기 네임스페이스 대신 호스트의 네임스페이스를 씁니다. 호스트의 네임스페이스가 꼭 필요하지 않다면 이 설정을 제거하세요.',
      },
      help: {
        en: 'Namespaces isolate what a container sees: processes (pid), shared memory (ipc), network stack (network_mode), user IDs (userns_mode). "host" removes that isolation: with pid/ipc: host the container can see and signal host processes or read their shared memory.',
        ko: '네임스페이스는 컨테이너가 보는 범위를 격리합니다. 프로세스(pid), 공유 메모리(ipc), 네트워크 스택(network_mode), 사용자 ID(userns_mode)가 그 대상입니다. "host"는 그 격리를 없앱니다. pid나 ipc를 host로 설정하면 컨테이너가 호스트 프로세스를 보고 신호를 보내거나 공유 메모리를 읽을 수 있습니다.',
      },
      lessonField,
      anchors,
    },
    check(ctx) {
      for (const s of servicesOf(ctx)) {
        for (const { key, host } of keys) {
          const found = lookup(s.node, key, ctx.yaml);
          const value = scalarText(found.value);
          if (value === undefined || !host.test(value.trim())) continue;
          const at = (found.own?.key ?? s.keyNode) as Node;
          ctx.report({ start: at.range![0], end: at.range![1], args: [s.name, key, value], lessonPath: ['services', s.name, key] });
        }
      }
    },
  };
}

/** C04 (error part): host PID and IPC namespaces. */
export const composeHostPidIpc = hostNamespaceRule(
  'compose-host-pid-ipc',
  'error',
  [
    { key: 'pid', host: /^host$/i },
    { key: 'ipc', host: /^host$/i },
  ],
  ['C04', 'KICS host_namespace_is_shared', 'KICS shared_host_ipc_namespace', 'PSS baseline hostNamespaces'],
  'compose:services.*.pid',
);

/** C04 (warning part): host network, user and UTS namespaces. */
export const composeHostNetwork = hostNamespaceRule(
  'compose-host-namespace',
  'warning',
  [
    { key: 'network_mode', host: /^host$/i },
    { key: 'userns_mode', host: /^host$/i },
    { key: 'uts', host: /^host$/i },
  ],
  ['C04', 'KICS network_mode_host_exists', 'KICS shared_host_user_namespace'],
  'compose:services.*.network_mode',
);

export interface Mount {
  node: Node;
  source: string;
  readOnly: boolean;
}

/** Bind mounts of a service (short `SRC:DST[:MODE]` and long `{type: bind, source}` syntax). */
export function bindMounts(s: ServiceView, ctx: DocContext): Mount[] {
  const out: Mount[] = [];
  for (const item of seqItems(lookup(s.node, 'volumes', ctx.yaml).value, ctx.yaml)) {
    if (isScalar(item) && typeof (item as Scalar).value === 'string') {
      const parts = ((item as Scalar).value as string).split(':');
      if (parts.length < 2) continue;
      const mode = parts.slice(2).join(':');
      out.push({ node: item, source: parts[0], readOnly: /(^|,)ro($|,)/.test(mode) });
    } else if (isMap(item)) {
      const type = scalarText(lookup(item, 'type', ctx.yaml).value);
      const source = scalarText(lookup(item, 'source', ctx.yaml).value);
      if (source === undefined || (type !== undefined && type !== 'bind')) continue;
      out.push({ node: item, source, readOnly: truthy(lookup(item, 'read_only', ctx.yaml).value) });
    }
  }
  return out;
}

function normalizeHostPath(source: string): string | undefined {
  const s = source.trim();
  if (!s.startsWith('/')) return undefined; // named volume, relative path, ~, ${VAR} or Windows path
  const collapsed = s.replace(/\/{2,}/g, '/').replace(/\/\.(?=\/|$)/g, '');
  return collapsed.length > 1 ? collapsed.replace(/\/+$/, '') : '/';
}

const SOCKETS = /\/(docker|podman|containerd|crio)\.sock$/;

export const composeDockerSocket: Rule = {
  meta: {
    id: 'compose-docker-socket-mount',
    flavor: 'compose',
    severity: 'error',
    title: { en: 'Container runtime socket mounted', ko: '컨테이너 런타임 소켓 마운트' },
    message: {
      en: 'Service "{0}" mounts {1}: whoever controls the container controls the host\'s container engine (root on the host). :ro does not help. Use a socket proxy with a minimal API allow-list, or remove the mount.',
      ko: '서비스 "{0}"{이/가} {1:을/를} 마운트합니다. 이 컨테이너를 장악하면 호스트의 컨테이너 엔진, 즉 호스트의 root 권한까지 장악하게 됩니다. :ro로도 막을 수 없습니다. 필요한 API만 허용하는 소켓 프록시를 쓰거나 마운트를 제거하세요.',
    },
    help: {
      en: 'The Docker API socket lets a client start privileged containers with the host filesystem mounted. Mounting it read-only only protects the socket file, not the API behind it.',
      ko: 'Docker API 소켓에 접근할 수 있으면 호스트 파일시스템을 마운트한 특권 컨테이너를 띄울 수 있습니다. 읽기 전용 마운트는 소켓 파일만 보호할 뿐 그 뒤의 API는 막지 못합니다.',
    },
    lessonField: 'compose:services.*.volumes',
    anchors: ['C05', 'KICS docker_socket_mounted_in_container'],
  },
  check(ctx) {
    for (const s of servicesOf(ctx)) {
      for (const m of bindMounts(s, ctx)) {
        const path = normalizeHostPath(m.source);
        if (!path || !SOCKETS.test(path)) continue;
        ctx.report({ start: m.node.range![0], end: m.node.range![1], args: [s.name, path], lessonPath: ['services', s.name, 'volumes'] });
      }
    }
  },
};

const SENSITIVE = ['/bin', '/boot', '/dev', '/etc', '/lib', '/lib64', '/proc', '/root', '/run', '/sbin', '/sys', '/usr', '/var/lib/docker', '/var/run'];
/** Read-only mounts of these are routine (time zone, CA certificates). */
const BENIGN_READ_ONLY = ['/etc/localtime', '/etc/timezone', '/usr/share/zoneinfo', '/etc/ssl/certs', '/etc/ca-certificates', '/etc/pki/ca-trust'];

function under(path: string, dirs: readonly string[]): boolean {
  return dirs.some((d) => path === d || path.startsWith(`${d}/`));
}

export const composeSensitiveMount: Rule = {
  meta: {
    id: 'compose-sensitive-host-mount',
    flavor: 'compose',
    severity: 'warning',
    title: { en: 'Sensitive host directory mounted', ko: '민감한 호스트 디렉터리 마운트' },
    message: {
      en: 'Service "{0}" mounts the host directory {1} ({2}). Mount only the files the service needs, from a project directory (./…), read-only where possible.',
      ko: '서비스 "{0}"{이/가} 호스트 디렉터리 {1:을/를} 마운트합니다 ({2}). 필요한 파일만 프로젝트 디렉터리(./…)에서, 가능하면 읽기 전용으로 마운트하세요.',
    },
    help: {
      en: 'System directories of the host (/, /etc, /proc, /sys, /dev, /usr, /var/lib/docker...) expose credentials, kernel interfaces and other containers\' data; writable, they let the container change the host.',
      ko: '호스트 시스템 디렉터리(/, /etc, /proc, /sys, /dev, /usr, /var/lib/docker 등)는 자격 증명, 커널 인터페이스, 다른 컨테이너의 데이터를 노출합니다. 쓰기 가능하면 컨테이너가 호스트를 바꿀 수 있습니다.',
    },
    lessonField: 'compose:services.*.volumes',
    anchors: ['C06', 'KICS volume_has_sensitive_host_directory', 'kube-linter sensitive-host-mounts'],
  },
  check(ctx) {
    for (const s of servicesOf(ctx)) {
      for (const m of bindMounts(s, ctx)) {
        const path = normalizeHostPath(m.source);
        if (!path || SOCKETS.test(path)) continue;
        if (path !== '/' && !under(path, SENSITIVE)) continue;
        if (m.readOnly && under(path, BENIGN_READ_ONLY)) continue;
        ctx.report({ start: m.node.range![0], end: m.node.range![1], args: [s.name, path, m.readOnly ? 'ro' : 'rw'], lessonPath: ['services', s.name, 'volumes'] });
      }
    }
  },
};
