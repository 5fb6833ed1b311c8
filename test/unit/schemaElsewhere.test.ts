/**
 * Schema diagnostics beside Red Hat YAML / Docker DX: the client's decision (which files another extension
 * schema-validates) and the server's per-file decision (which schema-* rules stay quiet).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { composeSchemaStorePatterns, schemaValidatedElsewhere } from '../../client/src/schemaOverlap';
import { familiesValidatedElsewhere, globMatches, globToRegExp, severitiesForFile } from '../../server/src/features/schemaElsewhere';
import { allRules } from '../../server/src/rules/registry';
import { normalizeSettings } from '../../server/src/settings';

const redHat = (yaml: Partial<{ validate: boolean; schemaStoreEnable: boolean; schemas: Record<string, unknown>; disableSchemaDetection: unknown }> = {}) => ({
  redHatYaml: { installed: true, yaml },
  dockerDx: { installed: false },
  keepOurs: false,
});

test('nothing installed, or the user keeps our schema rules: nothing is validated elsewhere', () => {
  const none = { kubernetes: [], compose: [], modelines: false };
  assert.deepEqual(schemaValidatedElsewhere({ redHatYaml: { installed: false, yaml: {} }, dockerDx: { installed: false }, keepOurs: false }), none);
  assert.deepEqual(schemaValidatedElsewhere({ ...redHat({ schemas: { kubernetes: '*.yaml' } }), keepOurs: true }), none);
  // Red Hat YAML with validation switched off reports no schema problems at all.
  assert.deepEqual(schemaValidatedElsewhere(redHat({ validate: false, schemas: { kubernetes: '*.yaml' } })), none);
});

test('Docker DX alone reports only YAML syntax errors in Compose files: our schema rules stay on', () => {
  assert.deepEqual(schemaValidatedElsewhere({ redHatYaml: { installed: false, yaml: {} }, dockerDx: { installed: true }, keepOurs: false }), { kubernetes: [], compose: [], modelines: false });
});

test('Red Hat YAML: Kubernetes only where yaml.schemas associates the kubernetes schema, Compose through SchemaStore', () => {
  const plain = schemaValidatedElsewhere(redHat());
  assert.deepEqual(plain.kubernetes, [], 'no Kubernetes validation without an association');
  assert.deepEqual(plain.compose, [composeSchemaStorePatterns]);
  assert.equal(plain.modelines, true);

  const k8s = schemaValidatedElsewhere(redHat({
    schemas: {
      kubernetes: ['k8s/*.yaml', 'deploy/**/*.yml'],
      'https://raw.githubusercontent.com/yannh/kubernetes-json-schema/master/v1.32.1-standalone-strict/all.json': '/*.k8s.yaml',
      'https://json.schemastore.org/github-workflow.json': '.github/workflows/*',
      'https://example.com/ignored.json': 5,
    },
  }));
  assert.deepEqual(k8s.kubernetes, [['k8s/*.yaml', 'deploy/**/*.yml'], ['/*.k8s.yaml']]);
  // An explicit association wins over SchemaStore: those files are no longer validated as Compose files.
  assert.deepEqual(k8s.compose, [[...composeSchemaStorePatterns, '!k8s/*.yaml', '!deploy/**/*.yml', '!/*.k8s.yaml', '!.github/workflows/*']]);

  const explicitCompose = schemaValidatedElsewhere(redHat({ schemaStoreEnable: false, schemas: { 'https://raw.githubusercontent.com/compose-spec/compose-spec/master/schema/compose-spec.json': ['stack.yml'] } }));
  assert.deepEqual(explicitCompose.compose, [['stack.yml']], 'SchemaStore off: only the explicit Compose association');

  // vscode-yaml ≥ 1.24 adds the Compose names to yaml.disableSchemaDetection when Docker DX is installed.
  const handedToDockerDx = schemaValidatedElsewhere({ ...redHat({ disableSchemaDetection: ['**/compose.yaml', '**/docker-compose.yml'] }), dockerDx: { installed: true } });
  assert.deepEqual(handedToDockerDx.compose, [[...composeSchemaStorePatterns, '!**/compose.yaml', '!**/docker-compose.yml']]);
  assert.deepEqual(schemaValidatedElsewhere(redHat({ disableSchemaDetection: 'compose.yaml' })).compose, [[...composeSchemaStorePatterns, '!compose.yaml']]);
});

test('globs follow yaml-language-server: leading / dropped, **/ prefixed, matched against the whole URI', () => {
  const uri = 'file:///home/me/course/k8s/app.yaml';
  assert.ok(globMatches('k8s/*.yaml', uri));
  assert.ok(globMatches('/*.yaml', uri));
  assert.ok(globMatches('*.{yml,yaml}', uri));
  assert.ok(globMatches('course/**/app.yaml', uri));
  assert.ok(globMatches('ap?.yaml', uri));
  assert.ok(globMatches('[a-c]pp.yaml', uri));
  assert.ok(!globMatches('k8s/*.yml', uri));
  assert.ok(!globMatches('*.yaml', 'file:///home/me/app.yaml.bak'));
  assert.ok(!globMatches('course/*.yaml', uri), '* never crosses a folder');
  assert.ok(globMatches('docker-compose.*.yml', 'file:///w/docker-compose.prod.yml'));
  assert.equal(globToRegExp(''), null);
  assert.equal(globToRegExp('{a,b'), null);
});

test('server: the schema rule families of one file, modelines first', () => {
  const setting = normalizeSettings({
    diagnostics: { schemaValidatedElsewhere: { kubernetes: [['k8s/*.yaml']], compose: [[...composeSchemaStorePatterns, '!legacy/**']], modelines: true } },
  }).diagnostics.schemaValidatedElsewhere;
  const families = (uri: string, text = 'a: 1\n') => [...familiesValidatedElsewhere(uri, text, setting)].sort();
  assert.deepEqual(families('file:///w/k8s/app.yaml'), ['kubernetes']);
  assert.deepEqual(families('file:///w/other/app.yaml'), []);
  assert.deepEqual(families('file:///w/compose.yaml'), ['compose']);
  assert.deepEqual(families('file:///w/legacy/compose.yaml'), [], 'negated within its group');
  assert.deepEqual(families('file:///w/my%20project/docker-compose.dev.yml'), ['compose'], 'percent-escapes decoded');
  const k8sModeline = '# yaml-language-server: $schema=https://raw.githubusercontent.com/yannh/kubernetes-json-schema/master/v1.30.0-standalone-strict/all.json\nkind: Pod\n';
  assert.deepEqual(families('file:///w/other/pod.yaml', k8sModeline), ['kubernetes']);
  assert.deepEqual(families('file:///w/compose.yaml', '# yaml-language-server: $schema=./my-schema.json\nservices: {}\n'), [], 'a modeline overrides SchemaStore');
  const noModelines = { ...setting, modelines: false };
  assert.deepEqual([...familiesValidatedElsewhere('file:///w/other/pod.yaml', k8sModeline, noModelines)], []);
});

test('server: only schema-* rules of the covered family are turned off; the user’s severities stay', () => {
  const base = { 'k8s-privileged-container': 'warning' as const, 'schema-unknown-field': 'warning' as const };
  assert.equal(severitiesForFile(base, allRules, new Set()), base);
  const k8s = severitiesForFile(base, allRules, new Set(['kubernetes'] as const));
  const schemaK8s = allRules.filter((r) => r.meta.id.startsWith('schema-') && r.meta.flavor === 'kubernetes').map((r) => r.meta.id);
  assert.ok(schemaK8s.length >= 5);
  for (const id of schemaK8s) assert.equal(k8s[id], 'off', id);
  assert.equal(k8s['k8s-privileged-container'], 'warning');
  assert.equal(k8s['schema-compose-unknown-key'], undefined);
  const compose = severitiesForFile({}, allRules, new Set(['compose'] as const));
  assert.deepEqual(Object.keys(compose).sort(), allRules.filter((r) => r.meta.id.startsWith('schema-compose-')).map((r) => r.meta.id).sort());
});

test('settings: the server normalizes whatever arrives for the two new settings', () => {
  const d = normalizeSettings({});
  assert.deepEqual(d.codeLens, { enabled: true });
  assert.deepEqual(d.diagnostics.schemaValidatedElsewhere, { kubernetes: [], compose: [], modelines: false });
  assert.equal(normalizeSettings({ codeLens: { enabled: false } }).codeLens.enabled, false);
  assert.equal(normalizeSettings({ 'codeLens.enabled': false }).codeLens.enabled, false);
  assert.equal(normalizeSettings({ codeLens: { enabled: 'no' } }).codeLens.enabled, true);
  const odd = normalizeSettings({ diagnostics: { schemaValidatedElsewhere: { kubernetes: ['a', [1, 'b', ''], []], compose: 'x', modelines: 'yes' } } });
  assert.deepEqual(odd.diagnostics.schemaValidatedElsewhere, { kubernetes: [['b']], compose: [], modelines: false });
});
