/**
 * The first parse of a large file in slices (model/slicedParse.ts, documentStarts.ts, documentCache.ts): the
 * sliced result equals a whole-file parse, and every partial answer given meanwhile (documents parsed so far,
 * or the span between two document starts the lexer found) is the whole model's answer at that offset.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { DocumentModelCache, SLICED_PARSE_MIN_CHARS } from '../../server/src/model/documentCache';
import { DocumentStartScan } from '../../server/src/model/documentStarts';
import { ManifestModel, parseManifest } from '../../server/src/model/manifestModel';
import { pathAt } from '../../server/src/model/pathAt';
import { SlicedParse } from '../../server/src/model/slicedParse';
import { ClientActivity } from '../../server/src/clientActivity';
import { IDLE_TURNS, nextTurn, TimeSlicer } from '../../server/src/model/timeSlices';
import { applyEdit, dumpModel, randomEdit, randomManifest, Rng } from '../helpers/yamlEdits';

/** Several random manifests joined (many chunks), some damaged by random edits (open flows, lone quotes, `---`). */
function bigText(r: Rng, damage: number): string {
  let text = Array.from({ length: r.int(6, 14) }, () => randomManifest(r).replace(/\r\n/g, '\n')).join('---\n');
  for (let i = 0; i < damage; i++) text = applyEdit(text, randomEdit(r, text));
  return text;
}

function answerAt(model: ManifestModel, offset: number): unknown {
  const at = pathAt(model, offset);
  return { compose: model.flavor === 'compose', at: at && { path: at.path, doc: [at.doc.start, at.doc.end, at.doc.kind], key: [at.keyStart, at.keyEnd, at.onKey] } };
}

const uris = ['file:///w/all.yaml', 'file:///w/compose.yaml'];

test('a first parse in slices equals a whole-file parse; partial answers meanwhile equal the whole model there', () => {
  let partialAnswers = 0;
  for (let seed = 1; seed <= 40; seed++) {
    const r = new Rng(seed);
    const text = bigText(r, seed % 3 === 0 ? r.int(1, 6) : 0);
    for (const uri of uris) {
      const full = parseManifest(uri, 1, text);
      const sliced = new SlicedParse(uri, 1, text);
      while (!sliced.done) {
        sliced.step(() => true);
        for (let k = 0; k < 6; k++) {
          const o = r.int(0, text.length);
          const partial = sliced.partialAt(o);
          if (!partial) continue;
          if (partial.partial) partialAnswers++;
          assert.deepEqual(answerAt(partial, o), answerAt(full, o), `seed ${seed} ${uri} offset ${o}`);
        }
      }
      assert.deepEqual(dumpModel(sliced.finish()), dumpModel(full), `seed ${seed} ${uri}`);
    }
  }
  assert.ok(partialAnswers > 200, `only ${partialAnswers} partial answers`);
});

test('spans between the document starts the lexer finds answer like the whole model', () => {
  let spanAnswers = 0;
  for (let seed = 100; seed <= 140; seed++) {
    const r = new Rng(seed);
    const text = bigText(r, seed % 2 === 0 ? r.int(1, 8) : 0);
    for (const uri of uris) {
      const full = parseManifest(uri, 1, text);
      const sliced = new SlicedParse(uri, 1, text);
      if (!sliced.spansPossible) continue;
      while (!sliced.scanDone) sliced.scanStep(() => true);
      for (let k = 0; k < 30; k++) {
        const o = r.int(0, text.length);
        const span = sliced.spanAt(o);
        if (!span) continue;
        spanAnswers++;
        assert.deepEqual(answerAt(span, o), answerAt(full, o), `seed ${seed} ${uri} offset ${o}`);
      }
    }
  }
  assert.ok(spanAnswers > 300, `only ${spanAnswers} span answers`);
});

test('the lexer finds only lines a whole-file parse starts a document at, and finds those of clean files', () => {
  for (let seed = 200; seed <= 240; seed++) {
    const r = new Rng(seed);
    const damaged = seed % 2 === 0;
    const text = bigText(r, damaged ? r.int(1, 10) : 0);
    const docStarts = new Set(parseAllDocuments(text).map((d) => d.range[0]));
    const scan = new DocumentStartScan(text);
    scan.step(() => false);
    assert.ok(scan.done);
    for (const s of scan.starts.slice(1)) assert.ok(docStarts.has(s), `seed ${seed}: ${s} is no document start`);
    if (!damaged && !/["'[{]/.test(text)) assert.equal(scan.starts.length, docStarts.size, `seed ${seed}: every document start found`);
  }
  // A `---` line inside an open flow collection or an unclosed quote starts no document of its own.
  const flow = 'a: [1,\n---\nb: 2\n---\nc: 3\n';
  const scan = new DocumentStartScan(flow);
  scan.step(() => false);
  assert.deepEqual(scan.starts, [0, flow.indexOf('---\nc')]);
  const quote = 'a: "open\n---\nb: 2\n';
  const q = new DocumentStartScan(quote);
  q.step(() => false);
  assert.deepEqual(q.starts, [0]);
});

test('DocumentModelCache: requests are answered during a sliced first parse; get finishes it; close cancels it', async () => {
  const r = new Rng(7);
  let text = '';
  while (text.length < SLICED_PARSE_MIN_CHARS * 2) text += `${bigText(r, 0)}---\n`;
  text = text.replace(/services/g, 'servants');
  const doc = { uri: 'file:///w/big.yaml', version: 1, getText: () => text };
  const full = parseManifest(doc.uri, 1, text);
  const models = new DocumentModelCache();
  const early = await models.whenParsed(doc, 10);
  assert.ok(early?.partial, 'an early offset is answered from the documents parsed so far');
  assert.ok(models.parsing(doc.uri), 'the parse goes on in slices');
  const late = text.length - 5;
  const lateAnswer = await models.whenParsed(doc, late);
  assert.deepEqual(answerAt(lateAnswer!, late), answerAt(full, late));
  const whole = models.get(doc);
  assert.ok(!whole.partial && !models.parsing(doc.uri));
  assert.deepEqual(dumpModel(whole), dumpModel(full));
  assert.equal(await models.complete(doc), whole, 'then cached');

  const other = { uri: 'file:///w/other.yaml', version: 1, getText: () => text };
  const waiting = models.whenParsed(other);
  assert.ok(models.parsing(other.uri));
  models.delete(other.uri);
  assert.equal(await waiting, undefined, 'a closed document resolves its waiters with nothing');
  assert.ok(!models.parsing(other.uri));
});

test('TimeSlicer: a pause goes on while requests keep coming, and ends when they stop', async () => {
  const activity = new ClientActivity();
  const slicer = new TimeSlicer(1000, activity);
  assert.equal(slicer.due(), false);
  assert.equal(await slicer.pause(), IDLE_TURNS, 'no requests: IDLE_TURNS turns');
  assert.equal(await new TimeSlicer(1000).pause(), 1, 'without a request count: one turn');
  let left = 5;
  const request = () => {
    activity.mark();
    if (--left > 0) setImmediate(request);
  };
  setImmediate(request);
  const turns = await slicer.pause();
  assert.ok(turns >= 5, `yielded ${turns} turns while 5 requests came one per turn`);
  await nextTurn();
});
