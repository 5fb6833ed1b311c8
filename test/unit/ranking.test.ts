import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseConcepts } from '../../server/src/lessons/concepts';
import { matchPattern, parseFieldPattern } from '../../server/src/lessons/fieldPattern';
import { buildLinkCorpus } from '../../server/src/lessons/linkCorpus';
import { parseLesson } from '../../server/src/lessons/parseLesson';
import { rankLinks } from '../../server/src/lessons/rankLinks';
import { fieldAt } from '../../server/src/features/fieldAt';
import { parseManifest } from '../../server/src/model/manifestModel';
import { createFieldDocs } from '../../server/src/schema/fieldDocs';
import { normalizeSettings } from '../../server/src/settings';

const fieldDocs = createFieldDocs(path.resolve(__dirname, '..', '..', '..', 'dist', 'field-docs'));

test('field patterns: suffix, kind-anchored, compose, ancestors', () => {
  const target = { flavor: 'kubernetes' as const, kind: 'Deployment', gen: ['spec', 'template', 'spec', 'securityContext', 'runAsNonRoot'] };
  assert.deepEqual(matchPattern(parseFieldPattern('securityContext.runAsNonRoot')!, target), { exact: true, depth: 0 });
  assert.deepEqual(matchPattern(parseFieldPattern('securityContext')!, target), { exact: false, depth: 1 });
  assert.equal(matchPattern(parseFieldPattern('containers.securityContext.runAsNonRoot')!, target), undefined);
  assert.equal(matchPattern(parseFieldPattern('StatefulSet:spec')!, target), undefined);
  assert.deepEqual(matchPattern(parseFieldPattern('Deployment:')!, target), { exact: false, depth: 5 });
  assert.equal(matchPattern(parseFieldPattern('compose:services.*.pid')!, target), undefined);
  const compose = { flavor: 'compose' as const, gen: ['services', 'web', 'healthcheck', 'test'] };
  assert.deepEqual(matchPattern(parseFieldPattern('compose:services.*.healthcheck')!, compose), { exact: false, depth: 1 });
  assert.equal(matchPattern(parseFieldPattern('healthcheck')!, compose), undefined);
  assert.equal(parseFieldPattern('a..b'), undefined);
  assert.equal(parseFieldPattern('bad prefix:x'), undefined);
});

test('concepts.yaml parsing reports bad entries and keeps good ones', () => {
  const { concepts, problems } = parseConcepts('concepts:\n  - id: a\n    ko: [헬스 체크]\n    k8s: [livenessProbe, "a..b"]\n  - 3\n  - id: empty\n');
  assert.equal(concepts.length, 1);
  assert.equal(concepts[0].label, '헬스 체크');
  assert.equal(problems.length, 2);
  assert.deepEqual(parseConcepts(': : :').concepts, []);
});

const course = [
  parseLesson(
    [
      '---', 'week: 2', 'day: 3', 'session: 8', '---', '# 설계',
      '## 보안 강화 배포', '```yaml', 'apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: a}', 'spec:', '  template:', '    spec:',
      '      securityContext:', '        runAsNonRoot: true', '      containers:', '      - name: a', '        image: a:1', '        readinessProbe:', '          httpGet: {path: /, port: 80}', '```',
      '## 헬스 체크 이야기', '헬스 체크는 중요합니다. 헬스 체크를 구현하세요.',
      '## 잡담', 'runAsNonRoot 라는 단어를 언급만 합니다.',
    ].join('\n'),
    { uri: 'file:///course/a.md' },
  ),
  parseLesson(['# 노트', '## 필드 노트', '<!-- lesson-aware: fields=hostPID -->', '호스트 PID.'].join('\n'), { uri: 'file:///course/b.md' }),
];
const { concepts } = parseConcepts('concepts:\n  - id: hc\n    ko: [헬스 체크]\n    k8s: [readinessProbe, livenessProbe]\n    compose: [services.*.healthcheck]\n');
const corpus = buildLinkCorpus(course, concepts, fieldDocs);

function linksFor(text: string, uri = 'file:///w/deploy.yaml') {
  const offset = text.indexOf('|');
  const model = parseManifest(uri, 1, text.slice(0, offset) + text.slice(offset + 1));
  const found = fieldAt(model, offset, fieldDocs);
  assert.ok(found, 'no field at cursor');
  return rankLinks(corpus, found.query);
}

test('an example that uses the field beats a section that only mentions it', () => {
  const links = linksFor('apiVersion: apps/v1\nkind: StatefulSet\nspec:\n  template:\n    spec:\n      securityContext:\n        runAs|NonRoot: true\n');
  assert.equal(links[0].sectionTitle, '보안 강화 배포');
  assert.ok(links[0].reasons.includes('example'));
  const mention = links.find((l) => l.sectionTitle === '잡담');
  assert.ok(mention && mention.score < links[0].score && mention.reasons.includes('mention'));
  for (const l of links) assert.ok(l.score > 0 && l.score <= 1);
});

test('kind-aware: a Deployment example teaches the CronJob pod template field too', () => {
  const links = linksFor('apiVersion: batch/v1\nkind: CronJob\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          securityContext:\n            runAsNon|Root: true\n');
  assert.equal(links[0].sectionTitle, '보안 강화 배포');
});

test('a marker is the strongest evidence', () => {
  const links = linksFor('apiVersion: v1\nkind: Pod\nspec:\n  host|PID: true\n');
  assert.equal(links[0].sectionTitle, '필드 노트');
  assert.equal(links[0].score, 1);
  assert.deepEqual(links[0].reasons, ['marker']);
});

test('concept terms link Compose fields the examples never show', () => {
  const links = linksFor('services:\n  web:\n    health|check:\n      test: [CMD, true]\n', 'file:///w/compose.yaml');
  assert.equal(links[0].sectionTitle, '헬스 체크 이야기');
  assert.deepEqual(links[0].reasons, ['concept:헬스 체크']);
});

test('a field nothing teaches gets no links', () => {
  assert.deepEqual(linksFor('apiVersion: v1\nkind: Service\nspec:\n  sessionAffinity|Config: {}\n'), []);
});

test('settings are normalised: wrong types fall back to defaults', () => {
  const elsewhereDefault = { kubernetes: [], compose: [], modelines: false };
  assert.deepEqual(normalizeSettings(undefined), {
    lessonFolders: [], includeBundledLessons: true, rules: {}, hover: { fieldDocs: true }, locale: 'auto',
    codeLens: { enabled: true }, diagnostics: { schemaValidatedElsewhere: elsewhereDefault },
  });
  const s = normalizeSettings({
    lessonFolders: ['a', 3, ''], includeBundledLessons: 'no', rules: { x: 'error', y: 'loud' }, 'hover.fieldDocs': false, locale: 'ko',
    codeLens: { enabled: 'off' }, diagnostics: { schemaValidatedElsewhere: { kubernetes: [['k8s/**'], 'x', [3, '']], compose: 'no', modelines: 'yes' } },
  });
  assert.deepEqual(s, {
    lessonFolders: ['a'], includeBundledLessons: true, rules: { x: 'error' }, hover: { fieldDocs: false }, locale: 'ko',
    codeLens: { enabled: true }, diagnostics: { schemaValidatedElsewhere: { kubernetes: [['k8s/**']], compose: [], modelines: false } },
  });
  // VS Code's flattened dotted keys are read too.
  assert.equal(normalizeSettings({ 'codeLens.enabled': false }).codeLens.enabled, false);
});
