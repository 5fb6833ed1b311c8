/** The settings contract: workspace/configuration, initializationOptions fallback, live reload, watched folders. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { stopAllClients, LspClient, eventually } from '../helpers/lspClient';

const pod = 'apiVersion: v1\nkind: Pod\nspec:\n  hostPID: true\n  hostIPC: true\n';
const podUri = 'file:///tmp/settings-pod.yaml';
interface Link { lessonUri: string; sectionTitle: string }

function courseFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lesson-aware-course-'));
  fs.writeFileSync(path.join(dir, 'a.md'), '---\nweek: 9\nday: 1\nsession: 1\n---\n# 강사 레슨\n## PID 공유 금지\n<!-- lesson-aware: fields=hostPID -->\n설명\n');
  return dir;
}

async function linksAtHostPid(client: LspClient, line = 3): Promise<Link[]> {
  return client.request<Link[]>('lessonAware/linksAt', { textDocument: { uri: podUri }, position: { line, character: 4 } });
}


test('settings through workspace/configuration: only the instructor folder when bundled lessons are off', async () => {
  const dir = courseFolder();
  const client = new LspClient({ settings: { includeBundledLessons: false, lessonFolders: [dir] } });
  await client.initialize();
  client.open(podUri, pod);
  const links = await linksAtHostPid(client);
  assert.equal(links.length, 1);
  assert.equal(links[0].sectionTitle, 'PID 공유 금지');
  await client.stop();
});

test('initializationOptions fallback when the client cannot answer workspace/configuration', async () => {
  const dir = courseFolder();
  const client = new LspClient({ pullConfiguration: false, settings: { includeBundledLessons: false, lessonFolders: [dir] } });
  await client.initialize();
  client.open(podUri, pod);
  assert.equal((await linksAtHostPid(client))[0].sectionTitle, 'PID 공유 금지');
  // Live reload through didChangeConfiguration's payload.
  client.notify('workspace/didChangeConfiguration', { settings: { lessonAware: { includeBundledLessons: false, lessonFolders: [] } } });
  await eventually(() => linksAtHostPid(client), (l) => l.length === 0, 'links to disappear');
  await client.stop();
});

test('live reload: didChangeConfiguration makes the server re-read workspace/configuration', async () => {
  const dir = courseFolder();
  const client = new LspClient({ settings: { includeBundledLessons: false, lessonFolders: [] } });
  await client.initialize();
  client.open(podUri, pod);
  assert.deepEqual(await linksAtHostPid(client), []);
  client.settings = { includeBundledLessons: false, lessonFolders: [dir] };
  client.notify('workspace/didChangeConfiguration', { settings: null });
  await eventually(() => linksAtHostPid(client), (l) => l.length === 1, 'the new folder to be indexed');
  await client.stop();
});

test('relative lesson folders resolve against the workspace folder', async () => {
  const dir = courseFolder();
  const client = new LspClient({ workspaceDir: path.dirname(dir), settings: { includeBundledLessons: false, lessonFolders: [path.basename(dir)] } });
  await client.initialize();
  client.open(podUri, pod);
  assert.equal((await linksAtHostPid(client)).length, 1);
  await client.stop();
});

test('watched folders: adding, editing and deleting a lesson updates links without a restart', async () => {
  const dir = courseFolder();
  const client = new LspClient({ settings: { includeBundledLessons: false, lessonFolders: [dir] } });
  await client.initialize();
  client.open(podUri, pod);
  assert.deepEqual(await linksAtHostPid(client, 4), []);
  fs.mkdirSync(path.join(dir, 'sub'));
  fs.writeFileSync(path.join(dir, 'sub', 'ipc.md'), '# IPC\n## 공유 메모리\n<!-- lesson-aware: fields=hostIPC -->\n');
  await eventually(() => linksAtHostPid(client, 4), (l) => l.length === 1 && l[0].sectionTitle === '공유 메모리', 'the added lesson');
  fs.writeFileSync(path.join(dir, 'sub', 'ipc.md'), '# IPC\n## 공유 메모리 (수정)\n<!-- lesson-aware: fields=hostIPC -->\n');
  await eventually(() => linksAtHostPid(client, 4), (l) => l[0]?.sectionTitle === '공유 메모리 (수정)', 'the edited lesson');
  fs.rmSync(path.join(dir, 'sub', 'ipc.md'));
  await eventually(() => linksAtHostPid(client, 4), (l) => l.length === 0, 'the deleted lesson to go');
  await client.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('locale: Korean messages by setting', async () => {
  const client = new LspClient({ settings: { locale: 'ko' } });
  await client.initialize();
  client.open(podUri, pod);
  const h = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: podUri }, position: { line: 3, character: 4 } });
  assert.match(h.contents.value, /레슨 열기/);
  await client.stop();
});

after(stopAllClients);
