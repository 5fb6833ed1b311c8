// UI scenarios for the lesson pane, Mermaid in the pane and the lessons tree, on the real workbench.
import assert from 'node:assert/strict';
import { eventually, frameWith, paneFrame } from '../../../scripts/editor/lib/workbench.mjs';


function paneFacts(frame) {
  return frame.evaluate(() => ({
    breadcrumb: document.querySelector('.breadcrumb')?.textContent ?? '',
    highlighted: [...document.querySelectorAll('.section-highlight.section-start')].map((e) => e.id),
    headingTop: (() => {
      const h = document.querySelector('.section-start');
      return h ? h.getBoundingClientRect().top : undefined;
    })(),
    svgs: document.querySelectorAll('.mermaid-block .mermaid-svg svg').length,
    blocks: document.querySelectorAll('.mermaid-block').length,
    toc: document.querySelectorAll('.toc a').length,
    copyButtons: document.querySelectorAll('button[data-code-action="copyCode"]').length,
    next: document.querySelector('.course-next a')?.textContent ?? '',
    contents: document.querySelector('.toc summary')?.textContent ?? '',
    copyLabel: document.querySelector('button[data-code-action="copyCode"]')?.textContent ?? '',
    scripts: [...document.querySelectorAll('article.lesson script, article.lesson iframe')].length,
  }));
}

/** The frame of the Mermaid preview (it holds `section.diagram` or the empty note). */
function previewFrame(page, timeoutMs = 30_000) {
  return frameWith(page, 'section.diagram, p.empty', 'Mermaid preview frame', timeoutMs);
}

const previewFacts = (frame) => frame.evaluate(() => ({
  svgs: document.querySelectorAll('section.diagram .content svg').length,
  error: document.querySelector('section.diagram .error')?.textContent ?? '',
  nodes: [...document.querySelectorAll('section.diagram .content svg .node')].length,
}));

/** Takes the keyboard focus back from a webview (keys typed there never reach the workbench). */
async function focusWorkbench(wb) {
  const tab = wb.page.locator('.tabs-container .tab[data-resource-name$=".yaml"]').first();
  if (await tab.count()) await tab.click();
  else await wb.page.locator('.part.editor').first().click({ position: { x: 20, y: 200 } });
}

export const scenarios = [
  {
    name: 'hover link opens the lesson pane at the section, highlighted, diagrams drawn',
    async run(wb, { locale }) {
      // Keep the pane an earlier scenario may have opened (re-creating a closed webview can stall in
      // VS Code for the Web: "Found unexpected service worker controller"); open the manifest in group 1.
      await wb.runCommand('View: Focus First Editor Group');
      await wb.openFile('deployment.yaml');
      await wb.hoverOver('runAsNonRoot', { until: (t) => assert.match(t, /›/) });
      await wb.page.locator('.monaco-hover a[data-href^="command:lessonAware.openLesson"]').first().click();
      await wb.dismissHover().catch(() => undefined);
      const frame = await paneFrame(wb.page, 90_000);
      const facts = await eventually(() => paneFacts(frame), (f) => {
        assert.equal(f.highlighted.length, 1, 'one section is highlighted');
        assert.match(f.breadcrumb, locale === 'ko' ? /\d+주차|Week/ : /Week \d+ › Day \d+ › Session \d+ › .+/);
        assert.ok(f.toc > 5, 'table of contents');
        assert.ok(f.headingTop !== undefined && f.headingTop < 200, `section scrolled into view (top ${f.headingTop})`);
        assert.equal(f.scripts, 0, 'no lesson script or iframe in the pane');
        // lessonAware.locale: "ko" in the ko session: the pane speaks Korean.
        assert.equal(f.contents, locale === 'ko' ? '목차' : 'Contents');
        assert.equal(f.copyLabel, locale === 'ko' ? '복사' : 'Copy');
      }, { timeoutMs: 30_000, what: 'pane at the section' });
      await wb.screenshot('lesson-pane-section');
      return facts;
    },
  },
  {
    name: 'every Mermaid diagram of the largest lesson is an SVG',
    locales: ['en'],
    async run(wb) {
      await wb.runCommand('Lesson-Aware: Search Lessons');
      const input = wb.page.locator('.quick-input-widget input');
      await input.fill('전체 아키텍처 통합 뷰');
      await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: '전체 아키텍처 통합 뷰' }).first().waitFor({ timeout: 20_000 });
      await wb.page.keyboard.press('Enter');
      const frame = await paneFrame(wb.page);
      const facts = await eventually(() => paneFacts(frame), (f) => {
        assert.equal(f.highlighted[0], '전체-아키텍처-통합-뷰');
        assert.ok(f.blocks > 0);
        assert.equal(f.svgs, f.blocks, `${f.svgs} of ${f.blocks} diagrams rendered`);
      }, { timeoutMs: 60_000, what: 'Mermaid SVGs' });
      await wb.screenshot('lesson-pane-mermaid');
      return facts;
    },
  },
  {
    name: 'a YAML example of the pane opens as a new file',
    locales: ['en'],
    async run(wb) {
      const frame = await paneFrame(wb.page);
      const block = frame.locator('.code-block:has(code.language-yaml)').first();
      const source = (await block.locator('code').textContent()) ?? '';
      const firstLine = source.split('\n').find((l) => l.trim() && !l.trim().startsWith('#'))?.trim() ?? '';
      assert.ok(firstLine, 'the lesson has a YAML example');
      await block.locator('button[data-code-action="openCodeAsFile"]').click();
      await wb.page.locator('.tabs-container .tab.active[data-resource-name^="Untitled"]').first().waitFor({ timeout: 15_000 });
      await eventually(() => wb.page.locator('.editor-instance .monaco-editor .view-lines').first().innerText(),
        (text) => assert.ok(text.replace(/\u00a0/g, ' ').includes(firstLine), `editor shows "${firstLine}"`), { what: 'example in the new editor' });
      await wb.screenshot('lesson-pane-open-example');
      // An untitled editor made with content stays dirty: close it without saving.
      await wb.runCommand('View: Close Editor');
      const dontSave = wb.page.getByRole('button', { name: "Don't Save" });
      await dontSave.waitFor({ timeout: 5_000 }).then(() => dontSave.click()).catch(() => undefined);
      await focusWorkbench(wb);
      return { firstLine };
    },
  },
  {
    name: 'lessons tree lists the five sessions in course order',
    async run(wb, { locale }) {
      await focusWorkbench(wb);
      await wb.runCommand('View: Close All Editors');
      await wb.page.keyboard.press('Control+Shift+E');
      // View names come from package.nls (VS Code's display language, English here).
      const header = wb.page.locator('.pane-header', { hasText: /^\s*(Lessons|레슨)\s*$/ }).last();
      await header.waitFor({ timeout: 20_000 });
      // Give the tree the whole side bar: collapse the other explorer sections.
      for (const other of await wb.page.locator('.sidebar .pane-header[aria-expanded="true"]').all()) {
        if (!/^\s*(Lessons|레슨)\s*$/.test(await other.innerText())) await other.click();
      }
      if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
      const rows = await eventually(
        () => wb.page.evaluate(() => {
          const views = [...document.querySelectorAll('.pane')].filter((p) => /Lessons|레슨/.test(p.querySelector('.pane-header')?.textContent ?? ''));
          const view = views[views.length - 1];
          return view ? [...view.querySelectorAll('.monaco-list-row')].map((r) => r.getAttribute('aria-label') || r.textContent || '') : [];
        }),
        (labels) => assert.equal(labels.filter((l) => /Session \d+|세션 \d+/.test(l)).length, 5, labels.join(' | ')),
        { timeoutMs: 30_000, what: 'five sessions in the tree' },
      );
      const sessions = rows.filter((l) => /Session \d+|세션 \d+/.test(l));
      const order = rows.filter((l) => /^(Week|Day|Session|\d+주차|\d+일차|세션)/.test(l)).join(' › ');
      assert.match(order, /(Week 1|1주차).*(Day 2|2일차).*(Session 1|세션 1).*(Day 5|5일차).*(Session 6|세션 6).*(Week 2|2주차).*(Day 1|1일차).*(Day 2|2일차).*(Day 3|3일차)/);
      await wb.screenshot('lessons-tree');
      return { sessions };
    },
  },
  {
    name: 'live Mermaid preview follows typing and shows broken syntax with its line',
    locales: ['en'],
    async run(wb) {
      await focusWorkbench(wb);
      await wb.runCommand('View: Close All Editors');
      // Pick the exact command row (Enter would take whichever row ranks first, e.g. "Compare New Untitled…").
      await wb.page.keyboard.press('Control+Shift+P');
      await wb.page.locator('.quick-input-widget input').fill('>File: New Untitled Text File');
      await wb.page.locator('.quick-input-list .monaco-list-row[aria-label^="File: New Untitled Text File"]').first().click();
      await wb.page.locator('.editor-instance .monaco-editor').first().waitFor();
      await wb.runCommand('Change Language Mode');
      const input = wb.page.locator('.quick-input-widget input');
      await input.fill('Mermaid');
      await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: /Mermaid/ }).first().waitFor();
      await wb.page.keyboard.press('Enter');
      await wb.page.locator('.editor-instance .monaco-editor textarea').first().focus();
      await wb.page.keyboard.insertText('graph LR\n  A[Start] --> B[End]\n');
      await wb.runCommand('Lesson-Aware: Show Mermaid Preview');
      const frame = await previewFrame(wb.page);
      await eventually(() => previewFacts(frame), (f) => assert.equal(f.svgs, 1), { what: 'first diagram' });
      await wb.page.locator('.editor-instance .monaco-editor textarea').first().focus();
      await wb.page.keyboard.insertText('  B --> C{Ship it?}\n');
      const grown = await eventually(() => previewFacts(frame), (f) => assert.ok(f.svgs === 1 && f.nodes >= 3, `nodes: ${f.nodes}`), { what: 'preview updated after typing' });
      await wb.screenshot('mermaid-preview');
      await wb.page.keyboard.insertText('  C --> -->\n');
      const broken = await eventually(() => previewFacts(frame), (f) => assert.match(f.error, /line 4/i), { what: 'syntax error with its line' });
      await wb.screenshot('mermaid-preview-error');
      await wb.runCommand('File: Revert File');
      await wb.runCommand('View: Close All Editors');
      return { nodes: grown.nodes, error: broken.error.slice(0, 200) };
    },
  },
];
