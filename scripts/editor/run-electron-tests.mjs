// Runs the extension-host suite (test/editor/suite) in desktop VS Code through @vscode/test-electron,
// for machines that can download VS Code. Offline (as on the project's own machines) it says so
// within seconds and exits non-zero; use `npm run test:editor` (code-server) there.
// Assumes `npm run build` produced dist/extension.js and dist/server.js.
// Env: LESSON_AWARE_VSCODE_VERSION (default "stable"), LESSON_AWARE_VSCODE_EXECUTABLE (skip download).
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const version = process.env.LESSON_AWARE_VSCODE_VERSION || 'stable';
const executable = process.env.LESSON_AWARE_VSCODE_EXECUTABLE;
const PROBE_URL = 'https://update.code.visualstudio.com/api/releases/stable';

function finish(passed, failed, message, ran = passed + failed) {
  if (message) console.error(`[electron] ${message}`);
  console.log(`editor tier (electron): ${ran} extension-host tests, ${failed} failed`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

/** A few seconds to learn whether VS Code can be downloaded at all. */
async function canDownload() {
  try {
    const response = await fetch(PROBE_URL, { signal: AbortSignal.timeout(5000) });
    return response.ok ? undefined : `HTTP ${response.status}`;
  } catch (error) {
    return error.cause?.code || error.cause?.message || error.message;
  }
}

for (const file of ['dist/extension.js', 'dist/server.js']) {
  if (!existsSync(join(repoRoot, file))) finish(0, 1, `${file} is missing: run \`npm run build\` first`, 0);
}
if (!executable) {
  const problem = await canDownload();
  if (problem) {
    finish(0, 1, `cannot download desktop VS Code (${PROBE_URL}: ${problem}).\n` +
      '  This machine is offline for VS Code downloads; run the same suite in code-server with `npm run test:editor`,\n' +
      '  or point LESSON_AWARE_VSCODE_EXECUTABLE at an installed VS Code.', 0);
  }
}
if (process.platform === 'linux' && !process.env.DISPLAY) {
  console.warn('[electron] warning: no DISPLAY; desktop VS Code needs an X server (run under `xvfb-run -a`).');
}

const work = mkdtempSync(join(tmpdir(), 'lesson-aware-electron-'));
const workspace = join(work, 'workspace');
const resultsFile = join(work, 'results.json');
cpSync(join(repoRoot, 'test', 'editor', 'workspace'), workspace, { recursive: true });
let exitMessage;
try {
  await runTests({
    version,
    vscodeExecutablePath: executable,
    timeout: 15_000,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: join(repoRoot, 'test', 'editor', 'suite', 'index.js'),
    extensionTestsEnv: { LESSON_AWARE_EDITOR_RESULTS: resultsFile },
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes',
      '--user-data-dir', join(work, 'user-data')],
  });
} catch (error) {
  exitMessage = `VS Code test run failed: ${error.message}`;
}
let results;
try {
  results = JSON.parse(readFileSync(resultsFile, 'utf8'));
} catch {
  results = undefined;
}
rmSync(work, { recursive: true, force: true });
if (!results) finish(0, 1, exitMessage ?? 'the suite wrote no results', 0);
for (const test of results.tests) {
  console.log(`  ${test.state === 'passed' ? '✔' : '✘'} ${test.title}${test.error ? `\n      ${test.error.message}` : ''}`);
}
finish(results.passed, results.failed + (results.tests.length === 0 ? 1 : 0), exitMessage, results.tests.length);
