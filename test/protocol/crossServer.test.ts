/** Cross-resource diagnostics through the language server: workspace scan, open documents, watched file events. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import { LspClient, repoRoot, stopAllClients } from '../helpers/lspClient';

interface Diagnostic {
  code?: string;
  severity?: number;
  message: string;
  range: { start: { line: number; character: number } };
  relatedInformation?: { location: { uri: string; range: { start: { line: number } } }; message: string }[];
}
interface Published {
  uri: string;
  diagnostics: Diagnostic[];
}

after(() => stopAllClients());

function workspaceCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lesson-aware-cross-'));
  const src = path.join(repoRoot, 'test', 'fixtures', 'cross', 'workspace');
  for (const f of fs.readdirSync(src)) fs.copyFileSync(path.join(src, f), path.join(dir, f));
  return dir;
}

const hasCode = (code: string) => (p: Published) => p.diagnostics.some((d) => d.code === code);
/** True for notifications received after `count` notifications had arrived. */
const after_ = (client: LspClient, count: number) => (p: unknown) => client.notifications.findIndex((n) => n.params === p) >= count;

test('a Service (open) and a Deployment (on disk, then open) give a cross-resource diagnostic with relatedInformation', async () => {
  const dir = workspaceCopy();
  const client = new LspClient({ workspaceDir: dir });
  try {
    await client.initialize();
    const serviceUri = pathToFileURL(path.join(dir, 'service.yaml')).toString();
    const deploymentUri = pathToFileURL(path.join(dir, 'deployment.yaml')).toString();
    client.open(serviceUri, fs.readFileSync(path.join(dir, 'service.yaml'), 'utf8'));
    const published = await client.waitForNotification<Published>('textDocument/publishDiagnostics', (p) => p.uri === serviceUri && hasCode('x-service-targetport-not-found')(p));
    const d = published.diagnostics.find((x) => x.code === 'x-service-targetport-not-found')!;
    assert.equal(d.severity, 2);
    assert.equal(d.range.start.line, 9);
    assert.equal(d.relatedInformation?.[0].location.uri, deploymentUri);
    assert.match(d.relatedInformation?.[0].message ?? '', /Deployment\/web/);

    // The open Deployment takes precedence over its disk content: exposing 9090 clears the finding.
    const fixed = fs.readFileSync(path.join(dir, 'deployment.yaml'), 'utf8').replace('containerPort: 8080', 'containerPort: 9090');
    const before = client.notifications.length;
    client.open(deploymentUri, fixed);
    await client.waitForNotification<Published>('textDocument/publishDiagnostics', (p) => p.uri === serviceUri && !hasCode('x-service-targetport-not-found')(p) && after_(client, before)(p));
  } finally {
    await client.stop();
  }
});

test('a watched file event re-reads one file: a new restricted Namespace makes the open Deployment an error', async () => {
  const dir = workspaceCopy();
  const client = new LspClient({ workspaceDir: dir });
  try {
    await client.initialize();
    const deploymentUri = pathToFileURL(path.join(dir, 'deployment.yaml')).toString();
    client.open(deploymentUri, fs.readFileSync(path.join(dir, 'deployment.yaml'), 'utf8'));
    await client.waitForNotification<Published>('textDocument/publishDiagnostics', (p) => p.uri === deploymentUri);
    const nsFile = path.join(dir, 'namespace.yaml');
    fs.writeFileSync(nsFile, 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: default\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n');
    const nsUri = pathToFileURL(nsFile).toString();
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: nsUri, type: 1 }] });
    const published = await client.waitForNotification<Published>('textDocument/publishDiagnostics', (p) => p.uri === deploymentUri && hasCode('x-pss-enforce-violation')(p));
    const d = published.diagnostics.find((x) => x.code === 'x-pss-enforce-violation')!;
    assert.equal(d.severity, 1);
    assert.equal(d.relatedInformation?.[0].location.uri, nsUri);
    assert.equal(d.relatedInformation?.[0].location.range.start.line, 5);

    fs.rmSync(nsFile);
    const before = client.notifications.length;
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: nsUri, type: 3 }] });
    await client.waitForNotification<Published>('textDocument/publishDiagnostics', (p) => p.uri === deploymentUri && !hasCode('x-pss-enforce-violation')(p) && after_(client, before)(p));
  } finally {
    await client.stop();
  }
});

test('the server registers a file watcher for YAML files when the client supports dynamic registration', async () => {
  const dir = workspaceCopy();
  const client = new LspClient({ workspaceDir: dir });
  const registrations: { method: string; registerOptions?: { watchers?: { globPattern: string }[] } }[] = [];
  client.onRequest('client/registerCapability', (params) => {
    registrations.push(...(params as { registrations: typeof registrations }).registrations);
    return null;
  });
  try {
    await client.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(dir).toString(),
      workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'ws' }],
      capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: { relatedInformation: true } } },
    });
    client.notify('initialized', {});
    const serviceUri = pathToFileURL(path.join(dir, 'service.yaml')).toString();
    client.open(serviceUri, fs.readFileSync(path.join(dir, 'service.yaml'), 'utf8'));
    await client.waitForNotification<Published>('textDocument/publishDiagnostics', (p) => p.uri === serviceUri && hasCode('x-service-targetport-not-found')(p));
    const watcher = registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    assert.deepEqual(watcher?.registerOptions?.watchers?.map((w) => w.globPattern), ['**/*.{yaml,yml}']);
  } finally {
    await client.stop();
  }
});

test('the first scan of a large workspace yields: hovers answer quickly while it runs, cross diagnostics follow', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lesson-aware-large-'));
  for (let i = 0; i < 2000; i++) {
    fs.writeFileSync(path.join(dir, `d${i}.yaml`), `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app${i}\nspec:\n  selector: {matchLabels: {app: app${i}}}\n  template:\n    metadata: {labels: {app: app${i}}}\n    spec:\n      containers: [{name: c, image: nginx:1.27, ports: [{containerPort: 80}]}]\n`);
  }
  const svcText = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  selector: {app: app1999}\n  ports: [{port: 80, targetPort: 9999}]\n';
  fs.writeFileSync(path.join(dir, 'svc.yaml'), svcText);
  const client = new LspClient({ workspaceDir: dir });
  try {
    await client.initialize();
    const uri = pathToFileURL(path.join(dir, 'svc.yaml')).toString();
    client.open(uri, svcText);
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 4 } }); // warm-up (lesson corpus)
    const slowest = [];
    for (let k = 0; k < 3; k++) {
      const started = Date.now();
      await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 4 } });
      slowest.push(Date.now() - started);
    }
    assert.ok(Math.max(...slowest) < 1500, `hover took ${slowest.join(', ')} ms`);
    const published = await client.waitForNotification<Published>('textDocument/publishDiagnostics', (p) => p.uri === uri && hasCode('x-service-targetport-not-found')(p), 60_000);
    assert.match(published.diagnostics.find((d) => d.code === 'x-service-targetport-not-found')!.relatedInformation![0].location.uri, /d1999\.yaml$/);
  } finally {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
