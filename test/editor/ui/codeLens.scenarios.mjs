// UI scenarios: the code lenses above a manifest, and the rule code link in a diagnostic hover opening the
// lesson pane at the section that explains the finding.
import assert from 'node:assert/strict';
import { eventually, paneFrame } from '../../../scripts/editor/lib/workbench.mjs';

const RULE = 'k8s-run-as-non-root';

/** Text of every code lens shown in the active editor. */
const lensTexts = (page) => page.evaluate(() => [...document.querySelectorAll('.editor-instance .codelens-decoration')].map((el) => el.textContent ?? ''));


/** `command:lessonAware.openLesson?<args>` as the hover writes it into the link's href. */
function openLessonArgs(href) {
  const query = href.slice(href.indexOf('?') + 1);
  let decoded = query;
  try { decoded = decodeURIComponent(query); } catch { /* already plain */ }
  return JSON.parse(decoded)[0];
}

export const scenarios = [
  {
    name: 'code lenses name the lesson of the resource and count its findings',
    async run(wb, { locale }) {
      await wb.openFile('runs-as-root.yaml');
      const texts = await eventually(() => lensTexts(wb.page), (t) => {
        const all = t.join(' | ');
        assert.match(all, /📖 W\dD\dS\d › /u, 'a lesson lens');
        assert.match(all, locale === 'ko' ? /⚠ 문제 \d+개/ : /⚠ \d+ findings?/, 'a findings lens');
      }, { timeoutMs: 90_000, what: 'code lenses' });
      await wb.screenshot('codelens');
      return { lenses: texts };
    },
  },
  {
    name: 'the rule code link in a diagnostic hover opens the lesson pane at its section',
    async run(wb) {
      await wb.openFile('runs-as-root.yaml');
      // The finding sits on the container's `name` key (the second `name` in the file).
      await wb.hoverOver('name', { occurrence: 1, until: (text) => assert.match(text, new RegExp(RULE)) });
      const link = wb.page.locator('.monaco-hover a.code-link', { hasText: RULE }).first();
      await link.waitFor({ timeout: 10_000 });
      const href = (await link.getAttribute('href')) ?? '';
      assert.match(href, /^command:lessonAware\.openLesson\?/, `the code link runs our command: ${href.slice(0, 120)}`);
      const args = openLessonArgs(href);
      assert.match(args.lessonUri, /\.md$/);
      try {
        await link.click();
        await wb.dismissHover().catch(() => undefined);
        const frame = await paneFrame(wb.page, 60_000);
        const facts = await eventually(
          () => frame.evaluate(() => ({
            highlighted: [...document.querySelectorAll('.section-highlight.section-start')].map((e) => e.id),
            headingTop: document.querySelector('.section-start')?.getBoundingClientRect().top,
            viewport: window.innerHeight,
          })),
          (f) => {
            assert.deepEqual(f.highlighted, [args.sectionSlug], 'the section of the finding is highlighted');
            assert.ok(f.headingTop !== undefined && f.headingTop >= 0 && f.headingTop < f.viewport - 40, `section heading on screen (top ${f.headingTop} of ${f.viewport})`);
          },
          { timeoutMs: 30_000, what: 'pane at the finding section' },
        );
        await wb.screenshot('diagnostic-code-link-pane');
        return { slug: args.sectionSlug, ...facts };
      } finally {
        // Later scenarios open files in the first group, next to the pane this one opened.
        await wb.runCommand('View: Focus First Editor Group').catch(() => undefined);
      }
    },
  },
];
