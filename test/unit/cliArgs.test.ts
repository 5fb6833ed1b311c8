import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseArgs, UsageError } from '../../server/src/cli/args';
import { expandPaths, globToRegExp } from '../../server/src/cli/files';
import { repoRoot } from '../helpers/lspClient';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'cli');

test('parseArgs: defaults, every option, = form, repeated --lessons', () => {
  const o = parseArgs(['check', 'a.yaml'], {});
  assert.deepEqual([o.command, o.format, o.failOn, o.locale, o.bundledLessons, o.paths], ['check', 'text', 'error', 'en', true, ['a.yaml']]);
  const p = parseArgs(['check', '--format=sarif', '--lessons', 'l1', '--lessons=l2', '--no-bundled-lessons', '--rules', 'r.json', '--fail-on', 'none', '--locale', 'ko', 'dir', '**/*.yml'], {});
  assert.deepEqual([p.format, p.lessonDirs, p.bundledLessons, p.rulesFile, p.failOn, p.locale, p.paths], ['sarif', ['l1', 'l2'], false, 'r.json', 'none', 'ko', ['dir', '**/*.yml']]);
  assert.equal(parseArgs(['check', 'x'], { LANG: 'ko_KR.UTF-8' }).locale, 'ko');
  assert.equal(parseArgs([], {}).command, 'help');
  assert.equal(parseArgs(['check', '--help'], {}).command, 'help');
  assert.equal(parseArgs(['--version'], {}).command, 'version');
  assert.deepEqual(parseArgs(['check', '--', '--odd-name.yaml'], {}).paths, ['--odd-name.yaml']);
});

test('parseArgs: usage errors', () => {
  for (const argv of [['check'], ['check', '--format', 'xml', 'a'], ['check', '--fail-on', 'fatal', 'a'], ['check', '--locale', 'fr', 'a'], ['check', '--bogus', 'a'], ['check', 'a', '--rules']]) {
    assert.throws(() => parseArgs(argv, {}), UsageError, argv.join(' '));
  }
});

test('globToRegExp: *, **, ?, {a,b}', () => {
  assert.ok(globToRegExp('**/*.yaml').test('a/b/c.yaml'));
  assert.ok(globToRegExp('**/*.yaml').test('c.yaml'));
  assert.ok(!globToRegExp('*.yaml').test('a/c.yaml'));
  assert.ok(globToRegExp('k8s/*.{yaml,yml}').test('k8s/x.yml'));
  assert.ok(!globToRegExp('k8s/*.{yaml,yml}').test('k8s/x.json'));
  assert.ok(globToRegExp('a?.yaml').test('ab.yaml'));
  assert.ok(!globToRegExp('a.yaml').test('aXyaml'));
});

test('expandPaths: files, folders (YAML only), globs, missing inputs; deduplicated', () => {
  const rel = (r: { files: string[] }) => r.files.map((f) => path.relative(fixtures, f).split(path.sep).join('/'));
  assert.deepEqual(rel(expandPaths(['k8s'], fixtures)), ['k8s/app.yaml', 'k8s/hardened.yaml', 'k8s/namespace.yaml']);
  assert.deepEqual(rel(expandPaths(['k8s/*.yaml', 'k8s/app.yaml', 'compose.yaml'], fixtures)), ['k8s/app.yaml', 'k8s/hardened.yaml', 'k8s/namespace.yaml', 'compose.yaml']);
  assert.deepEqual(rel(expandPaths(['**/name*.yaml'], fixtures)), ['k8s/namespace.yaml']);
  const missing = expandPaths(['nope.yaml', 'nothing/**/*.yaml'], fixtures);
  assert.deepEqual(missing.files, []);
  assert.deepEqual(missing.missing, ['nope.yaml', 'nothing/**/*.yaml']);
});
