// Hostile lessons in the real editor. The first scenario copies test/editor/hostile-lessons into the session,
// adds what git cannot hold (a 1 MB lesson, a symlink loop, an unreadable lesson, a second folder that is
// deleted while watched) and points `lessonAware.lessonFolders` at both through the workspace settings; the last
// scenario puts the settings back. In between: every problem reaches the user as one clear message, other
// lessons keep working, and in the lesson pane and the Mermaid preview nothing of the lesson executes —
// payloads that would set document.title, post to the parent frame or mark the page leave no trace, forbidden
// links (`command:`, `javascript:`, `data:`) do nothing, the allowed lesson links still work.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateIn, eventually, frameWith } from '../../../scripts/editor/lib/workbench.mjs';

const fixture = join(dirname(fileURLToPath(import.meta.url)), '..', 'hostile-lessons');
const session = {};

/** Builds the lesson folders of the session and points the workspace settings at them. */
function setUpFolders({ workspaceDir, sessionDir }) {
  const hostile = join(sessionDir, 'hostile-lessons');
  const doomed = join(sessionDir, 'doomed-lessons');
  cpSync(fixture, hostile, { recursive: true });
  writeFileSync(join(hostile, 'big.md'), bigLesson(1024 * 1024));
  symlinkSync('.', join(hostile, 'loop')); // a folder that contains itself
  // Unreadable for any user, root included: reading /proc/self/mem from offset 0 fails with EIO.
  symlinkSync('/proc/self/mem', join(hostile, 'unreadable.md'));
  mkdirSync(doomed, { recursive: true });
  writeFileSync(join(doomed, 'doomed.md'), '---\ntitle: Doomed lesson\n---\n# Doomed lesson\n\n## 곧 사라질 절\n\nThis folder is deleted while it is watched.\n');
  writeFileSync(join(workspaceDir, 'hostile-pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: hostile\nspec:\n  enableServiceLinks: true\n  containers:\n    - name: app\n      image: example/app:1.0\n');
  writeFileSync(join(workspaceDir, 'hostile.mmd'), hostileDiagram);
  const settingsFile = join(workspaceDir, '.vscode', 'settings.json');
  const previous = existsSync(settingsFile) ? readFileSync(settingsFile, 'utf8') : undefined;
  mkdirSync(dirname(settingsFile), { recursive: true });
  writeFileSync(settingsFile, `${JSON.stringify({ ...(previous ? JSON.parse(previous) : {}), 'lessonAware.lessonFolders': [hostile, doomed] }, null, 2)}\n`);
  Object.assign(session, { hostile, doomed, settingsFile, previous, workspaceDir });
}

function tearDownFolders() {
  if (!session.settingsFile) return;
  if (session.previous === undefined) rmSync(session.settingsFile, { force: true });
  else writeFileSync(session.settingsFile, session.previous);
  for (const f of ['hostile-pod.yaml', 'hostile.mmd']) rmSync(join(session.workspaceDir, f), { force: true });
}

/** A lesson of about `bytes` bytes: many sections of Korean prose, YAML examples and a few diagrams. */
function bigLesson(bytes) {
  const parts = ['---\ntitle: Big hostile lesson\nweek: 9\nday: 9\nsession: 101\n---\n# 아주 큰 레슨\n\n<!-- lesson-aware: fields=activeDeadlineSeconds -->\n'];
  let size = parts[0].length;
  for (let i = 1; size < bytes; i++) {
    const section = `\n## 절 ${i}: 긴 본문\n\n${'컨테이너는 격리된 프로세스입니다. Pod는 하나 이상의 컨테이너를 묶습니다. '.repeat(20)}\n\n\`\`\`yaml\napiVersion: v1\nkind: Pod\nmetadata:\n  name: big-${i}\nspec:\n  containers:\n    - name: app\n      image: example/app:${i}.0\n\`\`\`\n${i % 200 === 0 ? '\n```mermaid\nflowchart LR\n  A --> B\n```\n' : ''}`;
    parts.push(section);
    size += Buffer.byteLength(section);
  }
  return parts.join('');
}

const hostileDiagram = `%%{init: {"securityLevel": "loose"}}%%
flowchart LR
  A["<img src=x onerror=&quot;document.body.setAttribute('data-pwned','label')&quot;>Start"] --> B["<b>bold</b><script>document.title='PWNED'</script>"]
  B --> C[Terminal]
  click A pwn "a callback that must not be bound"
  click B "javascript:document.title='PWNED'" "a javascript href"
  click C "command:workbench.action.terminal.new" "a command href"
`;

/** Traces a payload would leave in any frame: a PWNED title, a data-pwned mark, a #pwned element, a posted message. */
async function traces(page) {
  const found = [];
  for (const frame of page.frames()) {
    try {
      const t = await evaluateIn(frame, () => ({
        title: document.title,
        marked: !!document.querySelector('[data-pwned], #pwned'),
        messages: (window.__pwnedMessages ?? []).length,
      }));
      if (t.title === 'PWNED' || t.marked || t.messages) found.push(`${frame.url().slice(0, 120)}: ${JSON.stringify(t)}`);
    } catch { /* detached frame */ }
  }
  return found;
}

/** Listens in every frame for messages a payload would post to its parent. */
async function listenForPostedMessages(page) {
  for (const frame of page.frames()) {
    await evaluateIn(frame, () => {
      if (window.__pwnedMessages) return;
      window.__pwnedMessages = [];
      window.addEventListener('message', (e) => {
        if (/pwned/i.test(JSON.stringify(e.data ?? ''))) window.__pwnedMessages.push(e.data);
      });
    }).catch(() => undefined);
  }
}

const terminals = (page) => page.locator('.xterm, .terminal-wrapper').count();

/** Texts of every notification (opens the notification center, reads it, closes it). */
async function notifications(wb) {
  await wb.runCommand('Notifications: Show Notifications');
  const items = wb.page.locator('.notifications-center .notification-list-item-message');
  await wb.page.locator('.notifications-center').waitFor({ state: 'visible', timeout: 5_000 }).catch(() => undefined);
  const texts = await items.allInnerTexts();
  await wb.page.keyboard.press('Escape');
  return texts;
}

/**
 * Gives the keyboard back to the workbench: closes a quick input an earlier step may have left open, and takes
 * the focus from a webview (keys typed there never reach the workbench).
 */
async function closeQuickInput(wb) {
  for (let i = 0; i < 2 && (await wb.page.locator('.quick-input-widget input').isVisible()); i++) await wb.page.keyboard.press('Escape');
  const tab = wb.page.locator('.tabs-container .tab[data-resource-name$=".yaml"]').first();
  if (await tab.count()) await tab.click();
  else await wb.page.locator('.part.editor').first().click({ position: { x: 20, y: 200 } });
}

const countOf = (texts, re) => texts.filter((t) => re.test(t)).length;

async function searchLessons(wb, text) {
  await wb.runCommand('Lesson-Aware: Search Lessons');
  await wb.page.locator('.quick-input-widget input').fill(text);
  const rows = wb.page.locator('.quick-input-list .monaco-list-row', { hasText: text });
  const found = await rows.first().waitFor({ timeout: 10_000 }).then(() => true, () => false);
  return { found, rows };
}

export const scenarios = [
  {
    name: 'hostile lesson folders: each problem is one clear message, the other lessons keep working',
    locales: ['en'],
    async run(wb, context) {
      setUpFolders(context);
      // Broken front matter and an unreadable lesson: one warning each, naming the file and the problem.
      const texts = await eventually(() => notifications(wb), (t) => {
        assert.equal(countOf(t, /broken-front\.md: front matter is not valid YAML/), 1, `front matter: ${t.join(' | ')}`);
        assert.equal(countOf(t, /Lesson could not be read: .*unreadable\.md \(EIO\)/), 1, `unreadable: ${t.join(' | ')}`);
      }, { timeoutMs: 60_000, intervalMs: 2_000, what: 'one message per broken lesson' });
      assert.equal(countOf(texts, /loop/), 0, 'the symlink loop is skipped silently');
      assert.equal(countOf(texts, /big\.md/), 0, 'the 1 MB lesson is indexed without complaint');
      await eventually(async () => {
        const r = await searchLessons(wb, 'Doomed lesson');
        await wb.page.keyboard.press('Escape');
        return r.found;
      }, (found) => assert.ok(found, 'the lesson of the second folder is indexed'), { timeoutMs: 40_000, what: 'lesson of the second folder listed' });
      // The second folder disappears while watched: its lesson goes, one message says so.
      rmSync(session.doomed, { recursive: true, force: true });
      const after = await eventually(() => notifications(wb), (t) => assert.equal(countOf(t, /Lesson folder not found: .*doomed-lessons/), 1, t.join(' | ')),
        { timeoutMs: 30_000, intervalMs: 2_000, what: 'one message for the deleted folder' });
      await eventually(async () => {
        const r = await searchLessons(wb, 'Doomed lesson');
        await wb.page.keyboard.press('Escape');
        return r.found;
      }, (found) => assert.equal(found, false, 'the deleted lesson is gone'), { timeoutMs: 40_000, what: 'deleted lesson dropped' });
      // Nothing else was reported twice.
      const all = await notifications(wb);
      assert.equal(new Set(all).size, all.length, `a message was shown twice: ${all.join(' | ')}`);
      // A bundled lesson still answers the hover.
      await wb.openFile('deployment.yaml');
      const hover = await wb.hoverOver('runAsNonRoot', { until: (t) => assert.match(t, /Week [12] › Day \d+ › Session \d+ ›/) });
      await wb.dismissHover().catch(() => undefined);
      await wb.screenshot('hostile-folders');
      return { messages: after.filter((t) => /Lesson-Aware/.test(t)), hover: hover.split('\n')[0] };
    },
  },
  {
    name: 'hostile lesson in the hover and the lesson pane: nothing executes, forbidden links do nothing, lesson links work',
    locales: ['en'],
    async run(wb) {
      await closeQuickInput(wb);
      await wb.openFile('hostile-pod.yaml');
      const hover = await wb.hoverOver('enableServiceLinks', { until: (t) => assert.match(t, /Week 9 › Day 9 › Session 99/) });
      const links = await wb.page.locator('.monaco-hover a').evaluateAll((as) => as.map((a) => a.getAttribute('data-href') ?? a.getAttribute('href') ?? ''));
      assert.ok(links.some((h) => h.startsWith('command:lessonAware.openLesson')), `the allowed lesson link: ${links.join(' | ')}`);
      assert.deepEqual(links.filter((h) => /^(command:(?!lessonAware\.openLesson)|javascript:|data:)/i.test(h)), [], 'no forbidden link in the hover');
      // The excerpt's would-be command link is plain text: clicking it does nothing.
      const bait = wb.page.locator('.monaco-hover', { hasText: '터미널 열기' }).getByText('터미널 열기').first();
      if (await bait.count()) await bait.click();
      // The allow-listed command link opens the pane at the section.
      await wb.page.locator('.monaco-hover a[data-href^="command:lessonAware.openLesson"]').first().click();
      await wb.dismissHover().catch(() => undefined);
      const pane = await frameWith(wb.page, 'article.lesson #enableservicelinks-주의', 'the hostile lesson in the pane', 60_000);
      await listenForPostedMessages(wb.page);
      const facts = await eventually(() => pane.evaluate(() => {
        const article = document.querySelector('article.lesson');
        const all = [...article.querySelectorAll('*')];
        return {
          rawHtmlShownAsText: [...article.querySelectorAll('.raw-html')].map((p) => p.textContent).join('\n'),
          scripts: article.querySelectorAll('script, iframe, object, embed').length,
          handlers: all.filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).length,
          dangerousHrefs: all.filter((e) => /^(javascript|command|data):/i.test(e.getAttribute('href') ?? e.getAttribute('xlink:href') ?? '')).length,
          blocked: article.querySelectorAll('.blocked-link').length,
          text: article.textContent,
          diagrams: article.querySelectorAll('.mermaid-block').length,
          settled: article.querySelectorAll('.mermaid-block.rendered, .mermaid-block.failed').length,
          svgs: article.querySelectorAll('.mermaid-block svg').length,
          headings: [...article.querySelectorAll('h2')].map((h) => h.id),
        };
      }), (f) => assert.equal(f.settled, f.diagrams, 'every diagram rendered or failed'), { timeoutMs: 60_000, what: 'hostile lesson rendered' });
      assert.match(facts.rawHtmlShownAsText, /<script>document\.title = 'PWNED'/, 'raw <script> is shown as text');
      assert.match(facts.rawHtmlShownAsText, /<img src="x" onerror=/, 'raw <img onerror> is shown as text');
      assert.equal(facts.scripts, 0, 'no script, iframe, object or embed element');
      assert.equal(facts.handlers, 0, 'no on* attribute anywhere, Mermaid SVGs included');
      assert.equal(facts.dangerousHrefs, 0, 'no javascript:, command: or data: link, Mermaid SVGs included');
      // command: links become inert spans; markdown-it does not even make links of javascript: and data: targets.
      assert.equal(facts.blocked, 2, `the two command: links are shown as text (${facts.blocked})`);
      assert.match(facts.text, /\[Run javascript \(forbidden\)\]\(javascript:/, 'the javascript: link stays literal text');
      assert.match(facts.text, /\[data URL \(forbidden\)\]\(data:/, 'the data: link stays literal text');
      assert.ok(facts.headings.includes('중복') && facts.headings.includes('중복-1'), `duplicate headings get distinct ids: ${facts.headings.join(', ')}`);
      // Click every forbidden link and every diagram node (some are SVG links): still nothing runs, no terminal
      // opens, and no script of the page fails on a click (VS Code's frame handler threw on SVG links it was
      // allowed to see, and the workbench then took a second per mouse event).
      const clickErrors = [];
      const onPageError = (error) => clickErrors.push(error.message);
      wb.page.on('pageerror', onPageError);
      for (const link of await pane.locator('.blocked-link').all()) await link.click({ force: true }).catch(() => undefined);
      for (const node of await pane.locator('.mermaid-block svg .node').all()) await node.click({ force: true }).catch(() => undefined);
      await wb.page.mouse.up().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 300));
      wb.page.off('pageerror', onPageError);
      assert.deepEqual(clickErrors, [], 'no page error from the clicks');
      await wb.screenshot('hostile-lesson-pane');
      assert.deepEqual(await traces(wb.page), [], 'no payload left a trace');
      assert.equal(await terminals(wb.page), 0, 'no terminal was opened');
      // The allowed relative lesson link opens the other lesson of the folder at its section.
      await pane.locator('a', { hasText: '다음 레슨의 절' }).click();
      const second = await frameWith(wb.page, 'article.lesson #다음-절', 'the linked lesson', 60_000);
      await eventually(() => second.evaluate(() => [...document.querySelectorAll('.section-highlight.section-start')].map((e) => e.id)),
        (ids) => assert.deepEqual(ids, ['다음-절']), { what: 'linked section highlighted' });
      return { hover: hover.split('\n').slice(0, 3).join(' / '), blocked: facts.blocked, diagrams: `${facts.svgs} SVG of ${facts.diagrams}` };
    },
  },
  {
    name: 'a 1 MB lesson is indexed, found and shown in the pane',
    locales: ['en'],
    async run(wb) {
      await closeQuickInput(wb);
      const { found, rows } = await searchLessons(wb, '아주 큰 레슨');
      assert.ok(found, 'the 1 MB lesson is listed');
      const started = Date.now();
      await rows.first().click();
      const pane = await frameWith(wb.page, 'article.lesson #아주-큰-레슨', 'the 1 MB lesson in the pane', 90_000);
      const facts = await eventually(() => pane.evaluate(() => ({
        sections: document.querySelectorAll('article.lesson h2').length,
        codeBlocks: document.querySelectorAll('article.lesson .code-block').length,
      })), (f) => assert.ok(f.sections > 300, `sections: ${f.sections}`), { timeoutMs: 60_000, what: 'big lesson rendered' });
      return { ...facts, shownMs: Date.now() - started };
    },
  },
  {
    name: 'Mermaid preview of a hostile diagram: loose directive ignored, clicks bind nothing',
    locales: ['en'],
    async run(wb) {
      try {
        await closeQuickInput(wb);
        // Opened from the explorer (Quick Open's file search does not always list a file created after start-up).
        await wb.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'hostile.mmd' }).first().click();
        await wb.page.locator('.tabs-container .tab.active[aria-label*="hostile.mmd"]').waitFor({ timeout: 30_000 });
        // The command is offered for Mermaid editors: put the focus into this one.
        await wb.page.locator('.editor-instance .monaco-editor .view-lines').first().click({ position: { x: 5, y: 5 } });
        await wb.runCommand('Lesson-Aware: Show Mermaid Preview');
        const preview = await frameWith(wb.page, 'section.diagram .content svg', 'the Mermaid preview SVG', 60_000);
        await listenForPostedMessages(wb.page);
        const facts = await preview.evaluate(() => {
          const svg = document.querySelector('section.diagram .content svg');
          const all = [...svg.querySelectorAll('*')];
          return {
            nodes: svg.querySelectorAll('.node').length,
            scripts: svg.querySelectorAll('script').length,
            handlers: all.filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).length,
            dangerousHrefs: all.filter((e) => /^(javascript|command|data):/i.test(e.getAttribute('href') ?? e.getAttribute('xlink:href') ?? '')).length,
          };
        });
        assert.equal(facts.nodes, 3);
        assert.deepEqual({ scripts: facts.scripts, handlers: facts.handlers, dangerousHrefs: facts.dangerousHrefs }, { scripts: 0, handlers: 0, dangerousHrefs: 0 });
        for (const node of await preview.locator('section.diagram svg .node').all()) await node.click({ force: true }).catch(() => undefined);
        await wb.page.mouse.up().catch(() => undefined);
        await wb.screenshot('hostile-mermaid-preview');
        assert.deepEqual(await traces(wb.page), [], 'no payload left a trace');
        assert.equal(await terminals(wb.page), 0, 'no terminal was opened');
        return facts;
      } finally {
        await wb.runCommand('View: Close All Editors').catch(() => undefined);
        tearDownFolders();
        // Leave the workbench as the other scenario files expect it: the mouse off the editor (a resting mouse
        // opens a sticky hover over the next file), only the bundled lessons indexed.
        await wb.page.mouse.up().catch(() => undefined); // a click cut short by a detached frame leaves the button down
        await wb.page.mouse.move(1, 1);
        await eventually(async () => {
          const r = await searchLessons(wb, '아주 큰 레슨');
          await wb.page.keyboard.press('Escape');
          return r.found;
        }, (found) => assert.equal(found, false, 'hostile lessons still indexed'), { timeoutMs: 40_000, what: 'lesson folders restored' });
      }
    },
  },
];
