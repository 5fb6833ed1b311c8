/**
 * `relation:` checks between Kubernetes resources of the lab folder, with the selector and label helpers the
 * cross-resource rules use: service-selects, policy-selects, binding-grants, hpa-targets.
 */
import type { Node } from 'yaml';
import { formatSelector, isWorkload, labelSelector, mapSelector, namespaceOf, podLabelsOf, selectorMatches, stringMap } from '../rules/cross/resources';
import type { ResourceRef } from '../rules/cross/workspaceResources';
import { get, getIn, items, str } from '../rules/yamlNodes';
import type { CheckResult } from './evaluateCheck';
import { LabFileSet } from './labFileSet';
import type { RelationCheck } from './labModel';
import { reason } from './labReasons';

export function evaluateRelation(check: RelationCheck, set: LabFileSet): CheckResult {
  const lang = set.ctx.lang;
  const files = set.select(check.file);
  if (!Array.isArray(files)) return { passed: false, reason: files.reason };
  const resources = set.resources(files);
  const where = check.file ?? reason(lang, 'labTheLabFolder');
  const fail = (text: string): CheckResult => ({ passed: false, reason: text });
  const find = (kinds: string[], name: string): ResourceRef | undefined => resources.find((r) => kinds.includes(r.kind) && r.name === name);
  const missing = (label: string) => fail(reason(lang, 'labResourceMissing', where, label));
  const workload = (name: string) => resources.find((r) => isWorkload(r) && r.name === name);
  const sameNamespace = (a: ResourceRef, b: ResourceRef): CheckResult | undefined =>
    namespaceOf(a) === namespaceOf(b) ? undefined : fail(reason(lang, 'labNamespaceMismatch', label(a), label(b), namespaceOf(a), namespaceOf(b)));

  switch (check.relation) {
    case 'service-selects':
    case 'policy-selects': {
      const isService = check.relation === 'service-selects';
      const ownerName = check.relation === 'service-selects' ? check.service : check.policy;
      const owner = find([isService ? 'Service' : 'NetworkPolicy'], ownerName);
      if (!owner) return missing(`${isService ? 'Service' : 'NetworkPolicy'}/${ownerName}`);
      const target = workload(check.workload);
      if (!target) return missing(check.workload);
      const selNode = getIn(owner.root, ['spec', isService ? 'selector' : 'podSelector']);
      const sel = isService ? mapSelector(selNode) : labelSelector(selNode);
      if (!sel || (isService && sel.empty)) return fail(reason(lang, 'labNoSelector', label(owner)));
      const labels = podLabelsOf(target) ?? {};
      if (!selectorMatches(sel, labels)) return fail(reason(lang, 'labSelectorNoMatch', label(owner), formatSelector(sel), label(target), showLabels(labels)));
      return sameNamespace(owner, target) ?? { passed: true };
    }
    case 'binding-grants': {
      const binding = find(['RoleBinding', 'ClusterRoleBinding'], check.binding);
      if (!binding) return missing(`RoleBinding/${check.binding}`);
      const roleRef = get(binding.root, 'roleRef');
      const refKind = str(get(roleRef, 'kind')) ?? 'Role';
      const refName = str(get(roleRef, 'name'));
      if (refName !== check.role) return fail(reason(lang, 'labRoleRefMismatch', label(binding), `${refKind}/${refName ?? '?'}`, check.role));
      const role = find([refKind], check.role);
      if (!role) return missing(`${refKind}/${check.role}`);
      const subject = items(get(binding.root, 'subjects')).some((s: Node) => str(get(s, 'kind')) === 'ServiceAccount' && str(get(s, 'name')) === check.serviceAccount);
      if (!subject) return fail(reason(lang, 'labSubjectMissing', label(binding), check.serviceAccount));
      const account = find(['ServiceAccount'], check.serviceAccount);
      if (!account) return missing(`ServiceAccount/${check.serviceAccount}`);
      return { passed: true };
    }
    case 'hpa-targets': {
      const hpa = find(['HorizontalPodAutoscaler'], check.hpa);
      if (!hpa) return missing(`HorizontalPodAutoscaler/${check.hpa}`);
      const target = workload(check.workload) ?? resources.find((r) => r.name === check.workload && r.kind !== 'HorizontalPodAutoscaler');
      const ref = stringMap(getIn(hpa.root, ['spec', 'scaleTargetRef']));
      const mismatch = () => fail(reason(lang, 'labHpaTargetMismatch', label(hpa), `${ref.kind ?? '?'}/${ref.name ?? '?'}`, target ? label(target) : check.workload));
      if (ref.name !== check.workload) return mismatch();
      if (!target) return missing(check.workload);
      if (ref.kind !== target.kind) return mismatch();
      return sameNamespace(hpa, target) ?? { passed: true };
    }
  }
}

function label(r: ResourceRef): string {
  return `${r.kind}/${r.name ?? '?'}`;
}

function showLabels(labels: Record<string, string>): string {
  return `{${Object.entries(labels)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ')}}`;
}
