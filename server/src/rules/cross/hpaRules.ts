/** X04, X05, X06: HorizontalPodAutoscaler targets (missing, pinning replicas, utilization without requests). */
import type { Node } from 'yaml';
import { withParticle } from '../../koParticles';
import type { DocContext, Fix, Rule } from '../types';
import { containersOf, podSpecOf } from '../workloads';
import { get, getIn, items, keyRange, pairOf, rangeOf, str } from '../yamlNodes';
import { displayName, namespaceOf, ofKindIn, ofKindNamed, relatedAt, referencesCheckable } from './resources';
import type { ResourceRef } from './workspaceResources';

const scalable = ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'];
const groupOf = (apiVersion: string | undefined) => (apiVersion && apiVersion.includes('/') ? apiVersion.split('/')[0] : '');

interface TargetRef {
  apiVersion?: string;
  kind?: string;
  name?: string;
  node?: Node;
}

function targetRefOf(root: Node | null | undefined): TargetRef {
  const node = getIn(root, ['spec', 'scaleTargetRef']);
  return { apiVersion: str(get(node, 'apiVersion')), kind: str(get(node, 'kind')), name: str(get(node, 'name')), node };
}

function findTarget(ctx: DocContext, ns: string, ref: TargetRef): ResourceRef | undefined {
  return ofKindNamed(ctx, ref.kind ?? '', ref.name, ns).find((r) => !ref.apiVersion || groupOf(r.apiVersion) === groupOf(ref.apiVersion));
}

export const hpaTargetNotFound: Rule = {
  meta: {
    id: 'x-hpa-target-not-found',
    flavor: 'kubernetes',
    severity: 'warning',
    title: { en: 'HPA target not found', ko: 'HPA 대상이 없음' },
    message: {
      en: 'HorizontalPodAutoscaler "{0}": scaleTargetRef {1} "{2}" is not defined in namespace "{3}"{4}.',
      ko: 'HorizontalPodAutoscaler "{0}": scaleTargetRef {1} "{2}"{이/가} 네임스페이스 "{3}"에 정의되어 있지 않습니다{4}.',
    },
    help: {
      en: 'The HPA scales the object named by spec.scaleTargetRef (apiVersion, kind, name) in its own namespace. A typo or a wrong kind/apiVersion leaves the autoscaler without a target: it reports FailedGetScale and never scales.',
      ko: 'HPA는 같은 네임스페이스에서 spec.scaleTargetRef(apiVersion, kind, name)가 가리키는 객체를 확장합니다. 오타가 있거나 kind/apiVersion이 틀리면 대상을 찾지 못해 FailedGetScale 이벤트만 남기고 확장하지 않습니다.',
    },
    lessonField: 'HorizontalPodAutoscaler:spec.scaleTargetRef',
    anchors: ['X04', 'kube-score horizontalpodautoscaler-has-target', 'kube-linter dangling-horizontalpodautoscaler'],
  },
  check(ctx) {
    if (ctx.doc.kind !== 'HorizontalPodAutoscaler' || !referencesCheckable(ctx)) return;
    const ref = targetRefOf(ctx.root);
    if (!ref.kind || !ref.name) return;
    const ns = namespaceOf(ctx.doc);
    if (findTarget(ctx, ns, ref)) return;
    const sameName = ofKindIn(ctx, ns, ...scalable).find((r) => r.name === ref.name);
    const range = rangeOf(get(ref.node, 'name'));
    if (!range) return;
    ctx.report({
      start: range[0],
      end: range[1],
      args: [ctx.doc.name ?? '?', ref.kind, ref.name, ns, sameName ? ` (${sameName.apiVersion} ${sameName.kind} "${ref.name}" exists)` : ''],
      lessonPath: ['spec', 'scaleTargetRef'],
      ...(sameName ? { related: [relatedAt(sameName, { en: `${displayName(sameName)} (${sameName.apiVersion})`, ko: `${displayName(sameName)} (${sameName.apiVersion})` })] } : {}),
    });
  },
};

/** Deletes the whole `replicas: N` line when it stands alone on its line (block style). */
function deleteReplicasFix(ctx: DocContext): Fix | undefined {
  const spec = getIn(ctx.root, ['spec']);
  const pair = pairOf(spec, 'replicas');
  const keyStart = (pair?.key as Node | undefined)?.range?.[0];
  const valueEnd = (pair?.value as Node | null | undefined)?.range?.[1];
  if (keyStart === undefined || valueEnd === undefined) return undefined;
  const text = ctx.model.text;
  const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
  if (text.slice(lineStart, keyStart).trim() !== '') return undefined; // flow map or `- replicas:`
  let lineEnd = text.indexOf('\n', valueEnd);
  lineEnd = lineEnd < 0 ? text.length : lineEnd + 1;
  if (!/^\s*(#.*)?\r?\n?$/.test(text.slice(valueEnd, lineEnd))) return undefined;
  return {
    title: { en: 'Remove spec.replicas (the HPA owns the replica count)', ko: 'spec.replicas 삭제 (복제본 수는 HPA가 관리)' },
    edits: [{ start: lineStart, end: lineEnd, newText: '' }],
  };
}

export const hpaTargetHasReplicas: Rule = {
  meta: {
    id: 'x-hpa-target-has-replicas',
    flavor: 'kubernetes',
    severity: 'warning',
    title: { en: 'Workload pins replicas while an HPA scales it', ko: 'HPA가 확장하는 워크로드가 replicas를 고정' },
    message: {
      en: '{0} "{1}" sets replicas: {2} while HorizontalPodAutoscaler "{3}" scales it; every apply resets the replica count.',
      ko: '{0} "{1}"에 replicas: {2:이/가} 설정되어 있지만 HorizontalPodAutoscaler "{3}"{이/가} 이 워크로드를 확장합니다. 적용할 때마다 복제본 수가 되돌아갑니다.',
    },
    help: {
      en: 'When an HPA manages a Deployment or StatefulSet, spec.replicas in the manifest fights it: each kubectl apply sets the count back to the static value, and the HPA scales again. Remove spec.replicas (see "Migrating Deployments and StatefulSets to horizontal autoscaling": removing it may cause a one-time drop to 1 replica).',
      ko: 'HPA가 관리하는 Deployment/StatefulSet에 spec.replicas가 있으면 kubectl apply를 할 때마다 고정값으로 되돌아가고 HPA가 다시 확장합니다. spec.replicas를 삭제하세요 (삭제하는 순간 복제본이 한 번 1개로 줄어들 수 있으니 Kubernetes 문서의 HPA 마이그레이션 절차를 따르세요).',
    },
    lessonField: 'HorizontalPodAutoscaler:spec.scaleTargetRef',
    anchors: ['X05', 'kube-score deployment-targeted-by-hpa-does-not-have-replicas-configured'],
  },
  check(ctx) {
    if (!scalable.includes(ctx.doc.kind ?? '')) return;
    const replicas = getIn(ctx.root, ['spec', 'replicas']);
    if (!replicas) return;
    const ns = namespaceOf(ctx.doc);
    const hpa = ofKindIn(ctx, ns, 'HorizontalPodAutoscaler').find((h) => {
      const ref = targetRefOf(h.root);
      return ref.kind === ctx.doc.kind && ref.name === ctx.doc.name && (!ref.apiVersion || groupOf(ref.apiVersion) === groupOf(ctx.doc.apiVersion));
    });
    if (!hpa) return;
    const range = keyRange(getIn(ctx.root, ['spec']), 'replicas');
    if (!range) return;
    const fix = deleteReplicasFix(ctx);
    ctx.report({
      start: range[0],
      end: range[1],
      args: [ctx.doc.kind ?? '', ctx.doc.name ?? '?', str(replicas) ?? '?', hpa.name ?? '?'],
      related: [relatedAt(hpa, { en: `HorizontalPodAutoscaler "${hpa.name}" targets this ${ctx.doc.kind}`, ko: `HorizontalPodAutoscaler ${withParticle(`"${hpa.name}"`, '이/가')} 이 ${withParticle(ctx.doc.kind ?? '', '을/를')} 대상으로 함` }, targetRefOf(hpa.root).node)],
      ...(fix ? { fixes: [fix] } : {}),
    });
  },
};

export const hpaUtilizationWithoutRequests: Rule = {
  meta: {
    id: 'x-hpa-utilization-without-requests',
    flavor: 'kubernetes',
    severity: 'warning',
    title: { en: 'HPA utilization metric without resource requests', ko: '리소스 requests가 없는 HPA 사용률 지표' },
    message: {
      en: 'HorizontalPodAutoscaler "{0}": {1} Utilization needs resources.requests.{1} on every container of {2}; missing on {3}.',
      ko: 'HorizontalPodAutoscaler "{0}": {1} Utilization 지표를 쓰려면 {2}의 모든 컨테이너에 resources.requests.{1:이/가} 필요합니다. 없는 컨테이너: {3}.',
    },
    help: {
      en: 'Utilization is usage divided by the request. If some container of the target has no request for that resource, the utilization of the Pod is undefined and the HPA takes no action for that metric.',
      ko: '사용률은 사용량을 request로 나눈 값입니다. 대상의 컨테이너 중 하나라도 그 리소스의 request가 없으면 Pod의 사용률을 계산할 수 없어 HPA가 그 지표로는 확장하지 않습니다.',
    },
    lessonField: 'HorizontalPodAutoscaler:spec.metrics',
    anchors: ['X06', 'Kubernetes HPA docs (resource metrics)'],
  },
  check(ctx) {
    if (ctx.doc.kind !== 'HorizontalPodAutoscaler') return;
    const ref = targetRefOf(ctx.root);
    const target = ref.kind && ref.name ? findTarget(ctx, namespaceOf(ctx.doc), ref) : undefined;
    const pod = target ? podSpecOf(target.root, target.kind) : undefined;
    if (!target || !pod) return;
    for (const metric of items(getIn(ctx.root, ['spec', 'metrics']))) {
      const type = str(get(metric, 'type'));
      const source = type === 'Resource' ? get(metric, 'resource') : type === 'ContainerResource' ? get(metric, 'containerResource') : undefined;
      const resource = str(get(source, 'name'));
      if (!source || (resource !== 'cpu' && resource !== 'memory')) continue;
      if (str(getIn(source, ['target', 'type'])) !== 'Utilization') continue;
      const only = type === 'ContainerResource' ? str(get(source, 'container')) : undefined;
      const missing = containersOf(pod, ['containers']).filter(
        (c) => (!only || str(get(c.node, 'name')) === only) && getIn(c.node, ['resources', 'requests', resource]) === undefined,
      );
      if (!missing.length) continue;
      const range = rangeOf(get(source, 'name'));
      if (!range) continue;
      const names = missing.map((c) => `"${str(get(c.node, 'name')) ?? c.index}"`).join(', ');
      ctx.report({
        start: range[0],
        end: range[1],
        args: [ctx.doc.name ?? '?', resource, displayName(target), names],
        related: missing.slice(0, 3).map((c) =>
          relatedAt(target, { en: `container ${str(get(c.node, 'name')) ?? c.index} has no resources.requests.${resource}`, ko: `컨테이너 ${str(get(c.node, 'name')) ?? c.index}에 resources.requests.${resource} 없음` }, get(c.node, 'resources') ?? get(c.node, 'name') ?? c.node),
        ),
      });
    }
  },
};
