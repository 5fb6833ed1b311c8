// Compares builds of our server on one benchmark input, interleaved round by round so every build sees the same
// machine load: wall times and the server's own CPU time (utime+stime from /proc, Linux) per phase — start-up,
// warm-up file, open → first diagnostics, 200 hovers, 40 edits — and peak RSS; medians over the rounds.
// A build is a dist/ folder with `lessons/` next to it (e.g. another commit: `git worktree add`, link
// node_modules, `node scripts/build.mjs --minify`, copy dist/ and link lessons/ beside the copy).
// Usage: node scripts/bench/compare-builds.mjs k8s-large|k8s-small|compose ROUNDS DIST_A DIST_B [...]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchClient } from '../../test/bench/lspClient.mjs';
import { prepareInput } from '../../test/bench/session.mjs';
import { sizes, writeInputs } from './gen-inputs.mjs';
const [which, roundsS, ...dists] = process.argv.slice(2);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const work = mkdtempSync(join(tmpdir(), 'lesson-aware-compare-'));
const paths = writeInputs(work, sizes.full);
const file = { 'k8s-large': paths.k8sLarge, 'k8s-small': paths.k8sSmall, compose: paths.compose }[which];
const input = prepareInput({ id: which, path: file, text: readFileSync(file, 'utf8') }, { hovers: 200, edits: 40 });
const warm = which === 'compose' ? { name: 'compose.warmup.yaml', text: 'services:\n  web:\n    image: nginx:1.27\n' } : { name: 'k8s-warmup.yaml', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: warmup\ndata:\n  a: b\n' };
const cpu = (pid) => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
const res = new Map(dists.map((d) => [d, []]));
for (let r = 0; r < Number(roundsS); r++) for (const d of dists) {
  const c = new BenchClient({ command: process.execPath, args: [join(d, 'server.js'), '--stdio'], cwd: root });
  c.handlers['workspace/configuration'] = (p) => p.items.map((i) => (i.section === 'lessonAware' ? {} : null));
  const pid = c.proc?.pid ?? c.child?.pid;
  const m = {}; let t = performance.now();
  await c.request('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
  m.initWall = performance.now() - t; m.initCpu = cpu(pid);
  c.notify('initialized', {});
  const warmUri = new URL(warm.name, input.uri).toString();
  t = performance.now();
  const wd = c.next('textDocument/publishDiagnostics', (p) => p.uri === warmUri, 60000);
  c.notify('textDocument/didOpen', { textDocument: { uri: warmUri, languageId: 'yaml', version: 1, text: warm.text } });
  await wd; m.readyWall = performance.now() - t; let c0 = cpu(pid); m.readyCpu = c0 - m.initCpu;
  c.notify('textDocument/didClose', { textDocument: { uri: warmUri } });
  await new Promise((r) => setTimeout(r, 300)); c0 = cpu(pid);
  t = performance.now();
  const first = c.next('textDocument/publishDiagnostics', (p) => p.uri === input.uri, 60000);
  c.notify('textDocument/didOpen', { textDocument: { uri: input.uri, languageId: 'yaml', version: 1, text: input.text } });
  await first; m.openWall = performance.now() - t; let c1 = cpu(pid); m.openCpu = c1 - c0;
  await new Promise((r) => setTimeout(r, 300)); c1 = cpu(pid);
  const hs = [];
  for (const position of input.hoverAt) { const h = await c.request('textDocument/hover', { textDocument: { uri: input.uri }, position }); hs.push(h.ms); }
  let c2 = cpu(pid); m.hoverCpu = c2 - c1; hs.sort((a, b) => a - b); m.hoverP99 = hs[Math.floor(hs.length * 0.99)];
  let version = 1; const es = [];
  for (const e of input.edits) { const ch = e.char === 'x' ? 'y' : 'x'; e.char = ch; version++; const v = version;
    const tt = performance.now();
    const next = c.next('textDocument/publishDiagnostics', (p) => p.uri === input.uri && (p.version ?? v) >= v, 60000);
    c.notify('textDocument/didChange', { textDocument: { uri: input.uri, version: v }, contentChanges: [{ range: { start: e.position, end: { ...e.position, character: e.position.character + 1 } }, text: ch }] });
    await next; es.push(performance.now() - tt); }
  m.editCpu = cpu(pid) - c2; es.sort((a, b) => a - b); m.editP50 = es[es.length >> 1]; m.editP95 = es[Math.floor(es.length * 0.95)];
  m.rss = c.peakRssMb?.();
  await c.stop();
  res.get(d).push(m);
}
const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; };
for (const [d, ms] of res) {
  const keys = Object.keys(ms[0]);
  console.log(d.padEnd(22), keys.map((k) => `${k} ${Number(med(ms.map((m) => m[k]))).toFixed(k.includes('Cpu') || k === 'rss' ? 0 : 1)}`).join(' | '));
}
console.log('load', loadavg().map((x) => x.toFixed(1)).join(' '));
rmSync(work, { recursive: true, force: true });
