// UI scenarios for guided labs on the real workbench: start a lab from the command palette, see the Labs
// view with unticked steps, fix one step by typing in the starter file, watch that step tick in the Labs
// view, and see it ticked on the lab's walkthrough page (Help: Get Started).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { eventually } from '../../../scripts/editor/lib/workbench.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const LAB = 'harden-deployment';
const STEP = 'block-privilege-escalation';

/** Title and step titles from the lab's own front matter (the scenario follows the lab text). */
function labFacts() {
  const text = readFileSync(join(repo, 'lessons', 'labs', LAB, 'lab.md'), 'utf8');
  const front = parseYaml(/^---\r?\n([\s\S]*?)\r?\n---/.exec(text)[1]);
  const step = front.steps.find((s) => s.id === STEP);
  const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
  const walkthrough = (pkg.contributes.walkthroughs ?? []).find((w) => w.id === `lessonAware.lab.${LAB}`);
  return { title: front.title, steps: front.steps.map((s) => s.title), stepTitle: step.title, walkthrough };
}

/** Rows of the Labs view: label, description, and whether the row shows the pass icon or the empty circle. */
function labsRows(page) {
  return page.evaluate(() => {
    const pane = [...document.querySelectorAll('.sidebar .pane')].find((p) => /^\s*Labs\s*$/.test(p.querySelector('.pane-header .title')?.textContent ?? ''));
    if (!pane) return [];
    return [...pane.querySelectorAll('.monaco-list-row')].map((row) => ({
      label: row.querySelector('.label-name')?.textContent ?? '',
      description: row.querySelector('.label-description')?.textContent ?? '',
      aria: row.getAttribute('aria-label') ?? '',
      passed: !!row.querySelector('.codicon-pass, .codicon-pass-filled'),
      open: !!row.querySelector('.codicon-circle-large-outline'),
    }));
  });
}

/**
 * Runs a palette command once the palette lists it: right after the window opens, the commands of an extension
 * under development appear only when its extension host has started.
 */
async function runCommandWhenListed(wb, label) {
  const input = wb.page.locator('.quick-input-widget input');
  const row = wb.page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  await eventually(async () => {
    // A palette that opened before the commands were known keeps its empty list: open it afresh each time.
    if (await input.isVisible()) await wb.page.keyboard.press('Escape');
    await wb.page.keyboard.press('Control+Shift+P');
    await input.fill(`>${label}`);
    await row.waitFor({ timeout: 3_000 });
    return true;
  }, () => {}, { timeoutMs: 60_000, intervalMs: 500, what: `"${label}" in the command palette` });
  await wb.page.keyboard.press('Enter');
}

/** Id of the highlighted section heading in the lesson pane's frame, if the pane shows one. */
async function lessonPaneSection(page) {
  for (const frame of page.frames()) {
    try {
      const id = await frame.evaluate(() => document.querySelector('article.lesson .section-start')?.id ?? '');
      if (id) return id;
    } catch { /* detached or not ready */ }
  }
  return '';
}

/** Title and expanded state of every section header of the side bar. */
function sideBarSections(page) {
  return page.evaluate(() => [...document.querySelectorAll('.sidebar .pane-header')]
    .map((h) => ({ title: (h.querySelector('.title')?.textContent ?? '').trim(), expanded: h.getAttribute('aria-expanded') === 'true' })));
}

/**
 * Collapses the other explorer sections so the Labs view has room for every step, and expands Labs. One click
 * per round, then the headers are read again: a click can land while the sections are still moving (a late
 * code lens, a view that just filled), so the state is checked, never assumed.
 */
async function roomForLabs(wb) {
  const { page } = wb;
  await page.keyboard.press('Control+Shift+E');
  const header = (title) => page.locator('.sidebar .pane-header', { has: page.locator('.title', { hasText: new RegExp(`^\\s*${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) }) }).first();
  await header('Labs').waitFor({ timeout: 20_000 });
  await eventually(async () => {
    const sections = await sideBarSections(page);
    const labs = sections.find((s) => s.title === 'Labs');
    const open = sections.find((s) => s.title !== 'Labs' && s.expanded);
    if (open) await header(open.title).click();
    else if (labs && !labs.expanded) await header('Labs').click();
    return sideBarSections(page);
  }, (sections) => {
    assert.ok(sections.some((s) => s.title === 'Labs' && s.expanded), `Labs expanded: ${JSON.stringify(sections)}`);
    assert.ok(sections.every((s) => s.title === 'Labs' || !s.expanded), `other sections collapsed: ${JSON.stringify(sections)}`);
  }, { timeoutMs: 20_000, intervalMs: 300, what: 'room for the Labs view' });
}

export const scenarios = [
  {
    name: 'start a lab from the palette, fix a step by typing, watch it tick in the Labs view and the walkthrough',
    async run(wb) {
      try {
        return await startFixAndTick(wb);
      } finally {
        await leaveCleanWindow(wb);
      }
    },
  },
];

async function startFixAndTick(wb) {
  const lab = labFacts();
  const { page } = wb;
  await runCommandWhenListed(wb, 'Lesson-Aware: Start Lab');
  const input = page.locator('.quick-input-widget input');
  await input.fill(lab.title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: lab.title }).first().waitFor({ timeout: 60_000 });
  await page.keyboard.press('Enter');
  // The starter file opens in front; the lesson pane beside it, at the lab's lesson section.
  await page.locator('.tabs-container .tab.active[data-resource-name="deployment.yaml"]').waitFor({ timeout: 30_000 });
  await eventually(() => lessonPaneSection(page), (section) => assert.ok(section, 'lesson pane at a highlighted section'), { timeoutMs: 30_000, what: 'lesson pane' });
  await roomForLabs(wb);
  const before = await eventually(() => labsRows(page), (rows) => {
    const labRow = rows.find((r) => r.label === lab.title);
    assert.ok(labRow, `lab row in ${JSON.stringify(rows)}`);
    assert.equal(labRow.description, `0/${lab.steps.length}`);
    for (const title of lab.steps) {
      const row = rows.find((r) => r.label === title);
      assert.ok(row && row.open && !row.passed, `step "${title}" unticked`);
      assert.ok(row.description, `step "${title}" shows why it fails`);
    }
  }, { timeoutMs: 60_000, what: 'Labs view with unticked steps' });
  await wb.screenshot('lab-started');

  // Fix the step by typing: find `Escalation: true` in the starter file, type over the match.
  // Start Lab left the starter file in front of the first (left) group; click into its text.
  const editor = page.locator('.editor-group-container').first().locator('.monaco-editor').first();
  await editor.locator('.view-lines').click({ position: { x: 200, y: 8 } });
  await page.keyboard.press('Control+F');
  const find = editor.locator('.find-widget.visible textarea, .find-widget.visible input').first();
  await find.waitFor({ timeout: 10_000 });
  await find.fill('Escalation: true');
  await editor.locator('.find-widget .matchesCount', { hasText: /^1 of 1$/ }).waitFor({ timeout: 10_000 });
  await page.keyboard.press('Escape');
  await page.keyboard.type('Escalation: false');
  await eventually(() => editor.locator('.view-lines').innerText(), (text) => {
    const lines = text.replace(/\u00a0/g, ' ').split('\n');
    assert.ok(lines.some((l) => /^\s*allowPrivilegeEscalation: false\s+#/.test(l)), 'only the value changed');
    assert.match(lines[0], /^# checkout-api/, 'nothing else was typed');
  }, { what: 'the edit is in the editor' });

  const after = await eventually(() => labsRows(page), (rows) => {
    const step = rows.find((r) => r.label === lab.stepTitle);
    assert.ok(step && step.passed && !step.open, `step "${lab.stepTitle}" ticked: ${JSON.stringify(step)}`);
    assert.equal(rows.find((r) => r.label === lab.title)?.description, `1/${lab.steps.length}`);
    assert.equal(rows.filter((r) => r.passed).length, 1, 'only that step passes');
  }, { timeoutMs: 60_000, what: 'step ticked in the Labs view' });
  await wb.screenshot('lab-step-ticked');
  await page.keyboard.press('Control+S');

  let walkthrough;
  if (lab.walkthrough) walkthrough = await walkthroughTicked(wb, lab);
  return { before: before.length, after: after.filter((r) => r.passed).map((r) => r.label), walkthrough: walkthrough ?? 'not generated' };
}

/**
 * Leaves the window as later scenarios expect it, pass or fail: no lab editor (unsaved text dropped), and a
 * Quick Open history without the lab copy of deployment.yaml (it has the fixture's name).
 */
async function leaveCleanWindow(wb) {
  const { page } = wb;
  await page.keyboard.press('Escape');
  await wb.runCommand('View: Close All Editor Groups');
  await page.getByRole('button', { name: "Don't Save" }).click({ timeout: 3_000 }).catch(() => undefined);
  await wb.runCommand('Clear Editor History');
  await page.locator('.monaco-dialog-box').getByRole('button', { name: 'Clear', exact: true }).click({ timeout: 3_000 }).catch(() => undefined);
}

/** Opens the lab's walkthrough (Welcome: Open Walkthrough…) and waits for the fixed step to show as done. */
async function walkthroughTicked(wb, lab) {
  const { page } = wb;
  await wb.runCommand('Welcome: Open Walkthrough...');
  const input = page.locator('.quick-input-widget input');
  await input.fill(lab.walkthrough.title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: lab.walkthrough.title }).first().waitFor({ timeout: 20_000 });
  await page.keyboard.press('Enter');
  const facts = await eventually(() => page.evaluate((stepId) => {
    const steps = [...document.querySelectorAll('.getting-started-step')];
    return steps.map((s) => ({
      id: s.getAttribute('data-step-id') ?? '',
      title: s.querySelector('.step-title')?.textContent ?? '',
      done: s.getAttribute('aria-checked') === 'true',
      mine: (s.getAttribute('data-step-id') ?? '').includes(stepId),
    }));
  }, STEP), (steps) => {
    const mine = steps.find((s) => s.mine);
    assert.ok(mine, `walkthrough step for ${STEP} in ${JSON.stringify(steps)}`);
    assert.ok(mine.done, `walkthrough step ${mine.id} ticked`);
  }, { timeoutMs: 30_000, what: 'walkthrough step ticked' });
  await wb.screenshot('lab-walkthrough');
  return facts.filter((s) => s.done).map((s) => s.id);
}
