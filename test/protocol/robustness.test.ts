/** Bad input never crashes the server: malformed YAML, unknown kinds, missing folders, broken lessons. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { stopAllClients, LspClient } from '../helpers/lspClient';

test('malformed YAML, unknown kinds, empty and binary-ish files: answers, no crash', async () => {
  const client = new LspClient();
  await client.initialize();
  const docs = [
    'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template: [\n    spec: {',
    'apiVersion: example.com/v1\nkind: Widget\nspec:\n  size: 3\n',
    '',
    '\u0000\u0001\u0002',
    'a: &a [*a]\n',
    `${'- '.repeat(3000)}x\n`,
    'key: value\nkey: duplicate\n',
    '\t\tbad: tabs\n',
  ];
  for (const [i, text] of docs.entries()) {
    const uri = `file:///tmp/bad-${i}.yaml`;
    client.open(uri, text);
    const lines = text.split('\n');
    for (let line = 0; line < lines.length; line++) {
      for (const character of [0, 1, 5, 12]) {
        await client.request('textDocument/hover', { textDocument: { uri }, position: { line, character } });
        const links = await client.request('lessonAware/linksAt', { textDocument: { uri }, position: { line, character } });
        assert.ok(Array.isArray(links));
      }
    }
  }
  assert.equal(client.exited, undefined, 'server exited');
  await client.stop();
});

test('a missing lesson folder is warned about once, and hover keeps working', async () => {
  const missing = path.join(os.tmpdir(), 'lesson-aware-does-not-exist-' + process.pid);
  const client = new LspClient({ settings: { lessonFolders: [missing] } });
  await client.initialize();
  const warning = await client.waitForNotification<{ type: number; message: string }>('window/showMessage', (p) => p.message.includes(missing));
  assert.equal(warning.type, 2);
  client.open('file:///tmp/pod.yaml', 'apiVersion: v1\nkind: Pod\nspec:\n  hostPID: true\n');
  const h = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: 'file:///tmp/pod.yaml' }, position: { line: 3, character: 4 } });
  assert.match(h!.contents.value, /hostPID/);
  client.notify('workspace/didChangeConfiguration', { settings: null });
  await client.request('lessonAware/listLessons', null);
  assert.equal(client.notifications.filter((n) => n.method === 'window/showMessage' && (n.params as { message: string }).message.includes(missing)).length, 1);
  await client.stop();
});

test('broken lessons: bad front matter and hostile Markdown are indexed or skipped, never fatal', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lesson-aware-broken-'));
  fs.writeFileSync(path.join(dir, 'bad-front.md'), '---\ntitle: [oops\n---\n# 깨진 레슨\n## hostPID 절\n`hostPID` 설명\n');
  fs.writeFileSync(path.join(dir, 'hostile.md'), '# <script>alert(1)</script>\n## [x](command:evil) `hostNetwork`\n<img src=x onerror=alert(1)>\n');
  fs.writeFileSync(path.join(dir, 'binary.md'), Buffer.from([0, 159, 146, 150, 0, 10, 35, 32, 65]));
  fs.symlinkSync(dir, path.join(dir, 'loop'));
  const client = new LspClient({ settings: { includeBundledLessons: false, lessonFolders: [dir] } });
  await client.initialize();
  const warning = await client.waitForNotification<{ message: string }>('window/showMessage', (p) => p.message.includes('bad-front.md'));
  assert.match(warning.message, /front matter/);
  const list = await client.request<{ title: string }[]>('lessonAware/listLessons', null);
  assert.equal(list.length, 3);
  client.open('file:///tmp/p.yaml', 'apiVersion: v1\nkind: Pod\nspec:\n  hostNetwork: true\n');
  const h = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: 'file:///tmp/p.yaml' }, position: { line: 3, character: 4 } });
  const md = h!.contents.value;
  assert.doesNotMatch(md, /[^\\]\(command:evil/);
  assert.doesNotMatch(md, /<script>/);
  assert.doesNotMatch(md, /\]\(command:(?!lessonAware\.openLesson)/);
  await client.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

after(stopAllClients);
