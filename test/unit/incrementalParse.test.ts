/**
 * Incremental parsing: for many random edits of generated multi-document files, the model built from the
 * previous version (re-parsing only the touched documents) equals a whole-file parse of the new text — same
 * documents, nodes, ranges, errors, paths at sampled offsets and rule findings.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffTexts, mapOffset, updateManifest } from '../../server/src/model/incrementalParse';
import { ManifestModel, parseManifest } from '../../server/src/model/manifestModel';
import { pathAt } from '../../server/src/model/pathAt';
import { documentStartLines } from '../../server/src/model/yamlChunks';
import { runRules } from '../../server/src/rules/engine';
import { allRules } from '../../server/src/rules/registry';
import { fieldDocs } from '../helpers/ruleHarness';
import { applyEdit, dumpModel, randomCompose, randomEdit, randomManifest, Rng } from '../helpers/yamlEdits';

function findingsOf(model: ManifestModel): unknown[] {
  return runRules(model, { rules: allRules, fieldDocs }).map((f) => [f.ruleId, f.start, f.end, f.args, f.fixes?.map((x) => x.edits)]);
}

function assertSame(incremental: ManifestModel, full: ManifestModel, where: string, r: Rng, withRules: boolean): void {
  assert.deepEqual(dumpModel(incremental), dumpModel(full), `model differs ${where}`);
  for (let k = 0; k < 8; k++) {
    const o = r.int(0, full.text.length);
    const a = pathAt(incremental, o);
    const b = pathAt(full, o);
    assert.deepEqual(a && { path: a.path, doc: a.doc.index, key: [a.keyStart, a.keyEnd] }, b && { path: b.path, doc: b.doc.index, key: [b.keyStart, b.keyEnd] }, `pathAt(${o}) differs ${where}`);
  }
  if (withRules) assert.deepEqual(findingsOf(incremental), findingsOf(full), `findings differ ${where}`);
}

test('random edits of multi-document files: the incremental model equals a whole-file parse', () => {
  const seeds = 60;
  let edits = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const r = new Rng(seed);
    let text = randomManifest(r);
    let model = parseManifest('file:///w/all.yaml', 1, text);
    for (let step = 0; step < 25; step++) {
      const edit = randomEdit(r, text);
      const next = applyEdit(text, edit);
      const incremental = updateManifest(model, step + 2, next);
      const full = parseManifest('file:///w/all.yaml', step + 2, next);
      const where = `(seed ${seed}, step ${step}, edit ${JSON.stringify(edit)})\n--- before\n${text}\n--- after\n${next}`;
      assertSame(incremental, full, where, r, step % 8 === 0);
      text = next;
      model = incremental;
      edits++;
    }
  }
  assert.equal(edits, seeds * 25);
});

test('random edits of Compose files (one document): re-parsing one entry equals a whole-file parse', () => {
  for (let seed = 1; seed <= 60; seed++) {
    const r = new Rng(seed * 31);
    let text = randomCompose(r);
    let model = parseManifest('file:///w/compose.yaml', 1, text);
    for (let step = 0; step < 25; step++) {
      const edit = r.chance(0.6) ? valueEdit(r, text) : randomEdit(r, text);
      const next = applyEdit(text, edit);
      const incremental = updateManifest(model, step + 2, next);
      const full = parseManifest('file:///w/compose.yaml', step + 2, next);
      const where = `(seed ${seed}, step ${step}, edit ${JSON.stringify(edit)})\n--- before\n${text}\n--- after\n${next}`;
      assertSame(incremental, full, where, r, step % 3 === 0);
      text = next;
      model = incremental;
    }
  }
});

test('an edit inside one Compose service re-parses that entry only: the other services keep their nodes', () => {
  const r = new Rng(5);
  const text = randomCompose(r);
  const model = parseManifest('file:///w/compose.yaml', 1, text);
  const services = () => (model.docs[0].doc.get('services', true) as { items: { value: unknown }[] }).items.map((p) => p.value);
  const before = services();
  const at = text.indexOf('image: ', text.indexOf('svc-1:')) + 'image: '.length;
  const next = updateManifest(model, 2, `${text.slice(0, at)}x${text.slice(at)}`);
  const after = (next.docs[0].doc.get('services', true) as { items: { value: unknown }[] }).items.map((p) => p.value);
  assert.notEqual(next.docs[0].doc, model.docs[0].doc, 'a new document object (caches keyed by it start over)');
  assert.equal(after.filter((v, i) => v === before[i]).length, before.length - 1, 'only svc-1 was parsed again');
  assert.deepEqual(dumpModel(next), dumpModel(parseManifest('file:///w/compose.yaml', 2, next.text)));
});

/** An edit inside a plain value: a character typed, removed or replaced. */
function valueEdit(r: Rng, text: string) {
  const values = [...text.matchAll(/: ([a-z0-9][^\n#]*)$/gm)];
  if (!values.length) return randomEdit(r, text);
  const m = r.pick(values);
  const at = (m.index ?? 0) + 2 + r.int(0, m[1].length);
  const op = r.int(0, 2);
  return { start: at, end: op === 0 ? at : Math.min(at + 1, text.length), text: op === 1 ? '' : r.pick(['a', 'Z', '9', '-', ' ']) };
}

test('an edit inside one document re-parses only that document; the others are reused', () => {
  const docs = Array.from({ length: 20 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\ndata:\n  k: v${i}\n`);
  const text = docs.join('---\n');
  const model = parseManifest('file:///w/m.yaml', 1, text);
  const before = model.docs.map((d) => d.doc);
  const at = text.indexOf('v7');
  const next = updateManifest(model, 2, `${text.slice(0, at)}value-${text.slice(at)}`);
  const reused = next.docs.filter((d, i) => d.doc === before[i]).length;
  assert.equal(reused, 19, 'every document but the edited one keeps its parsed tree');
  assert.notEqual(next.docs[7].doc, before[7]);
  assert.equal(next.docs[7].doc.get('data', true) !== undefined, true);
  assert.equal(next.docs[8].start, model.docs[8].start + 'value-'.length, 'documents after the edit move by its length');
  assert.equal(pathAt(next, next.text.indexOf('c8'))?.doc.index, 8);
  assert.deepEqual(dumpModel(next), dumpModel(parseManifest('file:///w/m.yaml', 2, next.text)));
});

test('an unterminated quote swallows the following documents exactly as a whole-file parse does', () => {
  const text = 'a: 1\n---\nb: "open\n---\nc: 3\n---\nd: "x"\n';
  const model = parseManifest('file:///w/q.yaml', 1, text);
  const full = parseManifest('file:///w/q.yaml', 1, text);
  assert.deepEqual(dumpModel(model), dumpModel(full));
  const closed = updateManifest(model, 2, text.replace('"open', '"open"'));
  assert.deepEqual(dumpModel(closed), dumpModel(parseManifest('file:///w/q.yaml', 2, closed.text)));
  assert.equal(closed.docs.length, 4);
});

test('directive lines: the file is parsed as one stream', () => {
  const text = '%YAML 1.1\n---\na: yes\n...\n%TAG !e! tag:e.com:\n--- !e!x\nb: 1\n';
  const model = updateManifest(parseManifest('file:///w/d.yaml', 1, 'a: 1\n'), 2, text);
  assert.deepEqual(dumpModel(model), dumpModel(parseManifest('file:///w/d.yaml', 2, text)));
});

test('document start lines: column 0, followed by whitespace or the end', () => {
  const text = '---\na: 1\n--- x\n  ---\n---x\n---\r\n--- ';
  assert.deepEqual(documentStartLines(text), [0, 9, 26, 31]);
  assert.deepEqual(documentStartLines(text, 5), [9, 26, 31]);
  assert.deepEqual(documentStartLines(text, 10, 30), [26]);
});

test('diffTexts and mapOffset: one replaced span; offsets outside it move by the length change', () => {
  assert.equal(diffTexts('abc', 'abc'), undefined);
  const change = diffTexts('hello world', 'hello big world');
  assert.deepEqual(change, { start: 6, oldEnd: 6, newEnd: 10 });
  assert.equal(mapOffset(change, 3), 3);
  assert.equal(mapOffset(change, 8), 12);
  assert.deepEqual(diffTexts('aaaa', 'aa'), { start: 2, oldEnd: 4, newEnd: 2 });
});
