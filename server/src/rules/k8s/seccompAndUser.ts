/**
 * Pod/container securityContext rules set at either level (catalog K07 seccomp, K03 runAsUser/runAsGroup 0).
 * The container value overrides the pod value.
 */
import type { Node } from 'yaml';
import { ensureEntries, replaceNode } from '../edits';
import type { DocContext, Fix, Rule } from '../types';
import { lazyFixes } from '../lazyFixes';
import { containersOf, podSpecOf } from '../workloads';
import { bool, get, keyRange, num, str } from '../yamlNodes';
import { hardenAllFix, hardenWorkloadFix, seccompType } from './hardenAll';
import { containerName, containerRange, hasAliases, securityContextOf } from './k8sHelpers';

const seccompHelp = {
  en: 'A seccomp profile filters the system calls a container may make. Pod Security "restricted" requires RuntimeDefault or Localhost (pod or every container); "baseline" forbids Unconfined.',
  ko: 'seccomp 프로필은 컨테이너가 호출할 수 있는 시스템 콜을 걸러냅니다. Pod Security "restricted"는 Pod 또는 모든 컨테이너에 RuntimeDefault나 Localhost를 요구하고, "baseline"은 Unconfined를 금지합니다.',
};

export const seccompUnconfined: Rule = {
  meta: {
    id: 'k8s-seccomp-unconfined',
    flavor: 'kubernetes',
    severity: 'error',
    title: { en: 'Seccomp disabled (Unconfined)', ko: 'seccomp 비활성화 (Unconfined)' },
    message: {
      en: 'seccompProfile.type: Unconfined on {0}: every system call is allowed (Pod Security "baseline" rejects it). Use RuntimeDefault.',
      ko: '{0}의 seccompProfile.type이 Unconfined여서 모든 시스템 콜이 허용됩니다 (Pod Security "baseline"이 거부합니다). RuntimeDefault를 쓰세요.',
    },
    help: seccompHelp,
    lessonField: 'securityContext.seccompProfile.type',
    anchors: ['K07', 'PSS baseline seccompProfile', 'CKV_K8S_31'],
  },
  check(ctx) {
    const pod = podSpecOf(ctx.root, ctx.doc.kind);
    if (!pod) return;
    const places: { node: Node | undefined; label: string; path: (string | number)[] }[] = [
      { node: securityContextOf(pod.node), label: 'Pod', path: [...pod.path, 'securityContext'] },
      ...containersOf(pod).map((c) => ({ node: securityContextOf(c.node), label: `"${containerName(c)}"`, path: [...c.path, 'securityContext'] })),
    ];
    for (const p of places) {
      const profile = get(p.node, 'seccompProfile');
      const typeNode = get(profile, 'type');
      if (str(typeNode) !== 'Unconfined' || !typeNode) continue;
      const range = keyRange(profile, 'type');
      if (!range) continue;
      const edit = replaceNode(typeNode, 'RuntimeDefault');
      ctx.report({
        start: range[0],
        end: range[1],
        args: [p.label],
        lessonPath: [...p.path, 'seccompProfile', 'type'],
        fixes: edit ? [{ title: { en: 'Use seccompProfile RuntimeDefault', ko: 'seccompProfile을 RuntimeDefault로 바꾸기' }, edits: [edit], preferred: true }] : [],
      });
    }
  },
};

export const seccompProfileMissing: Rule = {
  meta: {
    id: 'k8s-seccomp-profile',
    flavor: 'kubernetes',
    severity: 'warning',
    title: { en: 'No seccomp profile', ko: 'seccomp 프로필 없음' },
    message: {
      en: 'Container "{0}" runs without a seccomp profile: set securityContext.seccompProfile.type: RuntimeDefault (pod or container).',
      ko: '컨테이너 "{0}"에 seccomp 프로필이 없습니다. Pod 또는 컨테이너의 securityContext에 seccompProfile.type: RuntimeDefault를 설정하세요.',
    },
    help: seccompHelp,
    lessonField: 'securityContext.seccompProfile',
    anchors: ['K07', 'PSS restricted seccompProfile', 'kube-score container-seccomp-profile', 'Polaris linuxHardening', 'CKV_K8S_31'],
  },
  check(ctx) {
    const pod = podSpecOf(ctx.root, ctx.doc.kind);
    if (!pod) return;
    const text = ctx.model.text;
    if (hasAliases(securityContextOf(pod.node))) return;
    const podProfile = get(securityContextOf(pod.node), 'seccompProfile');
    for (const c of containersOf(pod)) {
      if (c.list === 'ephemeralContainers' || hasAliases(c.node) || seccompType(pod, c) !== undefined) continue;
      const range = containerRange(c);
      if (!range) continue;
      ctx.report(
        lazyFixes({ start: range[0], end: range[1], args: [containerName(c)], lessonPath: [...c.path, 'securityContext', 'seccompProfile', 'type'] }, () => {
          const fixes: Fix[] = [];
          const podEdit = podProfile === undefined ? ensureEntries(text, pod.node, ['securityContext', 'seccompProfile'], { type: 'RuntimeDefault' }) : undefined;
          if (podEdit) fixes.push({ title: { en: 'Set seccompProfile RuntimeDefault for the whole pod', ko: 'Pod 전체에 seccompProfile RuntimeDefault 설정' }, edits: [podEdit], preferred: true });
          const ownEdit = ensureEntries(text, c.node, ['securityContext', 'seccompProfile'], { type: 'RuntimeDefault' });
          if (ownEdit) fixes.push({ title: { en: 'Set seccompProfile RuntimeDefault on this container', ko: '이 컨테이너에 seccompProfile RuntimeDefault 설정' }, edits: [ownEdit], ...(podEdit ? {} : { preferred: true }) });
          const all = hardenAllFix(ctx, pod, c);
          if (all) fixes.push(all);
          const workload = hardenWorkloadFix(ctx, pod);
          if (workload) fixes.push(workload);
          return fixes;
        }),
      );
    }
  },
};

function checkRootId(ctx: DocContext, key: 'runAsUser' | 'runAsGroup'): void {
  const pod = podSpecOf(ctx.root, ctx.doc.kind);
  if (!pod || bool(get(pod.node, 'hostUsers')) === false) return;
  const podSc = securityContextOf(pod.node);
  const podValue = get(podSc, key);
  const reported = new Set<Node>();
  for (const c of containersOf(pod)) {
    const own = get(securityContextOf(c.node), key);
    const node = own ?? podValue;
    if (!node || num(node) !== 0 || reported.has(node)) continue;
    reported.add(node);
    const where = own ? securityContextOf(c.node) : podSc;
    const range = keyRange(where, key) ?? containerRange(c);
    if (!range) continue;
    const edit = replaceNode(node, '10001');
    ctx.report({
      start: range[0],
      end: range[1],
      args: [own ? `"${containerName(c)}"` : 'Pod', key],
      lessonPath: own ? [...c.path, 'securityContext', key] : [...pod.path, 'securityContext', key],
      fixes: edit ? [{ title: { en: `Set ${key}: 10001 (the image must work as that user)`, ko: `${key}: 10001로 설정 (이미지가 그 사용자로 동작해야 함)` }, edits: [edit] }] : [],
    });
  }
}

export const runAsUserRoot: Rule = {
  meta: {
    id: 'k8s-run-as-user-root',
    flavor: 'kubernetes',
    severity: 'warning',
    title: { en: 'Runs as UID 0', ko: 'UID 0으로 실행' },
    message: {
      en: '{1}: 0 on {0}: the process runs as root (with runAsNonRoot: true the kubelet refuses to start it). Use a non-zero UID such as 10001.',
      ko: '{0}의 {1:이/가} 0이어서 root로 실행됩니다 (runAsNonRoot: true와 함께 쓰면 kubelet이 시작을 거부합니다). 10001처럼 0이 아닌 UID를 쓰세요.',
    },
    help: {
      en: 'UID 0 in the container is root on the node\'s kernel unless user namespaces are used. Pod Security "restricted" rejects runAsUser: 0.',
      ko: '사용자 네임스페이스를 쓰지 않으면 컨테이너의 UID 0은 노드 커널에서도 root입니다. Pod Security "restricted"는 runAsUser: 0을 거부합니다.',
    },
    lessonField: 'securityContext.runAsUser',
    anchors: ['K03', 'PSS restricted runAsUser', 'kube-linter run-as-non-root', 'kube-score container-security-context-user-group-id', 'CKV_K8S_40'],
  },
  check: (ctx) => checkRootId(ctx, 'runAsUser'),
};

export const runAsGroupRoot: Rule = {
  meta: {
    id: 'k8s-run-as-group-root',
    flavor: 'kubernetes',
    severity: 'information',
    title: { en: 'Runs with GID 0', ko: 'GID 0으로 실행' },
    message: {
      en: '{1}: 0 on {0}: the process gets the root group\'s file access. Prefer a non-zero GID such as 10001.',
      ko: '{0}의 {1:이/가} 0이어서 root 그룹의 파일 권한을 얻습니다. 10001처럼 0이 아닌 GID를 권장합니다.',
    },
    help: {
      en: 'GID 0 grants access to files owned by the root group. It is not a Pod Security violation, but kube-score and kube-linter ask for a non-zero group.',
      ko: 'GID가 0이면 root 그룹이 소유한 파일에 접근할 수 있습니다. Pod Security 위반은 아니지만 kube-score와 kube-linter는 0이 아닌 그룹을 권장합니다.',
    },
    lessonField: 'securityContext.runAsGroup',
    anchors: ['K03', 'kube-score container-security-context-user-group-id'],
  },
  check: (ctx) => checkRootId(ctx, 'runAsGroup'),
};
