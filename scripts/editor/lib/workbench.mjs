// Playwright helpers over the VS Code workbench served by code-server. A UI scenario only needs
// openFile(name), hoverOver(text, { until }), screenshot(name) and, now and then, runCommand(label).
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-dev-shm-usage',
];

export function launchBrowser(executablePath) {
  // The runner handles SIGINT/SIGTERM itself (stops code-server, removes its folders, then exits).
  return chromium.launch({
    executablePath, headless: true, args: CHROMIUM_ARGS, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
  });
}

/** Thrown by a probe of `hoverOver` when the text moved away from under the mouse. */
class LayoutMoved extends Error {
  constructor(text) {
    super(`"${text}" moved away from under the mouse`);
  }
}

/**
 * Polls `probe` until `check` stops throwing; rethrows the last failure after `timeoutMs`. A probe error that is
 * an instance of `stopOn` ends the polling at once.
 */
export async function eventually(probe, check, { timeoutMs = 30_000, intervalMs = 250, what = 'condition', stopOn } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  let lastValue;
  for (;;) {
    try {
      lastValue = await probe();
      check(lastValue);
      return lastValue;
    } catch (error) {
      if (stopOn && error instanceof stopOn) throw error;
      lastError = error;
    }
    if (Date.now() > deadline) {
      const shown = lastValue === undefined ? '' : `\nlast value: ${String(lastValue).slice(0, 1500)}`;
      throw new Error(`${what} not met within ${timeoutMs} ms: ${lastError?.message}${shown}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** `frame.evaluate`, or a rejection when the frame does not answer within `ms` (a hung webview frame). */
export function evaluateIn(frame, fn, arg, ms = 5_000) {
  return Promise.race([frame.evaluate(fn, arg), new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer from frame ${frame.url().slice(0, 80)}`)), ms))]);
}

/** The frame holding `selector` (webview iframes are nested); fails with "<what> not found" after `timeoutMs`. */
export async function frameWith(page, selector, what, timeoutMs = 30_000) {
  return eventually(async () => {
    for (const frame of page.frames()) {
      try {
        if (await evaluateIn(frame, (s) => !!document.querySelector(s), selector)) return frame;
      } catch { /* detached or not ready */ }
    }
    return undefined;
  }, (frame) => { if (!frame) throw new Error(`${what} not found`); }, { timeoutMs, what });
}

/** The frame of our lesson pane (it holds `article.lesson`). */
export function paneFrame(page, timeoutMs = 30_000) {
  return frameWith(page, 'article.lesson', 'lesson pane frame', timeoutMs);
}

/** Opens a new page on `url`, logging the browser console to `consoleLog`. */
export async function openPage(browser, url, { consoleLog, viewport = { width: 1400, height: 900 }, locale, watch } = {}) {
  const context = await browser.newContext({ viewport, locale });
  watch?.(context); // e.g. record every request of every frame and worker (net-evidence.mjs)
  const page = await context.newPage();
  if (consoleLog) {
    mkdirSync(join(consoleLog, '..'), { recursive: true });
    page.on('console', (message) => appendFileSync(consoleLog, `[${message.type()}] ${message.text()}\n`));
    page.on('pageerror', (error) => appendFileSync(consoleLog, `[pageerror] ${error.stack || error.message}\n`));
  }
  await page.goto(url);
  return { page, close: () => context.close() };
}

export class Workbench {
  /** @param {import('playwright-core').Page} page */
  constructor(page, { artifactsDir, suffix = '' }) {
    this.page = page;
    this.artifactsDir = artifactsDir;
    this.suffix = suffix;
  }

  /** Waits until the workbench and its explorer are up. */
  async ready(timeoutMs = 60_000) {
    await this.page.locator('.monaco-workbench').waitFor({ timeout: timeoutMs });
    await this.page.locator('.statusbar').waitFor({ timeout: timeoutMs });
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: timeoutMs });
  }

  /** Opens a workspace file through Quick Open and waits for its editor. */
  async openFile(name, timeoutMs = 30_000) {
    const input = this.page.locator('.quick-input-widget input');
    await eventually(async () => {
      if (!(await input.isVisible())) {
        await this.page.keyboard.press('Control+P');
        await input.waitFor({ state: 'visible', timeout: 2000 });
      }
      return true;
    }, () => {}, { timeoutMs, what: 'Quick Open' });
    await input.fill(name);
    // Enter picks the focused row; wait until filtering has put our file there.
    const exact = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    const row = this.page.locator('.quick-input-list .monaco-list-row.focused .label-name', { hasText: exact }).first();
    await row.waitFor({ timeout: timeoutMs });
    await this.page.keyboard.press('Enter');
    await this.page.locator(`.tabs-container .tab.active[aria-label*="${name}"]`).waitFor({ timeout: timeoutMs });
    await this.page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout: timeoutMs });
  }

  /** Screen point at the middle of the `occurrence`-th visible appearance of `text` in the active editor. */
  async textPoint(text, occurrence = 0) {
    return this.page.evaluate(({ text, occurrence }) => {
      // The active group's visible editor: groups keep the editors of files shown before (hidden, still in the DOM).
      const visible = (el) => { const box = el.getBoundingClientRect(); return box.width > 0 && box.height > 0 && el.offsetParent !== null; };
      const editors = [...document.querySelectorAll('.editor-instance .monaco-editor .view-lines')].filter(visible);
      const editor = editors.find((el) => el.closest('.editor-group-container.active')) ?? editors[0];
      if (!editor) return undefined;
      const hits = [];
      const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const value = node.nodeValue.replace(/\u00a0/g, ' ');
        for (let at = value.indexOf(text); at >= 0; at = value.indexOf(text, at + 1)) {
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + text.length);
          const box = range.getBoundingClientRect();
          hits.push({ x: box.left + box.width / 2, y: box.top + box.height / 2 });
        }
      }
      hits.sort((a, b) => a.y - b.y || a.x - b.x);
      return hits[occurrence];
    }, { text, occurrence });
  }

  /** Whether the editor text under `point` still contains `text` (a widget covering the point counts as no). */
  async textAt(point, text) {
    return this.page.evaluate(({ point, text }) => {
      const el = document.elementFromPoint(point.x, point.y);
      if (!el?.closest('.view-lines')) return false;
      return (el.textContent ?? '').replace(/\u00a0/g, ' ').includes(text);
    }, { point, text });
  }

  /** Text of the visible hover widget(s), or ''. */
  async hoverText() {
    return this.page.evaluate(() => [...document.querySelectorAll('.monaco-hover')]
      .filter((el) => { const box = el.getBoundingClientRect(); return box.width > 0 && box.height > 0 && el.offsetParent !== null; })
      .map((el) => el.innerText)
      .join('\n')
      .trim());
  }

  /**
   * Moves the mouse onto `text` and returns the hover text once `until(text)` stops throwing
   * (default: non-empty). Moves away and back while waiting, so a late server still gets asked.
   */
  async hoverOver(text, { occurrence = 0, until = (t) => { if (!t) throw new Error('no hover yet'); }, timeoutMs = 60_000 } = {}) {
    return eventually(async () => {
      const point = await this.textPoint(text, occurrence);
      if (!point) throw new Error(`"${text}" is not visible in the active editor`);
      // Start from off the editor with no hover open: a hover left open (or opened on the way) can cover the target.
      await this.page.mouse.move(1, 1);
      if (await this.hoverText()) await this.page.keyboard.press('Escape');
      await this.page.mouse.move(point.x, point.y, { steps: 4 });
      // Lines move when code lenses arrive (VS Code delays their request after slow ones): while waiting for the
      // hover, give up at once when the text is no longer under the mouse, and aim again.
      return eventually(async () => {
        if (!(await this.textAt(point, text))) throw new LayoutMoved(text);
        return this.hoverText();
      }, until, { timeoutMs: 5000, intervalMs: 200, what: 'hover content', stopOn: LayoutMoved });
    }, () => {}, { timeoutMs, intervalMs: 300, what: `hover over "${text}"` });
  }

  /** Moves the mouse off the editor so a sticky hover closes, and waits until it has. */
  async dismissHover() {
    await this.page.mouse.move(1, 1);
    await this.page.keyboard.press('Escape');
    await eventually(() => this.hoverText(), (text) => { if (text) throw new Error('hover still shown'); },
      { timeoutMs: 5000, what: 'hover closed' });
  }

  /** Runs a command through the command palette by its (English) label. */
  async runCommand(label) {
    await this.page.keyboard.press('Control+Shift+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${label}`);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor();
    await this.page.keyboard.press('Enter');
  }

  /** Saves a PNG of the whole workbench in the artifacts folder; returns its path. */
  async screenshot(name) {
    mkdirSync(this.artifactsDir, { recursive: true });
    const path = join(this.artifactsDir, `${name}${this.suffix}.png`);
    await this.page.screenshot({ path, animations: 'disabled' });
    return path;
  }
}
