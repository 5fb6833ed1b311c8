/**
 * X01: a workload whose pods violate the Pod Security level its Namespace enforces
 * (`pod-security.kubernetes.io/enforce`). PSA rejects the Pods (not the workload), so the rollout silently
 * never starts. One diagnostic per workload lists every failing control; related information points at the
 * Namespace label. A second rule reports, at warning level, violations of a stricter `warn`/`audit` level.
 */
import { ensureEntries } from '../edits';
import type { DocContext, Fix, Rule } from '../types';
import { lazyFixes } from '../lazyFixes';
import { containersOf, podSpecOf, podTemplateMetadataPath } from '../workloads';
import { bool, get, getIn, items, keyRange, str } from '../yamlNodes';
import { evaluatePss, parseLevel, PssLevel, PssViolation } from './podSecurity';
import { labelsOf, nameRange, namespaceOf, ofKindNamed, relatedAt } from './resources';
import type { ResourceRef } from './workspaceResources';

const rank: Record<PssLevel, number> = { privileged: 0, baseline: 1, restricted: 2 };
const modeLabel = (mode: string) => `pod-security.kubernetes.io/${mode}`;

interface NamespacePolicy {
  ns: ResourceRef;
  mode: 'enforce' | 'warn' | 'audit';
  level: PssLevel;
}

function namespacePolicy(ctx: DocContext, modes: ('enforce' | 'warn' | 'audit')[]): NamespacePolicy | undefined {
  if (!podSpecOf(ctx.root, ctx.doc.kind) || ctx.doc.kind === 'PodTemplate') return undefined;
  const nsName = namespaceOf(ctx.doc);
  const ns = ofKindNamed(ctx, 'Namespace', nsName)[0];
  if (!ns) return undefined;
  const labels = labelsOf(ns);
  let best: NamespacePolicy | undefined;
  for (const mode of modes) {
    const level = parseLevel(labels[modeLabel(mode)]);
    if (level && level !== 'privileged' && (!best || rank[level] > rank[best.level])) best = { ns, mode, level };
  }
  return best;
}

function violationsOf(ctx: DocContext, level: PssLevel): PssViolation[] {
  const pod = podSpecOf(ctx.root, ctx.doc.kind);
  if (!pod) return [];
  const metaPath = podTemplateMetadataPath(ctx.doc.kind);
  return evaluatePss(pod, level, metaPath ? getIn(ctx.root, [...metaPath, 'annotations']) : undefined);
}

const fixableControls = new Set(['allowPrivilegeEscalation', 'runAsNonRoot', 'seccompProfile_restricted', 'capabilities_restricted']);

/** Container-level entries that make a pod pass the restricted controls above, when only keys are missing. */
function restrictedFix(ctx: DocContext, violations: PssViolation[]): Fix | undefined {
  if (!violations.every((v) => fixableControls.has(v.control))) return undefined;
  const pod = podSpecOf(ctx.root, ctx.doc.kind);
  if (!pod) return undefined;
  const podSc = get(pod.node, 'securityContext');
  const podNonRoot = bool(get(podSc, 'runAsNonRoot')) === true;
  const podSeccomp = ['RuntimeDefault', 'Localhost'].includes(str(getIn(podSc, ['seccompProfile', 'type'])) ?? '');
  const edits = [];
  for (const c of containersOf(pod)) {
    const sc = get(c.node, 'securityContext');
    const entries: Record<string, unknown> = {};
    const need = (key: string, ok: boolean) => {
      if (ok) return true;
      if (get(sc, key) !== undefined) return false; // a wrong value: a human decides
      return undefined;
    };
    const nonRoot = need('runAsNonRoot', bool(get(sc, 'runAsNonRoot')) === true || (podNonRoot && get(sc, 'runAsNonRoot') === undefined));
    const seccomp = need('seccompProfile', podSeccomp ? get(sc, 'seccompProfile') === undefined || ['RuntimeDefault', 'Localhost'].includes(str(getIn(sc, ['seccompProfile', 'type'])) ?? '') : ['RuntimeDefault', 'Localhost'].includes(str(getIn(sc, ['seccompProfile', 'type'])) ?? ''));
    const ape = need('allowPrivilegeEscalation', bool(get(sc, 'allowPrivilegeEscalation')) === false);
    const caps = need('capabilities', items(getIn(sc, ['capabilities', 'drop'])).some((n) => str(n) === 'ALL') && !items(getIn(sc, ['capabilities', 'add'])).some((n) => str(n) !== 'NET_BIND_SERVICE'));
    if ([nonRoot, seccomp, ape, caps].includes(false)) return undefined;
    if (nonRoot === undefined) entries.runAsNonRoot = true;
    if (seccomp === undefined) entries.seccompProfile = { type: 'RuntimeDefault' };
    if (ape === undefined) entries.allowPrivilegeEscalation = false;
    if (caps === undefined) entries.capabilities = { drop: ['ALL'] };
    if (Object.keys(entries).length === 0) continue;
    const edit = ensureEntries(ctx.model.text, c.node, ['securityContext'], entries);
    if (!edit) return undefined;
    edits.push(edit);
  }
  if (!edits.length) return undefined;
  return {
    title: { en: 'Add the restricted securityContext to every container', ko: '모든 컨테이너에 restricted securityContext 추가' },
    edits,
  };
}

function report(ctx: DocContext, policy: NamespacePolicy, violations: PssViolation[], withFix: boolean): void {
  const range = nameRange(ctx.root);
  if (!range) return;
  const labelKey = keyRange(getIn(policy.ns.root, ['metadata', 'labels']), modeLabel(policy.mode));
  const finding = {
    start: range[0],
    end: range[1],
    args: [`${ctx.doc.kind}/${ctx.doc.name ?? '?'}`, policy.ns.name ?? '?', policy.level, violations.map((v) => v.reason).join('; ')],
    related: [
      relatedAt(policy.ns, { en: `Namespace "${policy.ns.name}" sets ${modeLabel(policy.mode)}: ${policy.level}`, ko: `네임스페이스 "${policy.ns.name}"의 ${modeLabel(policy.mode)}: ${policy.level}` }, labelKey as [number, number] | undefined),
    ],
  };
  ctx.report(
    withFix
      ? lazyFixes(finding, () => {
          const fix = restrictedFix(ctx, violations);
          return fix ? [fix] : undefined;
        })
      : finding,
  );
}

export const pssEnforceViolation: Rule = {
  meta: {
    id: 'x-pss-enforce-violation',
    flavor: 'kubernetes',
    severity: 'error',
    title: { en: 'Pods violate the Namespace’s enforced Pod Security level', ko: 'Pod가 네임스페이스의 Pod Security 강제(enforce) 수준을 위반' },
    message: {
      en: '{0}: its pods would be rejected in namespace "{1}" (pod-security enforce: {2}): {3}.',
      ko: '{0}: 네임스페이스 "{1}"(pod-security enforce: {2})에서 Pod 생성이 거부됩니다. 위반 항목: {3}.',
    },
    help: {
      en: 'Pod Security Admission checks every Pod a controller creates against the level in the Namespace label pod-security.kubernetes.io/enforce. The workload object is accepted, but its Pods are refused, so the rollout never starts. Fix each listed control (for restricted: runAsNonRoot, seccompProfile RuntimeDefault, allowPrivilegeEscalation: false, capabilities drop ALL, no hostPath).',
      ko: 'Pod Security Admission은 컨트롤러가 만드는 모든 Pod를 네임스페이스 레이블 pod-security.kubernetes.io/enforce의 수준으로 검사합니다. 워크로드 객체는 생성되지만 Pod가 거부되어 배포가 시작되지 않습니다. 나열된 항목을 모두 고치세요 (restricted라면 runAsNonRoot, seccompProfile RuntimeDefault, allowPrivilegeEscalation: false, capabilities drop ALL, hostPath 금지).',
    },
    lessonField: 'Namespace:metadata.labels',
    anchors: ['X01', 'PSA policy/check_*.go', 'PSS baseline/restricted'],
  },
  check(ctx) {
    const policy = namespacePolicy(ctx, ['enforce']);
    if (!policy) return;
    const violations = violationsOf(ctx, policy.level);
    if (violations.length) report(ctx, policy, violations, true);
  },
};

export const pssWarnViolation: Rule = {
  meta: {
    id: 'x-pss-warn-violation',
    flavor: 'kubernetes',
    severity: 'warning',
    title: { en: 'Pods violate the Namespace’s warn/audit Pod Security level', ko: 'Pod가 네임스페이스의 Pod Security warn/audit 수준을 위반' },
    message: {
      en: '{0}: its pods violate the "{2}" level that namespace "{1}" warns/audits about: {3}.',
      ko: '{0}: 네임스페이스 "{1}"{이/가} 경고·감사하는 "{2}" 수준을 위반합니다. 위반 항목: {3}.',
    },
    help: {
      en: 'The Namespace labels pod-security.kubernetes.io/warn or audit at a stricter level than enforce: the Pods start, but every apply prints warnings and the audit log records violations. Usually the next step is to enforce that level.',
      ko: '네임스페이스의 pod-security.kubernetes.io/warn 또는 audit 레이블이 enforce보다 엄격한 경우입니다. Pod는 시작되지만 적용할 때마다 경고가 나오고 감사 로그에 위반이 기록됩니다. 보통은 다음 단계로 그 수준을 enforce합니다.',
    },
    lessonField: 'Namespace:metadata.labels',
    anchors: ['X01 (warn/audit)', 'PSA warn/audit modes'],
  },
  check(ctx) {
    const policy = namespacePolicy(ctx, ['warn', 'audit']);
    if (!policy) return;
    const enforce = namespacePolicy(ctx, ['enforce']);
    if (enforce && rank[enforce.level] >= rank[policy.level]) return;
    if (enforce && violationsOf(ctx, enforce.level).length) return; // the error already says it
    const violations = violationsOf(ctx, policy.level);
    if (violations.length) report(ctx, policy, violations, false);
  },
};
