import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { parseManifest } from '../../../server/src/model/manifestModel';
import { canonicalUri, WorkspaceIndex } from '../../../server/src/workspace/workspaceIndex';

const svc = (name: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  selector: {app: ${name}}\n`;

function tempWorkspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lesson-aware-ws-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

test('scan: YAML files below the folders, skipping node_modules, .git, non-YAML and files over the size limit; complete after', async () => {
  const dir = tempWorkspace({
    'a.yaml': svc('a'),
    'deep/b.yml': `${svc('b')}---\n${svc('b2')}`,
    'node_modules/x/c.yaml': svc('c'),
    '.git/d.yaml': svc('d'),
    'notes.md': svc('e'),
    'big.yaml': `${svc('big')}# ${'x'.repeat(4000)}\n`,
    'broken.yaml': 'apiVersion: v1\nkind: [\n',
  });
  const index = new WorkspaceIndex({ maxBytes: 2000, chunkSize: 1 });
  let changes = 0;
  index.onDidChange(() => changes++);
  assert.equal(index.complete, false);
  const scanning = index.scan([dir]);
  assert.equal(index.complete, false, 'the scan yields before finishing');
  await scanning;
  assert.equal(index.complete, true);
  assert.deepEqual(index.all().map((r) => r.name).sort(), ['a', 'b', 'b2']);
  assert.equal(index.byKind('Service').length, 3);
  assert.ok(changes >= 1);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('open documents take precedence over disk; closing re-reads the disk; file events re-read one file', async () => {
  const dir = tempWorkspace({ 'a.yaml': svc('a'), 'b.yaml': svc('b') });
  const index = new WorkspaceIndex();
  await index.scan([dir]);
  const aUri = pathToFileURL(path.join(dir, 'a.yaml')).toString();
  index.setOpenDocument(parseManifest(aUri, 3, svc('a-edited')));
  assert.deepEqual(index.all().map((r) => r.name).sort(), ['a-edited', 'b']);
  index.closeDocument(aUri);
  assert.deepEqual(index.all().map((r) => r.name).sort(), ['a', 'b']);
  fs.writeFileSync(path.join(dir, 'b.yaml'), svc('b-changed'));
  index.fileChanged(pathToFileURL(path.join(dir, 'b.yaml')).toString());
  assert.deepEqual(index.all().map((r) => r.name).sort(), ['a', 'b-changed']);
  fs.writeFileSync(path.join(dir, 'c.yaml'), svc('c'));
  index.fileChanged(path.join(dir, 'c.yaml'));
  index.fileDeleted(aUri);
  assert.deepEqual(index.all().map((r) => r.name).sort(), ['b-changed', 'c']);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a newer scan supersedes an older one; a missing folder completes empty; URIs are canonical', async () => {
  const index = new WorkspaceIndex();
  const first = index.scan(['/nonexistent/lesson-aware']);
  const second = index.scan([]);
  await Promise.all([first, second]);
  assert.equal(index.complete, true);
  assert.equal(index.all().length, 0);
  assert.equal(canonicalUri('file:///w/a%20b.yaml'), canonicalUri('/w/a b.yaml'));
  const fromTexts = WorkspaceIndex.fromTexts({ '/w/x.yaml': svc('x') });
  assert.equal(fromTexts.complete, true);
  assert.equal(fromTexts.all()[0].uri, 'file:///w/x.yaml');
});
