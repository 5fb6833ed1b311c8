// CPU profile of our server in the benchmark's order (warm-up file first), reported per phase: spawn →
// initialize, initialized → warm-up diagnostics, didOpen → first diagnostics, hovers, edits. The client stamps
// each phase with the monotonic clock the profile's samples use, so each phase lists its own hot functions.
// Usage: node scripts/bench/profile-windows.mjs [k8s-large|k8s-small|compose] [--hovers N] [--edits N] [--top N]
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchClient } from '../../test/bench/lspClient.mjs';
import { prepareInput } from '../../test/bench/session.mjs';
import { sizes, writeInputs } from './gen-inputs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const argv = process.argv.slice(2);
const opt = (n, d) => (argv.includes(n) ? argv[argv.indexOf(n) + 1] : d);
const which = argv.find((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--')) ?? 'k8s-large';
const topN = Number(opt('--top', 15));
const work = mkdtempSync(join(tmpdir(), 'lesson-aware-prof-'));
const profDir = join(work, 'prof');
const paths = writeInputs(join(work, 'in'), sizes.full);
const file = { 'k8s-large': paths.k8sLarge, 'k8s-small': paths.k8sSmall, compose: paths.compose }[which];
const input = prepareInput({ id: which, path: file, text: readFileSync(file, 'utf8') }, { hovers: Number(opt('--hovers', 200)), edits: Number(opt('--edits', 30)) });
const flavor = which === 'compose' ? 'compose' : 'kubernetes';
const warm = flavor === 'compose' ? { name: 'compose.warmup.yaml', text: 'services:\n  web:\n    image: nginx:1.27\n' } : { name: 'k8s-warmup.yaml', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: warmup\ndata:\n  a: b\n' };
const now = () => Number(process.hrtime.bigint() / 1000n); // µs, the profile's clock
const marks = [];
const mark = (name) => marks.push({ name, at: now() });

mark('spawn → initialize');
const client = new BenchClient({ command: process.execPath, args: ['--cpu-prof', '--cpu-prof-dir', profDir, join(root, 'dist', 'server.js'), '--stdio'], cwd: root });
client.handlers['workspace/configuration'] = (p) => p.items.map((i) => (i.section === 'lessonAware' ? {} : null));
await client.request('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
mark('initialized → warm-up diagnostics');
client.notify('initialized', {});
const warmUri = new URL(warm.name, input.uri).toString();
const wd = client.next('textDocument/publishDiagnostics', (p) => p.uri === warmUri, 60_000);
client.notify('textDocument/didOpen', { textDocument: { uri: warmUri, languageId: 'yaml', version: 1, text: warm.text } });
await wd;
client.notify('textDocument/didClose', { textDocument: { uri: warmUri } });
const ms = (a, b) => ((b - a) / 1000).toFixed(0);
mark('didOpen → first diagnostics');
const first = client.next('textDocument/publishDiagnostics', (p) => p.uri === input.uri, 120_000);
client.notify('textDocument/didOpen', { textDocument: { uri: input.uri, languageId: 'yaml', version: 1, text: input.text } });
await first;
mark('hovers');
for (const position of input.hoverAt) await client.request('textDocument/hover', { textDocument: { uri: input.uri }, position });
mark('edits');
let version = 1;
const editMs = [];
for (const e of input.edits) {
  const ch = e.char === 'x' ? 'y' : 'x';
  e.char = ch;
  version++;
  const t = now();
  const next = client.next('textDocument/publishDiagnostics', (p) => p.uri === input.uri && (p.version ?? version) >= version, 60_000);
  client.notify('textDocument/didChange', { textDocument: { uri: input.uri, version }, contentChanges: [{ range: { start: e.position, end: { ...e.position, character: e.position.character + 1 } }, text: ch }] });
  await next;
  editMs.push((now() - t) / 1000);
}
mark('end');
await client.stop();

const prof = JSON.parse(readFileSync(join(profDir, readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'))), 'utf8'));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (n) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/^.*\/(node_modules\/|dist\/|src\/)/, '$1')}:${n.callFrame.lineNumber + 1}`;
let t = prof.startTime;
const samples = prof.samples.map((id, i) => ({ id, at: (t += prof.timeDeltas[i] ?? 0), ms: (prof.timeDeltas[i + 1] ?? 0) / 1000 }));
console.log(`input ${which}: ${input.lines} lines; edits ${editMs.map((x) => x.toFixed(0)).join(' ')}`);
for (let w = 0; w < marks.length - 1; w++) {
  const [from, to] = [marks[w].at, marks[w + 1].at];
  const self = new Map();
  const incl = new Map();
  let busy = 0;
  for (const s of samples) {
    if (s.at < from || s.at >= to) continue;
    const n = byId.get(s.id);
    if (n.callFrame.functionName === '(idle)') continue;
    busy += s.ms;
    self.set(label(n), (self.get(label(n)) ?? 0) + s.ms);
    const seen = new Set();
    for (let cur = s.id; cur !== undefined; cur = parent.get(cur)) {
      const name = label(byId.get(cur));
      if (seen.has(name)) continue;
      seen.add(name);
      incl.set(name, (incl.get(name) ?? 0) + s.ms);
    }
  }
  const top = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, topN).map(([k, v]) => `   ${v.toFixed(1).padStart(7)} ms  ${k}`).join('\n');
  console.log(`\n== ${marks[w].name}: ${ms(from, to)} ms wall, ${busy.toFixed(0)} ms busy\n-- self\n${top(self)}\n-- inclusive\n${top(incl)}`);
}
rmSync(work, { recursive: true, force: true });
