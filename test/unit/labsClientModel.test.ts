/** Labs client, pure view model: the Labs view rows, the start quick pick, the finish message. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LabState, LabSummary, LessonSummary } from '../../server/src/protocol';
import { finishMessage, isLabId, labPickItems, labViews, lessonBreadcrumb, nextStep, plainText, progressText } from '../../client/src/labs/labsModel';

const lessonUri = 'file:///ext/lessons/w2-d3-s8-kubernetes-orchestration.md';
const lessons: LessonSummary[] = [
  {
    lessonUri,
    title: 'Kubernetes 오케스트레이션',
    course: { week: 2, day: 3, session: 8 },
    sections: [{ title: '보안 컨텍스트', slug: '보안-컨텍스트', level: 2, line: 40 }],
  },
];

function lab(id: string, overrides: Partial<LabSummary> = {}): LabSummary {
  return {
    id,
    title: `Lab ${id}`,
    labUri: `file:///ext/lessons/labs/${id}/`,
    lesson: { lessonUri, sectionSlug: '보안-컨텍스트' },
    minutes: 20,
    order: 1,
    introduction: 'intro',
    starterFiles: ['deployment.yaml'],
    steps: [
      { id: 'run-as-non-root', title: '루트가 아닌 사용자로 실행하기', instructions: '…', hint: { lessonUri, sectionSlug: '실행-사용자' } },
      { id: 'drop-capabilities', title: '모든 capability 버리기', instructions: '…' },
    ],
    ...overrides,
  };
}

function state(labId: string, passed: Record<string, boolean>, reasons: Record<string, string> = {}): LabState {
  const steps = Object.entries(passed).map(([id, ok]) => ({ id, passed: ok, ...(reasons[id] ? { reason: reasons[id] } : {}) }));
  const passedCount = steps.filter((s) => s.passed).length;
  return { labId, folderUri: `file:///ws/labs/${labId}`, steps, passedCount, total: steps.length, complete: passedCount === steps.length };
}

test('a started lab shows n/total, ticks and the failing reason of each step', () => {
  const states = new Map([['harden', state('harden', { 'run-as-non-root': true, 'drop-capabilities': false }, { 'drop-capabilities': 'deployment.yaml: Deployment web: capabilities.drop has no ALL' })]]);
  const [view] = labViews([lab('harden')], states, new Set(['harden']));
  assert.equal(view.started, true);
  assert.equal(view.evaluated, true);
  assert.equal(progressText(view), '1/2');
  assert.equal(view.complete, false);
  assert.deepEqual(view.steps.map((s) => [s.stepId, s.passed, s.reason]), [
    ['run-as-non-root', true, undefined],
    ['drop-capabilities', false, 'deployment.yaml: Deployment web: capabilities.drop has no ALL'],
  ]);
  assert.equal(view.steps[0].hint?.sectionSlug, '실행-사용자');
  assert.equal(view.steps[1].instructionsSlug, '모든-capability-버리기', 'the step section slug in lab.md keeps Hangul');
});

test('steps follow lab.md: a state step lab.md lacks is dropped, a missing one is not passed', () => {
  const states = new Map([['harden', state('harden', { 'run-as-non-root': true, 'old-step': true })]]);
  const [view] = labViews([lab('harden')], states, new Set(['harden']));
  assert.deepEqual(view.steps.map((s) => s.stepId), ['run-as-non-root', 'drop-capabilities']);
  assert.equal(view.passedCount, 1);
  assert.equal(view.total, 2);
  const all = labViews([lab('harden')], new Map([['harden', state('harden', { 'run-as-non-root': true, 'drop-capabilities': true })]]), new Set(['harden']))[0];
  assert.equal(all.complete, true);
  assert.equal(labViews([lab('empty', { steps: [] })], new Map(), new Set(['empty']))[0].complete, false, 'a lab without steps is never complete');
});

test('a lab not started ignores any state and shows no progress', () => {
  const states = new Map([['harden', state('harden', { 'run-as-non-root': true, 'drop-capabilities': true })]]);
  const [view] = labViews([lab('harden')], states, new Set());
  assert.equal(view.started, false);
  assert.equal(view.evaluated, false);
  assert.equal(view.passedCount, 0);
  assert.ok(view.steps.every((s) => !s.passed && s.reason === undefined));
});

const words = {
  week: (n: number) => `Week ${n}`,
  day: (n: number) => `Day ${n}`,
  session: (n: number) => `Session ${n}`,
  minutes: (n: number) => `${n} min`,
  progress: (p: number, total: number) => `${p} of ${total} steps done`,
  complete: 'complete',
};

test('quick pick rows: title, minutes and lesson breadcrumb, progress only when started', () => {
  const labs = [lab('harden'), lab('probes', { minutes: undefined, lesson: undefined })];
  const views = labViews(labs, new Map([['harden', state('harden', { 'run-as-non-root': true, 'drop-capabilities': false })]]), new Set(['harden']));
  const items = labPickItems(labs, views, lessons, words);
  assert.deepEqual(items[0], {
    labId: 'harden',
    label: 'Lab harden',
    description: '20 min · Week 2 › Day 3 › Session 8 › 보안 컨텍스트',
    detail: '1 of 2 steps done',
  });
  assert.deepEqual(items[1], { labId: 'probes', label: 'Lab probes', description: '', detail: '' });
  const done = labViews(labs, new Map([['harden', state('harden', { 'run-as-non-root': true, 'drop-capabilities': true })]]), new Set(['harden']));
  assert.equal(labPickItems(labs, done, lessons, words)[0].detail, 'complete');
});

test('breadcrumb: the resolved section title wins, a percent-encoded URI still finds its lesson, unknown lessons give the section only', () => {
  const encoded = { lessonUri: 'file:///ext/lessons/w2-d3-s8-kubernetes-orchestration.md'.replace('orchestration', 'orchestr%61tion'), sectionSlug: '보안-컨텍스트' };
  assert.equal(lessonBreadcrumb(encoded, lessons, words), 'Week 2 › Day 3 › Session 8 › 보안 컨텍스트');
  assert.equal(lessonBreadcrumb({ lessonUri, sectionSlug: 'x', sectionTitle: '실행 사용자' }, lessons, words), 'Week 2 › Day 3 › Session 8 › 실행 사용자');
  assert.equal(lessonBreadcrumb({ lessonUri: 'file:///other.md', sectionSlug: 'x', sectionTitle: 'Somewhere' }, lessons, words), 'Somewhere');
  assert.equal(lessonBreadcrumb(undefined, lessons, words), '');
});

test('the hint goes to the first step not passed yet', () => {
  const [view] = labViews([lab('harden')], new Map([['harden', state('harden', { 'run-as-non-root': true, 'drop-capabilities': false })]]), new Set(['harden']));
  assert.equal(nextStep(view)?.stepId, 'drop-capabilities');
  const [fresh] = labViews([lab('harden')], new Map(), new Set(['harden']));
  assert.equal(nextStep(fresh)?.stepId, 'run-as-non-root');
});

test('finish message: step titles practised and the closing text as plain text, bounded', () => {
  const message = finishMessage(lab('harden', { closing: '이제 **보안 컨텍스트**를 [레슨](../../w2.md#x)에서 다시 보세요.\n\n```yaml\nkind: Pod\n```\n' }), {
    complete: (title, steps) => `Lab complete: ${title}. You practised: ${steps}.`,
  });
  assert.equal(message, 'Lab complete: Lab harden. You practised: 루트가 아닌 사용자로 실행하기, 모든 capability 버리기. 이제 보안 컨텍스트를 레슨에서 다시 보세요.');
  const long = finishMessage(lab('harden', { closing: 'x'.repeat(2000) }), { complete: (t) => t }, 100);
  assert.equal(long.length, 100);
  assert.ok(long.endsWith('…'));
  assert.equal(plainText('## 마치며\n- one\n- `two`'), '마치며 one two');
});

test('lab ids are kebab-case folder names; anything else is refused', () => {
  for (const ok of ['harden', 'deploy-2', 'a-b-c']) assert.ok(isLabId(ok), ok);
  for (const bad of ['', '../x', 'a/b', 'A', 'a_b', '-a', 'a-', 'a--b', 3, undefined, { labId: 'x' }]) assert.ok(!isLabId(bad), String(bad));
});
