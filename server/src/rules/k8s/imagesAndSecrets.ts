/** Catalog K12 (secret literal in env) and K13 (mutable image tag). */
import type { Rule } from '../types';
import { containersOf, podSpecOf } from '../workloads';
import { get, items, keyRange, pairOf, rangeOf, scalar, str } from '../yamlNodes';
import { containerName } from './k8sHelpers';

const secretName = /(secret|password|passwd|pwd|token|bearer|api_?key|private_?key|credential|access_?key)/i;
/** Names that hold a reference or a setting about a secret, not the secret. */
const notASecret = /(_(file|path|dir|name|ref|url|uri|host|endpoint|port|user(name)?|id|ttl|expiry|expiration|timeout|length|lifetime|enabled|type|mode|header|location|version|algorithm|secs?|seconds|minutes|days)|_key_?id)$/i;
const privateKey = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;

/** Whether a literal env entry looks like it carries a secret. */
export function looksLikeSecret(name: string, value: string): boolean {
  if (privateKey.test(value)) return true;
  const v = value.trim();
  if (!secretName.test(name) || notASecret.test(name) || v === '') return false;
  if (/^(true|false|yes|no|on|off|enabled|disabled|none|null|\d{1,6})$/i.test(v)) return false;
  if (/^\/[\w./-]*$/.test(v) || /^\$\(|^\$\{|\{\{/.test(v)) return false; // a path, an env reference or a template
  return true;
}

export const plaintextSecretEnv: Rule = {
  meta: {
    id: 'k8s-plaintext-secret-env',
    flavor: 'kubernetes',
    severity: 'warning',
    title: { en: 'Secret as a literal env value', ko: '환경 변수에 평문 비밀값' },
    message: {
      en: 'Container "{0}": env {1} holds a literal secret in the manifest. Move it to a Secret and use valueFrom.secretKeyRef.',
      ko: '컨테이너 "{0}"의 환경 변수 {1}에 비밀값이 평문으로 적혀 있습니다. 값을 Secret으로 옮기고 valueFrom.secretKeyRef로 참조하세요.',
    },
    help: {
      en: 'A value written in the manifest ends up in Git, in kubectl output and in the object for anyone who can read it. Keep secrets in a Secret (or an external store) and reference them.',
      ko: '매니페스트에 적은 값은 Git 기록과 kubectl 출력에 남고, 객체를 읽을 수 있는 모든 사람에게 노출됩니다. 비밀값은 Secret(또는 외부 비밀 저장소)에 두고 참조하세요.',
    },
    lessonField: 'containers.env.valueFrom.secretKeyRef',
    anchors: ['K12', 'kube-linter env-var-secret', 'Polaris sensitiveContainerEnvVar', 'CKV_K8S_35'],
  },
  check(ctx) {
    const pod = podSpecOf(ctx.root, ctx.doc.kind);
    if (!pod) return;
    for (const c of containersOf(pod)) {
      items(get(c.node, 'env')).forEach((e, index) => {
        const name = str(get(e, 'name'));
        const valueNode = get(e, 'value');
        const value = scalar(valueNode);
        if (!name || typeof value !== 'string' || get(e, 'valueFrom') || !looksLikeSecret(name, value)) return;
        const range = keyRange(e, 'value');
        const pair = pairOf(e, 'value');
        if (!range || !pair) return;
        const keyStart = rangeOf(pair.key)?.[0];
        const valueEnd = rangeOf(valueNode)?.[1];
        const key = name.toLowerCase().replace(/_/g, '-');
        const single = keyStart !== undefined && valueEnd !== undefined && !ctx.model.text.slice(keyStart, valueEnd).includes('\n');
        ctx.report({
          start: range[0],
          end: range[1],
          args: [containerName(c), name],
          lessonPath: [...c.path, 'env', index, 'valueFrom', 'secretKeyRef'],
          fixes: single
            ? [{
              title: { en: 'Replace with valueFrom.secretKeyRef (edit the Secret name)', ko: 'valueFrom.secretKeyRef로 바꾸기 (Secret 이름은 직접 수정)' },
              edits: [{ start: keyStart, end: valueEnd, newText: `valueFrom: {secretKeyRef: {name: "<secret-name>", key: ${key}}}` }],
            }]
            : [],
        });
      });
    }
  },
};

/** Splits an image reference into its tag and digest (the registry port is not a tag). */
export function imageParts(image: string): { tag?: string; digest?: string } {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const name = at >= 0 ? image.slice(0, at) : image;
  const last = name.slice(name.lastIndexOf('/') + 1);
  const colon = last.lastIndexOf(':');
  return { ...(colon >= 0 ? { tag: last.slice(colon + 1) } : {}), ...(digest ? { digest } : {}) };
}

export const imageTagMutable: Rule = {
  meta: {
    id: 'k8s-image-tag-mutable',
    flavor: 'kubernetes',
    severity: 'warning',
    title: { en: 'Mutable image tag', ko: '변경 가능한 이미지 태그' },
    message: {
      en: 'Container "{0}" uses image "{1}" (no tag or :latest): each pull may get a different image. Pin a version tag (or a digest).',
      ko: '컨테이너 "{0}"의 이미지 "{1}"에 태그가 없거나 :latest 태그가 쓰였습니다. pull할 때마다 다른 이미지를 받을 수 있으니 버전 태그(또는 다이제스트)로 고정하세요.',
    },
    help: {
      en: 'An untagged image means :latest, which moves: rollouts and rollbacks stop being reproducible and nodes may run different code. Pin a version (v2.1.0) or a digest (@sha256:…).',
      ko: '태그를 생략하면 :latest가 쓰이고, :latest가 가리키는 이미지는 계속 바뀝니다. 롤아웃과 롤백을 재현할 수 없고 노드마다 다른 코드가 실행될 수 있습니다. 버전(v2.1.0)이나 다이제스트(@sha256:…)로 고정하세요.',
    },
    lessonField: 'containers.image',
    anchors: ['K13', 'kube-linter latest-tag', 'kube-score container-image-tag', 'Polaris tagNotSpecified', 'CKV_K8S_14'],
  },
  check(ctx) {
    const pod = podSpecOf(ctx.root, ctx.doc.kind);
    if (!pod) return;
    for (const c of containersOf(pod)) {
      const image = str(get(c.node, 'image'))?.trim();
      if (!image || /[{}$<>]/.test(image) || /\s/.test(image)) continue; // templated or placeholder: not ours to judge
      const { tag, digest } = imageParts(image);
      if (digest) continue;
      if (tag !== undefined && tag !== '' && tag.toLowerCase() !== 'latest') continue;
      const range = keyRange(c.node, 'image');
      if (!range) continue;
      ctx.report({
        start: range[0],
        end: range[1],
        args: [containerName(c), image],
        lessonPath: [...c.path, 'image'],
      });
    }
  },
};
