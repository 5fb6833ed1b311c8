/**
 * X10, X11, X12: references to objects the workspace does not define (Role/ClusterRole, ServiceAccount,
 * Secret, ConfigMap, PersistentVolumeClaim). Information level: they may be created outside the workspace.
 */
import type { Node } from 'yaml';
import type { DocContext, Rule } from '../types';
import { containersOf, podSpecOf } from '../workloads';
import { bool, get, getIn, items, rangeOf, str } from '../yamlNodes';
import { namespaceOf, ofKind, ofKindNamed, relatedAt, referencesCheckable } from './resources';

const builtinClusterRoles = new Set(['cluster-admin', 'admin', 'edit', 'view']);

function exists(ctx: DocContext, kind: string, name: string, ns: string | undefined): boolean {
  return ofKindNamed(ctx, kind, name, ns).length > 0;
}

export const roleBindingRoleNotFound: Rule = {
  meta: {
    id: 'x-rolebinding-role-not-found',
    flavor: 'kubernetes',
    severity: 'information',
    title: { en: 'RoleBinding refers to a missing Role', ko: 'RoleBinding이 없는 Role을 참조' },
    message: {
      en: '{0} "{1}": roleRef {2} "{3}" is not defined in the workspace{4}.',
      ko: '{0} "{1}": roleRef {2} "{3}"{이/가} 워크스페이스에 정의되어 있지 않습니다{4}.',
    },
    help: {
      en: 'A RoleBinding grants the rules of roleRef: a Role in the binding’s own namespace, or a ClusterRole. If that object does not exist the subjects get no permissions. Built-in ClusterRoles (cluster-admin, admin, edit, view, system:*) are not reported.',
      ko: 'RoleBinding은 roleRef가 가리키는 Role(같은 네임스페이스) 또는 ClusterRole의 규칙을 부여합니다. 그 객체가 없으면 subjects는 아무 권한도 받지 못합니다. 기본 ClusterRole(cluster-admin, admin, edit, view, system:*)은 보고하지 않습니다.',
    },
    lessonField: 'RoleBinding:roleRef',
    anchors: ['X10'],
  },
  check(ctx) {
    if ((ctx.doc.kind !== 'RoleBinding' && ctx.doc.kind !== 'ClusterRoleBinding') || !referencesCheckable(ctx)) return;
    const ref = get(ctx.root, 'roleRef');
    const kind = str(get(ref, 'kind'));
    const name = str(get(ref, 'name'));
    if (!name || (kind !== 'Role' && kind !== 'ClusterRole')) return;
    if (kind === 'ClusterRole' && (builtinClusterRoles.has(name) || name.startsWith('system:'))) return;
    const ns = namespaceOf(ctx.doc);
    if (exists(ctx, kind, name, kind === 'Role' ? ns : undefined)) return;
    const elsewhere = kind === 'Role' ? ofKindNamed(ctx, 'Role', name)[0] : undefined;
    const range = rangeOf(get(ref, 'name'));
    if (!range) return;
    ctx.report({
      start: range[0],
      end: range[1],
      args: [ctx.doc.kind, ctx.doc.name ?? '?', kind, name, elsewhere ? ` (namespace "${ns}"; a Role "${name}" exists in "${namespaceOf(elsewhere)}")` : kind === 'Role' ? ` (namespace "${ns}")` : ''],
      lessonPath: ['roleRef'],
      ...(elsewhere ? { related: [relatedAt(elsewhere, { en: `Role "${name}" in namespace "${namespaceOf(elsewhere)}"`, ko: `네임스페이스 "${namespaceOf(elsewhere)}"의 Role "${name}"` })] } : {}),
    });
  },
};

export const serviceAccountNotFound: Rule = {
  meta: {
    id: 'x-serviceaccount-not-found',
    flavor: 'kubernetes',
    severity: 'information',
    title: { en: 'ServiceAccount not defined in the workspace', ko: 'ServiceAccount가 워크스페이스에 없음' },
    message: {
      en: 'ServiceAccount "{0}" is not defined in namespace "{1}" in the workspace; pods using it are not created until it exists.',
      ko: 'ServiceAccount "{0}"{이/가} 워크스페이스의 네임스페이스 "{1}"에 정의되어 있지 않습니다. 이 ServiceAccount가 생기기 전까지 이를 쓰는 Pod는 만들어지지 않습니다.',
    },
    help: {
      en: 'Pods that name a missing ServiceAccount are refused by the ServiceAccount admission controller; RoleBinding subjects that name one grant nothing. Create the ServiceAccount next to the workload (it may also be created elsewhere, hence information).',
      ko: '없는 ServiceAccount를 지정한 Pod는 ServiceAccount 어드미션 컨트롤러가 거부하고, RoleBinding의 subjects에 적힌 ServiceAccount가 없으면 아무 권한도 부여되지 않습니다. 워크로드와 함께 ServiceAccount를 정의하세요 (다른 곳에서 만들 수도 있으므로 정보 수준으로 보고합니다).',
    },
    lessonField: 'serviceAccountName',
    anchors: ['X11', 'kube-linter non-existent-service-account'],
  },
  check(ctx) {
    if (!referencesCheckable(ctx)) return;
    const refs: { node: Node; name: string; ns: string }[] = [];
    const pod = podSpecOf(ctx.root, ctx.doc.kind);
    if (pod && ctx.doc.kind !== 'PodTemplate') {
      const node = get(pod.node, 'serviceAccountName') ?? get(pod.node, 'serviceAccount');
      const name = str(node);
      if (node && name) refs.push({ node, name, ns: namespaceOf(ctx.doc) });
    }
    if (ctx.doc.kind === 'RoleBinding' || ctx.doc.kind === 'ClusterRoleBinding') {
      for (const s of items(get(ctx.root, 'subjects'))) {
        const node = get(s, 'name');
        const name = str(node);
        if (str(get(s, 'kind')) !== 'ServiceAccount' || !node || !name) continue;
        refs.push({ node, name, ns: str(get(s, 'namespace')) ?? namespaceOf(ctx.doc) });
      }
    }
    for (const ref of refs) {
      if (ref.name === 'default' || exists(ctx, 'ServiceAccount', ref.name, ref.ns)) continue;
      const range = rangeOf(ref.node);
      if (range) ctx.report({ start: range[0], end: range[1], args: [ref.name, ref.ns] });
    }
  },
};

interface ConfigRef {
  kind: 'Secret' | 'ConfigMap' | 'PersistentVolumeClaim';
  node: Node;
  name: string;
}

function configRefs(pod: NonNullable<ReturnType<typeof podSpecOf>>): ConfigRef[] {
  const out: ConfigRef[] = [];
  const push = (kind: ConfigRef['kind'], node: Node | undefined, optional?: Node) => {
    const name = str(node);
    if (node && name && bool(optional) !== true) out.push({ kind, node, name });
  };
  for (const c of containersOf(pod)) {
    for (const e of items(get(c.node, 'env'))) {
      const secret = getIn(e, ['valueFrom', 'secretKeyRef']);
      const cm = getIn(e, ['valueFrom', 'configMapKeyRef']);
      push('Secret', get(secret, 'name'), get(secret, 'optional'));
      push('ConfigMap', get(cm, 'name'), get(cm, 'optional'));
    }
    for (const e of items(get(c.node, 'envFrom'))) {
      push('Secret', getIn(e, ['secretRef', 'name']), getIn(e, ['secretRef', 'optional']));
      push('ConfigMap', getIn(e, ['configMapRef', 'name']), getIn(e, ['configMapRef', 'optional']));
    }
  }
  for (const v of items(get(pod.node, 'volumes'))) {
    push('Secret', getIn(v, ['secret', 'secretName']), getIn(v, ['secret', 'optional']));
    push('ConfigMap', getIn(v, ['configMap', 'name']), getIn(v, ['configMap', 'optional']));
    push('PersistentVolumeClaim', getIn(v, ['persistentVolumeClaim', 'claimName']));
    for (const s of items(getIn(v, ['projected', 'sources']))) {
      push('Secret', getIn(s, ['secret', 'name']), getIn(s, ['secret', 'optional']));
      push('ConfigMap', getIn(s, ['configMap', 'name']), getIn(s, ['configMap', 'optional']));
    }
  }
  return out;
}

/** A kustomization's configMapGenerator / secretGenerator creates the object (names get a hash suffix and references are rewritten). */
function generatedByKustomize(ctx: DocContext, kind: 'Secret' | 'ConfigMap', name: string): boolean {
  const key = kind === 'Secret' ? 'secretGenerator' : 'configMapGenerator';
  return ofKind(ctx, 'Kustomization').some((k) => items(get(k.root, key)).some((g) => str(get(g, 'name')) === name));
}

export const referencedConfigNotFound: Rule = {
  meta: {
    id: 'x-referenced-config-not-found',
    flavor: 'kubernetes',
    severity: 'information',
    title: { en: 'Referenced Secret/ConfigMap/PVC not in the workspace', ko: '참조한 Secret/ConfigMap/PVC가 워크스페이스에 없음' },
    message: {
      en: '{0} "{1}" is not defined in namespace "{2}" in the workspace; pods stay in ContainerCreating until it exists (or mark the reference optional).',
      ko: '{0} "{1}"{이/가} 워크스페이스의 네임스페이스 "{2}"에 정의되어 있지 않습니다. 만들어질 때까지 Pod는 ContainerCreating 상태에 머뭅니다 (없어도 된다면 참조를 optional로 표시하세요).',
    },
    help: {
      en: 'Secrets, ConfigMaps and PersistentVolumeClaims referenced by env, envFrom or volumes must exist in the Pod’s namespace, unless the reference is optional: true. Secrets are often created out of band (sealed-secrets, Vault, CI), hence information.',
      ko: 'env, envFrom, volumes가 참조하는 Secret, ConfigMap, PersistentVolumeClaim은 optional: true가 아니면 Pod와 같은 네임스페이스에 있어야 합니다. Secret은 흔히 별도로(sealed-secrets, Vault, CI) 만들어지므로 정보 수준으로 보고합니다.',
    },
    lessonField: 'env.valueFrom.secretKeyRef',
    anchors: ['X12', 'kube-linter env-value-from'],
  },
  check(ctx) {
    if (!referencesCheckable(ctx) || ctx.doc.kind === 'PodTemplate') return;
    const pod = podSpecOf(ctx.root, ctx.doc.kind);
    if (!pod) return;
    const ns = namespaceOf(ctx.doc);
    const claimTemplates = new Set(items(getIn(ctx.root, ['spec', 'volumeClaimTemplates'])).map((t) => str(getIn(t, ['metadata', 'name']))));
    for (const ref of configRefs(pod)) {
      if (ref.kind === 'PersistentVolumeClaim' && claimTemplates.has(ref.name)) continue;
      if (exists(ctx, ref.kind, ref.name, ns)) continue;
      if (ref.kind === 'Secret' && exists(ctx, 'SealedSecret', ref.name, ns)) continue;
      if (ref.kind === 'Secret' && exists(ctx, 'ExternalSecret', ref.name, ns)) continue;
      if (ref.kind !== 'PersistentVolumeClaim' && generatedByKustomize(ctx, ref.kind, ref.name)) continue;
      const range = rangeOf(ref.node);
      if (range) ctx.report({ start: range[0], end: range[1], args: [ref.kind, ref.name, ns] });
    }
  },
};
