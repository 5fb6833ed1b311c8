// Extension-host test suite entry, as @vscode/test-electron and VS Code's `extensionTestsPath` expect:
// exports run(), which runs every `*.test.js` next to this file with mocha inside the extension host.
// There is no process exit code under code-server, so the results are also written as JSON to
// $LESSON_AWARE_EDITOR_RESULTS, else to `.editor-test-results.json` in the first workspace folder.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

/** mocha 12's package entry is ESM; its CommonJS build is required directly so any Node runs it. */
function loadMocha() {
  try {
    return require('mocha/lib/mocha.cjs');
  } catch {
    const mod = require('mocha');
    return mod.default || mod.Mocha || mod;
  }
}

function resultsPath() {
  if (process.env.LESSON_AWARE_EDITOR_RESULTS) return process.env.LESSON_AWARE_EDITOR_RESULTS;
  const vscode = require('vscode');
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  return folder && folder.uri.scheme === 'file' ? path.join(folder.uri.fsPath, '.editor-test-results.json') : undefined;
}

function writeResults(results) {
  const target = resultsPath();
  if (!target) return;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  fs.writeFileSync(partial, `${JSON.stringify(results, null, 2)}\n`);
  fs.renameSync(partial, target); // the runner never sees a half-written file
}

function errorInfo(err) {
  return { message: String((err && err.message) || err), stack: err && err.stack ? String(err.stack) : undefined };
}

function run() {
  const Mocha = loadMocha();
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 90_000, reporter: 'spec' });
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  for (const file of files) mocha.addFile(path.join(__dirname, file));

  const results = { startedAt: new Date().toISOString(), vscodeVersion: undefined, language: undefined, passed: 0, failed: 0, tests: [] };
  try {
    const vscode = require('vscode');
    results.vscodeVersion = vscode.version;
    results.language = vscode.env.language;
    results.appHost = vscode.env.appHost;
    results.resultsVia = process.env.LESSON_AWARE_EDITOR_RESULTS ? 'env' : 'workspace';
  } catch { /* not in an extension host */ }

  return new Promise((resolve, reject) => {
    let runner;
    try {
      runner = mocha.run((failures) => {
        results.finishedAt = new Date().toISOString();
        try { writeResults(results); } catch (err) { console.error('[editor suite] cannot write results', err); }
        if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
        else resolve();
      });
    } catch (err) {
      results.failed += 1;
      results.tests.push({ title: 'load test files', state: 'failed', error: errorInfo(err) });
      try { writeResults(results); } catch { /* nothing more to do */ }
      reject(err);
      return;
    }
    runner.on('pass', (test) => {
      results.passed += 1;
      results.tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration });
    });
    runner.on('fail', (test, err) => {
      results.failed += 1;
      results.tests.push({ title: test.fullTitle(), state: 'failed', durationMs: test.duration, error: errorInfo(err) });
    });
  });
}

module.exports = { run };
