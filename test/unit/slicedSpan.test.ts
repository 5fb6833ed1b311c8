/**
 * parseSpanStateSteps (a large chunk lexed in slices, model/yamlChunks.ts) gives exactly what one
 * parseSpanState call gives: the same documents with the same node types, values and offsets, the same errors
 * and warnings, the same open-flow state — on the repository's YAML fixtures and on randomly damaged
 * manifests, for slice sizes down to one character (every line and token split across pieces).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { isNode, isPair, isScalar, visit } from 'yaml';
import { yamlOptions } from '../../server/src/model/manifestModel';
import { ParsedDoc, parseSpanState, parseSpanStateSteps } from '../../server/src/model/yamlChunks';
import { applyEdit, randomCompose, randomEdit, randomManifest, Rng } from '../helpers/yamlEdits';

const repo = path.join(__dirname, '..', '..', '..');

function yamlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(e.name) ? [p] : [];
  });
}

/** Everything a consumer reads of parsed documents, as plain data. */
function dump(docs: ParsedDoc[]): unknown {
  return docs.map((doc) => {
    const nodes: unknown[] = [];
    visit(doc, (key, node) => {
      if (isPair(node)) nodes.push(['pair', key]);
      else if (isNode(node)) nodes.push([node.constructor.name, node.range, node.tag ?? null, isScalar(node) ? [node.type, String(node.value), node.source ?? null] : null, node.comment ?? null, node.commentBefore ?? null, node.anchor ?? null]);
    });
    return {
      range: doc.range,
      errors: doc.errors.map((e) => [e.code, ...e.pos, e.message]),
      warnings: doc.warnings.map((e) => [e.code, ...e.pos]),
      directives: doc.directives?.toString() ?? null,
      comment: doc.comment ?? null,
      commentBefore: doc.commentBefore ?? null,
      nodes,
    };
  });
}

function steps(text: string, start: number, end: number, slice: number) {
  const gen = parseSpanStateSteps(text, start, end, yamlOptions, slice);
  let pauses = 0;
  for (;;) {
    const next = gen.next();
    if (next.done) return { ...next.value, pauses };
    pauses++;
  }
}

function assertSame(text: string, start: number, end: number, slice: number, where: string): number {
  const whole = parseSpanState(text, start, end, yamlOptions);
  const sliced = steps(text, start, end, slice);
  assert.equal(sliced.flowOpen, whole.flowOpen, `${where}: flow state (slice ${slice})`);
  assert.deepEqual(dump(sliced.docs), dump(whole.docs), `${where}: documents (slice ${slice})`);
  return sliced.pauses;
}

test('fixtures: the same documents for every slice size, from any start offset', () => {
  const files = yamlFiles(path.join(repo, 'test', 'fixtures'));
  assert.ok(files.length > 20, `fixtures found: ${files.length}`);
  let pauses = 0;
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const where = path.relative(repo, file);
    for (const slice of [1, 7, 64, 1000]) pauses += assertSame(text, 0, text.length, slice, where);
    // A chunk in the middle of a file (absolute offsets), and the CRLF form of the file.
    const mid = text.indexOf('\n---');
    if (mid > 0) assertSame(text, mid + 1, text.length, 13, `${where} from ${mid + 1}`);
    const crlf = text.replace(/\r?\n/g, '\r\n');
    assertSame(crlf, 0, crlf.length, 5, `${where} (CRLF)`);
  }
  assert.ok(pauses > files.length, 'the parse paused between slices');
});

test('random manifests and Compose files with random damage: the same documents', () => {
  const r = new Rng(20261123);
  for (let i = 0; i < 400; i++) {
    let text = i % 3 === 0 ? randomCompose(r) : randomManifest(r);
    for (let e = r.int(0, 6); e > 0; e--) text = applyEdit(text, randomEdit(r, text));
    // Open flow collections, quotes and block scalars cut by a slice end.
    if (i % 5 === 0) text += `\nx: [a, {b: "c\n`;
    if (i % 7 === 0) text += '\nblock: |\n  line one\n\n  line two\n';
    // Scalars and flow collections over several lines, cut anywhere.
    if (i % 4 === 1) text += '\nq: "first\n  second \\\n  third"\ns: \'one\n\n  two\'\np: plain\n  continued\n  again\n';
    if (i % 6 === 2) text += '\nf: {a: 1,\n  b: [x,\n   y], c:\n  3}\ng: [\n  {k: v}\n]\n';
    assertSame(text, 0, text.length, r.int(1, 40), `random #${i}`);
  }
});

test('a span no longer than one slice is one parse, without pauses', () => {
  const text = 'a: 1\nb: [2, 3]\n';
  assert.equal(steps(text, 0, text.length, 1024).pauses, 0);
});
