/** Code lenses: one per Kubernetes resource / Compose service naming its lesson, plus findings with lessons. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codeLenses, compactCourse, lensBreadcrumb, resourceAnchors, summarizeFindings } from '../../server/src/features/codeLens';
import { toDiagnostics } from '../../server/src/features/diagnostics';
import { parseConcepts } from '../../server/src/lessons/concepts';
import { buildLinkCorpus } from '../../server/src/lessons/linkCorpus';
import { parseLesson } from '../../server/src/lessons/parseLesson';
import { parseManifest } from '../../server/src/model/manifestModel';
import { runRules } from '../../server/src/rules/engine';
import { allRules } from '../../server/src/rules/registry';
import { bundledLessonCorpus, fieldDocs } from '../helpers/ruleHarness';

const course = [
  parseLesson(
    [
      '---', 'week: 2', 'day: 3', 'session: 8', '---', '# 오케스트레이션',
      '## 보안 강화 배포', '```yaml', 'apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: a}', 'spec:', '  template:', '    spec:',
      '      containers:', '      - name: a', '        image: a:1', '```',
      '## Deployment와 ReplicaSet', 'Deployment는 ReplicaSet을 관리합니다.', '```yaml', 'apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: b}', 'spec:', '  replicas: 2', '```',
      '## 서비스 디스커버리', '<!-- lesson-aware: fields=Service: -->', 'Service는 Pod 앞의 고정 주소입니다.',
      '## 컨테이너 보안', '<!-- lesson-aware: fields=securityContext, rules=k8s-run-as-non-root -->', 'root로 실행하지 마세요.',
    ].join('\n'),
    { uri: 'file:///course/w2.md' },
  ),
  parseLesson(['# Compose 노트', '## `services`: 서비스 하나하나', '<!-- lesson-aware: fields=compose:services -->', '서비스 정의.'].join('\n'), { uri: 'file:///course/compose.md' }),
];
const corpus = buildLinkCorpus(course, parseConcepts('concepts: []').concepts, fieldDocs);

const multiDoc = [
  '# a comment before the first resource',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: web',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '      - name: web',
  '        image: nginx:1.27',
  '---',
  'apiVersion: v1',
  'kind: Service',
  'metadata:',
  '  name: web',
  '---',
  'just: a plain yaml document',
  '---',
  'kind: [broken',
  '---',
  '- a list, not a resource',
  '',
].join('\n');

test('multi-document file: a lens above each resource, none for plain, list or broken documents', () => {
  const model = parseManifest('file:///w/app.yaml', 1, multiDoc);
  const lenses = codeLenses(model, { corpus, fieldDocs, lang: 'en' });
  assert.deepEqual(
    lenses.map((l) => [l.kind, multiDoc.slice(l.start, l.end), l.title]),
    [
      // Both sections use a Deployment in their examples; the one whose heading names the kind explains it.
      ['lesson', 'apiVersion', '📖 W2D3S8 › Deployment와 ReplicaSet'],
      ['lesson', 'apiVersion', '📖 W2D3S8 › 서비스 디스커버리'],
    ],
  );
  // The lens sits on the first key of its document (after the leading comment), not on a `---` line.
  assert.equal(lenses[0].start, multiDoc.indexOf('apiVersion: apps/v1'));
  assert.equal(lenses[1].start, multiDoc.indexOf('apiVersion: v1'));
  assert.deepEqual(lenses[1].args, { lessonUri: 'file:///course/w2.md', sectionSlug: '서비스-디스커버리', line: course[0].sections.find((s) => s.slug === '서비스-디스커버리')!.line });
  assert.match(lenses[0].tooltip, /^Open lesson: Week 2 › Day 3 › Session 8 › Deployment와 ReplicaSet$/);
  assert.deepEqual(resourceAnchors(model).map((a) => a.key), ['k8s:0:Deployment', 'k8s:1:Service']);
});

test('no lenses for a plain YAML file, an empty file or a kind no lesson explains', () => {
  for (const text of ['', 'a: 1\nb: [1, 2]\n', 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n', ': : :\n  - [\n']) {
    const model = parseManifest('file:///w/x.yaml', 1, text);
    assert.deepEqual(codeLenses(model, { corpus, fieldDocs, lang: 'en' }), [], JSON.stringify(text));
  }
  // The CRD still is a resource (findings could be counted on it); it just has no lesson.
  assert.equal(resourceAnchors(parseManifest('file:///w/x.yaml', 1, 'apiVersion: example.com/v1\nkind: Widget\n')).length, 1);
});

test('Compose: one lens above each service key, none for top-level keys', () => {
  const text = 'services:\n  web:\n    image: nginx:1.27\n  db:\n    image: postgres:16\nvolumes:\n  data: {}\n';
  const model = parseManifest('file:///w/compose.yaml', 1, text);
  const lenses = codeLenses(model, { corpus, fieldDocs, lang: 'ko' });
  assert.deepEqual(lenses.map((l) => text.slice(l.start, l.end)), ['web', 'db']);
  for (const lens of lenses) {
    assert.equal(lens.title, '📖 Compose 노트 › services: 서비스 하나하나');
    assert.equal(lens.args.lessonUri, 'file:///course/compose.md');
    assert.match(lens.tooltip, /^레슨 열기: Compose 노트 › `?services`?: 서비스 하나하나$/);
  }
  assert.deepEqual(resourceAnchors(model).map((a) => a.key), ['compose:web', 'compose:db']);
});

test('findings with lessons: counted per resource, hints left out, the most severe one opens (en and ko)', () => {
  const text = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: web}',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '      - name: web',
    '        image: nginx:latest',
    '        securityContext:',
    '          privileged: true',
    '---',
    'apiVersion: v1',
    'kind: Service',
    'metadata: {name: web}',
    '',
  ].join('\n');
  const model = parseManifest('file:///w/app.yaml', 1, text);
  const linked = toDiagnostics(model, runRules(model, { rules: allRules, fieldDocs }), { corpus, fieldDocs, lang: 'en' });
  const withLesson = linked.filter((l) => l.lesson && l.finding.severity !== 'hint' && l.finding.start < text.indexOf('---'));
  assert.ok(withLesson.length >= 2, `findings with lessons: ${linked.map((l) => l.finding.ruleId).join(', ')}`);
  const summaries = summarizeFindings(resourceAnchors(model), linked);
  assert.equal(summaries.get('k8s:0:Deployment')?.count, withLesson.length);
  assert.equal(summaries.get('k8s:0:Deployment')?.worst.severity, 'error');
  assert.equal(summaries.has('k8s:1:Service'), false);

  const en = codeLenses(model, { corpus, fieldDocs, lang: 'en', findings: summaries }).filter((l) => l.kind === 'findings');
  assert.equal(en.length, 1);
  assert.equal(en[0].title, `⚠ ${withLesson.length} findings`);
  assert.equal(en[0].start, 0);
  const worst = summaries.get('k8s:0:Deployment')!.worst;
  assert.deepEqual(en[0].args, { lessonUri: worst.lesson.lessonUri, sectionSlug: worst.lesson.sectionSlug, line: worst.lesson.line });
  assert.match(en[0].tooltip, new RegExp(`^Most severe: ${worst.title.en}\\. Opens its lesson: .+ › .+`));
  const ko = codeLenses(model, { corpus, fieldDocs, lang: 'ko', findings: summaries }).filter((l) => l.kind === 'findings');
  assert.equal(ko[0].title, `⚠ 문제 ${withLesson.length}개`);
  assert.match(ko[0].tooltip, new RegExp(`^가장 심각한 문제: ${worst.title.ko}\\. 레슨 열기: `));

  // One finding reads in the singular; a summary for a resource no longer in the file shows nothing.
  const one = new Map([['k8s:0:Deployment', { count: 1, worst }], ['k8s:7:Gone', { count: 4, worst }]]);
  assert.deepEqual(codeLenses(model, { corpus, fieldDocs, lang: 'en', findings: one }).filter((l) => l.kind === 'findings').map((l) => l.title), ['⚠ 1 finding']);
});

test('Compose findings belong to the service they are in', () => {
  const text = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n  db:\n    image: postgres:16\n';
  const model = parseManifest('file:///w/compose.yaml', 1, text);
  const linked = toDiagnostics(model, runRules(model, { rules: allRules, fieldDocs }), { corpus: bundledLessonCorpus(), fieldDocs, lang: 'en' });
  const summaries = summarizeFindings(resourceAnchors(model), linked);
  const inWeb = linked.filter((l) => l.lesson && l.finding.severity !== 'hint' && l.finding.start < text.indexOf('  db:')).length;
  const inDb = linked.filter((l) => l.lesson && l.finding.severity !== 'hint' && l.finding.start >= text.indexOf('  db:')).length;
  assert.ok(inWeb > inDb, `web ${inWeb}, db ${inDb}`);
  assert.equal(summaries.get('compose:web')?.count, inWeb);
  assert.equal(summaries.get('compose:web')?.worst.title.en, 'Privileged container');
  assert.equal(summaries.get('compose:db')?.count, inDb || undefined);
});

test('the bundled course: every common kind gets a lesson lens with a compact breadcrumb', () => {
  const bundled = bundledLessonCorpus();
  const text = ['Deployment', 'Service', 'NetworkPolicy', 'HorizontalPodAutoscaler']
    .map((kind) => `apiVersion: ${kind === 'Service' ? 'v1' : kind === 'Deployment' ? 'apps/v1' : kind === 'NetworkPolicy' ? 'networking.k8s.io/v1' : 'autoscaling/v2'}\nkind: ${kind}\nmetadata: {name: x}\n`)
    .join('---\n');
  const lenses = codeLenses(parseManifest('file:///w/all.yaml', 1, text), { corpus: bundled, fieldDocs, lang: 'en' });
  assert.equal(lenses.length, 4);
  for (const lens of lenses) assert.match(lens.title, /^📖 W\dD\dS\d › .{1,40}$/u);
  assert.match(lenses[3].title, /HPA/);
});

test('breadcrumb pieces: compact course, lesson title without one, long titles shortened', () => {
  assert.equal(compactCourse({ week: 2, day: 3, session: 8 }), 'W2D3S8');
  assert.equal(compactCourse({ week: 1 }), 'W1');
  assert.equal(compactCourse(undefined), undefined);
  assert.equal(compactCourse({}), undefined);
  const long = 'spec.selector와 template.metadata.labels: 선언적 구성과 컨트롤러';
  const text = lensBreadcrumb({ course: { week: 1, day: 5, session: 6 }, lessonTitle: 'x', sectionPath: ['a', long], sectionTitle: long });
  assert.equal(text, 'W1D5S6 › spec.selector와 template.metadata.labels…');
  assert.equal(lensBreadcrumb({ lessonTitle: 'An instructor’s own lesson without a position', sectionPath: [], sectionTitle: '`hostPID`' }), 'An instructor’s own les… › hostPID');
});
