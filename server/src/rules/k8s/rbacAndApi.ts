/** Catalog K22 (RBAC wildcards), K23 (cluster-admin bindings), K24 (removed API versions). */
import { replaceNode } from '../edits';
import type { Fix, Rule } from '../types';
import { asMap, get, getIn, items, keyRange, rangeOf, str } from '../yamlNodes';

export const rbacWildcard: Rule = {
  meta: {
    id: 'k8s-rbac-wildcard',
    flavor: 'kubernetes',
    severity: 'warning',
    title: { en: 'Wildcard in RBAC rule', ko: 'RBAC 규칙의 와일드카드' },
    message: {
      en: '{0} "{1}" grants "*" in rules[{2}].{3}: it covers every current and future {3}. List only what is needed.',
      ko: '{0} "{1}"의 rules[{2}].{3}에 "*"가 있어 지금 있는 것과 앞으로 생길 모든 {3:을/를} 허용합니다. 필요한 것만 나열하세요.',
    },
    help: {
      en: 'Least privilege: a wildcard verb, resource or API group silently includes new resources and verbs (escalate, impersonate…) as the cluster evolves (CIS 5.1.3).',
      ko: '와일드카드는 최소 권한 원칙에 어긋납니다. 와일드카드로 지정한 verb, resource, API group은 클러스터가 바뀌면서 새로 생기는 리소스와 verb(escalate, impersonate…)까지 조용히 포함합니다 (CIS 5.1.3).',
    },
    lessonField: 'Role:rules.verbs',
    anchors: ['K22', 'kube-linter wildcard-in-rules', 'CKV_K8S_49'],
  },
  check(ctx) {
    if (ctx.doc.kind !== 'Role' && ctx.doc.kind !== 'ClusterRole') return;
    items(get(ctx.root, 'rules')).forEach((rule, index) => {
      for (const field of ['verbs', 'resources', 'apiGroups']) {
        for (const item of items(get(rule, field))) {
          if (str(item) !== '*') continue;
          const range = rangeOf(item);
          if (range) ctx.report({ start: range[0], end: range[1], args: [ctx.doc.kind ?? '', ctx.doc.name ?? '', String(index), field], lessonPath: ['rules', index, field] });
        }
      }
    });
  },
};

export const clusterAdminBinding: Rule = {
  meta: {
    id: 'k8s-cluster-admin-binding',
    flavor: 'kubernetes',
    severity: 'warning',
    title: { en: 'Binding to cluster-admin', ko: 'cluster-admin 바인딩' },
    message: {
      en: '{0} "{1}" grants cluster-admin: its subjects can do anything (in the binding\'s namespace for a RoleBinding). Bind a Role with only the permissions they need.',
      ko: '{0} "{1}"{이/가} cluster-admin 권한을 부여해 대상(subjects)이 무엇이든 할 수 있습니다 (RoleBinding이면 그 네임스페이스 안에서). 필요한 권한만 가진 Role을 바인딩하세요.',
    },
    help: {
      en: 'cluster-admin is superuser access. Binding it to an application ServiceAccount or a user turns any compromise into full cluster control (CIS 5.1.1).',
      ko: 'cluster-admin은 슈퍼유저 권한입니다. 애플리케이션 ServiceAccount나 사용자에게 바인딩하면 한 번의 침해가 클러스터 전체 장악으로 이어집니다 (CIS 5.1.1).',
    },
    lessonField: 'RoleBinding:roleRef',
    anchors: ['K23', 'kube-linter cluster-admin-role-binding', 'Polaris clusterrolebindingClusterAdmin/rolebindingClusterAdminClusterRole'],
  },
  check(ctx) {
    if (ctx.doc.kind !== 'ClusterRoleBinding' && ctx.doc.kind !== 'RoleBinding') return;
    if ((ctx.doc.name ?? '').startsWith('system:')) return;
    const ref = get(ctx.root, 'roleRef');
    if (str(get(ref, 'name')) !== 'cluster-admin' || (str(get(ref, 'kind')) ?? 'ClusterRole') !== 'ClusterRole') return;
    const range = keyRange(ref, 'name');
    if (!range) return;
    ctx.report({ start: range[0], end: range[1], args: [ctx.doc.kind, ctx.doc.name ?? ''], lessonPath: ['roleRef', 'name'] });
  },
};

interface RemovedApi {
  kinds: string[];
  removedIn: string;
  /** The replacement apiVersion when the schema is unchanged (a safe rewrite), by kind. */
  safe?: Record<string, string>;
  /** The replacement to name in the message when the rewrite is manual. */
  manual?: string;
}

const apps = (kinds: string[]): Record<string, string> => Object.fromEntries(kinds.map((k) => [k, 'apps/v1']));

export const removedApis: Record<string, RemovedApi> = {
  'extensions/v1beta1': { kinds: ['Deployment', 'DaemonSet', 'ReplicaSet', 'Ingress', 'IngressClass', 'NetworkPolicy', 'PodSecurityPolicy'], removedIn: '1.16/1.22', safe: { ...apps(['Deployment', 'DaemonSet', 'ReplicaSet']), NetworkPolicy: 'networking.k8s.io/v1' } },
  'apps/v1beta1': { kinds: ['Deployment', 'StatefulSet'], removedIn: '1.16', safe: apps(['Deployment', 'StatefulSet']) },
  'apps/v1beta2': { kinds: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'], removedIn: '1.16', safe: apps(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']) },
  'batch/v1beta1': { kinds: ['CronJob'], removedIn: '1.25', safe: { CronJob: 'batch/v1' } },
  'policy/v1beta1': { kinds: ['PodDisruptionBudget', 'PodSecurityPolicy'], removedIn: '1.25', manual: 'policy/v1 (PodDisruptionBudget; an empty selector now selects every pod) or Pod Security Admission (PodSecurityPolicy)' },
  'networking.k8s.io/v1beta1': { kinds: ['Ingress', 'IngressClass'], removedIn: '1.22', manual: 'networking.k8s.io/v1 (backend.serviceName/servicePort become backend.service.name/port, pathType is required)' },
  'autoscaling/v2beta1': { kinds: ['HorizontalPodAutoscaler'], removedIn: '1.25', manual: 'autoscaling/v2 (metrics use target.type/averageUtilization)' },
  'autoscaling/v2beta2': { kinds: ['HorizontalPodAutoscaler'], removedIn: '1.26', safe: { HorizontalPodAutoscaler: 'autoscaling/v2' } },
  'rbac.authorization.k8s.io/v1beta1': { kinds: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'], removedIn: '1.22', safe: Object.fromEntries(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'].map((k) => [k, 'rbac.authorization.k8s.io/v1'])) },
  'scheduling.k8s.io/v1beta1': { kinds: ['PriorityClass'], removedIn: '1.22', safe: { PriorityClass: 'scheduling.k8s.io/v1' } },
  'storage.k8s.io/v1beta1': { kinds: ['StorageClass', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'CSIStorageCapacity'], removedIn: '1.22/1.27', manual: 'storage.k8s.io/v1' },
  'apiextensions.k8s.io/v1beta1': { kinds: ['CustomResourceDefinition'], removedIn: '1.22', manual: 'apiextensions.k8s.io/v1 (a structural schema per version is required)' },
  'admissionregistration.k8s.io/v1beta1': { kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], removedIn: '1.22', manual: 'admissionregistration.k8s.io/v1 (sideEffects and admissionReviewVersions are required)' },
  'flowcontrol.apiserver.k8s.io/v1beta2': { kinds: ['FlowSchema', 'PriorityLevelConfiguration'], removedIn: '1.29', manual: 'flowcontrol.apiserver.k8s.io/v1' },
};

export const deprecatedApiVersion: Rule = {
  meta: {
    id: 'k8s-deprecated-api-version',
    flavor: 'kubernetes',
    severity: 'error',
    title: { en: 'Removed API version', ko: '제거된 API 버전' },
    message: {
      en: '{0} {1} was removed in Kubernetes {2}: the API server rejects it. Use {3}.',
      ko: '{0} {1:은/는} Kubernetes {2}에서 제거되어 API 서버가 거부합니다. {3:을/를} 사용하세요.',
    },
    help: {
      en: 'Beta API versions are removed a few releases after the stable version ships; manifests that still use them fail to apply on current clusters.',
      ko: '베타 API 버전은 안정 버전이 나오고 몇 릴리스 뒤에 제거됩니다. 제거된 버전을 쓰는 매니페스트는 현재 클러스터에 적용되지 않습니다.',
    },
    lessonField: 'apiVersion',
    anchors: ['K24', 'kube-score stable-version', 'kube-linter no-extensions-v1beta'],
  },
  check(ctx) {
    const apiVersion = ctx.doc.apiVersion;
    const kind = ctx.doc.kind;
    const entry = apiVersion ? removedApis[apiVersion] : undefined;
    if (!entry || !kind || !entry.kinds.includes(kind)) return;
    const node = get(ctx.root, 'apiVersion');
    const range = keyRange(ctx.root, 'apiVersion');
    if (!node || !range) return;
    let target = entry.safe?.[kind];
    // apps/v1 requires spec.selector (older versions defaulted it from the template labels).
    if (target === 'apps/v1' && !asMap(getIn(ctx.root, ['spec', 'selector']))) target = undefined;
    const replacement = entry.safe?.[kind] ?? entry.manual ?? 'the stable version';
    const edit = target ? replaceNode(node, target) : undefined;
    const fixes: Fix[] = edit ? [{ title: { en: `Use apiVersion ${target}`, ko: `apiVersion ${target} 사용` }, edits: [edit], preferred: true }] : [];
    ctx.report({ start: range[0], end: range[1], args: [apiVersion ?? '', kind, entry.removedIn, replacement], lessonPath: ['apiVersion'], fixes });
  },
};
