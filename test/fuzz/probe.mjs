// @ts-check
/**
 * Drives one open document: hover and linksAt at some positions, waits for the diagnostics of its latest
 * version, asks for code actions over each diagnostic's range, and checks every answer against the contracts
 * (valid ranges, scores in 0..1, only allow-listed command links, no error answers).
 */
import { TextDocument } from 'vscode-languageserver-textdocument';

/**
 * @typedef {import('./lspClient.mjs').FuzzClient} FuzzClient
 * @typedef {import('./stats.mjs').FuzzStats} FuzzStats
 * @typedef {{ line: number, character: number }} Position
 * @typedef {{ start: Position, end: Position }} Range
 * @typedef {{ range: Range, newText: string }} TextEdit
 */

/** Is `p` a position inside `doc` (line exists, character not past the line's end)? @param {TextDocument} doc @param {Position} p */
export function validPosition(doc, p) {
  if (!p || !Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) return false;
  if (p.line >= doc.lineCount) return false;
  const text = doc.getText({ start: { line: p.line, character: 0 }, end: { line: p.line + 1, character: 0 } });
  const content = text.replace(/(\r\n|\r|\n)$/, '');
  return p.character <= content.length;
}

/** @param {TextDocument} doc @param {Range} r */
export function validRange(doc, r) {
  return !!r && validPosition(doc, r.start) && validPosition(doc, r.end) && doc.offsetAt(r.start) <= doc.offsetAt(r.end);
}

/** @param {Position} p */
const fmt = (p) => `${p.line}:${p.character}`;

/**
 * Runs the requests of one step and checks them. Returns the code actions that carry edits (fix candidates).
 * @param {FuzzClient} client @param {FuzzStats} stats @param {TextDocument} doc @param {Position[]} positions
 * @param {string} label @param {{ diagnosticsTimeoutMs?: number, changedAt?: number, maxActions?: number }} [options]
 * @returns {Promise<{ title: string, edits: TextEdit[] }[]>}
 */
export async function probe(client, stats, doc, positions, label, options = {}) {
  const uri = doc.uri;
  stats.current = label;
  const requests = [];
  for (const position of positions) {
    const at = `${label} @${fmt(position)}`;
    requests.push(
      expectAnswer(stats, at, 'hover', client.request('textDocument/hover', { textDocument: { uri }, position }, at)).then((h) => checkHover(stats, doc, at, h)),
      expectAnswer(stats, at, 'linksAt', client.request('lessonAware/linksAt', { textDocument: { uri }, position }, at)).then((l) => checkLinks(stats, at, l)),
    );
  }
  await Promise.all(requests);
  /** @type {import('./lspClient.mjs').PublishParams | undefined} */
  let published;
  try {
    published = await client.waitForDiagnostics(uri, (p) => p.version === doc.version, options.diagnosticsTimeoutMs ?? 10_000);
  } catch (error) {
    if (client.alive && !client.abandoned) stats.fail('contract', label, `no diagnostics for version ${doc.version}: ${/** @type {Error} */ (error).message}`);
    return [];
  }
  stats.diagnosticsPublished++;
  if (options.changedAt !== undefined) {
    const ms = performance.now() - options.changedAt;
    if (ms > stats.slowestDiagnostics.ms) stats.slowestDiagnostics = { ms, label };
  }
  for (const d of published.diagnostics) {
    if (!validRange(doc, d.range)) stats.fail('contract', label, `diagnostic ${d.code} has range ${JSON.stringify(d.range)} outside the document (${doc.lineCount} lines)`);
    if (d.source !== 'lesson-aware' || typeof d.code !== 'string' || typeof d.message !== 'string' || !d.message) {
      stats.fail('contract', label, `diagnostic without source/code/message: ${JSON.stringify(d).slice(0, 200)}`);
    }
  }
  /** @type {{ title: string, edits: TextEdit[] }[]} */
  const fixes = [];
  const ranges = published.diagnostics.slice(0, options.maxActions ?? 6).map((d) => d.range);
  if (positions[0]) ranges.push({ start: positions[0], end: positions[0] });
  const answers = await Promise.all(
    ranges.map((range) => {
      const at = `${label} codeAction ${fmt(range.start)}-${fmt(range.end)}`;
      const diagnostics = published?.diagnostics.filter((d) => sameRange(d.range, range)) ?? [];
      return expectAnswer(stats, at, 'codeAction', client.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } }, at)).then((a) => ({ at, a }));
    }),
  );
  for (const { at, a } of answers) {
    if (a === undefined) continue;
    if (!Array.isArray(a)) {
      stats.fail('contract', at, `codeAction answered ${JSON.stringify(a).slice(0, 100)}`);
      continue;
    }
    stats.codeActions += a.length;
    for (const action of a) {
      const changes = action.edit?.changes ?? {};
      for (const [target, edits] of Object.entries(changes)) {
        if (target !== uri) stats.fail('contract', at, `action "${action.title}" edits another document ${target}`);
        /** @type {TextEdit[]} */ (edits).forEach((e) => {
          if (!validRange(doc, e.range)) stats.fail('contract', at, `action "${action.title}" edit range ${JSON.stringify(e.range)} outside the document`);
        });
        if (overlapping(doc, /** @type {TextEdit[]} */ (edits))) stats.fail('contract', at, `action "${action.title}" has overlapping edits`);
      }
      if (action.command && action.command.command !== 'lessonAware.openLesson') stats.fail('contract', at, `action command ${action.command.command}`);
      const own = changes[uri];
      if (own?.length && !overlapping(doc, own) && own.every((/** @type {TextEdit} */ e) => validRange(doc, e.range))) fixes.push({ title: action.title, edits: own });
    }
  }
  stats.drainLogged(client);
  return fixes;
}

/**
 * Awaits an answer; an error answer is a failure (the requests the fuzzer sends are all valid).
 * @template T @param {FuzzStats} stats @param {string} label @param {string} what @param {Promise<T>} answer
 * @returns {Promise<T | undefined>}
 */
async function expectAnswer(stats, label, what, answer) {
  try {
    return await answer;
  } catch (error) {
    const e = /** @type {Error & { lspError?: unknown, abandoned?: boolean }} */ (error);
    if (e.abandoned) return undefined;
    stats.fail(e.lspError ? 'error' : /timed out/.test(e.message) ? 'timeout' : 'exit', label, `${what}: ${e.message}`);
    return undefined;
  }
}

/** @param {FuzzStats} stats @param {TextDocument} doc @param {string} at @param {any} h */
function checkHover(stats, doc, at, h) {
  if (h === undefined || h === null) return;
  const value = h.contents?.value;
  if (typeof value !== 'string') return stats.fail('contract', at, `hover without markdown: ${JSON.stringify(h).slice(0, 200)}`);
  if (h.range && !validRange(doc, h.range)) stats.fail('contract', at, `hover range ${JSON.stringify(h.range)} outside the document`);
  for (const m of value.matchAll(/\]\((\w+):/g)) {
    if (m[1] !== 'command') stats.fail('contract', at, `hover links to ${m[1]}:`);
  }
  for (const m of value.matchAll(/\]\(command:([^?)]+)/g)) {
    if (m[1] !== 'lessonAware.openLesson') stats.fail('contract', at, `hover command link ${m[1]}`);
  }
}

/** @param {FuzzStats} stats @param {string} at @param {any} links */
function checkLinks(stats, at, links) {
  if (links === undefined) return;
  if (!Array.isArray(links)) return stats.fail('contract', at, `linksAt answered ${JSON.stringify(links).slice(0, 100)}`);
  let previous = Infinity;
  for (const l of links) {
    const ok =
      typeof l.lessonUri === 'string' && typeof l.lessonTitle === 'string' && typeof l.sectionTitle === 'string' && typeof l.sectionSlug === 'string' &&
      Array.isArray(l.sectionPath) && Number.isInteger(l.line) && l.line >= 0 && typeof l.score === 'number' && l.score >= 0 && l.score <= 1 && Array.isArray(l.reasons);
    if (!ok) stats.fail('contract', at, `LessonLink breaks the contract: ${JSON.stringify(l).slice(0, 300)}`);
    if (l.score > previous + 1e-9) stats.fail('contract', at, `links not best first (${previous} then ${l.score})`);
    previous = l.score;
  }
}

/** @param {Range} a @param {Range} b */
function sameRange(a, b) {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** @param {TextDocument} doc @param {TextEdit[]} edits */
function overlapping(doc, edits) {
  const spans = edits.map((e) => [doc.offsetAt(e.range.start), doc.offsetAt(e.range.end)]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (let i = 1; i < spans.length; i++) if (spans[i][0] < spans[i - 1][1]) return true;
  return false;
}

/**
 * Applies text edits (all against the same version) as one didChange with several incremental changes,
 * last edit first so earlier ranges stay valid. Returns the new shadow document.
 * @param {FuzzClient} client @param {TextDocument} doc @param {TextEdit[]} edits
 */
export function applyEdits(client, doc, edits) {
  const ordered = [...edits].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start));
  const changes = ordered.map((e) => ({ range: e.range, text: e.newText }));
  return change(client, doc, changes);
}

/**
 * Sends one didChange (incremental or full) and returns the updated shadow document.
 * @param {FuzzClient} client @param {TextDocument} doc @param {({ range: Range, text: string } | { text: string })[]} changes
 */
export function change(client, doc, changes) {
  const version = doc.version + 1;
  client.notify('textDocument/didChange', { textDocument: { uri: doc.uri, version }, contentChanges: changes });
  return TextDocument.update(doc, changes, version);
}
