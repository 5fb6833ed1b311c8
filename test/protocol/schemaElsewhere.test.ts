/** The server honours diagnostics.schemaValidatedElsewhere: schema-* rules stay quiet in the files it names. */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { LspClient, stopAllClients } from '../helpers/lspClient';

after(stopAllClients);

interface Published { uri: string; version?: number; diagnostics: { code?: string }[] }

const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostPID: true\n  containerz: []\n';
const compose = 'services:\n  web:\n    image: nginx:1.27\n    imagee: typo\n    privileged: true\n';

async function codesOf(client: LspClient, uri: string, text: string, version = 1): Promise<string[]> {
  client.open(uri, text, 'yaml', version);
  const published = await client.waitForNotification<Published>('textDocument/publishDiagnostics', (p) => p.uri === uri);
  return published.diagnostics.map((d) => String(d.code));
}

const redHatCovers = {
  diagnostics: {
    schemaValidatedElsewhere: {
      kubernetes: [['k8s/*.yaml']],
      compose: [['docker-compose.yml', 'compose.yaml', '!legacy/**']],
      modelines: true,
    },
  },
};

test('schema rules quiet where another tool validates, other rules untouched, elsewhere unchanged', async () => {
  const client = new LspClient({ settings: redHatCovers });
  await client.initialize();
  const covered = await codesOf(client, 'file:///tmp/elsewhere/k8s/pod.yaml', pod);
  assert.ok(!covered.some((c) => c.startsWith('schema-')), covered.join(', '));
  assert.ok(covered.includes('k8s-host-namespace'), 'non-schema rules still report');

  const notCovered = await codesOf(client, 'file:///tmp/elsewhere/other/pod.yaml', pod);
  assert.ok(notCovered.includes('schema-unknown-field'), notCovered.join(', '));

  const composeCovered = await codesOf(client, 'file:///tmp/elsewhere/compose.yaml', compose);
  assert.ok(!composeCovered.some((c) => c.startsWith('schema-compose-')), composeCovered.join(', '));
  assert.ok(composeCovered.includes('compose-privileged'));
  const composeLegacy = await codesOf(client, 'file:///tmp/elsewhere/legacy/compose.yaml', compose);
  assert.ok(composeLegacy.includes('schema-compose-unknown-key'), `negated pattern: ${composeLegacy.join(', ')}`);

  const modeline = `# yaml-language-server: $schema=https://raw.githubusercontent.com/yannh/kubernetes-json-schema/master/v1.30.0-standalone-strict/all.json\n${pod}`;
  const withModeline = await codesOf(client, 'file:///tmp/elsewhere/other/modeline.yaml', modeline);
  assert.ok(!withModeline.some((c) => c.startsWith('schema-')), withModeline.join(', '));
  await client.stop();
});

test('no setting (any other LSP client, or schemaWithOtherExtensions on): schema rules report everywhere', async () => {
  const client = new LspClient({ settings: {} });
  await client.initialize();
  assert.ok((await codesOf(client, 'file:///tmp/elsewhere/k8s/pod.yaml', pod)).includes('schema-unknown-field'));
  assert.ok((await codesOf(client, 'file:///tmp/elsewhere/compose.yaml', compose)).includes('schema-compose-unknown-key'));
  await client.stop();
});

test('the setting is re-read live: diagnostics of open files follow it', async () => {
  const client = new LspClient({ settings: {} });
  await client.initialize();
  const uri = 'file:///tmp/elsewhere/k8s/live.yaml';
  assert.ok((await codesOf(client, uri, pod)).includes('schema-unknown-field'));
  client.settings = redHatCovers;
  const start = client.notifications.length;
  client.notify('workspace/didChangeConfiguration', { settings: null });
  const deadline = Date.now() + 8000;
  for (;;) {
    const latest = client.notifications.slice(start).filter((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as Published).uri === uri).pop();
    if (latest && !(latest.params as Published).diagnostics.some((d) => String(d.code).startsWith('schema-'))) break;
    if (Date.now() > deadline) throw new Error('schema diagnostics did not go away after the setting changed');
    await new Promise((r) => setTimeout(r, 50));
  }
  await client.stop();
});
