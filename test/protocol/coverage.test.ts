/**
 * Coverage acceptance: with only the bundled lessons, hovering every mapping key of realistic fixtures
 * (a hardened Deployment; a StatefulSet + headless Service + HPA + NetworkPolicy + RBAC set; a Compose stack)
 * gives a lesson link for at least 95% of keys. Prints key path → first link (lesson › section, reasons) and
 * the ratio, and writes the same table to out/coverage-table.md for review.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { isMap, isScalar, isSeq, LineCounter, Node, parseAllDocuments } from 'yaml';
import { LspClient, repoRoot, stopAllClients } from '../helpers/lspClient';

interface HoverResult { contents: { kind: string; value: string } }
interface LessonLink { lessonUri: string; sectionTitle: string; sectionSlug: string; line: number; score: number; reasons: string[] }

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'coverage');
const files = [
  { name: 'deployment-hardened.yaml', languageId: 'yaml' },
  { name: 'statefulset-set.yaml', languageId: 'yaml' },
  { name: 'compose.yaml', languageId: 'dockercompose' },
];
const REQUIRED_RATIO = 0.95;
const MIN_KEYS = 150;

interface Key {
  file: string;
  /** `Kind path` (Kubernetes) or `path` (Compose), sequence indices as []. */
  label: string;
  line: number;
  character: number;
}

/** Every mapping key of every document, with its LSP position. */
function keysOf(file: string, text: string): Key[] {
  const lc = new LineCounter();
  const out: Key[] = [];
  for (const doc of parseAllDocuments(text, { lineCounter: lc })) {
    const root = doc.contents as Node | null;
    const kind = isMap(root) ? root.get('kind') : undefined;
    const walk = (node: unknown, p: string) => {
      if (isMap(node)) {
        for (const pair of node.items) {
          if (!isScalar(pair.key)) continue;
          const key = String(pair.key.value);
          const label = p ? `${p}.${key}` : key;
          const pos = lc.linePos(pair.key.range![0]);
          out.push({ file, label: typeof kind === 'string' ? `${kind} ${label}` : label, line: pos.line - 1, character: pos.col - 1 });
          walk(pair.value, label);
        }
      } else if (isSeq(node)) {
        for (const item of node.items) walk(item, `${p}[]`);
      }
    };
    walk(root, '');
  }
  return out;
}

let client: LspClient;
const texts = new Map<string, string>();
const uri = (name: string) => pathToFileURL(path.join(fixtures, name)).toString();

before(async () => {
  client = new LspClient({ settings: { includeBundledLessons: true, lessonFolders: [] } });
  await client.initialize();
  for (const f of files) {
    const text = fs.readFileSync(path.join(fixtures, f.name), 'utf8');
    texts.set(f.name, text);
    client.open(uri(f.name), text, f.languageId);
  }
});
after(() => client.stop());

function where(link: LessonLink): string {
  return `${path.basename(new URL(link.lessonUri).pathname)} › ${link.sectionTitle}`;
}

test(`hovering every key of the coverage fixtures links a lesson for at least ${REQUIRED_RATIO * 100}% of keys`, async () => {
  const keys = files.flatMap((f) => keysOf(f.name, texts.get(f.name)!));
  assert.ok(keys.length >= MIN_KEYS, `only ${keys.length} keys in the fixtures (at least ${MIN_KEYS} expected)`);
  const rows: string[] = [];
  const unlinked: string[] = [];
  const inconsistent: string[] = [];
  let linked = 0;
  for (const k of keys) {
    // Inside the key, one character in, as a learner's mouse would be.
    const position = { line: k.line, character: k.character + 1 };
    const params = { textDocument: { uri: uri(k.file) }, position };
    const [hover, links] = await Promise.all([
      client.request<HoverResult | null>('textDocument/hover', params),
      client.request<LessonLink[]>('lessonAware/linksAt', params),
    ]);
    const first = links[0];
    const hoverHasLesson = !!hover && /\(command:lessonAware\.openLesson\?/.test(hover.contents.value);
    if (first) linked++;
    else unlinked.push(`${k.file}:${k.line + 1} ${k.label}`);
    if (!!first !== hoverHasLesson) inconsistent.push(`${k.file}:${k.line + 1} ${k.label}: linksAt ${first ? 'has' : 'has no'} link, hover ${hoverHasLesson ? 'shows' : 'shows no'} lesson`);
    rows.push(`| ${k.file} | \`${k.label}\` | ${first ? `${where(first)} | ${first.reasons.join(', ')} | ${first.score}` : '— | — | —'} |`);
  }
  const ratio = linked / keys.length;
  const table = [
    '| file | key path | first link (lesson › section) | reasons | score |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    `linked ${linked} / ${keys.length} keys = ${(ratio * 100).toFixed(1)}%`,
  ].join('\n');
  fs.mkdirSync(path.join(repoRoot, 'out'), { recursive: true });
  fs.writeFileSync(path.join(repoRoot, 'out', 'coverage-table.md'), `${table}\n`);
  console.log(table);
  assert.deepEqual(inconsistent, [], 'hover and linksAt disagree');
  assert.ok(ratio >= REQUIRED_RATIO, `only ${(ratio * 100).toFixed(1)}% of keys link a lesson; unlinked:\n  ${unlinked.join('\n  ')}`);
});

test('the coverage fixtures are hardened: the server reports no error or warning on them', async () => {
  const problems: string[] = [];
  for (const f of files) {
    const params = await client.waitForNotification<{ uri: string; diagnostics: { severity?: number; code?: string; message: string; range: { start: { line: number } } }[] }>(
      'textDocument/publishDiagnostics',
      (p) => p.uri === uri(f.name),
      15_000,
    );
    for (const d of params.diagnostics) {
      if (d.severity === 1 || d.severity === 2) problems.push(`${f.name}:${d.range.start.line + 1}: [${d.code}] ${d.message}`);
    }
  }
  assert.deepEqual(problems, []);
});

after(stopAllClients);
