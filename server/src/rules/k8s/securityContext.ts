/**
 * Container securityContext rules (catalog K01, K02, K04, K05, K06): privileged, allowPrivilegeEscalation,
 * readOnlyRootFilesystem, capabilities drop ALL and added capabilities.
 */
import type { Node } from 'yaml';
import { ensureEntries, replaceNode } from '../edits';
import type { DocContext, Fix, OffsetEdit, Rule } from '../types';
import { lazyFixes } from '../lazyFixes';
import { ContainerRef, containersOf, PodSpecRef, podSpecOf } from '../workloads';
import { bool, get, items, keyRange, rangeOf, str } from '../yamlNodes';
import { dropAllEdit, dropsAll, escalationImplied, hardenAllFix, hardenWorkloadFix, normalizeCap } from './hardenAll';
import { combineEdits, containerName, containerRange, hasAliases, removeSeqItem, scPath, securityContextOf } from './k8sHelpers';

/** Runs `fn` for each container of the document's pod spec (ephemeral containers take no securityContext fixes). */
export function eachContainer(ctx: DocContext, fn: (pod: PodSpecRef, c: ContainerRef) => void): void {
  const pod = podSpecOf(ctx.root, ctx.doc.kind);
  if (!pod) return;
  if (hasAliases(securityContextOf(pod.node))) return;
  for (const c of containersOf(pod)) if (!hasAliases(c.node)) fn(pod, c);
}

function fix(en: string, ko: string, edit: OffsetEdit | undefined, preferred = false): Fix[] {
  return edit ? [{ title: { en, ko }, edits: [edit], ...(preferred ? { preferred } : {}) }] : [];
}

/** Sets a boolean field of the container securityContext: replace a wrong value or insert the key. */
function setFlag(ctx: DocContext, c: ContainerRef, key: string, value: boolean): OffsetEdit | undefined {
  const current = get(securityContextOf(c.node), key);
  return current ? replaceNode(current, String(value)) : ensureEntries(ctx.model.text, c.node, ['securityContext'], { [key]: value });
}

/**
 * When a fix removes what made privilege escalation implied (privileged, SYS_ADMIN), the container would then
 * lack allowPrivilegeEscalation, or keep the `true` that privileged/SYS_ADMIN required: insert
 * `allowPrivilegeEscalation: false` when the key is absent, turn an explicit `true` into `false`.
 */
function escalationOffEdits(ctx: DocContext, c: ContainerRef, stillImplied: (c: ContainerRef) => boolean): (OffsetEdit | undefined)[] {
  const current = get(securityContextOf(c.node), 'allowPrivilegeEscalation');
  if (stillImplied(c)) return [];
  if (current === undefined) return [ensureEntries(ctx.model.text, c.node, ['securityContext'], { allowPrivilegeEscalation: false })];
  return bool(current) === true ? [replaceNode(current, 'false')] : [];
}

/** Whether escalation stays implied once privileged is false (a SYS_ADMIN or ALL capability is still added). */
function impliedByCapabilities(c: ContainerRef): boolean {
  return items(get(get(securityContextOf(c.node), 'capabilities'), 'add')).some((n) => ['SYS_ADMIN', 'ALL'].includes(normalizeCap(str(n))));
}

export function withHarden(ctx: DocContext, pod: PodSpecRef, c: ContainerRef, fixes: Fix[]): Fix[] {
  const all = hardenAllFix(ctx, pod, c);
  const workload = hardenWorkloadFix(ctx, pod);
  return [...fixes, ...(all ? [all] : []), ...(workload ? [workload] : [])];
}

export const privilegedContainer: Rule = {
  meta: {
    id: 'k8s-privileged-container',
    flavor: 'kubernetes',
    severity: 'error',
    title: { en: 'Privileged container', ko: '특권(privileged) 컨테이너' },
    message: {
      en: 'Container "{0}" runs privileged: it has every capability and the host\'s devices. Remove privileged: true (grant only the capability it needs).',
      ko: '컨테이너 "{0}"{이/가} privileged로 실행되어 모든 capability를 갖고 호스트 디바이스에 접근할 수 있습니다. privileged: true를 제거하고 필요한 capability만 부여하세요.',
    },
    help: {
      en: 'A privileged container can load kernel modules, access every host device and escape to the node. Pod Security "baseline" forbids it.',
      ko: 'privileged 컨테이너는 커널 모듈을 로드하고 모든 호스트 디바이스에 접근할 수 있어 노드로 쉽게 탈출할 수 있습니다. Pod Security "baseline"은 이를 금지합니다.',
    },
    lessonField: 'securityContext.privileged',
    anchors: ['K01', 'kube-linter privileged-container', 'kube-score container-security-context-privileged', 'Polaris runAsPrivileged', 'PSS baseline privileged', 'CKV_K8S_16'],
  },
  check(ctx) {
    eachContainer(ctx, (_pod, c) => {
      const sc = securityContextOf(c.node);
      const node = get(sc, 'privileged');
      if (bool(node) !== true || !node) return;
      const range = keyRange(sc, 'privileged');
      if (!range) return;
      ctx.report(
        lazyFixes({ start: range[0], end: range[1], args: [containerName(c)], lessonPath: scPath(c, 'privileged') }, () => {
          const edits = combineEdits([replaceNode(node, 'false'), ...escalationOffEdits(ctx, c, impliedByCapabilities)]);
          return edits ? [{ title: { en: 'Set privileged: false', ko: 'privileged: false로 설정' }, edits }] : [];
        }),
      );
    });
  },
};

const apeMeta = {
  flavor: 'kubernetes' as const,
  help: {
    en: 'allowPrivilegeEscalation controls no_new_privs: when it is not false, a setuid binary (sudo, su) can gain more privileges than its parent. Pod Security "restricted" requires false; it only breaks setuid tools.',
    ko: 'allowPrivilegeEscalation은 커널의 no_new_privs 플래그를 제어합니다. false가 아니면 setuid 바이너리(sudo, su)로 부모 프로세스보다 높은 권한을 얻을 수 있습니다. Pod Security "restricted"는 false를 요구하며, false로 바꿔도 영향을 받는 것은 setuid 도구뿐입니다.',
  },
  lessonField: 'securityContext.allowPrivilegeEscalation',
  anchors: ['K02', 'kube-linter privilege-escalation-container', 'Polaris privilegeEscalationAllowed', 'PSS restricted allowPrivilegeEscalation', 'CKV_K8S_20'],
};

function checkEscalation(ctx: DocContext, explicit: boolean): void {
  eachContainer(ctx, (pod, c) => {
    if (c.list === 'ephemeralContainers' || escalationImplied(c)) return;
    const sc = securityContextOf(c.node);
    const node = get(sc, 'allowPrivilegeEscalation');
    const value = bool(node);
    if (explicit ? value !== true : node !== undefined) return;
    const range = explicit ? keyRange(sc, 'allowPrivilegeEscalation') : containerRange(c);
    if (!range) return;
    ctx.report(
      lazyFixes({ start: range[0], end: range[1], args: [containerName(c)], lessonPath: scPath(c, 'allowPrivilegeEscalation') }, () =>
        withHarden(ctx, pod, c, fix('Set allowPrivilegeEscalation: false', 'allowPrivilegeEscalation: false로 설정', setFlag(ctx, c, 'allowPrivilegeEscalation', false), true)),
      ),
    );
  });
}

export const allowPrivilegeEscalation: Rule = {
  meta: {
    ...apeMeta,
    id: 'k8s-allow-privilege-escalation',
    severity: 'warning',
    title: { en: 'Privilege escalation allowed', ko: '권한 상승 허용' },
    message: {
      en: 'Container "{0}" sets allowPrivilegeEscalation: true: setuid binaries can gain privileges. Set it to false.',
      ko: '컨테이너 "{0}"에 allowPrivilegeEscalation: true가 설정되어 있어 setuid 바이너리로 권한을 얻을 수 있습니다. false로 설정하세요.',
    },
  },
  check: (ctx) => checkEscalation(ctx, true),
};

export const allowPrivilegeEscalationUnset: Rule = {
  meta: {
    ...apeMeta,
    id: 'k8s-allow-privilege-escalation-unset',
    severity: 'information',
    title: { en: 'allowPrivilegeEscalation not set', ko: 'allowPrivilegeEscalation 미설정' },
    message: {
      en: 'Container "{0}" does not set allowPrivilegeEscalation (it defaults to true; Pod Security "restricted" rejects this). Set it to false.',
      ko: '컨테이너 "{0}"에 allowPrivilegeEscalation이 설정되어 있지 않습니다. 기본값은 true이며 Pod Security "restricted"가 이를 거부합니다. false로 설정하세요.',
    },
  },
  check: (ctx) => checkEscalation(ctx, false),
};

export const readOnlyRootFilesystem: Rule = {
  meta: {
    id: 'k8s-writable-root-filesystem',
    flavor: 'kubernetes',
    severity: 'warning',
    title: { en: 'Writable root filesystem', ko: '쓰기 가능한 루트 파일시스템' },
    message: {
      en: 'Container "{0}" has a writable root filesystem: set securityContext.readOnlyRootFilesystem: true (mount an emptyDir where it must write, e.g. /tmp).',
      ko: '컨테이너 "{0}"의 루트 파일시스템에 쓸 수 있습니다. securityContext.readOnlyRootFilesystem: true를 설정하고, 써야 하는 경로(예: /tmp)에는 emptyDir를 마운트하세요.',
    },
    help: {
      en: 'The container layer is writable by default: an attacker can drop tools or change binaries. A read-only root filesystem with emptyDir volumes for scratch space keeps the image immutable.',
      ko: '컨테이너 레이어는 기본적으로 쓰기 가능해서 공격자가 도구를 설치하거나 바이너리를 바꿀 수 있습니다. 루트는 읽기 전용으로 두고 임시 공간에만 emptyDir를 쓰면 컨테이너를 이미지 그대로 불변으로 유지할 수 있습니다.',
    },
    lessonField: 'securityContext.readOnlyRootFilesystem',
    anchors: ['K04', 'kube-linter no-read-only-root-fs', 'kube-score container-security-context-readonlyrootfilesystem', 'Polaris notReadOnlyRootFilesystem', 'CKV_K8S_22'],
  },
  check(ctx) {
    eachContainer(ctx, (pod, c) => {
      if (c.list === 'ephemeralContainers') return;
      const sc = securityContextOf(c.node);
      if (bool(get(sc, 'readOnlyRootFilesystem')) === true) return;
      const range = get(sc, 'readOnlyRootFilesystem') ? keyRange(sc, 'readOnlyRootFilesystem') : containerRange(c);
      if (!range) return;
      ctx.report(
        lazyFixes({ start: range[0], end: range[1], args: [containerName(c)], lessonPath: scPath(c, 'readOnlyRootFilesystem') }, () =>
          withHarden(ctx, pod, c, fix('Set readOnlyRootFilesystem: true', 'readOnlyRootFilesystem: true로 설정', setFlag(ctx, c, 'readOnlyRootFilesystem', true), true)),
        ),
      );
    });
  },
};

export const capabilitiesNotDropped: Rule = {
  meta: {
    id: 'k8s-capabilities-not-dropped',
    flavor: 'kubernetes',
    severity: 'warning',
    title: { en: 'Capabilities not dropped', ko: 'capability를 제거하지 않음' },
    message: {
      en: 'Container "{0}" keeps the default Linux capabilities: add securityContext.capabilities.drop: [ALL] (add back NET_BIND_SERVICE only if it binds a port below 1024).',
      ko: '컨테이너 "{0}"{이/가} 기본 Linux capability를 그대로 가지고 있습니다. securityContext.capabilities.drop: [ALL]을 추가하세요 (1024 미만 포트를 열어야 하면 NET_BIND_SERVICE만 다시 추가하세요).',
    },
    help: {
      en: 'Container runtimes grant a default set of capabilities (NET_RAW, CHOWN, SETUID…). Pod Security "restricted" requires drop: [ALL]; least privilege means adding back only what the process needs.',
      ko: '컨테이너 런타임은 기본 capability(NET_RAW, CHOWN, SETUID…)를 부여합니다. Pod Security "restricted"는 drop: [ALL]을 요구합니다. 최소 권한 원칙에 따라 필요한 것만 다시 추가하세요.',
    },
    lessonField: 'securityContext.capabilities.drop',
    anchors: ['K05', 'PSS restricted capabilities', 'Polaris insecureCapabilities', 'kube-linter drop-net-raw-capability', 'CKV_K8S_37', 'CKV_K8S_28'],
  },
  check(ctx) {
    eachContainer(ctx, (pod, c) => {
      if (c.list === 'ephemeralContainers' || dropsAll(c)) return;
      const caps = get(securityContextOf(c.node), 'capabilities');
      const range = get(caps, 'drop') ? keyRange(caps, 'drop') : caps ? keyRange(securityContextOf(c.node), 'capabilities') : containerRange(c);
      if (!range) return;
      ctx.report(
        lazyFixes({ start: range[0], end: range[1], args: [containerName(c)], lessonPath: scPath(c, 'capabilities', 'drop') }, () =>
          withHarden(ctx, pod, c, fix('Drop ALL capabilities', '모든 capability 제거 (drop: [ALL])', dropAllEdit(ctx.model.text, c), true)),
        ),
      );
    });
  },
};

const dangerousCaps = new Set(['ALL', 'SYS_ADMIN', 'NET_ADMIN']);
const baselineCaps = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);

const capsHelp = {
  en: 'Added capabilities widen what root in the container can do on the kernel. SYS_ADMIN, NET_ADMIN and ALL are close to privileged; anything outside the runtime default set breaks Pod Security "baseline". "restricted" allows only NET_BIND_SERVICE.',
  ko: 'capability를 추가할수록 컨테이너의 root가 커널에서 할 수 있는 일이 늘어납니다. SYS_ADMIN, NET_ADMIN, ALL은 privileged에 가깝고, 런타임 기본 집합 밖의 capability는 Pod Security "baseline" 위반입니다. "restricted"는 NET_BIND_SERVICE만 허용합니다.',
};

function checkAdded(ctx: DocContext, pick: (cap: string) => boolean): void {
  eachContainer(ctx, (_pod, c) => {
    const add: Node | undefined = get(get(securityContextOf(c.node), 'capabilities'), 'add');
    items(add).forEach((item, index) => {
      const cap = normalizeCap(str(item));
      if (!cap || !pick(cap)) return;
      const range = rangeOf(item);
      if (!range || !add) return;
      ctx.report(
        lazyFixes({ start: range[0], end: range[1], args: [containerName(c), str(item) ?? cap], lessonPath: [...scPath(c, 'capabilities', 'add'), index] }, () =>
          removeCapFix(ctx, c, add, index, cap),
        ),
      );
    });
  });
}

function removeCapFix(ctx: DocContext, c: ContainerRef, add: Node, index: number, cap: string): Fix[] {
  const stillImplied = (cc: ContainerRef) =>
    bool(get(securityContextOf(cc.node), 'privileged')) === true || items(add).some((n, i) => i !== index && ['SYS_ADMIN', 'ALL'].includes(normalizeCap(str(n))));
  const removal = removeSeqItem(ctx.model.text, add, index);
  const edits = removal && combineEdits([removal, ...(['SYS_ADMIN', 'ALL'].includes(cap) ? escalationOffEdits(ctx, c, stillImplied) : [])]);
  return edits ? [{ title: { en: `Remove ${cap} from capabilities.add`, ko: `capabilities.add에서 ${cap} 제거` }, edits }] : [];
}

export const dangerousCapability: Rule = {
  meta: {
    id: 'k8s-dangerous-capability',
    flavor: 'kubernetes',
    severity: 'error',
    title: { en: 'Dangerous capability added', ko: '위험한 capability 추가' },
    message: {
      en: 'Container "{0}" adds capability {1}, which is close to running privileged. Remove it.',
      ko: '컨테이너 "{0}"{이/가} capability {1:을/를} 추가합니다. privileged로 실행하는 것과 다름없으니 제거하세요.',
    },
    help: capsHelp,
    lessonField: 'securityContext.capabilities.add',
    anchors: ['K06', 'Polaris dangerousCapabilities', 'kube-linter privilege-escalation-container (SYS_ADMIN)', 'PSS baseline capabilities', 'CKV_K8S_39'],
  },
  check: (ctx) => checkAdded(ctx, (cap) => dangerousCaps.has(cap)),
};

export const capabilitiesAdded: Rule = {
  meta: {
    id: 'k8s-capabilities-added',
    flavor: 'kubernetes',
    severity: 'warning',
    title: { en: 'Non-default capability added', ko: '기본 집합 밖의 capability 추가' },
    message: {
      en: 'Container "{0}" adds capability {1}, outside the runtime default set (Pod Security "baseline" rejects it). Remove it unless the workload really needs it.',
      ko: '컨테이너 "{0}"{이/가} 런타임 기본 집합 밖의 capability {1:을/를} 추가합니다 (Pod Security "baseline"이 거부합니다). 꼭 필요하지 않다면 제거하세요.',
    },
    help: capsHelp,
    lessonField: 'securityContext.capabilities.add',
    anchors: ['K06', 'PSS baseline capabilities', 'Polaris insecureCapabilities', 'CKV_K8S_25'],
  },
  check: (ctx) => checkAdded(ctx, (cap) => !dangerousCaps.has(cap) && !baselineCaps.has(cap)),
};
