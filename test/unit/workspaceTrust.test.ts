/**
 * Workspace trust is a decision, written down: in Restricted Mode the extension works ("limited"), but the
 * workspace may not choose which folders of the disk the server reads (`lessonAware.lessonFolders`). Nothing in
 * the shipped code talks to the network or collects telemetry.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const repo = path.join(__dirname, '..', '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
const readme = fs.readFileSync(path.join(repo, 'README.md'), 'utf8');

test('untrusted workspaces: limited support, lesson folders restricted, the reason shown in both languages', () => {
  const trust = pkg.capabilities.untrustedWorkspaces;
  assert.equal(trust.supported, 'limited');
  assert.deepEqual(trust.restrictedConfigurations, ['lessonAware.lessonFolders']);
  for (const key of trust.restrictedConfigurations) assert.ok(pkg.contributes.configuration.properties[key], `${key} is a contributed setting`);
  const nlsKey = /^%(.+)%$/.exec(trust.description)?.[1];
  assert.ok(nlsKey, 'the description is localised');
  for (const file of ['package.nls.json', 'package.nls.ko.json']) {
    const nls = JSON.parse(fs.readFileSync(path.join(repo, file), 'utf8'));
    assert.match(nls[nlsKey], /lesson folders|레슨 폴더/, `${file} explains what Restricted Mode turns off`);
  }
  assert.match(readme, /Restricted Mode/, 'README explains the decision');
});

test('settings that name folders to read are exactly the restricted ones', () => {
  const properties = pkg.contributes.configuration.properties as Record<string, { type?: string; items?: { type?: string } }>;
  const pathLike = Object.entries(properties)
    .filter(([key, p]) => /Folders?$|Paths?$|Dirs?$|Files?$/.test(key) || (p.type === 'array' && p.items?.type === 'string' && /folder|path|dir/i.test(key)))
    .map(([key]) => key);
  assert.deepEqual(pathLike, pkg.capabilities.untrustedWorkspaces.restrictedConfigurations);
});

test('no telemetry or network client in the shipped code and dependencies', () => {
  assert.deepEqual(pkg.dependencies ?? {}, {}, 'everything is bundled from devDependencies');
  const sources: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.ts$/.test(e.name)) sources.push(full);
    }
  };
  walk(path.join(repo, 'client', 'src'));
  walk(path.join(repo, 'server', 'src'));
  const offenders = sources.filter((f) =>
    /from '(node:)?(https?|net|tls|dgram|dns)'|require\('(node:)?(https?|net|tls|dgram|dns)'\)|\bfetch\(\s*['"`]https?:|XMLHttpRequest|WebSocket\(|extension-telemetry|applicationinsights|createTelemetryLogger/.test(fs.readFileSync(f, 'utf8')),
  );
  assert.deepEqual(offenders.map((f) => path.relative(repo, f)), []);
});
