/**
 * Building the link corpus fast: the one-pass term counter counts exactly like `countTerm`; a corpus built
 * from facts computed ahead (in the background, or earlier for unchanged sections) equals one built from
 * scratch; the lesson index prepares the corpus on its own after a change.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { countTerm } from '../../server/src/lessons/concepts';
import { LessonIndex } from '../../server/src/lessons/lessonIndex';
import type { LinkCorpus } from '../../server/src/lessons/linkCorpus';
import { TermCounter } from '../../server/src/lessons/termCounter';
import { repoRoot } from '../helpers/lspClient';
import { fieldDocs } from '../helpers/ruleHarness';
import { Rng } from '../helpers/yamlEdits';

test('TermCounter counts every term exactly as countTerm does', () => {
  const terms = ['ab', 'abab', 'ba', 'b_a', 'pod', 'Pod Security', '네임스페이스', 'PID 네임스페이스', '스페', 'aa', 'a-b', 'a-a', 'x9', '가가'];
  const pieces = ['a', 'b', 'ab', ' ', '_', '-', '9', 'x', 'pod', 'POD ', 'security', '네임', '스페이스', 'pid ', '\n', '.', '가', '가가'];
  const counter = new TermCounter(terms);
  const r = new Rng(99);
  for (let n = 0; n < 3000; n++) {
    const text = Array.from({ length: r.int(0, 30) }, () => r.pick(pieces)).join('').toLowerCase();
    const counts = counter.count(text);
    terms.forEach((term, i) => assert.equal(counts[i], countTerm(text, term), `"${term}" in ${JSON.stringify(text)}`));
  }
});

/** The parts of a corpus the ranking reads, as plain data. */
function corpusData(corpus: LinkCorpus): unknown {
  const list = (m: Map<string, { section: { slug: string }; lesson: { uri: string } }[]>) =>
    [...m].map(([k, v]) => [k, v.map((f) => `${f.lesson.uri}#${f.section.slug}`)]).sort();
  return {
    facts: corpus.facts.map((f) => ({
      at: `${f.lesson.uri}#${f.section.slug}`,
      exampleIds: [...f.exampleIds].map(([k, v]) => [k, v.count, [...v.kinds]]),
      exampleNames: [...f.exampleNames],
      fragments: f.fragments,
      unknown: [...f.unknownKindPaths],
      markers: f.markers.length,
      mentions: [...f.mentions],
      headingMentions: [...f.headingMentions],
      conceptWeight: [...f.conceptWeight],
      conceptTerm: [...f.conceptTerm],
    })),
    byExampleId: list(corpus.byExampleId),
    byMention: list(corpus.byMention),
    byConcept: list(corpus.byConcept),
    sectionsWithExamples: corpus.sectionsWithExamples,
  };
}

function newIndex(): LessonIndex {
  return new LessonIndex({ fieldDocs, bundledConceptsFile: path.join(repoRoot, 'lessons', 'concepts.yaml'), warn: () => undefined, log: () => undefined });
}

/** The concept weighting as first written: one countTerm scan per term and section (the reference). */
function referenceWeights(corpus: LinkCorpus): [string, string, number, string][] {
  const lowered = corpus.facts.map((f) => ({ body: `${f.section.prose}\n${f.section.diagramText}`.toLowerCase(), title: f.section.plainTitle.toLowerCase() }));
  const counts = new Map<string, number[]>();
  for (const c of corpus.concepts) for (const t of c.terms) if (!counts.has(t)) counts.set(t, lowered.map((l) => countTerm(l.body, t) + 3 * countTerm(l.title, t)));
  const idf = new Map([...counts].map(([t, list]) => {
    const df = list.filter((n) => n > 0).length;
    return [t, df === 0 ? 0 : Math.log(1 + Math.max(1, corpus.facts.length) / df)];
  }));
  const out: [string, string, number, string][] = [];
  for (const c of corpus.concepts) {
    corpus.facts.forEach((f, i) => {
      let weight = 0;
      let best = '';
      let bestWeight = 0;
      for (const t of c.terms) {
        const n = counts.get(t)![i];
        if (n === 0) continue;
        const w = (1 + Math.log(n)) * idf.get(t)!;
        weight += w;
        if (w > bestWeight) [bestWeight, best] = [w, t];
      }
      if (weight > 0) out.push([`${f.lesson.uri}#${f.section.slug}`, c.id, weight, best]);
    });
  }
  return out.sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]));
}

test('concept weights over the bundled lessons equal the per-term reference computation', () => {
  const index = newIndex();
  index.configure([{ dir: path.join(repoRoot, 'lessons'), bundled: true }]);
  const corpus = index.corpus();
  const weights = corpus.facts
    .flatMap((f) => [...f.conceptWeight].map(([id, w]): [string, string, number, string] => [`${f.lesson.uri}#${f.section.slug}`, id, w, f.conceptTerm.get(id)!]))
    .sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]));
  assert.ok(weights.length > 100, `the bundled lessons name many concepts (${weights.length})`);
  assert.deepEqual(weights, referenceWeights(corpus));
  index.dispose();
});

test('the lesson index prepares its corpus in the background; it equals a corpus built from scratch', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-'));
  try {
    for (const name of fs.readdirSync(path.join(repoRoot, 'lessons')).filter((f) => f.endsWith('.md'))) {
      fs.copyFileSync(path.join(repoRoot, 'lessons', name), path.join(dir, name));
    }
    const index = newIndex();
    index.configure([{ dir, bundled: false }]);
    assert.equal(index.corpusReady(), false, 'not built synchronously by configure');
    for (let i = 0; i < 400 && !index.corpusReady(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.ok(index.corpusReady(), 'built in the background');
    const fresh = newIndex();
    fresh.configure([{ dir, bundled: false }]);
    const scratch = fresh.corpus();
    assert.deepEqual(corpusData(index.corpus()), corpusData(scratch));

    // One lesson changes: the new corpus reuses the other lessons' facts and still equals a fresh build.
    const first = fs.readdirSync(dir).filter((f) => f.endsWith('.md')).sort()[0];
    fs.appendFileSync(path.join(dir, first), '\n## 새 절: readinessProbe와 hostPID\n\nreadinessProbe 설명과 PID 네임스페이스.\n');
    index.rescan();
    const rebuilt = index.corpus();
    const again = newIndex();
    again.configure([{ dir, bundled: false }]);
    assert.deepEqual(corpusData(rebuilt), corpusData(again.corpus()));
    index.dispose();
    fresh.dispose();
    again.dispose();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
