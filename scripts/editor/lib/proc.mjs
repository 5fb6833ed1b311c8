// Small process helpers for the editor tier: run a command and capture it, start a long-lived
// child in its own process group, and stop every group we started (also on SIGINT/SIGTERM).
import { spawn, spawnSync } from 'node:child_process';

/** Runs a command to completion; throws with its output when it fails. */
export function run(cmd, args, options = {}) {
  const { allowFail = false, quiet = false, ...spawnOptions } = options;
  const result = spawnSync(cmd, args, {
    encoding: 'utf8',
    stdio: quiet ? 'pipe' : ['ignore', 'inherit', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
    ...spawnOptions,
  });
  if (result.error && !allowFail) throw result.error;
  if (result.status !== 0 && !allowFail) {
    const output = [result.stdout, result.stderr].filter(Boolean).join('\n').trim();
    throw new Error(`${cmd} ${args.join(' ')} exited with ${result.status ?? result.signal}${output ? `:\n${output.slice(-4000)}` : ''}`);
  }
  return result;
}

/** True when `cmd args` runs and exits 0. */
export function succeeds(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'ignore', ...options });
  return !result.error && result.status === 0;
}

const groups = new Set();

/** Starts a child in its own process group so that stopAll() can end it with all its children. */
export function startGroup(cmd, args, options = {}) {
  const child = spawn(cmd, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], ...options });
  groups.add(child);
  child.once('exit', () => groups.delete(child));
  return child;
}

/** Stops one group: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopGroup(child, graceMs = 3000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
  const timer = new Promise((resolve) => setTimeout(resolve, graceMs, 'timeout'));
  if ((await Promise.race([exited, timer])) === 'timeout') {
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 1000))]);
  }
}

/** Stops every group started through startGroup(). */
export async function stopAll() {
  await Promise.all([...groups].map((child) => stopGroup(child)));
}

/** Kills every group synchronously; for `exit` handlers, where nothing async can run. */
export function killAllNow() {
  for (const child of groups) {
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
  }
}
