/** Catalog K25 (selector does not match the template labels) and K26 (invalid topology spread constraints). */
import { ensureEntries } from '../edits';
import { labelSelector, selectorMatches, stringMap } from '../cross/resources';
import type { DocContext, Fix, Rule } from '../types';
import { lazyFixes } from '../lazyFixes';
import { podSpecOf, podTemplateMetadataPath } from '../workloads';
import { hasAliases } from './k8sHelpers';
import { asMap, get, getIn, items, keyRange, num, pairOf, rangeOf, str } from '../yamlNodes';

const selectorKinds = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

export const selectorTemplateMismatch: Rule = {
  meta: {
    id: 'k8s-selector-template-mismatch',
    flavor: 'kubernetes',
    severity: 'error',
    title: { en: 'Selector does not match the pod template', ko: 'selector가 Pod 템플릿과 불일치' },
    message: {
      en: '{0} "{1}": spec.selector ({2}) does not select spec.template.metadata.labels; the API server rejects it. Add the labels to the template.',
      ko: '{0} "{1}": spec.selector({2}){이/가} spec.template.metadata.labels와 맞지 않아 API 서버가 거부합니다. 템플릿에 레이블을 추가하세요.',
    },
    help: {
      en: 'A controller owns the pods its selector matches; its own template must produce such pods. The selector is immutable after creation, so fix the template labels rather than the selector.',
      ko: '컨트롤러는 selector에 맞는 Pod를 관리하므로, 자기 템플릿으로 만든 Pod가 selector에 맞아야 합니다. selector는 만든 뒤에 바꿀 수 없으니 템플릿의 레이블을 고치세요.',
    },
    lessonField: 'Deployment:spec.selector',
    anchors: ['K25', 'kube-linter mismatching-selector', 'kube-score deployment-pod-selector-labels-match-template-metadata-labels'],
  },
  check(ctx) {
    const kind = ctx.doc.kind;
    if (!kind || !selectorKinds.has(kind) || ctx.doc.apiVersion !== 'apps/v1') return;
    const spec = get(ctx.root, 'spec');
    const template = get(spec, 'template');
    if (!asMap(spec) || !asMap(template)) return;
    const selectorNode = get(spec, 'selector');
    if (hasAliases(selectorNode) || hasAliases(get(template, 'metadata'))) return; // aliases are not resolved here: do not guess
    const selector = labelSelector(selectorNode);
    const labels = stringMap(getIn(template, ['metadata', 'labels']));
    const name = ctx.doc.name ?? '';
    const range = selectorNode ? keyRange(spec, 'selector') : keyRange(ctx.root, 'spec');
    if (!range) return;
    if (!selector || selector.empty) {
      ctx.report({ start: range[0], end: range[1], args: [kind, name, '{}'], lessonPath: ['spec', 'selector', 'matchLabels'] });
      return;
    }
    if (selectorMatches(selector, labels)) return;
    const missing: Record<string, string> = {};
    let conflict = false;
    for (const [k, v] of Object.entries(selector.matchLabels)) {
      if (labels[k] === undefined) missing[k] = v;
      else if (labels[k] !== v) conflict = true;
    }
    const detail = Object.entries(selector.matchLabels).filter(([k, v]) => labels[k] !== v).map(([k, v]) => `${k}=${v}`).join(', ');
    ctx.report(
      lazyFixes({ start: range[0], end: range[1], args: [kind, name, detail || 'matchExpressions'], lessonPath: ['spec', 'selector', 'matchLabels'] }, () => {
        const fixes: Fix[] = [];
        if (!conflict && Object.keys(missing).length && selectorMatches(selector, { ...labels, ...missing })) {
          const edit = template ? ensureEntries(ctx.model.text, template, ['metadata', 'labels'], missing) : undefined;
          if (edit) fixes.push({ title: { en: 'Add the selector labels to the pod template', ko: 'selector 레이블을 Pod 템플릿에 추가' }, edits: [edit], preferred: true });
        }
        return fixes;
      }),
    );
  },
};

export const topologySpreadInvalid: Rule = {
  meta: {
    id: 'k8s-topology-spread-invalid',
    flavor: 'kubernetes',
    severity: 'warning',
    title: { en: 'Invalid topology spread constraint', ko: '잘못된 topologySpreadConstraints' },
    message: {
      en: 'topologySpreadConstraints[{0}].{1} is invalid ({2}): maxSkew and minDomains must be at least 1, topologyKey non-empty, whenUnsatisfiable DoNotSchedule or ScheduleAnyway, and labelSelector must select this workload\'s own pods.',
      ko: 'topologySpreadConstraints[{0}].{1} 값이 잘못되었습니다 ({2}). maxSkew와 minDomains는 1 이상이어야 하고, topologyKey는 비어 있으면 안 되며, whenUnsatisfiable은 DoNotSchedule 또는 ScheduleAnyway여야 합니다. labelSelector는 이 워크로드의 Pod를 선택해야 합니다.',
    },
    help: {
      en: 'Each constraint counts the pods matched by its labelSelector per topologyKey domain and keeps the difference within maxSkew (> 0). A selector that does not match the workload\'s own pods spreads nothing; whenUnsatisfiable must be DoNotSchedule or ScheduleAnyway.',
      ko: '각 제약은 labelSelector에 맞는 Pod를 topologyKey 도메인별로 세어 그 차이를 maxSkew(> 0) 이내로 유지합니다. 워크로드 자신의 Pod와 맞지 않는 selector로는 아무것도 분산되지 않습니다. whenUnsatisfiable은 DoNotSchedule 또는 ScheduleAnyway여야 합니다.',
    },
    lessonField: 'topologySpreadConstraints',
    anchors: ['K26', 'kube-score pod-topology-spread-constraints', 'Polaris topologySpreadConstraint'],
  },
  check(ctx: DocContext) {
    const pod = podSpecOf(ctx.root, ctx.doc.kind);
    const metaPath = podTemplateMetadataPath(ctx.doc.kind);
    if (!pod || !metaPath) return;
    const templateMeta = getIn(ctx.root, metaPath);
    if (hasAliases(templateMeta)) return;
    const labels = stringMap(get(templateMeta, 'labels'));
    items(get(pod.node, 'topologySpreadConstraints')).forEach((c, index) => {
      if (hasAliases(c)) return;
      const problems: { key: string; value: string }[] = [];
      const skew = num(get(c, 'maxSkew'));
      if (get(c, 'maxSkew') && skew !== undefined && skew < 1) problems.push({ key: 'maxSkew', value: String(skew) });
      const minDomains = num(get(c, 'minDomains'));
      if (minDomains !== undefined && minDomains < 1) problems.push({ key: 'minDomains', value: String(minDomains) });
      const topologyKey = get(c, 'topologyKey');
      if (topologyKey && (str(topologyKey) ?? '').trim() === '') problems.push({ key: 'topologyKey', value: '""' });
      const when = str(get(c, 'whenUnsatisfiable'));
      if (when !== undefined && when !== 'DoNotSchedule' && when !== 'ScheduleAnyway') problems.push({ key: 'whenUnsatisfiable', value: when });
      const selectorNode = get(c, 'labelSelector');
      const selector = labelSelector(selectorNode);
      const fixes = (): Fix[] => {
        if (selectorNode || !Object.keys(labels).length) return [];
        const edit = ensureEntries(ctx.model.text, c, [], { labelSelector: { matchLabels: labels } });
        return edit ? [{ title: { en: 'Select this workload\'s pod labels', ko: '이 워크로드의 Pod 레이블 선택' }, edits: [edit], preferred: true }] : [];
      };
      if (!selectorNode) {
        problems.push({ key: 'labelSelector', value: '-' });
      } else if (selector && !selector.empty && Object.keys(labels).length && !selectorMatches(selector, labels)) {
        problems.push({ key: 'labelSelector', value: Object.entries(selector.matchLabels).map(([k, v]) => `${k}=${v}`).join(', ') || 'matchExpressions' });
      }
      for (const p of problems) {
        const range = pairOf(c, p.key) ? keyRange(c, p.key) : pairOf(c, 'topologyKey') ? keyRange(c, 'topologyKey') : rangeOf(c);
        if (!range) continue;
        const finding = { start: range[0], end: range[1], args: [String(index), p.key, p.value], lessonPath: [...pod.path, 'topologySpreadConstraints', index, p.key] };
        ctx.report(p.key === 'labelSelector' ? lazyFixes(finding, fixes) : finding);
      }
    });
  },
};
