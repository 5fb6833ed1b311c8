/** Compose reliability rules: healthcheck (C01), resource limits (C02), restart policy (C11), depends_on conditions (C12). */
import { isMap, isScalar, isSeq, Node, Pair, Scalar, YAMLMap } from 'yaml';
import { ensureEntries, replaceNode } from '../edits';
import type { Fix, Rule } from '../types';
import { lazyFixes } from '../lazyFixes';
import { dependsOnToLongForm } from './composeEdits';
import { editableAt, healthcheckState, healthyServices, isCompleteService, lookup, lookupIn, oneShotServices, scalarText, servicesOf } from './composeModel';

/** F-C01: the timings are sensible defaults; the command is a placeholder the user must adapt to the image. */
const HEALTHCHECK_SKELETON = { test: ['CMD', 'curl', '-f', 'http://localhost/'], interval: '30s', timeout: '10s', retries: 3, start_period: '10s' };

export const composeHealthcheck: Rule = {
  meta: {
    id: 'compose-healthcheck-missing',
    flavor: 'compose',
    severity: 'information',
    title: { en: 'No healthcheck', ko: '헬스 체크 없음' },
    message: {
      en: 'Service "{0}" has no healthcheck (or it is disabled): Compose only knows the process runs, not that it serves. Add a healthcheck (test, interval, timeout, retries, start_period) with a command the image has.',
      ko: '서비스 "{0}"에 헬스 체크가 없거나 꺼져 있습니다. Compose는 프로세스가 실행 중인지만 알 뿐 요청을 처리할 수 있는지는 모릅니다. 이미지에 있는 명령으로 healthcheck(test, interval, timeout, retries, start_period)를 추가하세요.',
    },
    help: {
      en: 'A healthcheck lets Compose report the container as healthy/unhealthy and lets dependants wait with depends_on condition: service_healthy. Images may define one (Dockerfile HEALTHCHECK); then this finding can be suppressed.',
      ko: '헬스 체크가 있으면 Compose가 컨테이너를 healthy/unhealthy로 판단하고, 의존하는 서비스가 depends_on의 condition: service_healthy로 기다릴 수 있습니다. 이미지에 HEALTHCHECK가 있다면 이 진단을 끄면 됩니다.',
    },
    lessonField: 'compose:services.*.healthcheck',
    anchors: ['C01', 'KICS healthcheck_not_set', 'Checkov CKV_DOCKER_2'],
  },
  check(ctx) {
    const oneShot = oneShotServices(ctx);
    for (const s of servicesOf(ctx)) {
      if (!isCompleteService(s, ctx) || oneShot.has(s.name)) continue;
      const state = healthcheckState(s, ctx);
      if (state === 'enabled') continue;
      const found = lookup(s.node, 'healthcheck', ctx.yaml);
      const at = (found.own?.key ?? s.keyNode) as Node;
      ctx.report(
        lazyFixes({ start: at.range![0], end: at.range![1], args: [s.name, state], lessonPath: ['services', s.name, 'healthcheck'] }, () => {
          const edit = state === 'absent' && !found.own && editableAt(s.node, ['healthcheck'], ctx.yaml) ? ensureEntries(ctx.model.text, s.node, [], { healthcheck: HEALTHCHECK_SKELETON }) : undefined;
          return edit ? [{ title: { en: 'Add a healthcheck skeleton (replace the test command with one the image has)', ko: '헬스 체크 뼈대 추가 (test 명령은 이미지에 있는 것으로 직접 교체)' }, edits: [edit] }] : [];
        }),
      );
    }
  },
};

function hasValue(node: Node | undefined): boolean {
  if (!node) return false;
  const v = isScalar(node) ? (node as Scalar).value : node;
  return v !== null && v !== undefined && v !== '' && v !== 0 && v !== '0';
}

export const composeResourceLimits: Rule = {
  meta: {
    id: 'compose-resource-limits-missing',
    flavor: 'compose',
    severity: 'warning',
    title: { en: 'No memory limit', ko: '메모리 제한 없음' },
    message: {
      en: 'Service "{0}" has no memory limit: one leak can exhaust the host. Set deploy.resources.limits (memory, cpus).',
      ko: '서비스 "{0}"에 메모리 제한이 없습니다. 메모리 누수 하나로 호스트 메모리가 바닥날 수 있습니다. deploy.resources.limits(memory, cpus)를 설정하세요.',
    },
    help: {
      en: 'deploy.resources.limits sets the container cgroup limits: memory (OOM-killed above it), cpus (CPU quota), pids (process count). mem_limit/cpus are the older per-service spellings.',
      ko: 'deploy.resources.limits는 컨테이너의 cgroup 제한을 정합니다. memory(넘으면 OOM으로 종료), cpus(CPU 할당량), pids(프로세스 수)를 쓸 수 있습니다. 서비스 바로 아래에 쓰는 mem_limit/cpus는 예전 표기입니다.',
    },
    lessonField: 'compose:services.*.deploy.resources',
    anchors: ['C02', 'KICS memory_not_limited', 'KICS cpus_not_limited'],
  },
  check(ctx) {
    for (const s of servicesOf(ctx)) {
      if (!isCompleteService(s, ctx)) continue;
      const limits = lookupIn(s.node, ['deploy', 'resources', 'limits'], ctx.yaml);
      if (hasValue(lookup(limits, 'memory', ctx.yaml).value) || hasValue(lookup(s.node, 'mem_limit', ctx.yaml).value)) continue;
      const deployKey = lookup(s.node, 'deploy', ctx.yaml).own?.key as Node | undefined;
      const at = deployKey ?? s.keyNode;
      ctx.report(
        lazyFixes({ start: at.range![0], end: at.range![1], args: [s.name], lessonPath: ['services', s.name, 'deploy', 'resources', 'limits', 'memory'] }, () => {
          const fixes: Fix[] = [];
          if (editableAt(s.node, ['deploy', 'resources', 'limits'], ctx.yaml)) {
            const hasCpus = hasValue(lookup(limits, 'cpus', ctx.yaml).value) || hasValue(lookup(s.node, 'cpus', ctx.yaml).value);
            const entries: Record<string, unknown> = hasCpus ? { memory: '512M' } : { cpus: '0.50', memory: '512M' };
            const memoryPair = isMap(limits) ? lookup(limits, 'memory', ctx.yaml).own : undefined;
            const edit = memoryPair ? undefined : ensureEntries(ctx.model.text, s.node, ['deploy', 'resources', 'limits'], entries);
            if (edit) fixes.push({ title: { en: 'Add deploy.resources.limits (edit the values)', ko: 'deploy.resources.limits 추가 (값은 직접 조정)' }, edits: [edit], preferred: true });
          }
          return fixes;
        }),
      );
    }
  },
};

export const composeRestartPolicy: Rule = {
  meta: {
    id: 'compose-restart-policy-missing',
    flavor: 'compose',
    severity: 'hint',
    title: { en: 'No restart policy', ko: '재시작 정책 없음' },
    message: {
      en: 'Service "{0}" has no restart policy (default "no"): it stays down after a crash or a host reboot. Set restart: unless-stopped (or on-failure).',
      ko: '서비스 "{0}"에 재시작 정책이 없습니다 (기본값 "no"). 장애가 나거나 호스트가 재부팅되면 다시 시작되지 않습니다. restart: unless-stopped(또는 on-failure)를 설정하세요.',
    },
    help: {
      en: 'restart decides what the engine does when the container exits: "no", always, on-failure[:N], unless-stopped. deploy.restart_policy is the swarm form.',
      ko: 'restart는 컨테이너가 종료됐을 때 엔진이 할 일을 정합니다. 값은 "no", always, on-failure[:N], unless-stopped 중 하나입니다. deploy.restart_policy는 Swarm용 표기입니다.',
    },
    lessonField: 'compose:services.*.restart',
    anchors: ['C11', 'KICS restart_policy_on_failure_not_set_to_5 (partial)'],
  },
  check(ctx) {
    const oneShot = oneShotServices(ctx);
    for (const s of servicesOf(ctx)) {
      if (!isCompleteService(s, ctx) || oneShot.has(s.name)) continue;
      const restart = lookup(s.node, 'restart', ctx.yaml);
      if (restart.value || restart.own || lookupIn(s.node, ['deploy', 'restart_policy'], ctx.yaml)) continue;
      ctx.report(
        lazyFixes({ start: s.keyNode.range![0], end: s.keyNode.range![1], args: [s.name], lessonPath: ['services', s.name, 'restart'] }, () => {
          const edit = ensureEntries(ctx.model.text, s.node, [], { restart: 'unless-stopped' });
          return edit ? [{ title: { en: 'Set restart: unless-stopped', ko: 'restart: unless-stopped로 설정' }, edits: [edit] }] : [];
        }),
      );
    }
  },
};

export const composeDependsOnCondition: Rule = {
  meta: {
    id: 'compose-depends-on-without-condition',
    flavor: 'compose',
    severity: 'information',
    title: { en: 'depends_on waits only for start', ko: 'depends_on이 시작만 기다림' },
    message: {
      en: 'Service "{0}" depends on {1} without a readiness condition: Compose starts it as soon as the container runs, not when it is ready. Use the long form with condition: service_healthy (the dependency needs a healthcheck).',
      ko: '서비스 "{0}"{이/가} {1}에 준비 조건 없이 의존합니다. Compose는 의존 대상 컨테이너가 실행되자마자 이 서비스를 시작할 뿐, 준비될 때까지 기다리지 않습니다. condition: service_healthy를 쓰는 긴 형식을 사용하세요 (의존 대상에 헬스 체크가 필요합니다).',
    },
    help: {
      en: 'The short form depends_on: [db] equals condition: service_started. With condition: service_healthy Compose waits until the dependency\'s healthcheck passes; service_completed_successfully waits for a one-shot job to finish.',
      ko: '짧은 형식 depends_on: [db]는 condition: service_started와 같습니다. condition이 service_healthy이면 의존 대상의 헬스 체크가 통과할 때까지, service_completed_successfully이면 일회성 작업이 끝날 때까지 기다립니다.',
    },
    lessonField: 'compose:services.*.depends_on',
    anchors: ['C12', 'Docker docs: Control startup and shutdown order'],
  },
  check(ctx) {
    const services = servicesOf(ctx);
    const healthy = healthyServices(ctx);
    const conditionOf = (name: string) => (healthy.has(name) ? 'service_healthy' : 'service_started');
    for (const s of services) {
      const found = lookup(s.node, 'depends_on', ctx.yaml);
      const deps = found.value;
      if (isSeq(deps)) {
        const names = (deps as unknown as { items: Node[] }).items.map((n) => scalarText(n)).filter((n): n is string => !!n);
        if (names.length === 0) continue;
        const at = (found.own?.key ?? s.keyNode) as Node;
        ctx.report(
          lazyFixes({ start: at.range![0], end: at.range![1], args: [s.name, names.join(', ')], lessonPath: ['services', s.name, 'depends_on'] }, () => {
            const own = found.own && found.own.value === deps && editableAt(s.node, ['depends_on'], ctx.yaml);
            const edits = own ? dependsOnToLongForm(ctx.model.text, deps, found.own!.key as Node, conditionOf) : undefined;
            return edits ? [{ title: { en: 'Convert depends_on to the long form with conditions', ko: 'depends_on을 condition이 있는 긴 형식으로 변환' }, edits, preferred: true }] : [];
          }),
        );
      } else if (isMap(deps)) {
        for (const p of (deps as YAMLMap<Node, Node | null>).items as Pair<Node, Node | null>[]) {
          const name = scalarText(p.key);
          if (!name || !healthy.has(name)) continue;
          const cond = lookup(p.value, 'condition', ctx.yaml);
          if (scalarText(cond.value) !== 'service_started' || !cond.own || !isScalar(cond.own.value)) continue;
          const edit = replaceNode(cond.own.value as Node, 'service_healthy');
          const at = cond.own.value as Node;
          ctx.report({
            start: at.range![0],
            end: at.range![1],
            args: [s.name, name],
            lessonPath: ['services', s.name, 'depends_on', name, 'condition'],
            fixes: edit && found.own ? [{ title: { en: 'Wait for service_healthy', ko: 'service_healthy까지 대기' }, edits: [edit], preferred: true }] : [],
          });
        }
      }
    }
  },
};
