/** Hover and linksAt over stdio against dist/server.js with the bundled lessons. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { stopAllClients, LspClient, positionOf, repoRoot } from '../helpers/lspClient';

interface HoverResult { contents: { kind: string; value: string }; range: { start: { line: number; character: number }; end: { line: number; character: number } } }
interface LessonLink { lessonUri: string; lessonTitle: string; course?: { week?: number; day?: number; session?: number }; sectionTitle: string; sectionSlug: string; sectionPath: string[]; line: number; score: number; reasons: string[] }

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'probes');
const workloads = fs.readFileSync(path.join(fixtures, 'workloads.yaml'), 'utf8');
const policies = fs.readFileSync(path.join(fixtures, 'policies.yaml'), 'utf8');
const compose = fs.readFileSync(path.join(fixtures, 'compose.yaml'), 'utf8');
const uri = (name: string) => pathToFileURL(path.join(fixtures, name)).toString();

let client: LspClient;

before(async () => {
  client = new LspClient({ settings: {} });
  await client.initialize();
  client.open(uri('workloads.yaml'), workloads);
  client.open(uri('policies.yaml'), policies);
  client.open(uri('compose.yaml'), compose, 'dockercompose');
});
after(() => client.stop());

const hover = (file: string, text: string, needle: string, delta = 1, nth = 0) =>
  client.request<HoverResult | null>('textDocument/hover', { textDocument: { uri: uri(file) }, position: positionOf(text, needle, delta, nth) });
const links = (file: string, text: string, needle: string, delta = 1, nth = 0) =>
  client.request<LessonLink[]>('lessonAware/linksAt', { textDocument: { uri: uri(file) }, position: positionOf(text, needle, delta, nth) });

test('hover on a pod securityContext key: path, description, breadcrumb, allow-listed command link', async () => {
  const h = await hover('workloads.yaml', workloads, 'runAsNonRoot');
  assert.ok(h);
  const md = h.contents.value;
  assert.equal(h.contents.kind, 'markdown');
  assert.match(md, /spec\.template\.spec\.securityContext\.runAsNonRoot/);
  assert.match(md, /non-root user/);
  assert.match(md, /Week \d+ › Day \d+ › Session \d+ › /);
  assert.match(md, /\(command:lessonAware\.openLesson\?/);
  assert.doesNotMatch(md, /command:(?!lessonAware\.openLesson\?)/, 'only the allow-listed command may appear');
  const line = positionOf(workloads, 'runAsNonRoot').line;
  assert.equal(h.range.start.line, line);
  assert.equal(h.range.end.character - h.range.start.character, 'runAsNonRoot'.length);
});

test('the command link carries lessonUri and sectionSlug that resolve to a heading', async () => {
  const h = await hover('workloads.yaml', workloads, 'readinessProbe');
  const m = /\(command:lessonAware\.openLesson\?([^)]+)\)/.exec(h!.contents.value);
  assert.ok(m);
  const [args] = JSON.parse(decodeURIComponent(m[1])) as [{ lessonUri: string; sectionSlug: string; line: number }];
  const resolved = await client.request<{ line: number } | null>('lessonAware/resolveSection', { lessonUri: args.lessonUri, sectionSlug: args.sectionSlug });
  assert.equal(resolved?.line, args.line);
  const lessonLine = fs.readFileSync(new URL(args.lessonUri), 'utf8').split('\n')[args.line];
  assert.match(lessonLine, /^#{1,6} /);
});

test('hover on a value answers for its key', async () => {
  const h = await hover('workloads.yaml', workloads, 'RuntimeDefault', 2);
  assert.match(h!.contents.value, /securityContext\.seccompProfile\.type/);
});

test('multi-document file: each document answers with its own kind', async () => {
  const hpa = await hover('policies.yaml', policies, 'scaleDown');
  assert.match(hpa!.contents.value, /spec\.behavior\.scaleDown/);
  const np = await links('policies.yaml', policies, 'egress');
  assert.ok(np.length > 0);
  const rb = await hover('policies.yaml', policies, 'roleRef');
  assert.match(rb!.contents.value, /roleRef/);
});

test('linksAt follows the contract shape, best first', async () => {
  const result = await links('workloads.yaml', workloads, 'runAsNonRoot');
  assert.ok(result.length >= 1);
  const first = result[0];
  for (const key of ['lessonUri', 'lessonTitle', 'sectionTitle', 'sectionSlug', 'sectionPath', 'line', 'score', 'reasons']) {
    assert.ok(key in first, `missing ${key}`);
  }
  assert.ok(first.lessonUri.startsWith('file://'));
  assert.ok(first.score > 0 && first.score <= 1);
  assert.equal(first.sectionPath[first.sectionPath.length - 1].length > 0, true);
  for (let i = 1; i < result.length; i++) assert.ok(result[i - 1].score >= result[i].score);
  const text = fs.readFileSync(new URL(first.lessonUri), 'utf8').split('\n');
  assert.equal(text[first.line].replace(/^#+\s*/, ''), first.sectionTitle);
});

test('Compose: hover and links for healthcheck and deploy.resources.limits', async () => {
  const h = await hover('compose.yaml', compose, 'healthcheck');
  assert.match(h!.contents.value, /services\.api\.healthcheck/);
  assert.match(h!.contents.value, /Week \d+ › /);
  const l = await links('compose.yaml', compose, 'memory: 512M');
  assert.ok(l.length > 0);
  assert.ok(l[0].reasons.length > 0);
});

test('empty results where nothing is relevant: comments, blank lines, unknown files', async () => {
  const text = '# just a comment\n\nfoo: bar\n';
  const u = 'file:///tmp/plain-note.yaml';
  client.open(u, text);
  const h = await client.request('textDocument/hover', { textDocument: { uri: u }, position: { line: 0, character: 3 } });
  assert.equal(h, null);
  assert.deepEqual(await client.request('lessonAware/linksAt', { textDocument: { uri: u }, position: { line: 2, character: 1 } }), []);
  assert.deepEqual(await client.request('lessonAware/linksAt', { textDocument: { uri: 'file:///never-opened.yaml' }, position: { line: 0, character: 0 } }), []);
});

test('lesson list: bundled lessons in course order with positions', async () => {
  const list = await client.request<{ title: string; course?: { week?: number; day?: number; session?: number } }[]>('lessonAware/listLessons', null);
  assert.ok(list.length >= 1);
  const keys = list.map((l) => (l.course?.week ?? 99) * 10_000 + (l.course?.day ?? 99) * 100 + (l.course?.session ?? 99));
  assert.deepEqual([...keys].sort((a, b) => a - b), keys);
});

after(stopAllClients);
