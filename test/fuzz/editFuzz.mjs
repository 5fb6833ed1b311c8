// @ts-check
/**
 * Random edit sequences: one fresh server per seed, a few documents per seed, each edited step by step with
 * incremental didChange (insertions, deletions, indentation changes, pastes of whole documents, CRLF/LF mixes,
 * typing bursts, applied quick fixes), probed after every step. The same seed always replays the same steps.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fragments, keyPattern, loadCorpus, syntaxChars } from './corpus.mjs';
import { FuzzClient } from './lspClient.mjs';
import { Rng } from './prng.mjs';
import { applyEdits, change, probe } from './probe.mjs';

/**
 * @typedef {import('./stats.mjs').FuzzStats} FuzzStats
 * @typedef {import('./probe.mjs').Position} Position
 * @typedef {import('./probe.mjs').TextEdit} TextEdit
 * @typedef {{ sequences: number, edits: number }} EditFuzzOptions
 */

const corpus = loadCorpus();
const maxDocChars = 40_000;

/**
 * Runs every sequence of one seed on its own server.
 * @param {number} seed @param {EditFuzzOptions} options @param {FuzzStats} stats
 */
export async function runEditSeed(seed, options, stats) {
  const rng = new Rng(seed);
  const client = new FuzzClient({ onTiming: (t) => stats.timing(t) });
  let savedFailure = false;
  try {
    stats.startupMs = Math.max(stats.startupMs, await client.warmUp());
    for (let s = 0; s < options.sequences && client.alive; s++) {
      const start = rng.pick(corpus);
      const uri = start.compose && rng.chance(0.7) ? `file:///fuzz/seed-${seed}/s${s}/compose.yaml` : `file:///fuzz/seed-${seed}/s${s}/manifest-${start.name}`;
      const crlf = rng.chance(0.25);
      let doc = TextDocument.create(uri, 'yaml', 1, crlf ? start.text.replace(/\n/g, '\r\n') : start.text);
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: rng.chance(0.2) ? 'dockercompose' : 'yaml', version: 1, text: doc.getText() } });
      stats.tried('edit sequences');
      /** @type {TextEdit[][]} */
      let fixes = [];
      for (let e = 0; e < options.edits && client.alive; e++) {
        const failuresBefore = stats.failures.length;
        const label = `seed ${seed} seq ${s} edit ${e}`;
        const step = nextStep(rng, doc, fixes);
        const changedAt = performance.now();
        let at = step.at;
        if (step.kind === 'typing') {
          // A burst: one didChange per character, hovers in between, diagnostics awaited only for the last version.
          let offset = doc.offsetAt(step.at);
          for (const ch of step.text) {
            doc = change(client, doc, [{ range: { start: doc.positionAt(offset), end: doc.positionAt(offset) }, text: ch }]);
            offset += ch.length;
            stats.tried('edits');
            void client.request('textDocument/hover', { textDocument: { uri }, position: doc.positionAt(offset) }, `${label} (typing)`).catch((err) => {
              if (err.lspError) stats.fail('error', `${label} (typing)`, `hover: ${err.message}`);
            });
          }
          at = doc.positionAt(offset);
        } else {
          doc = step.kind === 'fix' ? applyEdits(client, doc, step.edits) : change(client, doc, step.changes);
          if (step.kind === 'fix') stats.fixesApplied++;
          stats.tried('edits');
        }
        const positions = [clampPosition(doc, at), randomKeyPosition(rng, doc), doc.positionAt(rng.int(0, doc.getText().length))];
        const found = await probe(client, stats, doc, positions, `${label} (${step.kind})`, { changedAt });
        fixes = found.map((f) => f.edits);
        if (!client.alive) {
          stats.crashes++;
          stats.fail('exit', label, `server exited (code ${client.exited}, signal ${client.exitSignal}); stderr: ${client.stderr.join('').slice(-2000)}`);
        }
        if (stats.failures.length > failuresBefore && !savedFailure) {
          savedFailure = true;
          const file = stats.saveInput(`seed-${seed}-seq-${s}-edit-${e}`, doc.getText());
          stats.fail('note', label, `document after the failing step saved to ${file}; replay with: npm run test:fuzz -- --seed ${seed} --only edits`);
        }
      }
      client.notify('textDocument/didClose', { textDocument: { uri } });
    }
    stats.peakRss = Math.max(stats.peakRss, client.memory().peak);
  } finally {
    stats.drainLogged(client);
    await client.stop();
  }
}

/**
 * One step: `changes` for plain edits, `edits` for an applied quick fix, `text` typed character by character.
 * @typedef {{ kind: string, at: Position, changes?: ({ range: import('./probe.mjs').Range, text: string } | { text: string })[], edits?: TextEdit[], text?: string }} Step
 */

/** @param {Rng} rng @param {TextDocument} doc @param {TextEdit[][]} fixes @returns {Step} */
function nextStep(rng, doc, fixes) {
  const text = doc.getText();
  const kind = rng.weighted({
    insert: 24, insertLines: 12, delete: 16, deleteLines: 8, indent: 10, paste: text.length > maxDocChars ? 0 : 4, replaceAll: 2, eol: 5,
    typing: 8, duplicate: 4, syntaxNoise: 5, fix: fixes.length ? 10 : 0,
  });
  const lines = doc.lineCount;
  switch (kind) {
    case 'fix': {
      const edits = rng.pick(fixes);
      return { kind, at: edits[0].range.start, edits };
    }
    case 'insert': {
      const at = randomPosition(rng, doc);
      return { kind, at, changes: [{ range: { start: at, end: at }, text: rng.pick(fragments) }] };
    }
    case 'typing': {
      return { kind, at: randomPosition(rng, doc), text: rng.pick(fragments).slice(0, 24) };
    }
    case 'syntaxNoise': {
      const at = randomPosition(rng, doc);
      let noise = '';
      for (let n = rng.int(1, 6); n > 0; n--) noise += syntaxChars[rng.int(0, syntaxChars.length - 1)];
      return { kind, at, changes: [{ range: { start: at, end: at }, text: noise }] };
    }
    case 'insertLines': {
      const source = rng.pick(corpus).text.split('\n');
      const from = rng.int(0, source.length - 1);
      const block = source.slice(from, from + rng.int(1, 6));
      const shift = rng.pick(['', '', '  ', '    ', '\t', '-']);
      const eol = eolOf(text);
      const line = rng.int(0, lines - 1);
      const at = { line, character: 0 };
      return { kind, at, changes: [{ range: { start: at, end: at }, text: block.map((l) => shift + l).join(eol) + eol }] };
    }
    case 'delete': {
      const start = doc.offsetAt(randomPosition(rng, doc));
      const end = Math.min(text.length, start + (rng.chance(0.1) ? rng.int(0, Math.floor(text.length * 0.3)) : rng.int(0, 40)));
      const at = doc.positionAt(start);
      return { kind, at, changes: [{ range: { start: at, end: doc.positionAt(end) }, text: '' }] };
    }
    case 'deleteLines': {
      const first = rng.int(0, lines - 1);
      const last = Math.min(lines, first + rng.int(1, 5));
      const at = { line: first, character: 0 };
      return { kind, at, changes: [{ range: { start: at, end: { line: last, character: 0 } }, text: '' }] };
    }
    case 'indent': {
      const first = rng.int(0, lines - 1);
      const last = Math.min(lines - 1, first + rng.int(0, 5));
      const add = rng.chance(0.6);
      const unit = rng.pick(['  ', '  ', ' ', '\t']);
      const changes = [];
      for (let line = last; line >= first; line--) {
        if (add) changes.push({ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: unit });
        else {
          const lead = /^[ \t]{0,2}/.exec(doc.getText({ start: { line, character: 0 }, end: { line, character: 2 } }))?.[0].length ?? 0;
          changes.push({ range: { start: { line, character: 0 }, end: { line, character: lead } }, text: '' });
        }
      }
      return { kind, at: { line: first, character: 0 }, changes };
    }
    case 'paste': {
      const pasted = rng.pick(corpus).text;
      const eol = rng.chance(0.3) ? '\r\n' : eolOf(text);
      const at = rng.chance(0.5) ? { line: rng.int(0, lines - 1), character: 0 } : randomPosition(rng, doc);
      const end = rng.chance(0.3) ? doc.positionAt(Math.min(text.length, doc.offsetAt(at) + rng.int(0, 200))) : at;
      const body = (rng.chance(0.5) ? `---${eol}` : '') + pasted.replace(/\n/g, eol);
      return { kind, at, changes: [{ range: { start: at, end }, text: body }] };
    }
    case 'replaceAll': {
      const fresh = rng.pick(corpus).text;
      return { kind, at: { line: 0, character: 0 }, changes: [{ text: rng.chance(0.3) ? fresh.replace(/\n/g, '\r\n') : fresh }] };
    }
    case 'eol': {
      const first = rng.int(0, lines - 1);
      const last = Math.min(lines, first + rng.int(1, 20));
      const range = { start: { line: first, character: 0 }, end: { line: last, character: 0 } };
      const eol = rng.weighted({ '\r\n': 5, '\n': 5, '\r': 1 });
      return { kind, at: range.start, changes: [{ range, text: doc.getText(range).replace(/\r\n|\r|\n/g, eol) }] };
    }
    default: {
      // duplicate: copy a line (as pasting it below would).
      const line = rng.int(0, lines - 1);
      const range = { start: { line, character: 0 }, end: { line: line + 1, character: 0 } };
      let body = doc.getText(range);
      if (!/[\r\n]$/.test(body)) body = eolOf(text) + body;
      return { kind: 'duplicate', at: range.end, changes: [{ range: { start: range.end, end: range.end }, text: body }] };
    }
  }
}

/** A position biased towards the places people edit: line starts, line ends, after a colon. @param {Rng} rng @param {TextDocument} doc */
function randomPosition(rng, doc) {
  const line = rng.int(0, doc.lineCount - 1);
  const lineText = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/(\r\n|\r|\n)$/, '');
  const where = rng.weighted({ start: 3, end: 2, colon: 2, indent: 1, any: 3 });
  let character = rng.int(0, lineText.length);
  if (where === 'start') character = 0;
  else if (where === 'end') character = lineText.length;
  else if (where === 'colon' && lineText.includes(':')) character = lineText.indexOf(':') + 1;
  else if (where === 'indent') character = /^\s*/.exec(lineText)?.[0].length ?? 0;
  return { line, character };
}

/** A position on some key of the document (where people hover). @param {Rng} rng @param {TextDocument} doc */
function randomKeyPosition(rng, doc) {
  const text = doc.getText();
  const keys = [...text.slice(0, 200_000).matchAll(keyPattern)];
  if (keys.length === 0) return doc.positionAt(rng.int(0, text.length));
  const m = rng.pick(keys);
  return doc.positionAt((m.index ?? 0) + rng.int(0, m[0].length - 1));
}

/** @param {TextDocument} doc @param {Position} p */
function clampPosition(doc, p) {
  return doc.positionAt(doc.offsetAt(p));
}

/** @param {string} text */
function eolOf(text) {
  return /\r\n/.test(text) ? '\r\n' : '\n';
}
