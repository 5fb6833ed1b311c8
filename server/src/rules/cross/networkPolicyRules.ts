/** X07, X08, X09: NetworkPolicy selectors that match nothing, and workloads no NetworkPolicy isolates. */
import type { Node } from 'yaml';
import type { DocContext, Fix, Rule } from '../types';
import { get, getIn, items, keyRange, pairOf, rangeOf } from '../yamlNodes';
import { formatSelector, isWorkload, labelSelector, labelsOf, nameRange, namespaceOf, ofKind, ofKindIn, podLabelsOf, relatedAt, Selector, selectorMatches, workloadsSelectedBy, referencesCheckable } from './resources';

interface Peer {
  node: Node;
  podSelector?: Node;
  namespaceSelector?: Node;
}

function peersOf(root: Node | null | undefined): Peer[] {
  const out: Peer[] = [];
  for (const [list, dir] of [['ingress', 'from'], ['egress', 'to']] as const) {
    for (const rule of items(getIn(root, ['spec', list]))) {
      for (const peer of items(get(rule, dir))) out.push({ node: peer, podSelector: get(peer, 'podSelector'), namespaceSelector: get(peer, 'namespaceSelector') });
    }
  }
  return out;
}

export const networkPolicySelectsNothing: Rule = {
  meta: {
    id: 'x-networkpolicy-selects-nothing',
    flavor: 'kubernetes',
    severity: 'warning',
    title: { en: 'NetworkPolicy podSelector matches no pods', ko: 'NetworkPolicy podSelector와 일치하는 Pod가 없음' },
    message: {
      en: 'NetworkPolicy "{0}": {1} {2} matches no pod template in namespace "{3}".',
      ko: 'NetworkPolicy "{0}": {1} {2:과/와} 일치하는 Pod 템플릿이 네임스페이스 "{3}"에 없습니다.',
    },
    help: {
      en: 'spec.podSelector chooses the Pods the policy applies to, in the policy’s namespace; a peer podSelector without namespaceSelector chooses Pods in the same namespace. A selector that matches nothing protects nothing (or allows nothing). An empty selector {} selects every Pod.',
      ko: 'spec.podSelector는 정책이 적용될 Pod를 같은 네임스페이스에서 고릅니다. namespaceSelector가 없는 peer의 podSelector도 같은 네임스페이스의 Pod를 고릅니다. 일치하는 Pod가 없으면 아무것도 보호(허용)하지 않습니다. 빈 selector {}는 모든 Pod를 선택합니다.',
    },
    lessonField: 'NetworkPolicy:spec.podSelector',
    anchors: ['X07', 'kube-linter dangling-networkpolicy', 'kube-linter dangling-networkpolicypeer-podselector', 'kube-score networkpolicy-targets-pod'],
  },
  check(ctx) {
    if (ctx.doc.kind !== 'NetworkPolicy' || !referencesCheckable(ctx)) return;
    const ns = namespaceOf(ctx.doc);
    const check = (node: Node | undefined, what: string) => {
      const sel = labelSelector(node);
      if (!sel || sel.empty || workloadsSelectedBy(ctx, ns, sel).length) return;
      const range = rangeOf(node);
      if (range) ctx.report({ start: range[0], end: range[1], args: [ctx.doc.name ?? '?', what, formatSelector(sel), ns], lessonPath: ['spec', 'podSelector'] });
    };
    check(getIn(ctx.root, ['spec', 'podSelector']), 'podSelector');
    for (const peer of peersOf(ctx.root)) if (peer.podSelector && !peer.namespaceSelector) check(peer.podSelector, 'peer podSelector');
  },
};

const metadataName = 'kubernetes.io/metadata.name';

/** Labels of a Namespace as the API server sees them: its own plus the immutable kubernetes.io/metadata.name. */
function namespaceLabels(ns: ReturnType<typeof ofKind>[number]): Record<string, string> {
  return { ...labelsOf(ns), ...(ns.name ? { [metadataName]: ns.name } : {}) };
}

/** Rename the bare `name` key to `kubernetes.io/metadata.name` (only the key's bytes change). */
function metadataNameFix(selectorNode: Node, value: string): Fix | undefined {
  const pair = pairOf(get(selectorNode, 'matchLabels'), 'name');
  const key = pair?.key as Node | undefined;
  if (!key?.range || pairOf(get(selectorNode, 'matchLabels'), metadataName)) return undefined;
  return {
    title: { en: `Select namespace "${value}" by kubernetes.io/metadata.name`, ko: `kubernetes.io/metadata.name으로 네임스페이스 "${value}" 선택` },
    edits: [{ start: key.range[0], end: key.range[1], newText: metadataName }],
    preferred: true,
  };
}

interface NamespaceSelectorProblem {
  peer: Peer;
  sel: Selector;
  named?: string;
  namespace?: ReturnType<typeof ofKind>[number];
}

function namespaceSelectorProblems(ctx: DocContext): NamespaceSelectorProblem[] {
  if (ctx.doc.kind !== 'NetworkPolicy' || !referencesCheckable(ctx)) return [];
  const namespaces = ofKind(ctx, 'Namespace');
  const out: NamespaceSelectorProblem[] = [];
  for (const peer of peersOf(ctx.root)) {
    const sel = labelSelector(peer.namespaceSelector);
    if (!sel || sel.empty) continue;
    if (namespaces.some((ns) => selectorMatches(sel, namespaceLabels(ns)))) continue;
    const named = sel.matchLabels.name ?? sel.matchLabels[metadataName];
    out.push({ peer, sel, named, namespace: named ? namespaces.find((ns) => ns.name === named) : undefined });
  }
  return out;
}

const namespaceSelectorHelp = {
  en: 'A namespaceSelector matches Namespace labels, not names. Every Namespace carries the immutable label kubernetes.io/metadata.name: <its name>; a selector like {name: backend} matches only if someone added a `name` label. Select by kubernetes.io/metadata.name, or add the label to the Namespace.',
  ko: 'namespaceSelector는 네임스페이스 이름이 아니라 레이블과 비교합니다. 모든 네임스페이스에는 바꿀 수 없는 레이블 kubernetes.io/metadata.name: <이름>이 붙어 있습니다. {name: backend} 같은 selector는 누군가 `name` 레이블을 직접 붙였을 때만 일치합니다. kubernetes.io/metadata.name으로 선택하거나 네임스페이스에 레이블을 추가하세요.',
};

export const networkPolicyNamespaceSelectorNoMatch: Rule = {
  meta: {
    id: 'x-networkpolicy-namespace-selector-no-match',
    flavor: 'kubernetes',
    severity: 'warning',
    title: { en: 'namespaceSelector matches no Namespace', ko: 'namespaceSelector와 일치하는 네임스페이스가 없음' },
    message: {
      en: 'NetworkPolicy "{0}": namespaceSelector {1} matches no Namespace; Namespace "{2}" does not carry these labels (use kubernetes.io/metadata.name: {2}).',
      ko: 'NetworkPolicy "{0}": namespaceSelector {1:과/와} 일치하는 네임스페이스가 없습니다. 네임스페이스 "{2}"에는 이 레이블이 없습니다 (kubernetes.io/metadata.name: {2:을/를} 쓰세요).',
    },
    help: namespaceSelectorHelp,
    lessonField: 'NetworkPolicy:spec.ingress',
    anchors: ['X08', 'Kubernetes docs: Targeting a Namespace by its name'],
  },
  check(ctx) {
    for (const p of namespaceSelectorProblems(ctx)) {
      if (!p.namespace || !p.named || !p.peer.namespaceSelector) continue;
      const range = rangeOf(p.peer.namespaceSelector);
      if (!range) continue;
      const fix = p.sel.matchLabels.name === p.named ? metadataNameFix(p.peer.namespaceSelector, p.named) : undefined;
      ctx.report({
        start: range[0],
        end: range[1],
        args: [ctx.doc.name ?? '?', formatSelector(p.sel), p.named],
        related: [relatedAt(p.namespace, { en: `Namespace "${p.named}" labels`, ko: `네임스페이스 "${p.named}"의 레이블` }, keyRange(get(p.namespace.root, 'metadata'), 'labels') as [number, number] | undefined)],
        ...(fix ? { fixes: [fix] } : {}),
      });
    }
  },
};

export const networkPolicyNamespaceSelectorUnknown: Rule = {
  meta: {
    id: 'x-networkpolicy-namespace-selector-by-name',
    flavor: 'kubernetes',
    severity: 'information',
    title: { en: 'namespaceSelector uses a bare `name` label', ko: 'namespaceSelector가 `name` 레이블을 사용' },
    message: {
      en: 'NetworkPolicy "{0}": namespaceSelector {1} matches no Namespace in the workspace; Namespaces have no `name` label unless you add one: select by kubernetes.io/metadata.name: {2}.',
      ko: 'NetworkPolicy "{0}": namespaceSelector {1:과/와} 일치하는 네임스페이스가 워크스페이스에 없습니다. `name` 레이블은 직접 붙이지 않는 한 존재하지 않습니다. kubernetes.io/metadata.name: {2:으로/로} 선택하세요.',
    },
    help: namespaceSelectorHelp,
    lessonField: 'NetworkPolicy:spec.ingress',
    anchors: ['X08 (namespace outside the workspace)'],
  },
  check(ctx) {
    for (const p of namespaceSelectorProblems(ctx)) {
      if (p.namespace || p.sel.matchLabels.name === undefined || !p.peer.namespaceSelector) continue;
      const range = rangeOf(p.peer.namespaceSelector);
      if (!range) continue;
      const fix = metadataNameFix(p.peer.namespaceSelector, p.sel.matchLabels.name);
      ctx.report({ start: range[0], end: range[1], args: [ctx.doc.name ?? '?', formatSelector(p.sel), p.sel.matchLabels.name], ...(fix ? { fixes: [fix] } : {}) });
    }
  },
};

export const workloadNotIsolated: Rule = {
  meta: {
    id: 'x-workload-not-isolated',
    flavor: 'kubernetes',
    severity: 'information',
    title: { en: 'No NetworkPolicy selects this workload', ko: '이 워크로드를 선택하는 NetworkPolicy가 없음' },
    message: {
      en: '{0} "{1}": no NetworkPolicy in namespace "{2}" selects its pods; all traffic to and from them is allowed.',
      ko: '{0} "{1}": 네임스페이스 "{2}"의 어떤 NetworkPolicy도 이 Pod를 선택하지 않아 모든 트래픽이 허용됩니다.',
    },
    help: {
      en: 'Pods are non-isolated until some NetworkPolicy selects them. Reported only when the workspace uses NetworkPolicies at all. Add a default-deny policy (podSelector: {}) for the namespace and allow what is needed.',
      ko: 'Pod는 어떤 NetworkPolicy가 선택하기 전까지 격리되지 않습니다. 이 진단은 워크스페이스에 NetworkPolicy가 하나라도 있을 때만 보고됩니다. 네임스페이스에 기본 거부 정책(podSelector: {})을 추가하고 필요한 트래픽만 허용하세요.',
    },
    lessonField: 'NetworkPolicy:spec.podSelector',
    anchors: ['X09', 'kube-linter non-isolated-pod', 'kube-score pod-networkpolicy', 'Polaris missingNetworkPolicy'],
  },
  check(ctx) {
    if (!referencesCheckable(ctx) || !ctx.doc.kind) return;
    const self = { kind: ctx.doc.kind, root: ctx.root };
    if (!isWorkload(self)) return;
    if (!ofKind(ctx, 'NetworkPolicy').length) return;
    const ns = namespaceOf(ctx.doc);
    const labels = podLabelsOf(self) ?? {};
    const isolated = ofKindIn(ctx, ns, 'NetworkPolicy').some((p) => {
      const sel = labelSelector(getIn(p.root, ['spec', 'podSelector'])) ?? { matchLabels: {}, expressions: [], empty: true };
      return selectorMatches(sel, labels);
    });
    if (isolated) return;
    const range = nameRange(ctx.root);
    if (range) ctx.report({ start: range[0], end: range[1], args: [ctx.doc.kind, ctx.doc.name ?? '?', ns] });
  },
};
