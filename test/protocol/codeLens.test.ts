/** textDocument/codeLens over stdio: capability, lenses with openLesson arguments, findings, refresh, setting. */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { LspClient, positionOf, stopAllClients, eventually } from '../helpers/lspClient';

after(stopAllClients);

interface Lens {
  range: { start: { line: number; character: number } };
  command?: { title: string; command: string; tooltip?: string; arguments?: { lessonUri: string; sectionSlug: string; line?: number }[] };
}

const manifest = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata: {name: web}',
  'spec:',
  '  selector: {matchLabels: {app: web}}',
  '  template:',
  '    metadata: {labels: {app: web}}',
  '    spec:',
  '      containers:',
  '      - name: web',
  '        image: nginx:latest',
  '        securityContext:',
  '          privileged: true',
  '---',
  'not: a resource',
  '---',
  'apiVersion: v1',
  'kind: Service',
  'metadata: {name: web}',
  'spec:',
  '  selector: {app: web}',
  '',
].join('\n');

/** initialize by hand, so the client can announce `workspace.codeLens.refreshSupport`. */
async function start(settings: Record<string, unknown>, locale = 'en'): Promise<{ client: LspClient; refreshes: () => number; capabilities: Record<string, unknown> }> {
  const client = new LspClient({ settings });
  let refreshes = 0;
  client.onRequest('workspace/codeLens/refresh', () => {
    refreshes++;
    return null;
  });
  const result = (await client.request('initialize', {
    processId: process.pid,
    locale,
    rootUri: null,
    workspaceFolders: null,
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, codeLens: { refreshSupport: true } },
      textDocument: { codeLens: {}, publishDiagnostics: { relatedInformation: true } },
    },
  })) as { capabilities: Record<string, unknown> };
  client.notify('initialized', {});
  return { client, refreshes: () => refreshes, capabilities: result.capabilities };
}

const lensesOf = (client: LspClient, uri: string) => client.request<Lens[]>('textDocument/codeLens', { textDocument: { uri } });


test('capability, one lesson lens per resource with openLesson arguments, and a findings lens after diagnostics', async () => {
  const { client, refreshes, capabilities } = await start({});
  assert.deepEqual(capabilities.codeLensProvider, { resolveProvider: false });
  const uri = 'file:///tmp/codelens/app.yaml';
  client.open(uri, manifest);
  await client.waitForNotification<{ uri: string }>('textDocument/publishDiagnostics', (p) => p.uri === uri);
  const lenses = await eventually(() => lensesOf(client, uri), (l) => l.some((x) => x.command?.title.startsWith('⚠')), 'a findings lens', 8000);

  const lessonLenses = lenses.filter((l) => l.command?.title.startsWith('📖'));
  const serviceLine = positionOf(manifest, 'apiVersion: v1').line;
  assert.deepEqual(lessonLenses.map((l) => l.range.start), [{ line: 0, character: 0 }, { line: serviceLine, character: 0 }]);
  for (const lens of lenses) {
    assert.equal(lens.command?.command, 'lessonAware.openLesson');
    const [args] = lens.command?.arguments ?? [];
    assert.match(args.lessonUri, /^file:\/\/.*\/lessons\/w\d-d\d-s\d-[^/]+\.md$/);
    assert.ok(args.sectionSlug.length > 0);
    assert.equal(typeof args.line, 'number');
    assert.ok(lens.command?.tooltip && lens.command.tooltip.length > 0);
  }
  assert.match(lessonLenses[0].command!.title, /^📖 W\dD\dS\d › .+/u);
  // Every lens sits on a resource's first line; the plain document in between has none.
  assert.deepEqual([...new Set(lenses.map((l) => l.range.start.line))], [0, serviceLine]);
  const findings = lenses.filter((l) => l.command?.title.startsWith('⚠') && l.range.start.line === 0);
  assert.equal(findings.length, 1, 'one findings lens for the Deployment');
  assert.match(findings[0].command!.title, /^⚠ \d+ findings?$/);
  assert.match(findings[0].command!.tooltip!, /^Most severe: Privileged container\./);

  // Lenses served before the findings of a new version were known are refreshed once they are.
  const before = refreshes();
  client.notify('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: positionOf(manifest, 'true'), end: positionOf(manifest, 'true', 4) }, text: 'false' }],
  });
  await lensesOf(client, uri);
  await eventually(async () => refreshes(), (n) => n > before, 'workspace/codeLens/refresh after the new findings', 8000);
  const after = await lensesOf(client, uri);
  assert.doesNotMatch(after.find((l) => l.command?.title.startsWith('⚠') && l.range.start.line === 0)?.command?.tooltip ?? '', /Privileged container/);
  await client.stop();
});

test('Compose services each get a lens; Korean titles under locale ko', async () => {
  const { client } = await start({ locale: 'ko' }, 'ko');
  const uri = 'file:///tmp/codelens/compose.yaml';
  const text = 'services:\n  web:\n    image: nginx:latest\n    privileged: true\n  db:\n    image: postgres:16\n';
  client.open(uri, text);
  await client.waitForNotification<{ uri: string }>('textDocument/publishDiagnostics', (p) => p.uri === uri);
  const lenses = await eventually(() => lensesOf(client, uri), (l) => l.some((x) => x.command?.title.startsWith('⚠')), 'findings lens', 8000);
  assert.deepEqual([...new Set(lenses.map((l) => l.range.start.line))], [1, 4]);
  const web = lenses.filter((l) => l.range.start.line === 1);
  assert.ok(web.some((l) => /^⚠ 문제 \d+개$/.test(l.command!.title)), JSON.stringify(web));
  assert.ok(web.some((l) => l.command!.tooltip!.startsWith('레슨 열기: ')));
  await client.stop();
});

test('lessonAware.codeLens.enabled: false → no lenses; turning it on refreshes', async () => {
  const { client, refreshes } = await start({ codeLens: { enabled: false } });
  const uri = 'file:///tmp/codelens/off.yaml';
  client.open(uri, manifest);
  await client.waitForNotification<{ uri: string }>('textDocument/publishDiagnostics', (p) => p.uri === uri);
  assert.deepEqual(await lensesOf(client, uri), []);
  const before = refreshes();
  client.settings = { codeLens: { enabled: true } };
  client.notify('workspace/didChangeConfiguration', { settings: null });
  await eventually(async () => refreshes(), (n) => n > before, 'refresh after the setting changed', 8000);
  assert.ok((await lensesOf(client, uri)).length >= 2);
  await client.stop();
});

test('a document that is not open, or a plain YAML file, gets no lenses (and no error)', async () => {
  const { client } = await start({});
  assert.deepEqual(await lensesOf(client, 'file:///tmp/codelens/never-opened.yaml'), []);
  const uri = 'file:///tmp/codelens/plain.yaml';
  client.open(uri, 'a: 1\nlist: [1, 2]\n');
  assert.deepEqual(await lensesOf(client, uri), []);
  await client.stop();
});
