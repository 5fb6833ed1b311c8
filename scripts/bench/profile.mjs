// CPU profile of our server on one benchmark input: where do open → diagnostics, hovers and edits spend time?
// Runs dist/server.js under `node --cpu-prof`, opens the input, waits for diagnostics, hovers, edits, shuts down,
// then prints self time by function and inclusive time of the main stages (from the .cpuprofile call tree).
// Usage: node scripts/bench/profile.mjs [k8s-large|k8s-small|compose] [--hovers N] [--edits N] [--keep DIR]
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BenchClient } from '../../test/bench/lspClient.mjs';
import { prepareInput } from '../../test/bench/session.mjs';
import { sizes, writeInputs } from './gen-inputs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const argv = process.argv.slice(2);
const opt = (n, d) => (argv.includes(n) ? argv[argv.indexOf(n) + 1] : d);
const which = argv.find((a) => !a.startsWith('--') && !/^\d+$/.test(a) && a !== opt('--keep')) ?? 'k8s-large';
const work = mkdtempSync(join(tmpdir(), 'lesson-aware-prof-'));
const profDir = opt('--keep', join(work, 'prof'));

const paths = writeInputs(join(work, 'in'), sizes.full);
const file = { 'k8s-large': paths.k8sLarge, 'k8s-small': paths.k8sSmall, compose: paths.compose }[which];
const input = prepareInput({ id: which, path: file, text: readFileSync(file, 'utf8') }, { hovers: Number(opt('--hovers', 200)), edits: Number(opt('--edits', 20)) });

const client = new BenchClient({ command: process.execPath, args: ['--cpu-prof', '--cpu-prof-dir', profDir, join(root, 'dist', 'server.js'), '--stdio'], cwd: root });
client.handlers['workspace/configuration'] = (p) => p.items.map((i) => (i.section === 'lessonAware' ? {} : null));
await client.request('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
client.notify('initialized', {});
const uri = pathToFileURL(file).toString();
const stamp = {};
let t = performance.now();
const first = client.next('textDocument/publishDiagnostics', (p) => p.uri === uri, 120_000);
client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: input.text } });
await first;
stamp.openToDiagnostics = performance.now() - t;
t = performance.now();
for (const position of input.hoverAt) await client.request('textDocument/hover', { textDocument: { uri }, position });
stamp.hovers = performance.now() - t;
t = performance.now();
let version = 1;
for (const e of input.edits) {
  const ch = e.char === 'x' ? 'y' : 'x';
  e.char = ch;
  version++;
  const next = client.next('textDocument/publishDiagnostics', (p) => p.uri === uri && (p.version ?? version) >= version, 60_000);
  client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: e.position, end: { ...e.position, character: e.position.character + 1 } }, text: ch }] });
  await next;
}
stamp.edits = performance.now() - t;
await client.stop();

const prof = JSON.parse(readFileSync(join(profDir, readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'))), 'utf8'));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const dt = new Map();
prof.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0) / 1000));
const label = (n) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/^.*\/(node_modules\/|dist\/|src\/)/, '$1')}:${n.callFrame.lineNumber + 1}`;
const self = new Map();
for (const [id, ms] of dt) self.set(label(byId.get(id)), (self.get(label(byId.get(id))) ?? 0) + ms);
// inclusive time per function name (counted once per stack, so recursion is not double counted)
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const inclusive = new Map();
for (const [id, ms] of dt) {
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const name = byId.get(cur).callFrame.functionName || '(anon)';
    if (seen.has(name)) continue;
    seen.add(name);
    inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
  }
}
const total = [...dt.values()].reduce((a, b) => a + b, 0);
const top = (m, n) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${v.toFixed(0).padStart(7)} ms  ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
console.log(`input ${which}: ${input.lines} lines; open→diagnostics ${stamp.openToDiagnostics.toFixed(0)} ms; ${input.hoverAt.length} hovers ${stamp.hovers.toFixed(0)} ms; ${input.edits.length} edits ${stamp.edits.toFixed(0)} ms; profile total ${total.toFixed(0)} ms`);
console.log('\nself time, top 30:');
console.log(top(self, 30).join('\n'));
const stages = ['parseManifest', 'parseAllDocuments', 'runRules', 'toDiagnostics', 'lessonForFinding', 'rankLinks', 'corpus', 'buildLinkCorpus', 'hoverAt', 'fieldAt', 'pathAt', 'configure', 'rescan', 'scan', 'createFieldDocs', 'k8sField', 'sendDiagnostics', 'positionAt', 'check', 'garbage collector', '(garbage collector)', '(idle)', '(program)'];
console.log('\ninclusive time of stages:');
console.log(stages.filter((s) => inclusive.has(s)).map((s) => `${inclusive.get(s).toFixed(0).padStart(7)} ms  ${((100 * inclusive.get(s)) / total).toFixed(1).padStart(5)}%  ${s}`).join('\n'));
console.log('\ninclusive time, top 40 functions:');
console.log(top(inclusive, 40).join('\n'));
if (!argv.includes('--keep')) rmSync(work, { recursive: true, force: true });
