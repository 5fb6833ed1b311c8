// One throwaway code-server session: fresh user-data, extensions and workspace folders, user
// settings, a free 127.0.0.1 port, and a wait until it answers HTTP.
import { cpSync, createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGroup, stopGroup } from './proc.mjs';

const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'editor.hover.delay': 300,
  'editor.hover.sticky': true,
  'editor.minimap.enabled': false,
  'window.commandCenter': false,
  'chat.commandCenter.enabled': false,
};

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Creates the throwaway folders and settings of one session. */
export function prepareSession({ name, workspaceSource, settings = {} }) {
  const root = mkdtempSync(join(process.env.TMPDIR || tmpdir(), `lesson-aware-editor-${name}-`));
  const dirs = {
    root,
    userData: join(root, 'user-data'),
    extensions: join(root, 'extensions'),
    workspace: join(root, 'workspace'),
    // UI scenarios get their own copy: edits the host suite leaves unsaved would otherwise be
    // restored (hot exit) into the UI window of the same folder.
    uiWorkspace: join(root, 'workspace-ui'),
    results: join(root, 'results'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  cpSync(workspaceSource, dirs.workspace, { recursive: true });
  cpSync(workspaceSource, dirs.uiWorkspace, { recursive: true });
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), `${JSON.stringify({ ...USER_SETTINGS, ...settings }, null, 2)}\n`);
  return dirs;
}

async function waitForHttp(url, child, deadlineMs) {
  const deadline = Date.now() + deadlineMs;
  let lastError = 'no answer';
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode} before answering`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.status < 500) return;
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = error.message;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`code-server did not answer ${url} within ${deadlineMs} ms (${lastError})`);
}

/**
 * Starts code-server for a prepared session; returns { url, port, stop() }.
 * Its output goes to `logFile`.
 */
export async function startCodeServer({ bin, dirs, locale, env = {}, logFile, readyTimeoutMs = 60_000 }) {
  const port = await freePort();
  const args = [
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
  ];
  if (locale) args.push('--locale', locale);
  args.push(dirs.workspace);
  const child = startGroup(bin, args, {
    env: { ...process.env, ...env, XDG_CONFIG_HOME: join(dirs.root, 'config'), XDG_DATA_HOME: join(dirs.root, 'data') },
  });
  if (logFile) {
    const log = createWriteStream(logFile);
    child.stdout.pipe(log);
    child.stderr.pipe(log);
  } else {
    child.stdout.resume();
    child.stderr.resume();
  }
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/healthz`, child, readyTimeoutMs);
  } catch (error) {
    await stopGroup(child);
    throw error;
  }
  return { url, port, child, stop: () => stopGroup(child) };
}

/** The workbench URL for a folder with a dev-mode payload (extension under development, optional tests). */
export function workbenchUrl(server, { folder, extensionDevelopmentPath, extensionTestsPath }) {
  const remote = (path) => `vscode-remote://127.0.0.1:${server.port}${path}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  const query = new URLSearchParams({ folder });
  if (payload.length) query.set('payload', JSON.stringify(payload));
  return `${server.url}/?${query.toString()}`;
}

export function removeSession(dirs) {
  rmSync(dirs.root, { recursive: true, force: true });
}
