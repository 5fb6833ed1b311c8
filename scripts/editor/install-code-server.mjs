// Installs code-server (a real VS Code served to a browser) and makes sure a Chromium exists,
// following DESIGN.md "Running a real VS Code here, offline". Idempotent: a second run only verifies.
// Usage: node scripts/editor/install-code-server.mjs
// Env: LESSON_AWARE_CODE_SERVER_DIR (install folder), LESSON_AWARE_CHROMIUM (browser path),
//      XDG_CACHE_HOME, TMPDIR.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, copyFileSync, chmodSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run, succeeds } from './lib/proc.mjs';

export const CODE_SERVER_VERSION = '4.100.3';
const NATIVE_BUILD_PACKAGES = ['libkrb5-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'libx11-dev'];
const RIPGREP_CACHE = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_TARBALL = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';
const DEFAULT_CHROMIUM = '/usr/bin/chromium';
// Hangul (lessons, Korean UI) and emoji would render as empty boxes in screenshots without these fonts.
const FONT_PACKAGES = ['fonts-nanum', 'fonts-noto-color-emoji'];

export function codeServerDir() {
  if (process.env.LESSON_AWARE_CODE_SERVER_DIR) return process.env.LESSON_AWARE_CODE_SERVER_DIR;
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cache, 'lesson-aware', `code-server-${CODE_SERVER_VERSION}`);
}

export function codeServerBin(dir = codeServerDir()) {
  return join(dir, 'node_modules', '.bin', 'code-server');
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;
const log = (message) => console.log(`[install] ${message}`);

/** The installed code-server version, or undefined. */
function installedVersion(bin) {
  if (!existsSync(bin)) return undefined;
  const result = run(bin, ['--version'], { quiet: true, allowFail: true });
  if (result.status !== 0) return undefined;
  // The first run may log "[time] info Wrote default config file ..." before the version line.
  return /^(\d+\.\d+\.\d+)\s/m.exec(result.stdout)?.[1];
}

function missingDebs(packages) {
  return packages.filter((name) => {
    const result = run('dpkg-query', ['-W', '-f=${Status}', name], { quiet: true, allowFail: true });
    return result.status !== 0 || !/install ok installed/.test(result.stdout);
  });
}

let aptUpdated = false;
/** Installs Debian packages when root; otherwise fails naming them. */
function ensureDebs(packages, purpose) {
  const missing = missingDebs(packages);
  if (missing.length === 0) return;
  if (!isRoot() || !existsSync('/usr/bin/apt-get')) {
    throw new Error(`${purpose} needs the Debian packages: ${missing.join(' ')}.\n` +
      `Install them first: sudo apt-get install -y ${missing.join(' ')}`);
  }
  log(`apt-get install ${missing.join(' ')} (${purpose})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) { run('apt-get', ['update', '-q'], { env, quiet: true }); aptUpdated = true; }
  run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { env, quiet: true });
  const still = missingDebs(missing);
  if (still.length) throw new Error(`apt-get did not install: ${still.join(' ')}`);
}

/** Pre-seeds the ripgrep download of @vscode/ripgrep@1.15.11's postinstall from npm. */
function seedRipgrep(tmp, workDir) {
  const cacheDir = join(tmp, RIPGREP_CACHE);
  const tarball = join(cacheDir, RIPGREP_TARBALL);
  if (existsSync(tarball)) return;
  log(`seeding ${tarball} from npm @vscode/ripgrep-linux-x64`);
  const rgDir = join(workDir, 'ripgrep-linux-x64');
  mkdirSync(rgDir, { recursive: true });
  writeFileSync(join(rgDir, 'package.json'), '{ "private": true }\n');
  run('npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '@vscode/ripgrep-linux-x64'], { cwd: rgDir, quiet: true });
  const rg = join(rgDir, 'node_modules', '@vscode', 'ripgrep-linux-x64', 'bin', 'rg');
  if (!existsSync(rg)) throw new Error(`@vscode/ripgrep-linux-x64 did not ship bin/rg (looked at ${rg})`);
  const stage = mkdtempSync(join(tmp, 'lesson-aware-rg-'));
  try {
    copyFileSync(rg, join(stage, 'rg'));
    chmodSync(join(stage, 'rg'), 0o755);
    mkdirSync(cacheDir, { recursive: true });
    run('tar', ['-czf', tarball, '-C', stage, 'rg'], { quiet: true });
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

function installCodeServer(dir) {
  ensureDebs(NATIVE_BUILD_PACKAGES, `code-server@${CODE_SERVER_VERSION} (native modules)`);
  const tmp = process.env.TMPDIR || tmpdir();
  mkdirSync(dir, { recursive: true });
  seedRipgrep(tmp, join(dir, '..'));
  writeFileSync(join(dir, 'package.json'), '{ "private": true, "description": "lesson-aware editor tests: code-server cache" }\n');
  log(`npm install code-server@${CODE_SERVER_VERSION} into ${dir} (about 80 s)`);
  const args = ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`];
  if (isRoot()) args.push('--unsafe-perm');
  run('npm', args, { cwd: dir, env: { ...process.env, npm_config_yes: 'true', TMPDIR: tmp }, quiet: true });
}

/** Makes sure a Chromium binary exists and runs; returns its path. */
export function ensureChromium() {
  const wanted = process.env.LESSON_AWARE_CHROMIUM || DEFAULT_CHROMIUM;
  if (!existsSync(wanted)) {
    if (process.env.LESSON_AWARE_CHROMIUM) throw new Error(`LESSON_AWARE_CHROMIUM=${wanted} does not exist`);
    ensureDebs(['chromium'], 'the editor tests (headless browser)');
  }
  if (!succeeds(wanted, ['--version'])) {
    throw new Error(`${wanted} exists but does not run (${wanted} --version failed); install Debian's chromium: apt-get install -y chromium`);
  }
  try {
    ensureDebs(FONT_PACKAGES, 'Korean text and emoji in screenshots');
  } catch (error) {
    log(`warning: ${error.message.split('\n')[0]} (screenshots will show boxes for Hangul)`);
  }
  return wanted;
}

/** Installs what is missing and returns { codeServer, version, chromium, seconds }. */
export function ensureEditorTools() {
  const started = Date.now();
  const dir = codeServerDir();
  const bin = codeServerBin(dir);
  let version = installedVersion(bin);
  if (version !== CODE_SERVER_VERSION) {
    installCodeServer(dir);
    version = installedVersion(bin);
    if (version !== CODE_SERVER_VERSION) {
      throw new Error(`code-server --version after install gave ${version ?? 'nothing'}; expected ${CODE_SERVER_VERSION} (${bin})`);
    }
  }
  const chromium = ensureChromium();
  return { codeServer: bin, version, chromium, seconds: (Date.now() - started) / 1000 };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const tools = ensureEditorTools();
    log(`code-server ${tools.version}: ${tools.codeServer}`);
    log(`chromium: ${tools.chromium}`);
    log(`done in ${tools.seconds.toFixed(1)} s`);
  } catch (error) {
    console.error(`[install] FAILED: ${error.message}`);
    process.exit(1);
  }
}
