/**
 * Catalog K27: Pod Security Admission labels on a Namespace (`pod-security.kubernetes.io/<mode>[-version]`):
 * invalid levels, invalid versions, misspelled keys; plus a Namespace that audits/warns but enforces nothing.
 */
import type { Node, Pair } from 'yaml';
import { withParticle } from '../../koParticles';
import { replaceNode } from '../edits';
import type { Fix, Rule } from '../types';
import { asMap, getIn, keyRange, rangeOf, str } from '../yamlNodes';

const prefix = 'pod-security.kubernetes.io/';
const levels = ['privileged', 'baseline', 'restricted'];
const modes = ['enforce', 'audit', 'warn'];
const validKeys = [...modes, ...modes.map((m) => `${m}-version`)];

function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length][b.length];
}

/** The closest valid suffix within 3 edits, or undefined. */
function nearestKey(suffix: string): string | undefined {
  let best: string | undefined;
  let bestD = 4;
  for (const k of validKeys) {
    const d = distance(suffix.toLowerCase(), k);
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best;
}

/** Whether the key was meant as a Pod Security label (prefix possibly misspelled). */
function podSecurityKey(key: string): string | undefined {
  const slash = key.indexOf('/');
  if (slash < 0) return undefined;
  const p = key.slice(0, slash + 1);
  if (p === prefix) return key.slice(slash + 1);
  return distance(p.toLowerCase(), prefix) <= 2 ? key.slice(slash + 1) : undefined;
}

export const pssLabelInvalid: Rule = {
  meta: {
    id: 'k8s-pss-label-invalid',
    flavor: 'kubernetes',
    severity: 'error',
    title: { en: 'Invalid Pod Security label', ko: '잘못된 Pod Security 레이블' },
    message: {
      en: 'Namespace label {0}: {1} is not valid, so this policy is not applied. Expected {2}.',
      ko: '네임스페이스 레이블 {0}: {1}{은/는} 올바른 값이 아니어서 정책이 적용되지 않습니다. 쓸 수 있는 값: {2}.',
    },
    help: {
      en: 'Pod Security Admission reads pod-security.kubernetes.io/{enforce,audit,warn} with a level privileged|baseline|restricted and optional *-version labels (latest or vMAJOR.MINOR). A misspelled key is ignored and an invalid value falls back to the cluster default.',
      ko: 'Pod Security Admission은 pod-security.kubernetes.io/{enforce,audit,warn} 레이블의 privileged|baseline|restricted 값과 선택 사항인 *-version 레이블(latest 또는 vMAJOR.MINOR)을 읽습니다. 철자가 틀린 키는 무시되고, 잘못된 값은 클러스터 기본값으로 대체됩니다.',
    },
    lessonField: 'Namespace:metadata.labels',
    anchors: ['K27', 'pod-security-admission api/constants.go'],
  },
  check(ctx) {
    if (ctx.doc.kind !== 'Namespace') return;
    const labels = asMap(getIn(ctx.root, ['metadata', 'labels']));
    if (!labels) return;
    for (const pair of labels.items as Pair<Node, Node | null>[]) {
      const key = str(pair.key as Node);
      if (!key) continue;
      const suffix = podSecurityKey(key);
      if (suffix === undefined) continue;
      const value = str(pair.value) ?? '';
      const keyR = rangeOf(pair.key as Node);
      if (!keyR) continue;
      const lessonPath = ['metadata', 'labels', key];
      const correctKey = `${prefix}${suffix}`;
      if (key !== correctKey || !validKeys.includes(suffix)) {
        const near = validKeys.includes(suffix) ? suffix : nearestKey(suffix);
        const fixes: Fix[] = near ? [{ title: { en: `Rename to ${prefix}${near}`, ko: `${withParticle(prefix + near, '으로/로')} 이름 바꾸기` }, edits: [{ start: keyR[0], end: keyR[1], newText: `${prefix}${near}` }], preferred: true }] : [];
        const keyQuoted = /^["']/.test(ctx.model.text.slice(keyR[0], keyR[1]));
        ctx.report({ start: keyR[0], end: keyR[1], args: [key, key, validKeys.map((k) => prefix + k).join(', ')], lessonPath, fixes: keyQuoted ? [] : fixes });
        continue;
      }
      const valueNode = pair.value as Node | null;
      const valueRange = rangeOf(valueNode) ?? keyRange(labels, key);
      if (!valueRange) continue;
      if (suffix.endsWith('-version')) {
        if (value === 'latest' || /^v\d+\.\d+$/.test(value)) continue;
        // A plain `1.30` is the number 1.3 to YAML: read the version as written, not as parsed.
        const written = ctx.model.text.slice(valueRange[0], valueRange[1]).trim();
        const source = /^["']/.test(written) ? value.trim() : written;
        const fixed = source.toLowerCase() === 'latest' ? 'latest' : /^v?\d+\.\d+$/.test(source) ? `v${source.replace(/^v/, '')}` : undefined;
        const edit = fixed && valueNode && !/^["']/.test(ctx.model.text.slice(valueRange[0], valueRange[1])) ? replaceNode(valueNode, fixed) : undefined;
        ctx.report({ start: valueRange[0], end: valueRange[1], args: [key, `"${value}"`, 'latest | vMAJOR.MINOR (v1.30)'], lessonPath, fixes: edit ? [{ title: { en: `Use ${fixed}`, ko: `${fixed} 사용` }, edits: [edit], preferred: true }] : [] });
        continue;
      }
      if (levels.includes(value)) continue;
      const lower = value.trim().toLowerCase();
      const edit = levels.includes(lower) && valueNode ? replaceNode(valueNode, /^"/.test(ctx.model.text.slice(valueRange[0])) ? `"${lower}"` : /^'/.test(ctx.model.text.slice(valueRange[0])) ? `'${lower}'` : lower) : undefined;
      ctx.report({ start: valueRange[0], end: valueRange[1], args: [key, `"${value}"`, levels.join(' | ')], lessonPath, fixes: edit ? [{ title: { en: `Use ${lower}`, ko: `${lower} 사용` }, edits: [edit], preferred: true }] : [] });
    }
  },
};

export const pssEnforceMissing: Rule = {
  meta: {
    id: 'k8s-pss-enforce-missing',
    flavor: 'kubernetes',
    severity: 'information',
    title: { en: 'Pod Security audits but does not enforce', ko: 'Pod Security를 감사만 하고 강제하지 않음' },
    message: {
      en: 'Namespace "{0}" sets {1} but no pod-security.kubernetes.io/enforce: violating pods are still admitted. Add enforce when the workloads comply.',
      ko: '네임스페이스 "{0}"에는 {1} 레이블만 있고 pod-security.kubernetes.io/enforce 레이블이 없습니다. 정책을 위반하는 Pod도 그대로 생성됩니다. 워크로드가 정책을 지키게 되면 enforce 레이블을 추가하세요.',
    },
    help: {
      en: 'audit and warn only record or display violations; enforce rejects the pods. Starting with warn/audit is the documented rollout path; enforce is the goal.',
      ko: 'audit과 warn은 위반을 기록하거나 경고로 보여 줄 뿐이고, Pod를 거부하는 것은 enforce입니다. warn/audit으로 시작해 enforce로 넘어가는 것이 공식 문서가 권하는 도입 절차입니다.',
    },
    lessonField: 'Namespace:metadata.labels',
    anchors: ['K27', 'Pod Security Admission modes'],
  },
  check(ctx) {
    if (ctx.doc.kind !== 'Namespace') return;
    const labelsNode = getIn(ctx.root, ['metadata', 'labels']);
    const labels = asMap(labelsNode);
    if (!labels) return;
    const keys = labels.items.map((p) => str(p.key as Node) ?? '');
    if (keys.includes(`${prefix}enforce`)) return;
    const others = keys.filter((k) => k === `${prefix}audit` || k === `${prefix}warn`);
    if (!others.length) return;
    const range = keyRange(labels, others[0]);
    if (!range) return;
    ctx.report({ start: range[0], end: range[1], args: [ctx.doc.name ?? '', others.join(', ')], lessonPath: ['metadata', 'labels', `${prefix}enforce`] });
  },
};
