/**
 * Labs through the language server: listLabs, labState, watchLabs, and live labStateChanged pushes after
 * edits of open documents and watched-file events (deleting a file, renaming a resource, breaking YAML).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import type { LabState, LabSummary } from '../../server/src/protocol';
import { LspClient, repoRoot, stopAllClients } from '../helpers/lspClient';

after(() => stopAllClients());

const course = path.join(repoRoot, 'test', 'fixtures', 'labs', 'course');
const starter = path.join(course, 'labs', 'harden-web', 'starter');

/** A workspace holding a learner's copy of harden-web's starter files in labs/harden-web/. */
function workspace(): { dir: string; labDir: string; folderUri: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lesson-aware-labs-'));
  const labDir = path.join(dir, 'labs', 'harden-web');
  fs.mkdirSync(labDir, { recursive: true });
  for (const f of fs.readdirSync(starter)) fs.copyFileSync(path.join(starter, f), path.join(labDir, f));
  return { dir, labDir, folderUri: pathToFileURL(labDir).toString() };
}

const settings = { lessonFolders: [course], includeBundledLessons: false, locale: 'en' };
const step = (s: LabState, id: string) => s.steps.find((x) => x.id === id)!;

test('listLabs lists the fixture labs (the broken one left out with a warning); labState evaluates a folder', async () => {
  const { dir, folderUri } = workspace();
  const client = new LspClient({ workspaceDir: dir, settings });
  try {
    await client.initialize();
    const labs = await client.request<LabSummary[]>('lessonAware/listLabs', null);
    assert.deepEqual(labs.map((l) => l.id), ['harden-web', 'compose-limits']);
    assert.equal(labs[0].steps[0].hint?.sectionTitle, '보안 컨텍스트');
    assert.deepEqual(labs[0].starterFiles, ['deployment.yaml', 'service.yaml']);
    const warning = await client.waitForNotification<{ type: number; message: string }>('window/showMessage', (m) => /broken-check[\\/]lab\.md:9: step typo: unknown key "equal"/.test(m.message));
    assert.equal(warning.type, 2);

    const state = await client.request<LabState>('lessonAware/labState', { labId: 'harden-web', folderUri });
    assert.equal(state.total, 4);
    assert.equal(state.passedCount, 0);
    assert.match(step(state, 'run-as-non-root').reason ?? '', /^deployment\.yaml line 16, Deployment\/web: .*\[k8s-run-as-non-root\]$/);
    assert.equal(await client.request('lessonAware/labState', { labId: 'no-such-lab', folderUri }), null);
    const missing = await client.request<LabState>('lessonAware/labState', { labId: 'harden-web', folderUri: pathToFileURL(path.join(dir, 'nowhere')).toString() });
    assert.match(step(missing, 'run-as-non-root').reason ?? '', /^Lab folder not found: /);
  } finally {
    await client.stop();
  }
});

test('watchLabs: edits tick steps live; deleting a file, renaming a resource and breaking YAML untick them with a reason', async () => {
  const { dir, labDir, folderUri } = workspace();
  const client = new LspClient({ workspaceDir: dir, settings: { ...settings, locale: 'ko' }, locale: 'ko' });
  const states = () => client.notifications.filter((n) => n.method === 'lessonAware/labStateChanged').map((n) => n.params as LabState);
  /** The next labStateChanged (after the ones seen so far) that satisfies the predicate. */
  const next = (predicate: (s: LabState) => boolean) => {
    const seen = states().length;
    return client.waitForNotification<LabState>('lessonAware/labStateChanged', (s) => states().indexOf(s) >= seen && predicate(s));
  };
  try {
    await client.initialize();
    const initial = next(() => true);
    client.notify('lessonAware/watchLabs', { labs: [{ labId: 'harden-web', folderUri }] });
    const first = await initial;
    assert.equal(first.labId, 'harden-web');
    assert.equal(first.folderUri, folderUri);
    assert.equal(first.passedCount, 0);

    // Open the Service and fix its selector: the relation step ticks without saving.
    const serviceFile = path.join(labDir, 'service.yaml');
    const serviceUri = pathToFileURL(serviceFile).toString();
    const serviceText = fs.readFileSync(serviceFile, 'utf8');
    client.open(serviceUri, serviceText);
    const ticked = next((s) => step(s, 'service-selects-web').passed);
    client.notify('textDocument/didChange', { textDocument: { uri: serviceUri, version: 2 }, contentChanges: [{ text: serviceText.replace('app: website', 'app: web') }] });
    const afterFix = await ticked;
    assert.equal(afterFix.passedCount, 1);

    // Renaming the Deployment unticks it: the Service no longer finds a workload named web.
    const deploymentFile = path.join(labDir, 'deployment.yaml');
    const deploymentUri = pathToFileURL(deploymentFile).toString();
    const deploymentText = fs.readFileSync(deploymentFile, 'utf8');
    client.open(deploymentUri, deploymentText);
    const renamed = next((s) => !step(s, 'service-selects-web').passed);
    client.notify('textDocument/didChange', { textDocument: { uri: deploymentUri, version: 2 }, contentChanges: [{ text: deploymentText.replace('name: web\nspec:', 'name: web-v2\nspec:') }] });
    assert.equal(step(await renamed, 'service-selects-web').reason, '실습 폴더에 web 리소스가 없습니다');

    // Add runAsNonRoot back under the original name: two steps pass (run-as-non-root, service-selects-web).
    const hardened = deploymentText.replace('          image: nginx:1.27.0\n', '          image: nginx:1.27.0\n          securityContext:\n            runAsNonRoot: true\n');
    const two = next((s) => s.passedCount === 2);
    client.notify('textDocument/didChange', { textDocument: { uri: deploymentUri, version: 3 }, contentChanges: [{ text: hardened }] });
    assert.deepEqual((await two).steps.filter((s) => s.passed).map((s) => s.id), ['run-as-non-root', 'service-selects-web']);

    // Breaking the YAML unticks both with a clear reason.
    const broken = next((s) => s.passedCount === 0);
    client.notify('textDocument/didChange', { textDocument: { uri: deploymentUri, version: 4 }, contentChanges: [{ text: hardened.replace('kind: Deployment', 'kind: Deployment: x') }] });
    assert.equal(step(await broken, 'run-as-non-root').reason, 'deployment.yaml: YAML 구문 오류 (2행)');

    // Closing the editor falls back to the disk content (starter: not hardened); the Service is still open and fixed.
    const closed = next((s) => s.passedCount === 1);
    client.notify('textDocument/didClose', { textDocument: { uri: deploymentUri } });
    assert.equal(step(await closed, 'run-as-non-root').passed, false);

    // Deleting the Deployment from disk (a watched-file event) unticks the relation step.
    fs.rmSync(deploymentFile);
    const deleted = next((s) => !step(s, 'service-selects-web').passed);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: deploymentUri, type: 3 }] });
    const afterDelete = await deleted;
    assert.equal(step(afterDelete, 'run-as-non-root').reason, 'deployment.yaml을 찾을 수 없습니다');
    assert.equal(step(afterDelete, 'service-selects-web').reason, '실습 폴더에 web 리소스가 없습니다');

    // Writing the solution to disk (watched-file events) completes the lab.
    for (const f of ['deployment.yaml', 'service.yaml']) fs.copyFileSync(path.join(course, 'labs', 'harden-web', 'solution', f), path.join(labDir, f));
    client.notify('textDocument/didClose', { textDocument: { uri: serviceUri } });
    const complete = next((s) => s.complete);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: deploymentUri, type: 1 }, { uri: serviceUri, type: 2 }] });
    assert.equal((await complete).passedCount, 4);

    // Nothing changes, nothing is sent: an edit outside the lab folder is not a lab event.
    const count = states().length;
    const elsewhere = pathToFileURL(path.join(dir, 'other.yaml')).toString();
    client.open(elsewhere, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
    await client.request('textDocument/hover', { textDocument: { uri: elsewhere }, position: { line: 1, character: 2 } });
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(states().length, count);

    // An empty watch list stops the pushes; the server keeps serving.
    client.notify('lessonAware/watchLabs', { labs: [] });
    fs.writeFileSync(path.join(labDir, 'service.yaml'), serviceText);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: serviceUri, type: 2 }] });
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(states().length, count);
    const state = await client.request<LabState>('lessonAware/labState', { labId: 'harden-web', folderUri });
    assert.equal(step(state, 'service-selects-web').passed, false);
    assert.equal(client.exited, undefined);
  } finally {
    await client.stop();
  }
});

test('a malformed watchLabs payload and bad lab targets never take the server down', async () => {
  const { dir } = workspace();
  const client = new LspClient({ workspaceDir: dir, settings });
  try {
    await client.initialize();
    client.notify('lessonAware/watchLabs', { labs: [null, { labId: 3 }, { labId: 'harden-web', folderUri: 'untitled:x' }] });
    client.notify('lessonAware/watchLabs', null);
    const state = await client.request<LabState>('lessonAware/labState', { labId: 'harden-web', folderUri: 'not a uri' });
    assert.equal(state.passedCount, 0);
    assert.match(state.steps[0].reason ?? '', /Lab folder not found: not a uri/);
    const labs = await client.request<LabSummary[]>('lessonAware/listLabs', null);
    assert.equal(labs.length, 2);
  } finally {
    await client.stop();
  }
});
