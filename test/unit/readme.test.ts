/** README stays in step with the code: every shipped rule is listed, every setting and command documented. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { allRules } from '../../server/src/rules/registry';

const root = path.resolve(__dirname, '..', '..', '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

test('every rule id is in the README rules table', () => {
  const missing = allRules.map((r) => r.meta.id).filter((id) => !readme.includes(`| \`${id}\` |`));
  assert.deepEqual(missing, []);
});

test('every contributed setting and command is in the README', () => {
  const settings = Object.keys(pkg.contributes?.configuration?.properties ?? {}).map((k) => k.replace(/^lessonAware\./, ''));
  const commands = (pkg.contributes?.commands ?? []).map((c: { command: string }) => c.command);
  assert.deepEqual(settings.filter((k) => !readme.includes(`\`${k}\``)), []);
  assert.deepEqual(commands.filter((c: string) => !readme.includes(`\`${c}\``)), []);
});

test('README names the two commands and .ci/run runs the test one', () => {
  assert.match(readme, /`npm ci && npm run demo`/);
  assert.match(readme, /`npm ci && npm test`/);
  const ci = fs.readFileSync(path.join(root, '.ci', 'run'), 'utf8');
  assert.match(ci, /^npm ci && npm test$/m);
});
