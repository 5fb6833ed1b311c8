/** The diagnostic code link the client rewrites: lesson href → `command:lessonAware.openLesson?…`. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lessonFromHref, openLessonCommandUri } from '../../client/src/diagnosticLinkTarget';

test('a lesson href (server contract: <lessonUri>#<encoded slug>) becomes openLesson arguments', () => {
  const slug = '보안-및-네트워크-정책';
  const href = `file:///home/me/lessons/w2-d3-s8-kubernetes.md#${encodeURIComponent(slug)}`;
  assert.deepEqual(lessonFromHref(href), { lessonUri: 'file:///home/me/lessons/w2-d3-s8-kubernetes.md', sectionSlug: slug });
  assert.deepEqual(lessonFromHref('vscode-remote://host/course/a%20b/notes.markdown#x'), { lessonUri: 'vscode-remote://host/course/a%20b/notes.markdown', sectionSlug: 'x' });
  assert.deepEqual(lessonFromHref('file:///c/lesson.md'), { lessonUri: 'file:///c/lesson.md', sectionSlug: '' });
  assert.deepEqual(lessonFromHref('file:///c/lesson.md#100%'), { lessonUri: 'file:///c/lesson.md', sectionSlug: '100%' }, 'a malformed escape is kept as written');
});

test('anything that is not a lesson file is left alone', () => {
  for (const href of [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
    'command:workbench.action.quit',
    'file:///home/me/notes.txt#x',
    'javascript:alert(1)//.md',
    'lessons/relative.md#x',
    '',
  ]) {
    assert.equal(lessonFromHref(href), undefined, href);
  }
});

test('the command URI round-trips through VS Code’s opener (query decoded, JSON array of arguments)', () => {
  const args = { lessonUri: 'file:///home/me/lessons/w1.md', sectionSlug: 'hostpid와-shareprocessnamespace' };
  const uri = openLessonCommandUri(args);
  assert.match(uri, /^command:lessonAware\.openLesson\?%5B%7B/);
  const query = uri.slice(uri.indexOf('?') + 1);
  assert.deepEqual(JSON.parse(decodeURIComponent(query)), [args]);
  assert.ok(!/[#\s"{}]/.test(query), 'nothing in the query that could end or split the URI');
});
