/** K03: every container must run as a non-root user (pod- or container-level runAsNonRoot: true). */
import type { Rule } from '../types';
import { lazyFixes } from '../lazyFixes';
import { containersOf, podSpecOf } from '../workloads';
import { ensureEntries, replaceNode } from '../edits';
import { bool, get, keyRange, str } from '../yamlNodes';
import { hasAliases } from './k8sHelpers';
import { withHarden } from './securityContext';

export const runAsNonRoot: Rule = {
  meta: {
    id: 'k8s-run-as-non-root',
    flavor: 'kubernetes',
    severity: 'warning',
    title: { en: 'Container may run as root', ko: '컨테이너가 root로 실행될 수 있음' },
    message: {
      en: 'Container "{0}" may run as root: set securityContext.runAsNonRoot: true (pod or container).',
      ko: '컨테이너 "{0}"{이/가} root로 실행될 수 있습니다. Pod 또는 컨테이너의 securityContext에 runAsNonRoot: true를 설정하세요.',
    },
    help: {
      en: 'Without runAsNonRoot the kubelet starts the image as whatever user it declares, often UID 0. Pod Security "restricted" requires runAsNonRoot: true.',
      ko: 'runAsNonRoot가 없으면 kubelet은 이미지에 지정된 사용자(대개 UID 0, 즉 root)로 컨테이너를 실행합니다. Pod Security "restricted"는 runAsNonRoot: true를 요구합니다.',
    },
    lessonField: 'securityContext.runAsNonRoot',
    anchors: ['K03', 'kube-linter run-as-non-root', 'kube-score container-security-context-user-group-id', 'Polaris runAsRootAllowed', 'PSS restricted runAsNonRoot'],
  },
  check(ctx) {
    const pod = podSpecOf(ctx.root, ctx.doc.kind);
    if (!pod) return;
    if (hasAliases(get(pod.node, 'securityContext'))) return; // aliases/merge keys are not resolved: do not guess
    const podLevel = bool(get(get(pod.node, 'securityContext'), 'runAsNonRoot'));
    for (const c of containersOf(pod)) {
      if (hasAliases(c.node)) continue;
      const own = bool(get(get(c.node, 'securityContext'), 'runAsNonRoot'));
      if (own === true || (own === undefined && podLevel === true)) continue;
      const name = str(get(c.node, 'name')) ?? String(c.index);
      const range = keyRange(c.node, 'securityContext') ?? keyRange(c.node, 'name');
      if (!range) continue;
      const ownNode = get(get(c.node, 'securityContext'), 'runAsNonRoot');
      ctx.report(
        lazyFixes({ start: range[0], end: range[1], args: [name], lessonPath: [...c.path, 'securityContext', 'runAsNonRoot'] }, () => {
          const containerFix =
            own === false && ownNode ? replaceNode(ownNode, 'true') : ensureEntries(ctx.model.text, c.node, ['securityContext'], { runAsNonRoot: true });
          const podFix = ensureEntries(ctx.model.text, pod.node, ['securityContext'], { runAsNonRoot: true });
          return [
            ...(containerFix ? [{ title: { en: 'Set runAsNonRoot: true on this container', ko: '이 컨테이너에 runAsNonRoot: true 설정' }, edits: [containerFix], preferred: true }] : []),
            ...(own === undefined && podLevel === undefined && podFix ? [{ title: { en: 'Set runAsNonRoot: true for the whole pod', ko: 'Pod 전체에 runAsNonRoot: true 설정' }, edits: [podFix] }] : []),
            ...withHarden(ctx, pod, c, []),
          ];
        }),
      );
    }
  },
};
