/**
 * CX01–CX03: Compose checks across services of one Compose file: `service_healthy` on a service without a
 * healthcheck, references to undefined services/networks/volumes/secrets/configs, duplicate host ports.
 */
import type { Node, Pair, Scalar, YAMLMap } from 'yaml';
import { isMap, isScalar } from 'yaml';
import { withParticle } from '../../koParticles';
import { deref, healthcheckState as composeHealthcheckState } from '../compose/composeModel';
import type { DocContext, Rule } from '../types';
import { asMap, get, getIn, items, keyRange, keys, num, pairOf, rangeOf, str } from '../yamlNodes';

interface ComposeService {
  name: string;
  node: Node;
  keyRange: [number, number];
}

/** Per model and document (key ranges are offsets of that version): every rule of the family asks for them. */
const servicesMemo = new WeakMap<object, WeakMap<object, ComposeService[]>>();

function servicesOf(ctx: DocContext): ComposeService[] {
  let perModel = servicesMemo.get(ctx.model);
  if (!perModel) servicesMemo.set(ctx.model, (perModel = new WeakMap()));
  let list = perModel.get(ctx.yaml);
  if (!list) perModel.set(ctx.yaml, (list = findServices(ctx)));
  return list;
}

function findServices(ctx: DocContext): ComposeService[] {
  const services = get(ctx.root, 'services');
  // The first pair of each key (what get and keyRange find), indexed once: a lookup per service was quadratic.
  const firstPair = new Map<string, Pair<Node, Node | null>>();
  for (const p of asMap(services)?.items ?? []) {
    const name = isScalar(p.key) ? String((p.key as Scalar).value) : undefined;
    if (name !== undefined && !firstPair.has(name)) firstPair.set(name, p as Pair<Node, Node | null>);
  }
  return keys(services).flatMap((name) => {
    const pair = firstPair.get(name);
    const node = pair?.value ?? undefined;
    const range = rangeOf(pair?.key as Node | undefined) ?? keyRange(services, name);
    return node && range ? [{ name, node, keyRange: range }] : [];
  });
}

const sameFileRelated = (ctx: DocContext, range: [number, number], en: string, ko: string) => ({ uri: ctx.model.uri, text: ctx.model.text, start: range[0], end: range[1], message: { en, ko } });

/** Healthcheck of a service as Compose resolves it (merge keys, aliases, `!reset`): the same view the C-rules use. */
function healthcheckState(ctx: DocContext, service: ComposeService): 'none' | 'disabled' | 'ok' {
  const node = deref(service.node, ctx.yaml);
  if (!isMap(node)) return 'none';
  const state = composeHealthcheckState({ name: service.name, node: node as YAMLMap<Node, Node | null>, keyNode: node }, ctx);
  return state === 'enabled' ? 'ok' : state === 'disabled' ? 'disabled' : 'none';
}

export const composeHealthyDependencyWithoutHealthcheck: Rule = {
  meta: {
    id: 'x-compose-healthy-dependency-without-healthcheck',
    flavor: 'compose',
    severity: 'warning',
    title: { en: 'service_healthy on a service without healthcheck', ko: 'healthcheck 없는 서비스에 service_healthy' },
    message: {
      en: 'Service "{0}" waits for "{1}" to be healthy, but "{1}" has no usable healthcheck ({2}); docker compose up fails unless its image defines a HEALTHCHECK.',
      ko: '서비스 "{0}"{은/는} "{1}"{이/가} healthy가 되기를 기다리지만 "{1}"에는 쓸 수 있는 healthcheck가 없습니다 ({2}). 이미지에 HEALTHCHECK가 없으면 docker compose up이 실패합니다.',
    },
    help: {
      en: 'condition: service_healthy waits for the dependency’s health status. Without a healthcheck (in the service or its image) Compose stops with "container … has no healthcheck configured". Add a healthcheck to the dependency or use service_started.',
      ko: 'condition: service_healthy는 의존 대상 서비스의 health 상태를 기다립니다. 서비스나 이미지에 healthcheck가 없으면 Compose는 "container … has no healthcheck configured" 오류로 멈춥니다. 의존 대상 서비스에 healthcheck를 추가하거나 service_started를 쓰세요.',
    },
    lessonField: 'compose:services.*.healthcheck',
    anchors: ['CX01'],
  },
  check(ctx) {
    const services = servicesOf(ctx);
    const byName = new Map<string, ComposeService>();
    for (const s of services) if (!byName.has(s.name)) byName.set(s.name, s);
    const states = new Map<ComposeService, ReturnType<typeof healthcheckState>>();
    for (const s of services) {
      const deps = get(s.node, 'depends_on');
      for (const dep of keys(deps)) {
        const condNode = getIn(deps, [dep, 'condition']);
        if (str(condNode) !== 'service_healthy') continue;
        const target = byName.get(dep);
        if (!target) continue; // CX02 reports it
        let state = states.get(target);
        if (!state) states.set(target, (state = healthcheckState(ctx, target)));
        if (state === 'ok') continue;
        const range = rangeOf(condNode);
        if (!range) continue;
        ctx.report({
          start: range[0],
          end: range[1],
          args: [s.name, dep, state === 'disabled' ? 'healthcheck: disabled' : 'healthcheck: —'],
          lessonPath: ['services', dep, 'healthcheck'],
          related: [sameFileRelated(ctx, target.keyRange, `service "${dep}" (no healthcheck)`, `서비스 "${dep}" (healthcheck 없음)`)],
          fixes: [{ title: { en: 'Wait only until it has started (service_started)', ko: '시작될 때까지만 대기 (service_started)' }, edits: [{ start: range[0], end: range[1], newText: 'service_started' }] }],
        });
      }
    }
  },
};

/** Names a service references: [kind, name node, name]. */
function referencesOf(service: Node): { kind: 'service' | 'network' | 'volume' | 'secret' | 'config'; node: Node; name: string }[] {
  const out: ReturnType<typeof referencesOf> = [];
  const deps = get(service, 'depends_on');
  for (const item of items(deps)) if (str(item)) out.push({ kind: 'service', node: item, name: str(item)! });
  for (const k of keys(deps)) {
    if (k === '<<') continue; // a YAML merge key, not a service name
    const pair = pairOf(deps, k);
    if (pair?.key) out.push({ kind: 'service', node: pair.key as Node, name: k });
  }
  const extendsNode = get(service, 'extends');
  if (extendsNode && get(extendsNode, 'file') === undefined) {
    const n = isScalar(extendsNode) ? extendsNode : get(extendsNode, 'service');
    if (n && str(n)) out.push({ kind: 'service', node: n, name: str(n)! });
  }
  const networks = get(service, 'networks');
  for (const item of items(networks)) if (str(item)) out.push({ kind: 'network', node: item, name: str(item)! });
  for (const k of keys(networks)) {
    if (k === '<<') continue;
    const pair = pairOf(networks, k);
    if (pair?.key) out.push({ kind: 'network', node: pair.key as Node, name: k });
  }
  for (const v of items(get(service, 'volumes'))) {
    if (isScalar(v)) {
      const spec = str(v) ?? '';
      const source = spec.split(':')[0];
      if (spec.includes(':') && !/^[A-Za-z]:[\\/]/.test(spec) && /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(source)) out.push({ kind: 'volume', node: v, name: source });
    } else if ((str(get(v, 'type')) ?? 'volume') === 'volume') {
      const src = get(v, 'source');
      if (src && str(src)) out.push({ kind: 'volume', node: src, name: str(src)! });
    }
  }
  for (const kind of ['secret', 'config'] as const) {
    for (const item of items(get(service, `${kind}s`))) {
      const n = isScalar(item) ? item : get(item, 'source');
      if (n && str(n)) out.push({ kind, node: n, name: str(n)! });
    }
  }
  return out;
}

export const composeUndefinedReference: Rule = {
  meta: {
    id: 'x-compose-undefined-reference',
    flavor: 'compose',
    severity: 'error',
    title: { en: 'Reference to an undefined service, network, volume, secret or config', ko: '정의되지 않은 서비스/네트워크/볼륨/시크릿/config 참조' },
    message: {
      en: 'Service "{0}" refers to {1} "{2}", which is not defined in this file; docker compose rejects the project.',
      ko: '서비스 "{0}"{이/가} 이 파일에 정의되지 않은 {1} "{2}"{을/를} 참조합니다. docker compose가 프로젝트를 거부합니다.',
    },
    help: {
      en: 'depends_on and extends name services; networks, named volumes, secrets and configs used by a service must be declared at the top level of the Compose file. Compose refuses the project otherwise (e.g. `service "web" depends on undefined service "db"`).',
      ko: 'depends_on과 extends가 가리키는 서비스는 이 파일에 있어야 하고, 서비스가 쓰는 networks, 이름 있는 volumes, secrets, configs는 Compose 파일 최상위에 선언되어 있어야 합니다. 그렇지 않으면 Compose가 프로젝트를 거부합니다 (예: `service "web" depends on undefined service "db"`).',
    },
    lessonField: 'compose:services.*.depends_on',
    anchors: ['CX02', 'docker-language-server reference resolution'],
  },
  check(ctx) {
    // Override files and `include:` merge with other files: their references may be defined there.
    if (/override/i.test(ctx.model.uri) || get(ctx.root, 'include') !== undefined) return;
    const services = servicesOf(ctx);
    if (!services.length) return;
    const defined = {
      service: new Set(services.map((s) => s.name)),
      network: new Set([...keys(get(ctx.root, 'networks')), 'default']),
      volume: new Set(keys(get(ctx.root, 'volumes'))),
      secret: new Set(keys(get(ctx.root, 'secrets'))),
      config: new Set(keys(get(ctx.root, 'configs'))),
    };
    for (const s of services) {
      for (const ref of referencesOf(s.node)) {
        if (defined[ref.kind].has(ref.name) || ref.name.includes('${')) continue;
        const range = rangeOf(ref.node);
        if (range) ctx.report({ start: range[0], end: range[1], args: [s.name, ref.kind, ref.name], lessonPath: ['services', s.name, ref.kind === 'service' ? 'depends_on' : `${ref.kind}s`] });
      }
    }
  },
};

interface PublishedPort {
  key: string;
  label: string;
  node: Node;
}

function publishedPorts(service: Node): PublishedPort[] {
  const out: PublishedPort[] = [];
  for (const p of items(get(service, 'ports'))) {
    let ip = '';
    let host: string | undefined;
    let proto = 'tcp';
    if (isScalar(p)) {
      const raw = str(p) ?? '';
      const m = /^(?:(\[[^\]]+\]|[^:]*):)??(?:(\d+(?:-\d+)?):)?(\d+(?:-\d+)?)(?:\/(\w+))?$/.exec(raw.trim());
      if (!m || !m[2]) continue; // only a container port: Compose picks a free host port
      ip = m[1] ?? '';
      host = m[2];
      proto = m[4] ?? 'tcp';
    } else {
      const published = get(p, 'published');
      host = str(published) ?? (num(published) !== undefined ? String(num(published)) : undefined);
      ip = str(get(p, 'host_ip')) ?? '';
      proto = str(get(p, 'protocol')) ?? 'tcp';
      if (!host) continue;
    }
    const normIp = ip === '' || ip === '0.0.0.0' || ip === '::' || ip === '[::]' ? '*' : ip;
    for (const port of expandRange(host)) out.push({ key: `${normIp}:${port}/${proto.toLowerCase()}`, label: `${normIp === '*' ? '' : `${ip}:`}${port}/${proto}`, node: p });
  }
  return out;
}

function expandRange(host: string): number[] {
  const [a, b] = host.split('-').map(Number);
  if (b === undefined || Number.isNaN(b)) return Number.isNaN(a) ? [] : [a];
  if (b < a || b - a > 1000) return [a];
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

function profilesOf(service: Node): string[] {
  return items(get(service, 'profiles')).map((n) => str(n) ?? '');
}

export const composeDuplicateHostPort: Rule = {
  meta: {
    id: 'x-compose-duplicate-host-port',
    flavor: 'compose',
    severity: 'error',
    title: { en: 'Host port published by two services', ko: '두 서비스가 같은 호스트 포트를 공개' },
    message: {
      en: 'Service "{0}" publishes host port {1}, already published by service "{2}"; the second container fails to start (port is already allocated).',
      ko: '서비스 "{0}"{이/가} 공개하는 호스트 포트 {1:은/는} 서비스 "{2}"{이/가} 이미 공개했습니다. 두 번째 컨테이너는 시작하지 못합니다 (port is already allocated).',
    },
    help: {
      en: 'A host port (per host IP and protocol) can be bound by one container only. Give each service its own published port, or bind them to different host IPs.',
      ko: '호스트 포트는 (호스트 IP와 프로토콜마다) 한 컨테이너만 바인딩할 수 있습니다. 서비스마다 다른 포트를 공개하거나 다른 호스트 IP에 바인딩하세요.',
    },
    lessonField: 'compose:services.*.ports',
    anchors: ['CX03', 'DCLint no-duplicate-exported-ports'],
  },
  check(ctx) {
    // Ports published so far, by port and protocol (only those can conflict), in document order.
    const seen = new Map<string, { service: ComposeService; port: PublishedPort }[]>();
    for (const s of servicesOf(ctx)) {
      const reported = new Set<Node>();
      for (const port of publishedPorts(s.node)) {
        const [, portAndProtocol] = splitKey(port.key);
        let same = seen.get(portAndProtocol);
        if (!same) seen.set(portAndProtocol, (same = []));
        const first = same.find((x) => x.service.name !== s.name && conflicts(x.port.key, port.key) && !disjointProfiles(x.service.node, s.node));
        const range = rangeOf(port.node);
        if (first && range && !reported.has(port.node)) {
          reported.add(port.node);
          ctx.report({
            start: range[0],
            end: range[1],
            args: [s.name, port.label, first.service.name],
            lessonPath: ['services', s.name, 'ports'],
            related: [sameFileRelated(ctx, rangeOf(first.port.node) ?? first.service.keyRange, `service "${first.service.name}" publishes ${port.label}`, `서비스 ${withParticle(`"${first.service.name}"`, '이/가')} 포트 ${port.label} 공개`)],
          });
        }
        same.push({ service: s, port });
      }
    }
  },
};

/** Same port and protocol on the same host IP, or either binds every interface. */
function conflicts(a: string, b: string): boolean {
  const [ipA, restA] = splitKey(a);
  const [ipB, restB] = splitKey(b);
  return restA === restB && (ipA === ipB || ipA === '*' || ipB === '*');
}

function splitKey(key: string): [string, string] {
  const i = key.lastIndexOf(':');
  return [key.slice(0, i), key.slice(i + 1)];
}

function disjointProfiles(a: Node, b: Node): boolean {
  const pa = profilesOf(a);
  const pb = profilesOf(b);
  return pa.length > 0 && pb.length > 0 && !pa.some((p) => pb.includes(p));
}
