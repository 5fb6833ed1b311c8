// One fresh-server run on one input: start-up, ready (first diagnostics of a tiny warm-up file, which absorbs
// one-time costs such as schema loading), didOpen → first diagnostics, hovers on keys, single-character edits
// → next diagnostics, hover latency right after an edit (is hover blocked behind diagnostics?), peak RSS.
// Every wait has a timeout and every phase a time budget: a slow server gets its timeout recorded, not awaited.
import { pathToFileURL } from 'node:url';
import { lineIndex, spread, targets } from './positions.mjs';
import { startServer } from './servers.mjs';
import { summarize } from './stats.mjs';

const warmups = {
  kubernetes: { name: 'k8s-warmup.yaml', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: warmup\ndata:\n  a: b\n' },
  compose: { name: 'compose.warmup.yaml', text: 'services:\n  web:\n    image: nginx:1.27\n' },
};

/** Precomputes what every run of an input needs (positions are the same for every server). */
export function prepareInput(input, { hovers, edits }) {
  const { keys, values } = targets(input.text);
  const pos = lineIndex(input.text);
  return {
    ...input,
    uri: pathToFileURL(input.path).toString(),
    lines: input.text.split('\n').length - 1,
    hoverAt: spread(keys, hovers).map(pos),
    edits: spread(values, edits).map((v) => ({ ...v, position: pos(v.offset) })),
    probeAfterEdit: keys.length ? pos(keys[Math.floor(keys.length / 2)]) : undefined,
  };
}

/**
 * @param kind server kind from servers.mjs
 * @param input prepared input
 * @param o { timeouts: { start, open, request, diagnostics }, budgets: { hovers, edits }, hoverAfterEdit: number }
 */
export async function runSession(kind, input, o) {
  const r = { server: kind.id, input: input.id, notes: [] };
  let client;
  try {
    const started = await startServer(kind, { timeoutMs: o.timeouts.start });
    client = started.client;
    r.startupMs = started.startupMs;
    const diagFor = (uri, minVersion) => (p) => p.uri === uri && (p.version === undefined || p.version === null || p.version >= minVersion);

    // ready: a tiny file of the same flavour next to the input gets its first diagnostics
    const warm = warmups[input.flavor];
    const warmUri = new URL(warm.name, input.uri).toString();
    const warmDiag = client.next('textDocument/publishDiagnostics', diagFor(warmUri, 1), o.timeouts.open);
    client.notify('textDocument/didOpen', { textDocument: { uri: warmUri, languageId: 'yaml', version: 1, text: warm.text } });
    try {
      r.readyMs = (await warmDiag).at - client.initializedAt;
    } catch (e) {
      if (!e.timeout) throw e;
      r.readyMs = null;
      r.notes.push(`ready: timeout ${o.timeouts.open} ms`);
    }
    client.notify('textDocument/didClose', { textDocument: { uri: warmUri } });

    // didOpen → first publishDiagnostics
    const firstDiag = client.next('textDocument/publishDiagnostics', diagFor(input.uri, 1), o.timeouts.open);
    const openedAt = performance.now();
    client.notify('textDocument/didOpen', { textDocument: { uri: input.uri, languageId: 'yaml', version: 1, text: input.text } });
    try {
      const d = await firstDiag;
      r.openToDiagnosticsMs = d.at - openedAt;
      r.diagnostics = d.params.diagnostics.length;
    } catch (e) {
      if (!e.timeout) throw e;
      r.openToDiagnosticsMs = null;
      r.openTimeoutMs = o.timeouts.open;
      r.notes.push(`open→diagnostics: timeout ${o.timeouts.open} ms`);
    }

    // hovers on mapping keys spread over the file, one at a time
    const hoverMs = [];
    let nonEmpty = 0;
    const hoverDeadline = performance.now() + o.budgets.hovers;
    for (const position of input.hoverAt) {
      if (performance.now() > hoverDeadline) {
        r.notes.push(`hovers: budget ${o.budgets.hovers} ms spent after ${hoverMs.length}`);
        break;
      }
      try {
        const { result, ms } = await client.request('textDocument/hover', { textDocument: { uri: input.uri }, position }, o.timeouts.request);
        hoverMs.push(ms);
        if (hoverText(result) !== '') nonEmpty++;
      } catch (e) {
        if (!e.timeout) throw e;
        hoverMs.push(o.timeouts.request);
        r.notes.push(`hover timeout ${o.timeouts.request} ms`);
      }
    }
    r.hover = { ...summarize(hoverMs), nonEmpty };

    // single-character edits inside values → next publishDiagnostics
    let version = 1;
    let text = input.text;
    const editMs = [];
    const editDeadline = performance.now() + o.budgets.edits;
    const edit = (e) => {
      const ch = e.char === 'x' ? 'y' : 'x';
      text = text.slice(0, e.offset) + ch + text.slice(e.offset + 1);
      e.char = ch;
      version++;
      const end = { line: e.position.line, character: e.position.character + 1 };
      client.notify('textDocument/didChange', { textDocument: { uri: input.uri, version }, contentChanges: [{ range: { start: e.position, end }, text: ch }] });
      return version;
    };
    const edits = input.edits.map((e) => ({ ...e }));
    for (const e of edits) {
      if (performance.now() > editDeadline) {
        r.notes.push(`edits: budget ${o.budgets.edits} ms spent after ${editMs.length}`);
        break;
      }
      const next = client.next('textDocument/publishDiagnostics', diagFor(input.uri, version + 1), o.timeouts.diagnostics);
      const sentAt = performance.now();
      edit(e);
      try {
        editMs.push((await next).at - sentAt);
      } catch (err) {
        if (!err.timeout) throw err;
        editMs.push(o.timeouts.diagnostics);
        r.notes.push(`edit→diagnostics timeout ${o.timeouts.diagnostics} ms`);
        break;
      }
    }
    r.edit = summarize(editMs);

    // hover sent right after an edit, while diagnostics are due: is hover blocked behind them?
    if (o.hoverAfterEdit > 0 && input.probeAfterEdit) {
      const ms = [];
      const deadline = performance.now() + o.budgets.hoverAfterEdit;
      for (let i = 0; i < o.hoverAfterEdit && performance.now() < deadline; i++) {
        const e = edits[i % edits.length];
        const next = client.next('textDocument/publishDiagnostics', diagFor(input.uri, version + 1), o.timeouts.diagnostics);
        edit(e);
        try {
          ms.push((await client.request('textDocument/hover', { textDocument: { uri: input.uri }, position: input.probeAfterEdit }, o.timeouts.request)).ms);
          await next;
        } catch (err) {
          if (!err.timeout) throw err;
          break;
        }
      }
      r.hoverAfterEdit = summarize(ms);
    }
    r.peakRssMb = client.peakRssMb();
  } catch (e) {
    r.error = String(e?.message ?? e);
    if (client?.stderr) r.stderr = client.stderr.slice(-2000);
  } finally {
    if (client) {
      r.peakRssMb ??= client.peakRssMb();
      if (client.schemaRequests) r.schemaRequests = client.schemaRequests.length;
      await client.stop();
    }
  }
  return r;
}

export function hoverText(result) {
  if (!result || !result.contents) return '';
  const c = result.contents;
  if (typeof c === 'string') return c.trim();
  if (Array.isArray(c)) return c.map((x) => (typeof x === 'string' ? x : x.value)).join('').trim();
  return String(c.value ?? '').trim();
}
