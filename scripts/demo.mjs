// `npm run demo`: builds and packages the extension, installs the .vsix into the cached code-server
// (the same one the editor tests use), opens a sample workspace and prints the local URL.
// Usage: node scripts/demo.mjs [--port N] [--check]   (--check starts, verifies, stops: for smoke tests)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureEditorTools } from './editor/install-code-server.mjs';
import { freePort } from './editor/lib/code-server.mjs';
import { startGroup, stopGroup } from './editor/lib/proc.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const check = args.includes('--check');
const portArg = args.indexOf('--port');

function step(message) {
  console.log(`[demo] ${message}`);
}

function run(cmd, argv, options = {}) {
  const r = spawnSync(cmd, argv, { stdio: 'inherit', cwd: root, ...options });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed with ${r.status}`);
}

try {
  step('installing code-server if needed (first time ~90 s)');
  const tools = ensureEditorTools();
  step('building and packaging the extension');
  run('npm', ['run', 'package', '--silent']);
  const vsix = join(root, 'lesson-aware.vsix');
  if (!existsSync(vsix)) throw new Error(`${vsix} was not written`);

  const session = mkdtempSync(join(process.env.TMPDIR || tmpdir(), 'lesson-aware-demo-'));
  const dirs = { userData: join(session, 'user-data'), extensions: join(session, 'extensions'), workspace: join(session, 'workspace') };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  cpSync(join(root, 'demo', 'workspace'), dirs.workspace, { recursive: true });
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(
    join(dirs.userData, 'User', 'settings.json'),
    JSON.stringify({ 'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false, 'telemetry.telemetryLevel': 'off', 'update.mode': 'none' }, null, 2),
  );
  step('installing the .vsix into code-server');
  run(tools.codeServer, ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--install-extension', vsix]);
  const installed = readdirSync(dirs.extensions).filter((d) => d.startsWith('lesson-aware.lesson-aware-'));
  if (installed.length === 0) throw new Error('the extension is not in the extensions folder after install');

  const port = portArg >= 0 ? Number(args[portArg + 1]) : await freePort();
  const child = startGroup(tools.codeServer, [
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, dirs.workspace,
  ]);
  child.stdout.resume();
  child.stderr.resume();
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(dirs.workspace)}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) })).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('code-server did not start');
    await new Promise((r) => setTimeout(r, 250));
  }
  step(`extension ${installed[0]} installed; sample workspace: ${dirs.workspace}`);
  console.log(`\n  Open in a browser:  ${url}\n  (open deployment.yaml, hover a key, look at the Problems view; Ctrl+C stops)\n`);
  if (check) {
    await stopGroup(child);
    step('check passed');
  } else {
    const stop = async () => {
      await stopGroup(child);
      process.exit(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  }
} catch (error) {
  console.error(`[demo] FAILED: ${error.message}`);
  process.exit(1);
}
