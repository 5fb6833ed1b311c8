// The real-editor test tier: code-server + headless Chromium, offline.
//  1. extension-host suite (test/editor/suite, mocha) loaded through the workbench `payload` URL;
//  2. UI scenarios (test/editor/ui/*.scenarios.mjs) driving the workbench with Playwright, once per
//     locale (en, then ko), screenshots in test-results/editor/.
// Assumes `npm run build` produced dist/extension.js and dist/server.js.
// Usage: node scripts/editor/run-editor-tests.mjs [--only host|ui] [--locales en,ko] [--keep] [--vsix file.vsix]
//        [--scenarios hostile,hover] (only the UI scenario files whose names contain one of these)
// Env: LESSON_AWARE_EDITOR_TIMEOUT_MS (overall, default 600000), LESSON_AWARE_EXTENSION_PATH (extension
//      folder under test, default the repo root), plus install-code-server.mjs's.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureEditorTools } from './install-code-server.mjs';
import { prepareSession, removeSession, startCodeServer, workbenchUrl } from './lib/code-server.mjs';
import { runHostSuite } from './lib/host-suite.mjs';
import { killAllNow, run, stopAll } from './lib/proc.mjs';
import { launchBrowser, openPage, Workbench } from './lib/workbench.mjs';
import { netProbeEnv, netResults, readNetLog, requestRecorder, requestResults } from './lib/net-evidence.mjs';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const editorTests = join(repoRoot, 'test', 'editor');
const artifactsDir = join(repoRoot, 'test-results', 'editor');
// The extension under test: the repo root, another unpacked extension folder, or (--vsix) a package.
let extensionPath = process.env.LESSON_AWARE_EXTENSION_PATH || repoRoot;

const { values: options } = parseArgs({
  options: {
    only: { type: 'string' },
    locales: { type: 'string', default: 'en,ko' },
    keep: { type: 'boolean', default: false },
    vsix: { type: 'string' },
    scenarios: { type: 'string' },
  },
});
const overallTimeoutMs = Number(process.env.LESSON_AWARE_EDITOR_TIMEOUT_MS || 600_000);
const log = (message) => console.log(`[editor] ${message}`);
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

let browser;
const cleanups = [];
function runCleanups() {
  for (const fn of cleanups.splice(0)) { try { fn(); } catch { /* best effort */ } }
}
async function cleanup() {
  await browser?.close().catch(() => {});
  await stopAll();
  runCleanups();
}
process.on('exit', () => { killAllNow(); runCleanups(); });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    console.error(`[editor] ${signal}: stopping code-server and the browser`);
    await cleanup();
    process.exit(130);
  });
}
const overallTimer = setTimeout(async () => {
  console.error(`[editor] overall timeout of ${overallTimeoutMs / 1000} s reached; stopping`);
  await cleanup();
  console.log('0 passed, 1 failed');
  process.exit(1);
}, overallTimeoutMs);
overallTimer.unref();

/** Unzips a .vsix's `extension/` folder so the packaged files (not the repo) are what gets tested. */
function unpackVsix(file) {
  if (!existsSync(file)) throw new Error(`--vsix ${file} does not exist (npm run package writes lesson-aware.vsix)`);
  const dir = mkdtempSync(join(process.env.TMPDIR || tmpdir(), 'lesson-aware-vsix-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  run('unzip', ['-q', file, 'extension/*', '-d', dir], { quiet: true });
  log(`testing the packaged extension ${file}`);
  return join(dir, 'extension');
}

async function loadScenarios() {
  const dir = join(editorTests, 'ui');
  const wanted = options.scenarios?.split(',').map((s) => s.trim()).filter(Boolean);
  const files = readdirSync(dir).filter((f) => f.endsWith('.scenarios.mjs') && (!wanted || wanted.some((w) => f.includes(w)))).sort();
  const all = [];
  for (const file of files) {
    const mod = await import(pathToFileURL(join(dir, file)).href);
    for (const scenario of mod.scenarios ?? []) all.push({ ...scenario, file });
  }
  return all;
}

async function runScenarios({ server, dirs, locale, scenarios, watch }) {
  const url = workbenchUrl(server, { folder: dirs.uiWorkspace, extensionDevelopmentPath: extensionPath });
  const { page, close } = await openPage(browser, url, {
    consoleLog: join(artifactsDir, `console-ui-${locale}.log`),
    locale: locale === 'ko' ? 'ko-KR' : 'en-US',
    watch,
  });
  const results = [];
  try {
    const wb = new Workbench(page, { artifactsDir, suffix: `-${locale}` });
    await wb.ready();
    for (const scenario of scenarios.filter((s) => !s.locales || s.locales.includes(locale))) {
      const title = `[ui ${locale}] ${scenario.name}`;
      const started = Date.now();
      try {
        // Scenarios that need files outside the workspace (hostile lesson folders) get the session's folders.
        await scenario.run(wb, { locale, workspaceDir: dirs.uiWorkspace, sessionDir: dirs.root });
        results.push({ title, state: 'passed' });
        log(`  ✔ ${title} (${seconds(started)})`);
      } catch (error) {
        await wb.screenshot(`FAILED-${scenario.name.replace(/[^\w-]+/g, '_')}`).catch(() => {});
        results.push({ title, state: 'failed', error: { message: error.message } });
        log(`  ✘ ${title} (${seconds(started)})\n      ${error.message.replace(/\n/g, '\n      ')}`);
      }
    }
  } finally {
    await close().catch(() => {});
  }
  return results;
}

async function runLocale(tools, locale, { host, ui, scenarios }) {
  // Without a Korean language pack (none offline) VS Code falls back to English even with
  // --locale ko, so the ko session also asks our extension for Korean explicitly.
  const settings = locale === 'en' ? {} : { 'lessonAware.locale': locale };
  const dirs = prepareSession({ name: locale, workspaceSource: join(editorTests, 'workspace'), settings });
  if (!options.keep) cleanups.push(() => removeSession(dirs));
  const resultsFile = join(dirs.results, 'host.json');
  const netLog = join(dirs.results, 'net.jsonl');
  const requests = requestRecorder();
  const started = Date.now();
  const server = await startCodeServer({
    bin: tools.codeServer, dirs, locale: locale === 'en' ? undefined : locale,
    env: { LESSON_AWARE_EDITOR_RESULTS: resultsFile, ...netProbeEnv(netLog) },
    logFile: join(artifactsDir, `code-server-${locale}.log`),
  });
  log(`code-server (${locale}) answers on ${server.url} after ${seconds(started)}; session ${dirs.root}`);
  const results = [];
  try {
    if (host) {
      const suiteStarted = Date.now();
      const suite = await runHostSuite({
        browser, server, dirs, extensionPath,
        suitePath: join(editorTests, 'suite', 'index.js'),
        resultsFiles: [resultsFile, join(dirs.workspace, '.editor-test-results.json')],
        consoleLog: join(artifactsDir, `console-host-${locale}.log`),
        timeoutMs: 240_000,
        watch: requests.watch,
      });
      if (suite.vscodeVersion) log(`extension host: VS Code ${suite.vscodeVersion}, ${suite.appHost}, language ${suite.language}, results via ${suite.resultsVia}`);
      for (const test of suite.tests) {
        const title = `[host ${locale}] ${test.title}`;
        results.push({ ...test, title, kind: 'host' });
        log(`  ${test.state === 'passed' ? '✔' : '✘'} ${title}${test.error ? `\n      ${test.error.message.replace(/\n/g, '\n      ')}` : ''}`);
      }
      log(`extension-host suite (${locale}) took ${seconds(suiteStarted)}`);
    }
    if (ui) results.push(...(await runScenarios({ server, dirs, locale, scenarios, watch: requests.watch })).map((r) => ({ ...r, kind: 'ui' })));
  } finally {
    await server.stop();
  }
  // No network: the Node-side probe log and the browser's requests of this session.
  const net = netResults(readNetLog(netLog), { locale });
  const evidence = [...net.results, await requestResults(requests.requests, { origin: server.url, locale, what: host && ui ? 'host suite and UI scenarios' : host ? 'host suite' : 'UI scenarios' })];
  for (const r of evidence) log(`  ${r.state === 'passed' ? '✔' : '✘'} ${r.title}${r.error ? `\n      ${r.error.message}` : ''}`);
  log(`net evidence (${locale}): ${JSON.stringify(net.facts)}`);
  results.push(...evidence);
  return results;
}

async function main() {
  const started = Date.now();
  if (options.only && !['host', 'ui'].includes(options.only)) throw new Error(`--only takes host or ui, not ${options.only}`);
  const tools = ensureEditorTools();
  log(`code-server ${tools.version}, chromium ${tools.chromium} (tools ready in ${tools.seconds.toFixed(1)} s)`);
  if (options.vsix) extensionPath = unpackVsix(resolve(options.vsix));
  for (const file of ['dist/extension.js', 'dist/server.js']) {
    if (!existsSync(join(extensionPath, file))) throw new Error(`${join(extensionPath, file)} is missing: run \`npm run build\` first`);
  }
  rmSync(artifactsDir, { recursive: true, force: true }); // no stale screenshots from an earlier run
  mkdirSync(artifactsDir, { recursive: true });
  const host = options.only !== 'ui';
  const ui = options.only !== 'host';
  const scenarios = ui ? await loadScenarios() : [];
  browser = await launchBrowser(tools.chromium);
  const results = [];
  const locales = options.locales.split(',').map((l) => l.trim()).filter(Boolean);
  for (const [index, locale] of locales.entries()) {
    // The extension-host suite runs once, in the first locale; UI scenarios run in every locale.
    const work = { host: host && index === 0, ui, scenarios };
    if (work.host || work.ui) results.push(...(await runLocale(tools, locale, work)));
  }
  const count = (kind, state) => results.filter((r) => r.kind === kind && (!state || r.state === state)).length;
  const passed = results.filter((r) => r.state === 'passed').length;
  const failed = results.length - passed;
  const hostCount = count('host');
  const problems = [];
  if (host && hostCount === 0) problems.push('the extension-host suite ran zero tests');
  if (ui && count('ui') === 0) problems.push('zero UI scenarios ran');
  for (const problem of problems) log(`FAILED: ${problem}`);
  const totalFailed = failed + problems.length;
  log(`screenshots and logs: ${artifactsDir}`);
  log(`total ${seconds(started)}`);
  console.log(`editor tier: ${hostCount} extension-host tests, ${count('ui')} UI scenarios, ${totalFailed} failed`);
  console.log(`${passed} passed, ${totalFailed} failed`);
  return totalFailed === 0 ? 0 : 1;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  console.error(`[editor] FAILED: ${error.stack || error.message}`);
  console.log('editor tier: 0 extension-host tests, 0 UI scenarios, 1 failed');
  console.log('0 passed, 1 failed');
} finally {
  await cleanup();
}
process.exit(exitCode);
