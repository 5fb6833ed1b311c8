// @ts-check
/**
 * The hostile set on one server: measure a memory baseline, open each hostile document, probe it, damage it
 * with a few edits, close it; then let the server idle and check that its memory came back near the baseline.
 * "Near" = VmRSS at most 1.5 × baseline + 50 MB, within 15 s of idling after the last close (no gc call is
 * possible from outside, so the server gets idle time and a few more open/close rounds of a small file).
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fragments } from './corpus.mjs';
import { hostileInputs } from './hostile.mjs';
import { knownDefectFor } from './knownDefects.mjs';
import { FuzzClient } from './lspClient.mjs';
import { Rng } from './prng.mjs';
import { keyPattern } from './corpus.mjs';
import { change, probe } from './probe.mjs';

/** @typedef {import('./stats.mjs').FuzzStats} FuzzStats */

export const memoryRule = { factor: 1.5, slackBytes: 50 * 1024 * 1024, settleMs: 15_000 };

/**
 * @param {{ big: boolean, scale?: number, knownScale?: number, hangAfterMs?: number, inputs?: string[] }} options @param {FuzzStats} stats @param {(line: string) => void} log
 */
export async function runHostile(options, stats, log) {
  const rng = new Rng(9);
  let client = await startClient(stats);
  try {
    await settle(client, 2000);
    let baseline = client.memory().rss;
    let n = 0;
    // Inputs of known defects (which may hang and cost a server restart) run after the memory check.
    const all = hostileInputs({ scale: options.scale, knownScale: options.knownScale }).filter((i) => (options.big || !i.big) && (!options.inputs || options.inputs.some((s) => i.name.includes(s))));
    const isKnown = (/** @type {{ name: string }} */ i) => !!knownDefectFor(`hostile "${i.name}"`);
    const ordered = [...all.filter((i) => !isKnown(i)), ...all.filter(isKnown)];
    const firstKnown = ordered.findIndex(isKnown);
    for (const [index, input] of ordered.entries()) {
      if (index === firstKnown) await checkMemory(client, stats, baseline);
      n++;
      const started = performance.now();
      const label = `hostile "${input.name}"`;
      stats.current = label;
      const failuresBefore = stats.failures.length;
      /** @type {{ doc?: TextDocument }} */
      const state = {};
      const deadline = (options.hangAfterMs ?? hangAfterMs) * (input.big ? 2 : 1);
      let timer;
      const hung = await Promise.race([
        driveInput(client, stats, rng, input, n, label, state).then(() => false),
        new Promise((resolve) => (timer = setTimeout(() => resolve(true), deadline))),
      ]);
      clearTimeout(timer);
      const mem = client.memory();
      stats.peakRss = Math.max(stats.peakRss, mem.peak);
      if (hung) {
        stats.fail('hang', label, `no answer within ${deadline / 1000} s (server CPU ${client.cpuMs()} ms, RSS ${(mem.rss / 1048576).toFixed(0)} MB); the server was killed and a fresh one started`);
        client.abandon();
        stats.drainLogged(client);
        client = await startClient(stats);
        await settle(client, 2000);
        baseline = client.memory().rss;
      } else if (!client.alive) {
        stats.crashes++;
        stats.fail('exit', label, `server exited (code ${client.exited}, signal ${client.exitSignal}); stderr: ${client.stderr.join('').slice(-2000)}`);
        client = await startClient(stats);
        baseline = client.memory().rss;
      }
      if (stats.failures.length > failuresBefore && state.doc) stats.fail('note', label, `input saved to ${stats.saveInput(`hostile-${n}-${input.file}`, state.doc.getText())}`);
      log(`hostile ${String(n).padStart(2)} ${input.name}: ${(performance.now() - started).toFixed(0)} ms, RSS ${(mem.rss / 1048576).toFixed(0)} MB${hung ? ' HUNG' : ''}`);
    }
    if (firstKnown < 0) await checkMemory(client, stats, baseline);
  } finally {
    stats.drainLogged(client);
    await client.stop();
  }
}

/**
 * A few small open/close rounds, then idle: the server's caches for the closed documents must be gone.
 * @param {FuzzClient} client @param {FuzzStats} stats @param {number} baseline
 */
async function checkMemory(client, stats, baseline) {
  if (!client.alive) return;
  for (let round = 0; round < 3; round++) {
    const uri = `file:///fuzz/hostile/after-${round}.yaml`;
    const doc = TextDocument.create(uri, 'yaml', 1, 'apiVersion: v1\nkind: Pod\nspec:\n  hostPID: true\n');
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: doc.getText() } });
    await probe(client, stats, doc, [{ line: 3, character: 3 }], 'after the hostile set');
    client.notify('textDocument/didClose', { textDocument: { uri } });
  }
  const limit = baseline * memoryRule.factor + memoryRule.slackBytes;
  const after = await settle(client, memoryRule.settleMs, limit);
  stats.memory = { baseline, peak: client.memory().peak, after, limit };
  stats.peakRss = Math.max(stats.peakRss, stats.memory.peak);
  if (after > limit) {
    stats.fail('memory', 'hostile set', `VmRSS ${(after / 1048576).toFixed(0)} MB after closing every hostile document and idling ${memoryRule.settleMs / 1000} s; baseline ${(baseline / 1048576).toFixed(0)} MB, limit ${(limit / 1048576).toFixed(0)} MB`);
  }
}

/** An input that gets no answer for this long hangs the server (the run goes on with a fresh server). */
export const hangAfterMs = 60_000;

/** @param {FuzzStats} stats */
async function startClient(stats) {
  const client = new FuzzClient({ onTiming: (t) => stats.timing(t) });
  stats.startupMs = Math.max(stats.startupMs, await client.warmUp());
  return client;
}

/**
 * Opens one hostile input, probes it, damages it with three edits (each probed) and closes it.
 * @param {FuzzClient} client @param {FuzzStats} stats @param {Rng} rng @param {import('./hostile.mjs').HostileInput} input
 * @param {number} n @param {string} label @param {{ doc?: TextDocument }} state
 */
async function driveInput(client, stats, rng, input, n, label, state) {
  const started = performance.now();
  const uri = `file:///fuzz/hostile/${n}/${input.file}`;
  /** @type {TextDocument} */
  let doc;
  if (input.bytes) {
    const placeholder = `@@RAW${n}@@`;
    client.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'yaml', version: 1, text: placeholder } } }, { placeholder, bytes: input.bytes });
    doc = TextDocument.create(uri, 'yaml', 1, JSON.parse(`"${input.bytes.toString('utf8')}"`));
  } else {
    const text = /** @type {string} */ (input.text);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: input.languageId ?? 'yaml', version: 1, text } });
    doc = TextDocument.create(uri, 'yaml', 1, text);
  }
  state.doc = doc;
  stats.tried('hostile documents');
  await probe(client, stats, doc, probePositions(rng, doc), label, { diagnosticsTimeoutMs: hangAfterMs * 2, changedAt: started });
  for (let e = 0; e < 3 && client.alive; e++) {
    const offset = rng.int(0, doc.getText().length);
    const at = doc.positionAt(offset);
    const end = doc.positionAt(Math.min(doc.getText().length, offset + rng.int(0, 3)));
    const changedAt = performance.now();
    doc = change(client, doc, [{ range: { start: at, end }, text: rng.pick(fragments) }]);
    stats.tried('edits');
    await probe(client, stats, doc, [at, doc.positionAt(rng.int(0, doc.getText().length))], `${label} edit ${e}`, { diagnosticsTimeoutMs: hangAfterMs * 2, changedAt });
  }
  client.notify('textDocument/didClose', { textDocument: { uri } });
}

/** Idles up to `ms` (sampling VmRSS every 250 ms) and stops early once it is at or under `target`. @param {FuzzClient} client @param {number} ms @param {number} [target] */
async function settle(client, ms, target = 0) {
  const until = performance.now() + ms;
  let rss = client.memory().rss;
  while (performance.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    rss = client.memory().rss;
    if (rss <= target) break;
  }
  return rss;
}

/** Start, end, middle, some random offsets and some keys (where people hover). @param {Rng} rng @param {TextDocument} doc */
function probePositions(rng, doc) {
  const text = doc.getText();
  const offsets = [0, text.length, Math.floor(text.length / 2)];
  for (let i = 0; i < 4; i++) offsets.push(rng.int(0, text.length));
  const keys = [...text.slice(0, 100_000).matchAll(keyPattern)];
  for (let i = 0; i < 4 && keys.length; i++) {
    const m = rng.pick(keys);
    offsets.push((m.index ?? 0) + 1);
  }
  return offsets.map((o) => doc.positionAt(o));
}
