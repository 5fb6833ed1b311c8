import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitFrontMatter } from '../../server/src/lessons/frontMatter';
import { parseLesson } from '../../server/src/lessons/parseLesson';
import { githubSlug, SlugCounter } from '../../server/src/lessons/slug';

test('slugs are GitHub-style and keep Hangul', () => {
  assert.equal(githubSlug('1. 컨테이너 기술의 정의와 철학적 배경 (20분)'), '1-컨테이너-기술의-정의와-철학적-배경-20분');
  assert.equal(githubSlug('📍 교과과정에서의 위치'), '-교과과정에서의-위치');
  assert.equal(githubSlug('1. Namespaces (네임스페이스) - 격리 메커니즘'), '1-namespaces-네임스페이스---격리-메커니즘');
  assert.equal(githubSlug('Docker Swarm vs Kubernetes 비교 (15분)'), 'docker-swarm-vs-kubernetes-비교-15분');
  assert.equal(githubSlug('snake_case & `code`'), 'snake_case--code');
});

test('duplicate headings get -1, -2 suffixes', () => {
  const c = new SlugCounter();
  assert.deepEqual([c.next('개요'), c.next('개요'), c.next('개요')], ['개요', '개요-1', '개요-2']);
});

test('front matter is split off without moving line numbers', () => {
  const text = '---\ntitle: 제목\nweek: 2\nday: "3"\nsession: 8\ntags: [a, b]\n---\n# H\n';
  const { frontMatter, body, problem } = splitFrontMatter(text);
  assert.equal(problem, undefined);
  assert.deepEqual(frontMatter, { title: '제목', week: 2, day: 3, session: 8, tags: ['a', 'b'] });
  assert.equal(body.split('\n')[7], '# H');
});

test('broken front matter is reported, the lesson still parses', () => {
  const lesson = parseLesson('---\ntitle: [unclosed\n---\n# 제목\n## 절\n본문', { uri: 'file:///l.md' });
  assert.equal(lesson.problems.length, 1);
  assert.match(lesson.problems[0], /front matter/);
  assert.equal(lesson.title, '제목');
  assert.deepEqual(lesson.sections.map((s) => s.title), ['제목', '절']);
});

test('course position from front matter wins over the text phrase', () => {
  const l = parseLesson('---\nweek: 1\nday: 5\nsession: 6\n---\n# T\n이 세션은 **Week 2 > Day 1 > Session 8**', { uri: 'file:///a.md' });
  assert.deepEqual(l.course, { week: 1, day: 5, session: 6 });
});

test('course position from the seed phrase (bold, Korean particles around it)', () => {
  const l = parseLesson('# Session 1: 컨테이너 기술이란?\n\n## 📍 교과과정에서의 위치\n이 세션은 **Week 1 > Day 2 > Session 1**로, 기본 개념을', { uri: 'file:///s.md' });
  assert.deepEqual(l.course, { week: 1, day: 2, session: 1 });
  assert.equal(l.title, 'Session 1: 컨테이너 기술이란?');
});

test('a course phrase inside a code fence is ignored', () => {
  const l = parseLesson('# T\n```\nWeek 9 > Day 9 > Session 9\n```\n', { uri: 'file:///s.md' });
  assert.equal(l.course, undefined);
});

test('a # comment inside a YAML fence is never a heading', () => {
  const md = ['# 레슨', '## 예시', '```yaml', '# 1. 네임스페이스 구조', 'apiVersion: v1', 'kind: Namespace', '```', '## 다음'].join('\n');
  const l = parseLesson(md, { uri: 'file:///x.md' });
  assert.deepEqual(l.sections.map((s) => [s.title, s.line]), [['레슨', 0], ['예시', 1], ['다음', 7]]);
  assert.equal(l.sections[1].codeBlocks.length, 1);
  assert.equal(l.sections[1].codeBlocks[0].lang, 'yaml');
  assert.match(l.sections[1].codeBlocks[0].content, /# 1\. 네임스페이스 구조/);
});

test('headings keep their text as written; paths nest by level', () => {
  const md = '# A\n## **B** `c`\n### D\n## E\n';
  const l = parseLesson(md, { uri: 'file:///x.md' });
  assert.equal(l.sections[1].title, '**B** `c`');
  assert.equal(l.sections[1].plainTitle, 'B c');
  assert.deepEqual(l.sections[2].path, ['A', 'B c', 'D']);
  assert.deepEqual(l.sections[3].path, ['A', 'E']);
});

test('markers, bad examples, text diagrams and prose are split per section', () => {
  const md = [
    '## 필드',
    '<!-- lesson-aware: fields=hostPID, compose:services.*.pid -->',
    '설명 `hostPID`',
    '<!-- lesson-aware: bad-example -->',
    '```yaml',
    'a: 1',
    '```',
    '```',
    'PID Namespace (프로세스 격리):',
    '```',
  ].join('\n');
  const s = parseLesson(md, { uri: 'file:///x.md' }).sections[0];
  assert.deepEqual(s.markers, ['hostPID', 'compose:services.*.pid']);
  assert.equal(s.codeBlocks[0].badExample, true);
  assert.equal(s.codeBlocks[1].badExample, false);
  assert.match(s.diagramText, /PID Namespace/);
  assert.doesNotMatch(s.prose, /a: 1/);
});

test('hostile input: empty, no headings, NUL bytes, huge lines', () => {
  assert.equal(parseLesson('', { uri: 'file:///e.md' }).sections.length, 0);
  assert.equal(parseLesson('just text', { uri: 'file:///plain.md' }).title, 'plain');
  const l = parseLesson(`# T\u0000\n${'x'.repeat(200_000)}\n## U`, { uri: 'file:///n.md' });
  assert.equal(l.sections.length, 2);
});
