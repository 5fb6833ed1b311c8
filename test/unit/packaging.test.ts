/**
 * The .vsix a user installs: `vsce package` (as `npm run package` calls it) succeeds on the built tree, and the
 * package holds everything the extension reads at run time — every built file of dist/ (source maps aside),
 * the lessons and labs, grammars, translations, the files package.json points at and the README's
 * screenshots — and nothing of the sources, tests or dependencies. Guards against a new dist file or lesson
 * folder that .vscodeignore forgets, and against vsce refusing the README (it did once).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { zipEntryNames } from '../helpers/zipEntries';

const repo = path.join(__dirname, '..', '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
let shipped = new Set<string>();
let vsixBytes = 0;

/** Files under `dir` (relative to the repo, forward slashes). */
function filesUnder(dir: string): string[] {
  const abs = path.join(repo, dir);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs, { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    return entry.isDirectory() ? filesUnder(rel) : [rel];
  });
}

/** Every `path` / `markdown` / `image` string under contributes that names a file of the extension. */
function contributedFiles(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) contributedFiles(item, out);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string' && ['path', 'markdown', 'image', 'svg'].includes(key) && !value.startsWith('$(')) out.push(value.replace(/^\.\//, ''));
      else contributedFiles(value, out);
    }
  }
  return out;
}

before(() => {
  assert.ok(fs.existsSync(path.join(repo, 'dist', 'server.js')), 'dist/server.js is missing: run `npm run build` first');
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'lesson-aware-vsix-'));
  const vsix = path.join(out, 'test.vsix');
  try {
    // The flags of `npm run package`, without its minified rebuild: the tree as built is what is packed.
    const flags = (/vsce package (.*?) --out/.exec(pkg.scripts.package) ?? [])[1]?.split(' ') ?? [];
    assert.ok(flags.includes('--no-dependencies'), `npm run package passes vsce flags: ${pkg.scripts.package}`);
    execFileSync(process.execPath, [require.resolve('@vscode/vsce/vsce'), 'package', ...flags, '--out', vsix], { cwd: repo, stdio: 'pipe' });
    const zip = fs.readFileSync(vsix);
    vsixBytes = zip.length;
    shipped = new Set(zipEntryNames(zip).filter((n) => n.startsWith('extension/')).map((n) => n.slice('extension/'.length)));
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});

function missing(files: string[]): string[] {
  return files.filter((f) => !shipped.has(f));
}

test('every built file of dist/ ships (source maps stay home)', () => {
  const built = filesUnder('dist').filter((f) => !f.endsWith('.map'));
  assert.ok(built.includes('dist/server.js') && built.includes('dist/extension.js'), 'the build wrote the server and the extension');
  assert.deepEqual(missing(built), []);
  assert.deepEqual([...shipped].filter((f) => f.endsWith('.map')), [], 'no source map in the package');
});

test('lessons, labs, grammars and translations ship', () => {
  // vsce stores the README as readme.md and the licence as LICENSE.txt.
  const wanted = [...filesUnder('lessons'), ...filesUnder('syntaxes'), ...filesUnder('l10n'), 'package.nls.json', 'package.nls.ko.json', 'readme.md', 'LICENSE.txt', 'package.json'];
  assert.ok(wanted.some((f) => /^lessons\/labs\/[^/]+\/solution\//.test(f)), 'the labs have solution folders');
  assert.deepEqual(missing(wanted), []);
});

test('every file package.json points at ships', () => {
  const referenced = [pkg.main.replace(/^\.\//, ''), ...contributedFiles(pkg.contributes)];
  assert.ok(referenced.some((f) => f.startsWith('dist/walkthroughs/')), 'walkthrough media are referenced');
  assert.deepEqual(missing(referenced), []);
});

test("the README's images ship at the paths it links", () => {
  const readme = fs.readFileSync(path.join(repo, 'README.md'), 'utf8');
  const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((src) => !/^[a-z]+:/i.test(src));
  assert.ok(images.length > 0, 'README shows screenshots');
  assert.deepEqual(missing(images), []);
});

test('no sources, tests, dependencies or results in the package; well under 8 MB', () => {
  const unwanted = [...shipped].filter((f) => /^(node_modules|client|server|test|out|scripts|bench-results|test-results|\.ci|\.vscode)\//.test(f) || f.endsWith('.ts'));
  assert.deepEqual(unwanted, []);
  assert.ok(vsixBytes > 0 && vsixBytes <= 8 * 1024 * 1024, `the .vsix is ${(vsixBytes / 1024 / 1024).toFixed(2)} MB`);
});
