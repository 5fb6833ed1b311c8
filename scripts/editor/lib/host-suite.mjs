// Runs test/editor/suite inside the extension host of a code-server workbench (payload URL) and
// reads the results JSON the suite writes; there is no process exit code to rely on.
import { existsSync, readFileSync } from 'node:fs';
import { openPage } from './workbench.mjs';
import { workbenchUrl } from './code-server.mjs';

async function waitForFile(paths, timeoutMs, stillRunning) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = paths.find((path) => existsSync(path));
    if (found) return found;
    const problem = stillRunning();
    if (problem) throw new Error(problem);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return undefined;
}

/**
 * Returns { passed, failed, tests: [{title, state, error?}] }; a missing or empty result is a failure.
 * `resultsFiles` are the places the suite may write to (env path, then workspace fallback).
 */
export async function runHostSuite({ browser, server, dirs, extensionPath, suitePath, resultsFiles, consoleLog, timeoutMs, watch }) {
  const url = workbenchUrl(server, { folder: dirs.workspace, extensionDevelopmentPath: extensionPath, extensionTestsPath: suitePath });
  const { close } = await openPage(browser, url, { consoleLog, watch });
  try {
    const found = await waitForFile(resultsFiles, timeoutMs,
      () => (server.child.exitCode !== null ? `code-server exited with ${server.child.exitCode} during the suite` : undefined));
    if (!found) {
      return failure(`no results file after ${Math.round(timeoutMs / 1000)} s (looked for ${resultsFiles.join(', ')}); see ${consoleLog}`);
    }
    const results = JSON.parse(readFileSync(found, 'utf8'));
    if (!Array.isArray(results.tests) || results.tests.length === 0) {
      return failure(`the suite ran zero tests (${found})`);
    }
    return results;
  } finally {
    await close().catch(() => {});
  }
}

function failure(message) {
  return { passed: 0, failed: 1, tests: [{ title: 'extension-host suite', state: 'failed', error: { message } }] };
}
