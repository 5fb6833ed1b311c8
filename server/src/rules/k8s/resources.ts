/**
 * Catalog K14 (requests) and K15 (limits). Fixes insert editable defaults (cpu 100m, memory 128Mi for
 * requests; memory 512Mi, cpu 500m for limits) adjusted so that a request never exceeds its limit.
 */
import type { Node } from 'yaml';
import { ensureEntries, replaceNode } from '../edits';
import type { DocContext, Fix, OffsetEdit, Rule } from '../types';
import { lazyFixes } from '../lazyFixes';
import { ContainerRef, containersOf, podSpecOf } from '../workloads';
import { asMap, get, keyRange, str } from '../yamlNodes';
import { combineEdits, containerName, hasAliases, parseQuantity } from './k8sHelpers';

type Resource = 'cpu' | 'memory';
type Section = 'requests' | 'limits';

const defaults: Record<Section, Record<Resource, string>> = {
  requests: { cpu: '100m', memory: '128Mi' },
  limits: { cpu: '500m', memory: '512Mi' },
};

function quantityNode(c: ContainerRef, section: Section, resource: Resource): Node | undefined {
  return get(get(get(c.node, 'resources'), section), resource);
}

/** Missing (absent, empty or zero). */
function missing(c: ContainerRef, section: Section, resource: Resource): boolean {
  const node = quantityNode(c, section, resource);
  if (!node) return true;
  const q = parseQuantity(str(node));
  return q === 0 || (str(node) ?? '').trim() === '';
}

/** A default that keeps requests <= limits: a request never above the limit, a limit never below the request. */
function valueFor(c: ContainerRef, section: Section, resource: Resource): string {
  const d = defaults[section][resource];
  const otherText = str(quantityNode(c, section === 'requests' ? 'limits' : 'requests', resource));
  const other = parseQuantity(otherText);
  const mine = parseQuantity(d)!;
  if (other === undefined || other === 0 || !otherText) return d;
  if (section === 'requests' && other < mine) return otherText;
  if (section === 'limits' && other > mine) return otherText;
  return d;
}

/** One fix that sets every listed resource of the section (inserting missing keys, replacing zeros). */
function setFix(ctx: DocContext, c: ContainerRef, section: Section, resources: Resource[]): Fix | undefined {
  const insert: Record<string, string> = {};
  const edits: (OffsetEdit | undefined)[] = [];
  for (const r of resources) {
    const node = quantityNode(c, section, r);
    if (node) edits.push(replaceNode(node, valueFor(c, section, r)));
    else insert[r] = valueFor(c, section, r);
  }
  if (edits.some((e) => !e)) return undefined;
  if (Object.keys(insert).length) {
    const sectionNode = get(get(c.node, 'resources'), section);
    if (sectionNode && !asMap(sectionNode) && str(sectionNode) !== undefined) return undefined;
    const edit = ensureEntries(ctx.model.text, c.node, ['resources', section], insert);
    if (!edit) return undefined;
    edits.push(edit);
  }
  const combined = combineEdits(edits);
  if (!combined) return undefined;
  const list = resources.map((r) => `${r}: ${valueFor(c, section, r)}`).join(', ');
  return {
    title: { en: `Add ${section} ${list} (edit the values)`, ko: `${section} ${list} 추가 (값은 직접 조정)` },
    edits: combined,
    preferred: true,
  };
}

function check(ctx: DocContext, section: Section, resources: Resource[]): void {
  const pod = podSpecOf(ctx.root, ctx.doc.kind);
  if (!pod) return;
  for (const c of containersOf(pod, ['containers', 'initContainers'])) {
    if (hasAliases(c.node)) continue;
    const absent = resources.filter((r) => missing(c, section, r));
    if (!absent.length) continue;
    const sectionNode = get(get(c.node, 'resources'), section);
    const range = (sectionNode ? keyRange(get(c.node, 'resources'), section) : undefined) ?? (get(c.node, 'resources') ? keyRange(c.node, 'resources') : keyRange(c.node, 'name'));
    if (!range) continue;
    ctx.report(
      lazyFixes({ start: range[0], end: range[1], args: [containerName(c), absent.map((r) => `${section}.${r}`).join(', ')], lessonPath: [...c.path, 'resources', section, absent[0]] }, () => {
        const fix = setFix(ctx, c, section, absent);
        return fix ? [fix] : [];
      }),
    );
  }
}

export const resourceRequestsMissing: Rule = {
  meta: {
    id: 'k8s-resource-requests-missing',
    flavor: 'kubernetes',
    severity: 'warning',
    title: { en: 'Resource requests missing', ko: '리소스 requests 누락' },
    message: {
      en: 'Container "{0}" has no {1}: the scheduler places it blindly and HPA utilization cannot be computed. Set requests from measured usage.',
      ko: '컨테이너 "{0}"에 {1:이/가} 없습니다. 스케줄러가 근거 없이 Pod를 배치하고 HPA가 사용률을 계산할 수 없습니다. 측정한 사용량을 바탕으로 requests를 설정하세요.',
    },
    help: {
      en: 'requests reserve CPU and memory on a node: the scheduler uses them for placement, the kubelet for QoS and eviction order, the HPA as the 100% of utilization.',
      ko: 'requests는 노드의 CPU와 메모리를 예약합니다. 스케줄러는 이 값으로 Pod를 배치하고, kubelet은 QoS와 축출 순서를 정하며, HPA는 사용률 100%의 기준으로 씁니다.',
    },
    lessonField: 'containers.resources.requests',
    anchors: ['K14', 'kube-linter unset-cpu-requirements', 'kube-score container-resources', 'Polaris cpuRequestsMissing/memoryRequestsMissing', 'CKV_K8S_10', 'CKV_K8S_12'],
  },
  check: (ctx) => check(ctx, 'requests', ['cpu', 'memory']),
};

export const memoryLimitMissing: Rule = {
  meta: {
    id: 'k8s-resource-limits-missing',
    flavor: 'kubernetes',
    severity: 'warning',
    title: { en: 'Memory limit missing', ko: '메모리 limit 누락' },
    message: {
      en: 'Container "{0}" has no {1}: a leak can use the node\'s memory and get other pods OOM-killed. Set limits.memory.',
      ko: '컨테이너 "{0}"에 {1:이/가} 없습니다. 메모리 누수가 노드 메모리를 모두 써서 다른 Pod가 OOM으로 종료될 수 있습니다. limits.memory를 설정하세요.',
    },
    help: {
      en: 'limits.memory is the cgroup memory limit: above it the container is OOM-killed instead of starving its neighbours.',
      ko: 'limits.memory는 cgroup 메모리 제한입니다. 제한을 넘으면 다른 Pod의 메모리를 빼앗는 대신 그 컨테이너만 OOM으로 종료됩니다.',
    },
    lessonField: 'containers.resources.limits.memory',
    anchors: ['K15', 'kube-linter unset-memory-requirements', 'kube-score container-resources', 'Polaris memoryLimitsMissing', 'CKV_K8S_13'],
  },
  check: (ctx) => check(ctx, 'limits', ['memory']),
};

export const cpuLimitMissing: Rule = {
  meta: {
    id: 'k8s-cpu-limit-missing',
    flavor: 'kubernetes',
    severity: 'information',
    title: { en: 'CPU limit missing', ko: 'CPU limit 누락' },
    message: {
      en: 'Container "{0}" has no {1}: it may use every idle CPU of the node. Set limits.cpu if you need a ceiling (it throttles the container).',
      ko: '컨테이너 "{0}"에 {1:이/가} 없어 노드의 남는 CPU를 모두 쓸 수 있습니다. 상한이 필요하면 limits.cpu를 설정하세요 (넘으면 스로틀링됩니다).',
    },
    help: {
      en: 'limits.cpu is enforced by CFS throttling. Many teams leave it unset on purpose and rely on requests; kube-score has a flag to ignore it.',
      ko: 'limits.cpu는 CFS 스로틀링으로 적용됩니다. 많은 팀이 일부러 비워 두고 requests에 의존하며, kube-score에도 이 검사를 끄는 옵션이 있습니다.',
    },
    lessonField: 'containers.resources.limits.cpu',
    anchors: ['K15', 'kube-score container-resources', 'Polaris cpuLimitsMissing', 'CKV_K8S_11'],
  },
  check: (ctx) => check(ctx, 'limits', ['cpu']),
};
