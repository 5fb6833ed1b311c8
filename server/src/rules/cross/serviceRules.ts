/** X02, X03, X13: Services and the pods they select; StatefulSets and their headless Service. */
import type { Node } from 'yaml';
import { blockLines, eolOf } from '../edits';
import type { DocContext, Fix, Rule } from '../types';
import { lazyFixes } from '../lazyFixes';
import { containersOf, podSpecOf } from '../workloads';
import { get, getIn, items, keyRange, num, rangeOf, scalar, str } from '../yamlNodes';
import { displayName, formatSelector, mapSelector, namespaceOf, ofKindNamed, podLabelsOf, relatedAt, workloadsSelectedBy, referencesCheckable } from './resources';
import type { ResourceRef } from './workspaceResources';

function serviceSelector(ctx: DocContext) {
  if (ctx.doc.kind !== 'Service' || !referencesCheckable(ctx)) return undefined;
  if (str(getIn(ctx.root, ['spec', 'type'])) === 'ExternalName') return undefined;
  const node = getIn(ctx.root, ['spec', 'selector']);
  const sel = mapSelector(node);
  if (!sel || sel.empty) return undefined; // no selector: Endpoints are managed by hand
  return { node: node as Node, sel, selected: workloadsSelectedBy(ctx, namespaceOf(ctx.doc), sel) };
}

export const serviceSelectorNoMatch: Rule = {
  meta: {
    id: 'x-service-selector-no-match',
    flavor: 'kubernetes',
    severity: 'warning',
    title: { en: 'Service selects no pods', ko: 'Service가 선택하는 Pod가 없음' },
    message: {
      en: 'Service "{0}": selector {1} matches no pod template in namespace "{2}"; the Service has no endpoints.',
      ko: 'Service "{0}": selector {1:과/와} 일치하는 Pod 템플릿이 네임스페이스 "{2}"에 없어 Service에 엔드포인트가 없습니다.',
    },
    help: {
      en: 'A Service routes to Pods whose labels contain every key/value of spec.selector, in its own namespace. Check the labels of the pod template (spec.template.metadata.labels), not the workload’s own metadata.labels.',
      ko: 'Service는 같은 네임스페이스에서 spec.selector의 모든 키/값을 레이블로 가진 Pod로 트래픽을 보냅니다. 워크로드의 metadata.labels가 아니라 Pod 템플릿(spec.template.metadata.labels)의 레이블을 확인하세요.',
    },
    lessonField: 'Service:spec.selector',
    anchors: ['X02', 'kube-linter dangling-service', 'kube-score service-targets-pod'],
  },
  check(ctx) {
    const s = serviceSelector(ctx);
    if (!s || s.selected.length) return;
    const range = keyRange(getIn(ctx.root, ['spec']), 'selector');
    if (!range) return;
    ctx.report({ start: range[0], end: range[1], args: [ctx.doc.name ?? '?', formatSelector(s.sel), namespaceOf(ctx.doc)], lessonPath: ['spec', 'selector'] });
  },
};

interface ExposedPort {
  workload: ResourceRef;
  node: Node;
  number?: number;
  name?: string;
}

function exposedPorts(workloads: ResourceRef[]): ExposedPort[] {
  const out: ExposedPort[] = [];
  for (const w of workloads) {
    const pod = podSpecOf(w.root, w.kind);
    if (!pod) continue;
    for (const c of containersOf(pod, ['containers'])) {
      for (const p of items(get(c.node, 'ports'))) out.push({ workload: w, node: p, number: num(get(p, 'containerPort')), name: str(get(p, 'name')) });
    }
  }
  return out;
}

export const serviceTargetPortNotFound: Rule = {
  meta: {
    id: 'x-service-targetport-not-found',
    flavor: 'kubernetes',
    severity: 'warning',
    title: { en: 'Service targetPort not exposed by the selected pods', ko: 'Service targetPort를 선택된 Pod가 노출하지 않음' },
    message: {
      en: 'Service "{0}": targetPort {1} is not a containerPort (number or name) of the selected pods ({2}).',
      ko: 'Service "{0}": targetPort {1:이/가} 선택된 Pod의 containerPort(번호 또는 이름) 중에 없습니다 (Pod의 포트: {2}).',
    },
    help: {
      en: 'Traffic to the Service goes to targetPort on each selected Pod (port when targetPort is omitted). A named targetPort must be the name of a container port; a number should be a containerPort the container declares and listens on.',
      ko: 'Service로 온 트래픽은 선택된 각 Pod의 targetPort(생략하면 port)로 전달됩니다. 이름으로 쓴 targetPort는 컨테이너 포트의 name이어야 하고, 번호로 쓴 targetPort는 컨테이너가 선언하고 실제로 수신 대기하는 containerPort여야 합니다.',
    },
    lessonField: 'Service:spec.ports',
    anchors: ['X03', 'kube-linter invalid-target-ports (syntax only)'],
  },
  check(ctx) {
    const s = serviceSelector(ctx);
    if (!s || !s.selected.length) return;
    const exposed = exposedPorts(s.selected);
    items(getIn(ctx.root, ['spec', 'ports'])).forEach((port) => {
      const targetNode = get(port, 'targetPort') ?? get(port, 'port');
      const target = scalar(targetNode);
      if (target === undefined || target === null || typeof target === 'boolean') return;
      const asNumber = typeof target === 'number' ? target : /^\d+$/.test(target) ? Number(target) : undefined;
      let ok: boolean;
      if (asNumber !== undefined) {
        if (!exposed.some((p) => p.number !== undefined)) return; // no pod declares ports: cannot judge a number
        ok = exposed.some((p) => p.number === asNumber);
      } else ok = exposed.some((p) => p.name === target);
      if (ok) return;
      const range = rangeOf(targetNode);
      if (!range) return;
      const declared = exposed.map((p) => (p.name ? `${p.name}/${p.number ?? '?'}` : String(p.number ?? '?')));
      ctx.report({
        start: range[0],
        end: range[1],
        args: [ctx.doc.name ?? '?', String(target), declared.length ? declared.join(', ') : 'none declared'],
        lessonPath: ['spec', 'ports'],
        related: s.selected.slice(0, 3).map((w) => {
          const pod = podSpecOf(w.root, w.kind);
          const first = pod ? containersOf(pod, ['containers'])[0] : undefined;
          return relatedAt(w, { en: `${displayName(w)}: container ports`, ko: `${displayName(w)}: 컨테이너 포트` }, get(first?.node, 'ports') ?? first?.node);
        }),
      });
    });
  },
};

function headlessServiceFix(ctx: DocContext, serviceName: string): Fix | undefined {
  const text = ctx.model.text;
  const eol = eolOf(text);
  const matchLabels = getIn(ctx.root, ['spec', 'selector', 'matchLabels']);
  const labels = mapSelector(matchLabels)?.matchLabels;
  if (!labels || !Object.keys(labels).length) return undefined;
  const pod = podSpecOf(ctx.root, ctx.doc.kind);
  const ports = pod
    ? containersOf(pod, ['containers']).flatMap((c) => items(get(c.node, 'ports')).map((p) => ({ name: str(get(p, 'name')), port: num(get(p, 'containerPort')) })))
    : [];
  const service: Record<string, unknown> = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: serviceName, ...(ctx.doc.namespace ? { namespace: ctx.doc.namespace } : {}) },
    spec: {
      clusterIP: 'None',
      selector: labels,
      ...(ports.some((p) => p.port !== undefined)
        ? { ports: ports.filter((p) => p.port !== undefined).map((p, i) => ({ name: p.name ?? `port-${i}`, port: p.port })) }
        : {}),
    },
  };
  const body = blockLines(service, '', eol);
  const endsWithEol = text.length === 0 || text.endsWith('\n');
  return {
    title: { en: `Add headless Service "${serviceName}" to this file`, ko: `이 파일에 headless Service "${serviceName}" 추가` },
    edits: [{ start: text.length, end: text.length, newText: `${endsWithEol ? '' : eol}---${eol}${body}` }],
  };
}

export const statefulSetHeadlessServiceNotFound: Rule = {
  meta: {
    id: 'x-statefulset-headless-service-not-found',
    flavor: 'kubernetes',
    severity: 'warning',
    title: { en: 'StatefulSet without its headless Service', ko: 'StatefulSet의 headless Service가 없음' },
    message: {
      en: 'StatefulSet "{0}": serviceName "{1}" names no headless Service (clusterIP: None) in namespace "{2}"{3}.',
      ko: 'StatefulSet "{0}": serviceName "{1}"에 해당하는 headless Service(clusterIP: None)가 네임스페이스 "{2}"에 없습니다{3}.',
    },
    help: {
      en: 'A StatefulSet gives each Pod a stable DNS name (<pod>.<serviceName>.<namespace>.svc) through the headless Service named in spec.serviceName. Without it the names never resolve; create a Service with clusterIP: None and a selector matching the pod template.',
      ko: 'StatefulSet은 spec.serviceName의 headless Service를 통해 각 Pod에 고정 DNS 이름(<pod>.<serviceName>.<namespace>.svc)을 줍니다. 이 Service가 없으면 이름이 해석되지 않습니다. clusterIP: None이고 Pod 템플릿과 일치하는 selector를 가진 Service를 만드세요.',
    },
    lessonField: 'StatefulSet:spec.serviceName',
    anchors: ['X13', 'kube-score statefulset-has-servicename'],
  },
  check(ctx) {
    if (ctx.doc.kind !== 'StatefulSet' || !referencesCheckable(ctx)) return;
    const nameNode = getIn(ctx.root, ['spec', 'serviceName']);
    const serviceName = str(nameNode);
    if (!serviceName) return;
    const ns = namespaceOf(ctx.doc);
    const candidates = ofKindNamed(ctx, 'Service', serviceName, ns);
    const labels = podLabelsOf({ kind: 'StatefulSet', root: ctx.root }) ?? {};
    const good = candidates.find((s) => {
      if (str(getIn(s.root, ['spec', 'clusterIP'])) !== 'None') return false;
      const sel = mapSelector(getIn(s.root, ['spec', 'selector']));
      return !sel || sel.empty || Object.entries(sel.matchLabels).every(([k, v]) => labels[k] === v);
    });
    if (good) return;
    const range = rangeOf(nameNode);
    if (!range) return;
    const found = candidates[0];
    const finding = {
      start: range[0],
      end: range[1],
      args: [ctx.doc.name ?? '?', serviceName, ns, found ? ` (Service "${serviceName}": clusterIP ≠ None / selector ≠ pod labels)` : ''],
      lessonPath: ['spec', 'serviceName'],
      ...(found ? { related: [relatedAt(found, { en: `Service "${serviceName}" (not headless or other selector)`, ko: `Service "${serviceName}" (headless가 아니거나 selector가 다름)` })] } : {}),
    };
    ctx.report(
      found
        ? finding
        : lazyFixes(finding, () => {
            const fix = headlessServiceFix(ctx, serviceName);
            return fix ? [fix] : undefined;
          }),
    );
  },
};
