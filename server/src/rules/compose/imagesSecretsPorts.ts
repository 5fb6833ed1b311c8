/** Compose rules: mutable image tags (C07), literal secrets in environment (C08), ports on all interfaces (C10). */
import { isMap, isScalar, isSeq, Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { withParticle } from '../../koParticles';
import { ensureEntries } from '../edits';
import type { Fix, OffsetEdit, Rule } from '../types';
import { lazyFixes } from '../lazyFixes';
import { allKeys, deref, lookup, scalarText, seqItems, servicesOf } from './composeModel';

/** True when the value takes part of itself from the environment (`${VAR}`, `$VAR`; `$$` is a literal `$`). */
export function isInterpolated(value: string): boolean {
  return /\$(\{|[A-Za-z_])/.test(value.replace(/\$\$/g, ''));
}

/** The tag of an image reference: '' when none, undefined when pinned by digest or interpolated. */
export function imageTag(ref: string): string | undefined {
  const s = ref.trim();
  if (!s || isInterpolated(s) || s.includes('@')) return undefined;
  const last = s.slice(s.lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  return colon < 0 ? '' : last.slice(colon + 1);
}

export const composeImageTag: Rule = {
  meta: {
    id: 'compose-image-tag-mutable',
    flavor: 'compose',
    severity: 'warning',
    title: { en: 'Image tag is mutable', ko: '이미지 태그가 고정되지 않음' },
    message: {
      en: 'Service "{0}" uses image "{1}" without a fixed version: the next pull may bring a different image. Pin a version tag (e.g. postgres:16.4) or a digest.',
      ko: '서비스 "{0}"{이/가} 버전이 고정되지 않은 이미지 "{1}"{을/를} 씁니다. 다음 pull에서 다른 이미지를 받을 수 있으니 버전 태그(예: postgres:16.4)나 다이제스트로 고정하세요.',
    },
    help: {
      en: 'Without a tag Docker pulls :latest, which moves. Environments drift apart and rollbacks become guesswork. A version tag (or @sha256 digest) makes runs reproducible.',
      ko: '태그가 없으면 Docker는 계속 바뀌는 :latest를 받습니다. 그러면 환경마다 이미지가 달라지고 롤백이 어려워집니다. 버전 태그(또는 @sha256 다이제스트)를 쓰면 같은 실행을 재현할 수 있습니다.',
    },
    lessonField: 'compose:services.*.image',
    anchors: ['C07', 'DCLint service-image-require-explicit-tag', 'Checkov CKV_DOCKER_7'],
  },
  check(ctx) {
    for (const s of servicesOf(ctx)) {
      if (allKeys(s.node, ctx.yaml).includes('build')) continue; // the image is what `build` produces
      const found = lookup(s.node, 'image', ctx.yaml);
      const ref = scalarText(found.value);
      if (ref === undefined) continue;
      const tag = imageTag(ref);
      if (tag === undefined || (tag !== '' && tag !== 'latest')) continue;
      const at = found.value as Node;
      ctx.report({ start: at.range![0], end: at.range![1], args: [s.name, ref], lessonPath: ['services', s.name, 'image'] });
    }
  },
};

const SECRET_NAME = /(passw(or)?d|(^|_)pass($|_)|secret|token|bearer|api_?key|private_?key|access_?key|(^|_)key$|credential|^AWS_SECRET_ACCESS_KEY$|^AZURE_.+KEY$|^GOOGLE_APPLICATION_CREDENTIALS$|^OCI_CLI_KEY_CONTENT$)/i;
const NOT_SECRET_NAME = /(_(FILE|PATH|DIR|TTL|EXPIRY|EXPIRES|EXPIRATION|LENGTH|TIMEOUT|HEADER|NAME|ENABLED|URL|URI|HOST|PORT|USER|USERNAME|ID|TYPE|ALGORITHM|LIFETIME|SIZE|COUNT|METHOD|POLICY|ISSUER|AUDIENCE|ENDPOINT|SCOPE|REALM|MODE|PREFIX|SUFFIX)$|PUBLIC_?KEY|(CACHE|SORT|PRIMARY|PARTITION|ROUTING|SHARD|LOOKUP|FOREIGN|GROUP)_KEY$|^ALLOW_EMPTY_PASSWORD$|_ALLOW_EMPTY_PASSWORD$|RANDOM_ROOT_PASSWORD)/i;

/** A literal (not interpolated, not a flag or number) value of an environment variable named like a secret. */
export function isLiteralSecret(name: string, value: unknown): boolean {
  if (!SECRET_NAME.test(name) || NOT_SECRET_NAME.test(name)) return false;
  if (typeof value !== 'string') return false;
  const v = value.trim();
  if (!v || isInterpolated(v) || /^(true|false|yes|no|on|off|\d+)$/i.test(v) || v.startsWith('/run/secrets/')) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\/[^\s@]*$/i.test(v)) return false; // a URL without credentials in it
  return true;
}

export const composeSecretEnv: Rule = {
  meta: {
    id: 'compose-plaintext-secret-env',
    flavor: 'compose',
    severity: 'warning',
    title: { en: 'Secret written in environment', ko: 'environment에 평문 비밀값' },
    message: {
      en: 'Service "{0}": {1} holds a literal secret in the Compose file. Read it from the environment/.env ("${{1}}") or use Compose secrets (/run/secrets/…).',
      ko: '서비스 "{0}": {1}의 비밀값이 Compose 파일에 그대로 적혀 있습니다. 셸 환경 변수나 .env에서 읽거나("${{1}}") Compose secrets(/run/secrets/…)를 쓰세요.',
    },
    help: {
      en: 'Values in the Compose file end up in version control, in `docker inspect` and in logs. Keep them out of the file: ${VAR} interpolation from an untracked .env, or top-level secrets mounted as files (many images read *_FILE variables).',
      ko: 'Compose 파일의 값은 버전 관리 기록, `docker inspect`, 로그에 남습니다. 비밀값은 파일 밖에 두세요. 버전 관리하지 않는 .env에서 ${VAR}로 보간하거나, 최상위 secrets를 파일로 마운트합니다 (많은 이미지가 *_FILE 변수를 지원합니다).',
    },
    lessonField: 'compose:services.*.environment',
    anchors: ['C08', 'KICS passwords_and_secrets', 'Polaris (secret name patterns)'],
  },
  check(ctx) {
    const seen = new Set<number>();
    for (const s of servicesOf(ctx)) {
      const env = lookup(s.node, 'environment', ctx.yaml).value;
      const report = (name: string, at: Node, edit: OffsetEdit | undefined) => {
        if (!at.range || seen.has(at.range[0])) return;
        seen.add(at.range[0]);
        const fixes: Fix[] = edit ? [{ title: { en: `Read ${name} from the environment (\${${name}})`, ko: `${withParticle(name, '을/를')} 환경 변수에서 읽기 (\${${name}})` }, edits: [edit] }] : [];
        ctx.report({ start: at.range[0], end: at.range[1], args: [s.name, name], lessonPath: ['services', s.name, 'environment', name], fixes });
      };
      if (isMap(env)) {
        for (const p of (env as YAMLMap<Node, Node | null>).items as Pair<Node, Node | null>[]) {
          const name = scalarText(p.key);
          const value = deref(p.value, ctx.yaml);
          if (!name || !isScalar(value) || !isLiteralSecret(name, (value as Scalar).value)) continue;
          const own = p.value === value;
          report(name, value, own ? { start: value.range![0], end: value.range![1], newText: `"\${${name}}"` } : undefined);
        }
      } else if (isSeq(env)) {
        for (const item of (env as YAMLSeq<Node>).items) {
          const text = scalarText(item);
          const eq = text?.indexOf('=') ?? -1;
          if (!text || eq <= 0 || !isScalar(item)) continue;
          const name = text.slice(0, eq).trim();
          if (!isLiteralSecret(name, text.slice(eq + 1))) continue;
          report(name, item, { start: item.range![0], end: item.range![1], newText: `"${name}=\${${name}}"` });
        }
      }
    }
  },
};

/** Where a published port binds: 'all' interfaces, 'explicit' host IP, or 'none' (not published). */
export function portBinding(item: Node, ctx: Parameters<Rule['check']>[0]): 'all' | 'explicit' | 'none' {
  if (isScalar(item)) {
    const v = (item as Scalar).value;
    if (typeof v === 'number') return 'all';
    if (typeof v !== 'string') return 'none';
    const s = v.trim().replace(/\$\{[^}]*\}/g, 'V');
    if (!s) return 'none';
    if (s.startsWith('[')) return 'explicit';
    return s.split(':').length >= 3 ? 'explicit' : 'all';
  }
  if (isMap(item)) {
    if (lookup(item, 'host_ip', ctx.yaml).value) return 'explicit';
    return lookup(item, 'target', ctx.yaml).value ? 'all' : 'none';
  }
  return 'none';
}

function bindLocalFix(text: string, item: Node, inFlow: boolean): OffsetEdit | undefined {
  if (isMap(item)) return ensureEntries(text, item, [], { host_ip: '127.0.0.1' });
  if (!isScalar(item) || !item.range) return undefined;
  const v = (item as Scalar).value;
  const containerOnly = typeof v === 'number' || (typeof v === 'string' && !v.replace(/\$\{[^}]*\}/g, 'V').includes(':'));
  const prefix = containerOnly ? '127.0.0.1::' : '127.0.0.1:';
  const [s, e] = item.range;
  const first = text[s];
  if (first === '"' || first === "'") return { start: s + 1, end: s + 1, newText: prefix };
  if (inFlow) return { start: s, end: e, newText: JSON.stringify(prefix + text.slice(s, e)) };
  return { start: s, end: s, newText: prefix };
}

export const composePortAllInterfaces: Rule = {
  meta: {
    id: 'compose-port-all-interfaces',
    flavor: 'compose',
    severity: 'information',
    title: { en: 'Port published on all interfaces', ko: '모든 인터페이스에 포트 공개' },
    message: {
      en: 'Service "{0}" publishes {1} on every host interface (0.0.0.0), reachable from the network and bypassing host firewalls such as ufw. Bind it to 127.0.0.1 when only this machine needs it.',
      ko: '서비스 "{0}"{이/가} 포트 {1:을/를} 호스트의 모든 인터페이스(0.0.0.0)에 공개합니다. 네트워크 어디서나 접근할 수 있고 ufw 같은 호스트 방화벽도 우회합니다. 이 머신에서만 쓴다면 127.0.0.1에 바인딩하세요.',
    },
    help: {
      en: 'Without a host IP, Docker publishes the port on all interfaces and inserts its own iptables rules. "127.0.0.1:8080:80" (or host_ip: 127.0.0.1 in the long syntax) keeps it local; use a reverse proxy for public traffic.',
      ko: '호스트 IP를 지정하지 않으면 Docker는 모든 인터페이스에 포트를 공개하고 자체 iptables 규칙을 추가합니다. "127.0.0.1:8080:80"(긴 형식에서는 host_ip: 127.0.0.1)으로 쓰면 로컬에만 공개됩니다. 외부 트래픽은 리버스 프록시로 받으세요.',
    },
    lessonField: 'compose:services.*.ports',
    anchors: ['C10', 'KICS container_traffic_not_bound_to_host_interface', 'DCLint no-unbound-port-interfaces'],
  },
  check(ctx) {
    for (const s of servicesOf(ctx)) {
      if (scalarText(lookup(s.node, 'network_mode', ctx.yaml).value) === 'host') continue;
      const found = lookup(s.node, 'ports', ctx.yaml);
      const ports = found.value;
      if (!isSeq(ports)) continue;
      const own = found.own?.value === ports;
      const inFlow = !!(ports as YAMLSeq).flow;
      for (const item of seqItems(ports, ctx.yaml)) {
        if (portBinding(item, ctx) !== 'all' || !item.range) continue;
        const label = isMap(item) ? String(scalarText(lookup(item, 'published', ctx.yaml).value) ?? scalarText(lookup(item, 'target', ctx.yaml).value)) : ctx.model.text.slice(item.range[0], item.range[1]);
        ctx.report(
          lazyFixes({ start: item.range[0], end: item.range[1], args: [s.name, label], lessonPath: ['services', s.name, 'ports'] }, () => {
            const edit = own && (ports as YAMLSeq).items.includes(item as never) ? bindLocalFix(ctx.model.text, item, inFlow) : undefined;
            return edit ? [{ title: { en: 'Bind to 127.0.0.1 (local only)', ko: '127.0.0.1에 바인딩 (로컬 전용)' }, edits: [edit] }] : [];
          }),
        );
      }
    }
  },
};
