// First step of `npm run bench`: builds what is measured. With a `package` script, `npm run package` (the shipped,
// minified bundle, and the .vsix whose size is reported); otherwise `npm run build`. When the type check fails
// (work in progress elsewhere), the bundle is still built with esbuild and the benchmark says so.
// Writes bench-results/prepare.json for test/bench/run.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (args, timeout) => {
  const started = performance.now();
  const r = spawnSync(args[0], args.slice(1), { cwd: root, encoding: 'utf8', timeout, stdio: ['ignore', 'pipe', 'pipe'] });
  return { ok: r.status === 0, ms: performance.now() - started, output: `${r.stdout ?? ''}${r.stderr ?? ''}`.slice(-2000) };
};

const out = { at: new Date().toISOString() };
if (pkg.scripts?.package) {
  const r = run([npm, 'run', 'package'], 300_000);
  const file = join(root, (/--out\s+(\S+\.vsix)/.exec(pkg.scripts.package) ?? [])[1] ?? `${pkg.name}.vsix`);
  if (r.ok && existsSync(file)) {
    out.build = 'npm run package';
    out.vsix = { file: file.slice(root.length + 1), bytes: statSync(file).size, mb: statSync(file).size / 2 ** 20, ms: r.ms };
  } else {
    out.vsix = { error: 'npm run package failed', output: r.output };
  }
} else {
  out.vsix = { skipped: 'no package script' };
}
if (!out.build) {
  const b = run([npm, 'run', 'build'], 300_000);
  if (b.ok) out.build = 'npm run build';
  else {
    const e = run([process.execPath, join(root, 'scripts', 'build.mjs')], 300_000);
    if (!e.ok) {
      console.error(`bench: the build failed\n${b.output}\n${e.output}`);
      process.exit(1);
    }
    out.build = 'esbuild only (npm run build failed its type check)';
    out.buildWarning = b.output;
    console.error(`bench: WARNING npm run build failed; measuring the esbuild bundle\n${b.output}`);
  }
}
mkdirSync(join(root, 'bench-results'), { recursive: true });
writeFileSync(join(root, 'bench-results', 'prepare.json'), `${JSON.stringify(out, null, 2)}\n`);
console.error(`bench: built with ${out.build}${out.vsix?.mb ? `; .vsix ${out.vsix.mb.toFixed(2)} MB` : ''}`);
