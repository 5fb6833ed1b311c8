/**
 * Pure client helpers: lesson HTML rendering and sanitizing, the CSP builder, webview message
 * validation, course order / tree grouping / search, Mermaid block extraction, settings helpers.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { classifyHref, courseLabel, renderLesson, sectionAtLine, splitLessonHref } from '../../client/src/webviews/lessonRender';
import { buildCsp, escapeHtml, makeNonce, pageShell } from '../../client/src/webviews/security';
import { parseLessonPaneMessage, parseMermaidPreviewMessage } from '../../client/src/webviews/messages';
import { courseNeighbours, courseOrder, groupByCourse, searchEntries, searchSections, sectionTree } from '../../client/src/lessons/catalogModel';
import { documentLine, mermaidDiagrams } from '../../client/src/webviews/mermaidBlocks';
import { effectiveFieldDocs, formatMessage } from '../../client/src/configModel';
import type { LessonSummary } from '../../server/src/protocol';

const repo = path.join(__dirname, '..', '..', '..');
const lessonsDir = path.join(repo, 'lessons');

const hostile = `---
title: Hostile
week: 9
---
# Hostile lesson

<script>alert(1)</script>

<img src="x" onerror="alert(2)">

Inline <b onclick="alert(3)">bold</b> and <br/> break.

<!-- lesson-aware: fields=spec.replicas -->

[js](javascript:alert(4)) [data](data:text/html,<script>alert(5)</script>) [vs](vscode:extension/x) [web](https://kubernetes.io/docs) [other](./other.md#section-two) [anchor](#hostile-lesson)

![diagram](./images/arch.png) ![remote](https://example.com/a.png) ![missing](./nope.png "t")

## Section two

\`\`\`yaml
apiVersion: v1
kind: Pod
\`\`\`

\`\`\`mermaid
graph LR
  A["<img src=x onerror=alert(6)>"] --> B
\`\`\`
`;

test('lesson HTML never contains executable lesson HTML', () => {
  const r = renderLesson(hostile, { lessonUri: 'file:///c/hostile.md' });
  assert.doesNotMatch(r.html, /<script/i);
  assert.doesNotMatch(r.html, /<img[^>]*onerror/i);
  assert.doesNotMatch(r.html, /<b onclick/i);
  assert.doesNotMatch(r.html, /<[a-z][^>]*\son[a-z]+=/i, 'no event handler attribute survives');
  assert.match(r.html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/, 'raw HTML block is shown as text');
  assert.match(r.html, /&lt;b onclick=&quot;alert\(3\)&quot;&gt;bold/, 'inline HTML is shown as text');
  assert.match(r.html, / and <br> break/, '<br/> stays a line break');
  assert.doesNotMatch(r.html, /lesson-aware: fields/, 'marker comments are dropped');
  assert.doesNotMatch(r.html, /href="(javascript|data|vscode):/i, 'dangerous link schemes are not links');
});

test('links carry their kind; images resolve or fall back to alt text', () => {
  const resolved: string[] = [];
  const r = renderLesson(hostile, {
    lessonUri: 'file:///c/hostile.md',
    resolveImage: (src) => {
      resolved.push(src);
      return src === './images/arch.png' ? 'https://file+.vscode-resource/c/images/arch.png' : undefined;
    },
  });
  assert.match(r.html, /data-href="https:\/\/kubernetes.io\/docs" data-link-kind="web"/);
  assert.match(r.html, /data-href=".\/other.md#section-two" data-link-kind="relative"/);
  assert.match(r.html, /data-link-kind="anchor"/);
  assert.match(r.html, /<img src="https:\/\/file\+\.vscode-resource\/c\/images\/arch.png" alt="diagram"/);
  assert.match(r.html, /<span class="missing-image"[^>]*>missing<\/span>/, 'missing image shows its alt text');
  assert.match(r.html, /<span class="missing-image"[^>]*>remote<\/span>/, 'remote images are never loaded');
  assert.deepEqual(resolved, ['./images/arch.png', './nope.png'], 'only relative images are resolved');
});

test('headings carry slugs and data-line; code and Mermaid blocks are recorded', () => {
  const r = renderLesson(hostile, { lessonUri: 'file:///c/hostile.md' });
  assert.match(r.html, /<h1 data-line="4" id="hostile-lesson" class="lesson-heading">/, 'line numbers keep the front matter lines');
  assert.match(r.html, /<h2 data-line="\d+" id="section-two"/);
  assert.equal(r.title, 'Hostile');
  assert.deepEqual(r.course, { week: 9 });
  assert.equal(r.codeBlocks.length, 1);
  assert.equal(r.codeBlocks[0].lang, 'yaml');
  assert.match(r.codeBlocks[0].text, /kind: Pod/);
  assert.match(r.html, /data-code-action="copyCode" data-code-index="0"/);
  assert.match(r.html, /data-code-action="openCodeAsFile" data-code-index="0"/);
  assert.equal(r.mermaidBlocks, 1);
  assert.match(r.html, /<pre class="mermaid-source">graph LR\n  A\[&quot;&lt;img src=x onerror=alert\(6\)&gt;&quot;\]/, 'Mermaid source is escaped text');
  assert.deepEqual(r.toc.map((t) => t.slug), ['hostile-lesson', 'section-two']);
  assert.equal(sectionAtLine(r.sections, 5)?.slug, 'hostile-lesson');
  assert.equal(sectionAtLine(r.sections, 1000)?.slug, 'section-two');
  assert.equal(sectionAtLine(r.sections, 0), undefined);
});

test('every bundled lesson renders with its slugs, Mermaid blocks and no raw HTML', () => {
  const files = fs.readdirSync(lessonsDir).filter((f) => f.endsWith('.md'));
  assert.ok(files.length >= 5);
  for (const file of files) {
    const text = fs.readFileSync(path.join(lessonsDir, file), 'utf8');
    const r = renderLesson(text, { lessonUri: `file:///l/${file}` });
    const fences = (text.match(/^\s*```mermaid\s*$/gm) ?? []).length;
    assert.equal(r.mermaidBlocks, fences, `${file}: Mermaid blocks`);
    for (const s of r.sections) assert.ok(r.html.includes(`id="${s.slug}"`), `${file}: heading id ${s.slug}`);
    assert.doesNotMatch(r.html, /<(script|iframe|object|embed|style)\b/i, file);
    assert.ok(r.course, `${file}: course position`);
  }
});

test('href helpers', () => {
  assert.equal(classifyHref('#a'), 'anchor');
  assert.equal(classifyHref('https://x'), 'web');
  assert.equal(classifyHref('mailto:a@b'), 'mail');
  assert.equal(classifyHref('./a.md'), 'relative');
  assert.equal(classifyHref('a.md#x'), 'relative');
  for (const bad of ['javascript:x', 'command:lessonAware.openLesson', 'file:///etc/passwd', '//evil.example', 'vscode://x', 'data:text/html,x']) {
    assert.equal(classifyHref(bad), 'blocked', bad);
  }
  assert.deepEqual(splitLessonHref('./w1.md#%ED%95%99%EC%8A%B5-%EB%AA%A9%ED%91%9C'), { path: './w1.md', fragment: '학습-목표' });
  assert.deepEqual(splitLessonHref('#pid-네임스페이스'), { path: '', fragment: 'pid-네임스페이스' });
  assert.deepEqual(splitLessonHref('./a.md'), { path: './a.md' });
  assert.equal(courseLabel({ week: 2, day: 3, session: 8 }), 'Week 2 › Day 3 › Session 8');
  assert.equal(courseLabel({ week: 1 }), 'Week 1');
  assert.equal(courseLabel(undefined), '');
});

test('CSP: default-src none, nonce-only scripts, no remote origins', () => {
  const nonce = makeNonce();
  assert.match(nonce, /^[A-Za-z0-9]{16,}$/);
  assert.notEqual(nonce, makeNonce(), 'a fresh nonce per render');
  const csp = buildCsp({ cspSource: 'https://*.vscode-cdn.net', nonce });
  const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.deepEqual(directives.get('default-src'), ["'none'"]);
  assert.deepEqual(directives.get('script-src'), [`'nonce-${nonce}'`]);
  assert.ok(!csp.includes("'unsafe-eval'"));
  assert.ok(!/script-src[^;]*unsafe-inline/.test(csp));
  assert.ok(!/https?:\/\/(?!\*\.vscode-cdn\.net)/.test(csp), 'only the webview resource origin');
  assert.throws(() => buildCsp({ cspSource: 'x', nonce: "abc'; script-src *" }));
  assert.throws(() => buildCsp({ cspSource: "x; script-src *", nonce: 'abc' }));
  const html = pageShell({ cspSource: 'https://r', nonce, title: '<t>', lang: 'ko', styleUris: ['https://r/a.css'], scriptUri: 'https://r/a.js' });
  assert.match(html, new RegExp(`<script nonce="${nonce}" src="https://r/a.js"></script>`));
  assert.match(html, /<title>&lt;t&gt;<\/title>/);
  assert.equal((html.match(/<script/g) ?? []).length, 1);
  assert.equal(escapeHtml(`<a href="x">'&`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;');
});

test('lesson pane messages are validated', () => {
  assert.deepEqual(parseLessonPaneMessage({ type: 'ready' }), { type: 'ready' });
  assert.deepEqual(parseLessonPaneMessage({ type: 'copyCode', index: 2 }), { type: 'copyCode', index: 2 });
  assert.deepEqual(parseLessonPaneMessage({ type: 'needHtml', requestId: 4 }), { type: 'needHtml', requestId: 4 });
  assert.deepEqual(parseLessonPaneMessage({ type: 'openLink', href: './a.md#b', extra: 1 }), { type: 'openLink', href: './a.md#b' });
  assert.deepEqual(
    parseLessonPaneMessage({ type: 'rendered', requestId: 3, lessonUri: 'file:///a.md', slug: 's', highlighted: ['s'], mermaidBlocks: 2 }),
    { type: 'rendered', requestId: 3, lessonUri: 'file:///a.md', slug: 's', highlighted: ['s'], mermaidBlocks: 2 },
  );
  for (const bad of [
    null, 'ready', [], {}, { type: 'runCommand', command: 'workbench.action.terminal.new' },
    { type: 'copyCode', index: -1 }, { type: 'copyCode', index: 1.5 }, { type: 'copyCode', index: '1' },
    { type: 'openLink', href: '' }, { type: 'openLink', href: 'x'.repeat(5000) }, { type: 'openLink' },
    { type: 'openLesson', lessonUri: 3 }, { type: 'rendered', requestId: 1, lessonUri: 'a', highlighted: [1], mermaidBlocks: 0 },
    { type: 'diagramsDone', requestId: 1, svgs: -1, errors: 0 },
  ]) {
    assert.equal(parseLessonPaneMessage(bad), undefined, JSON.stringify(bad)?.slice(0, 80));
  }
});

test('Mermaid preview messages are validated', () => {
  assert.deepEqual(parseMermaidPreviewMessage({ type: 'exportSvg', index: 0, svg: '<svg xmlns="x"></svg>' }), { type: 'exportSvg', index: 0, svg: '<svg xmlns="x"></svg>' });
  assert.equal(parseMermaidPreviewMessage({ type: 'exportSvg', index: 0, svg: '<html><script>' }), undefined);
  assert.deepEqual(parseMermaidPreviewMessage({ type: 'previewRendered', svgs: 1, errors: [{ index: 0, line: 4, message: 'Parse error' }] }), {
    type: 'previewRendered', svgs: 1, errors: [{ index: 0, line: 4, message: 'Parse error' }],
  });
  assert.equal(parseMermaidPreviewMessage({ type: 'previewRendered', svgs: 1, errors: [{ index: 'a', message: '' }] }), undefined);
  assert.equal(parseMermaidPreviewMessage({ type: 'openLink', href: 'x' }), undefined);
});

const lessons: LessonSummary[] = [
  { lessonUri: 'file:///l/c.md', title: 'C', course: { week: 2, day: 1, session: 8 }, sections: [{ title: 'C', slug: 'c', level: 1, line: 0 }] },
  { lessonUri: 'file:///l/a.md', title: 'A', course: { week: 1, day: 2, session: 1 }, sections: [
    { title: 'A', slug: 'a', level: 1, line: 0 },
    { title: '네임스페이스', slug: '네임스페이스', level: 2, line: 2 },
    { title: 'PID 네임스페이스', slug: 'pid-네임스페이스', level: 3, line: 4 },
    { title: '정리', slug: '정리', level: 2, line: 8 },
  ] },
  { lessonUri: 'file:///l/x.md', title: 'Extra', sections: [] },
  { lessonUri: 'file:///l/b.md', title: 'B', course: { week: 1, day: 5, session: 6 }, sections: [] },
];

test('course order, neighbours and tree grouping', () => {
  assert.deepEqual(courseOrder(lessons).map((l) => l.title), ['A', 'B', 'C', 'Extra']);
  const n = courseNeighbours(lessons, 'file:///l/b.md');
  assert.equal(n.previous?.title, 'A');
  assert.equal(n.next?.title, 'C');
  assert.deepEqual(courseNeighbours(lessons, 'file:///l/a.md').previous, undefined);
  assert.deepEqual(courseNeighbours(lessons, 'file:///nope.md'), {});
  const groups = groupByCourse(lessons);
  assert.deepEqual(groups.map((w) => w.week), [1, 2, undefined]);
  assert.deepEqual(groups[0].days.map((d) => [d.day, d.lessons.map((l) => l.title)]), [[2, ['A']], [5, ['B']]]);
  const tree = sectionTree(lessons[1]);
  assert.deepEqual(tree.map((s) => s.title), ['네임스페이스', '정리'], 'the lone H1 (lesson title) is skipped');
  assert.deepEqual(tree[0].children.map((s) => s.slug), ['pid-네임스페이스']);
});

test('search matches titles and text, Hangul included, titles first', () => {
  const text = ['# A', '', '## 네임스페이스', '', '### PID 네임스페이스', '프로세스 격리는 hostPID 로 깨집니다.', '', '', '## 정리', '네임스페이스 요약'].join('\n');
  const entries = searchEntries(lessons[1], text);
  assert.equal(entries.length, 4);
  const byTitle = searchSections(entries, '네임스페이스');
  assert.deepEqual(byTitle.map((h) => [h.entry.sectionSlug, h.inTitle]), [['네임스페이스', true], ['pid-네임스페이스', true], ['정리', false]]);
  const byText = searchSections(entries, '프로세스 격리');
  assert.deepEqual(byText.map((h) => h.entry.sectionSlug), ['pid-네임스페이스']);
  assert.match(byText[0].snippet, /프로세스 격리/);
  assert.deepEqual(searchSections(entries, 'HOSTPID').map((h) => h.entry.sectionSlug), ['pid-네임스페이스'], 'case-insensitive');
  // Decomposed jamo (NFD) input finds composed (NFC) text.
  assert.equal(searchSections(entries, '격리'.normalize('NFD')).length, 1);
  assert.deepEqual(searchSections(entries, '   '), []);
});

test('Mermaid blocks of a Markdown file or a whole .mmd file', () => {
  const md = 'Intro\n\n```mermaid\ngraph TB\n  A --> B\n```\n\n```yaml\na: 1\n```\n\n~~~mermaid\nmindmap\n  root((K8s))\n~~~\n';
  const diagrams = mermaidDiagrams(md, '/x/lesson.md', 'markdown');
  assert.deepEqual(diagrams.map((d) => d.line), [3, 12]);
  assert.match(diagrams[1].source, /^mindmap/);
  assert.equal(documentLine(diagrams[0], 2), 4);
  assert.deepEqual(mermaidDiagrams('graph LR\n A-->B\n', '/x/a.mmd', 'plaintext'), [{ source: 'graph LR\n A-->B\n', line: 0 }]);
  assert.deepEqual(mermaidDiagrams('  \n', '/x/a.mermaid', 'mermaid'), []);
  assert.deepEqual(mermaidDiagrams('a: 1', '/x/a.yaml', 'yaml'), []);
});

test('field docs turn off beside Red Hat YAML / Docker DX unless asked for', () => {
  assert.equal(effectiveFieldDocs(true, false, false), true);
  assert.equal(effectiveFieldDocs(true, false, true), false);
  assert.equal(effectiveFieldDocs(true, true, true), true);
  assert.equal(effectiveFieldDocs(false, true, false), false);
  assert.equal(formatMessage('{0}주차 · {1}', [2, 'x']), '2주차 · x');
  assert.equal(formatMessage('{1}', ['a']), '{1}');
});
