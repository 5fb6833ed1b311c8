/** Catalog K20 (single replica) and K21 (HPA replica bounds). */
import type { Node } from 'yaml';
import { insertIntoMap, replaceNode } from '../edits';
import { namespaceOf, ofKind } from '../cross/resources';
import type { DocContext, Rule } from '../types';
import { lazyFixes } from '../lazyFixes';
import { get, getIn, keyRange, num, str } from '../yamlNodes';

/** Whether an HPA visible from this document (same file or workspace) scales this workload. */
function scaledByHpa(ctx: DocContext): boolean {
  const name = ctx.doc.name;
  if (!name) return false;
  const ns = namespaceOf({ namespace: ctx.doc.namespace });
  return ofKind(ctx, 'HorizontalPodAutoscaler').some((h) => {
    const ref = getIn(h.root, ['spec', 'scaleTargetRef']);
    return str(get(ref, 'kind')) === ctx.doc.kind && str(get(ref, 'name')) === name && namespaceOf(h) === ns;
  });
}

export const singleReplica: Rule = {
  meta: {
    id: 'k8s-single-replica',
    flavor: 'kubernetes',
    severity: 'information',
    title: { en: 'Single replica', ko: '단일 복제본' },
    message: {
      en: '{0} "{1}" runs {2} replica: one node failure or rollout makes it unavailable. Use at least 2 replicas (or an HPA).',
      ko: '{0} "{1}"의 복제본이 {2}개입니다. 노드 장애나 롤아웃 한 번에 서비스가 중단될 수 있습니다. 복제본을 2개 이상 두거나 HPA를 쓰세요.',
    },
    help: {
      en: 'A single pod is a single point of failure: draining its node, a crash or an update leaves no replica serving. Skip this for intentionally single instances (leaders, dev).',
      ko: 'Pod가 하나뿐이면 단일 장애점이 됩니다. 노드 드레인, 크래시, 업데이트 중에 요청을 처리할 복제본이 남지 않습니다. 일부러 하나만 두는 경우(리더 선출, 개발 환경)라면 이 진단을 무시하세요.',
    },
    lessonField: 'Deployment:spec.replicas',
    anchors: ['K20', 'Polaris deploymentMissingReplicas', 'kube-score deployment-replicas', 'kube-linter minimum-three-replicas'],
  },
  check(ctx) {
    if (ctx.doc.kind !== 'Deployment' && ctx.doc.kind !== 'StatefulSet') return;
    const spec = get(ctx.root, 'spec');
    const replicasNode = get(spec, 'replicas');
    const replicas = replicasNode ? num(replicasNode) : 1;
    if (replicas === undefined || replicas === 0 || replicas >= 2 || !spec) return; // 0: scaled down on purpose
    if (scaledByHpa(ctx)) return;
    const range = replicasNode ? keyRange(spec, 'replicas') : keyRange(ctx.root, 'spec');
    if (!range) return;
    ctx.report(
      lazyFixes({ start: range[0], end: range[1], args: [ctx.doc.kind, ctx.doc.name ?? '', String(replicas)], lessonPath: ['spec', 'replicas'] }, () => {
        const edit = replicasNode ? replaceNode(replicasNode as Node, '2') : insertIntoMap(ctx.model.text, spec, { replicas: 2 });
        return edit ? [{ title: { en: 'Set replicas: 2', ko: 'replicas: 2로 설정' }, edits: [edit] }] : [];
      }),
    );
  },
};

const hpaHelp = {
  en: 'The HPA keeps the replica count between minReplicas (default 1) and maxReplicas. max must be at least min (the API server rejects max < min); max = min disables scaling; min 1 leaves a single pod at low load.',
  ko: 'HPA는 복제본 수를 minReplicas(기본값 1)와 maxReplicas 사이에서 조정합니다. maxReplicas는 minReplicas 이상이어야 하고(작으면 API 서버가 거부합니다), 둘이 같으면 확장하지 않으며, minReplicas가 1이면 부하가 낮을 때 Pod가 하나만 남습니다.',
};

function hpaBounds(ctx: DocContext): { spec: Node; min: number; max: number | undefined; minNode?: Node; maxNode?: Node } | undefined {
  if (ctx.doc.kind !== 'HorizontalPodAutoscaler') return undefined;
  const spec = get(ctx.root, 'spec');
  if (!spec) return undefined;
  const minNode = get(spec, 'minReplicas');
  const maxNode = get(spec, 'maxReplicas');
  const min = minNode ? num(minNode) : 1;
  if (min === undefined) return undefined;
  return { spec, min, max: num(maxNode), minNode, maxNode };
}

export const hpaMaxBelowMin: Rule = {
  meta: {
    id: 'k8s-hpa-max-below-min',
    flavor: 'kubernetes',
    severity: 'error',
    title: { en: 'HPA maxReplicas below minReplicas', ko: 'HPA maxReplicas가 minReplicas보다 작음' },
    message: {
      en: 'maxReplicas {0} is less than minReplicas {1}: the API server rejects this HorizontalPodAutoscaler. Raise maxReplicas.',
      ko: 'maxReplicas({0}){이/가} minReplicas({1})보다 작아 API 서버가 이 HorizontalPodAutoscaler를 거부합니다. maxReplicas를 늘리세요.',
    },
    help: hpaHelp,
    lessonField: 'HorizontalPodAutoscaler:spec.maxReplicas',
    anchors: ['K21', 'Polaris hpaMaxAvailability'],
  },
  check(ctx) {
    const b = hpaBounds(ctx);
    if (!b || b.max === undefined || b.max >= b.min) return;
    const range = keyRange(b.spec, 'maxReplicas');
    if (range) ctx.report({ start: range[0], end: range[1], args: [String(b.max), String(b.min)], lessonPath: ['spec', 'maxReplicas'] });
  },
};

export const hpaNoScalingRange: Rule = {
  meta: {
    id: 'k8s-hpa-replica-bounds',
    flavor: 'kubernetes',
    severity: 'warning',
    title: { en: 'HPA cannot scale', ko: 'HPA가 확장할 수 없음' },
    message: {
      en: 'maxReplicas equals minReplicas ({0}): the autoscaler can never change the replica count. Raise maxReplicas.',
      ko: 'maxReplicas와 minReplicas가 {0:으로/로} 같아서 오토스케일러가 복제본 수를 바꿀 수 없습니다. maxReplicas를 늘리세요.',
    },
    help: hpaHelp,
    lessonField: 'HorizontalPodAutoscaler:spec.maxReplicas',
    anchors: ['K21', 'Polaris hpaMaxAvailability'],
  },
  check(ctx) {
    const b = hpaBounds(ctx);
    if (!b || b.max === undefined || b.max !== b.min) return;
    const range = keyRange(b.spec, 'maxReplicas');
    if (range) ctx.report({ start: range[0], end: range[1], args: [String(b.max)], lessonPath: ['spec', 'maxReplicas'] });
  },
};

export const hpaMinReplicasLow: Rule = {
  meta: {
    id: 'k8s-hpa-min-replicas-low',
    flavor: 'kubernetes',
    severity: 'information',
    title: { en: 'HPA may scale to one replica', ko: 'HPA가 복제본을 1개까지 줄일 수 있음' },
    message: {
      en: 'minReplicas is {0}: at low load the workload runs a single pod, a single point of failure. Use minReplicas: 2 or more.',
      ko: 'minReplicas가 {0}입니다. 부하가 낮으면 Pod가 하나만 실행되어 단일 장애점이 됩니다. minReplicas를 2 이상으로 설정하세요.',
    },
    help: hpaHelp,
    lessonField: 'HorizontalPodAutoscaler:spec.minReplicas',
    anchors: ['K21', 'Polaris hpaMinAvailability', 'kube-score horizontalpodautoscaler-replicas'],
  },
  check(ctx) {
    const b = hpaBounds(ctx);
    if (!b || b.min >= 2 || b.min === 0) return; // 0 = scale-to-zero (feature gate), deliberate
    const range = b.minNode ? keyRange(b.spec, 'minReplicas') : b.maxNode ? keyRange(b.spec, 'maxReplicas') : keyRange(ctx.root, 'spec');
    if (!range) return;
    const edit = b.minNode ? replaceNode(b.minNode, '2') : undefined;
    const fixOk = edit && (b.max === undefined || b.max > 2);
    ctx.report({
      start: range[0],
      end: range[1],
      args: [String(b.min)],
      lessonPath: ['spec', 'minReplicas'],
      fixes: fixOk && edit ? [{ title: { en: 'Set minReplicas: 2', ko: 'minReplicas: 2로 설정' }, edits: [edit] }] : [],
    });
  },
};
