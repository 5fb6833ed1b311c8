/**
 * The bundled lessons precomputed at build time: a lesson index started from the precomputed file has the
 * same lessons and builds the same link corpus as one that parses the lessons; the file is used only while
 * the lessons, the glossary and the field docs are those it was built from.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { BundledLessons, LessonIndexFile } from '../../server/src/lessons/bundledIndex';
import { buildLessonIndexFile } from '../../server/src/lessons/bundledIndexBuild';
import { LessonIndex } from '../../server/src/lessons/lessonIndex';
import type { LinkCorpus } from '../../server/src/lessons/linkCorpus';
import { createFieldDocs } from '../../server/src/schema/fieldDocs';
import { repoRoot } from '../helpers/lspClient';

const fieldDocsDir = path.join(repoRoot, 'dist', 'field-docs');

function corpusData(corpus: LinkCorpus): unknown {
  return JSON.parse(
    JSON.stringify(
      corpus.facts.map((f) => ({
        at: `${f.lesson.uri}#${f.section.slug}`,
        exampleIds: [...f.exampleIds].map(([k, v]) => [k, v.count, [...v.kinds]]),
        exampleNames: [...f.exampleNames],
        fragments: f.fragments,
        unknown: [...f.unknownKindPaths],
        markers: f.markers,
        mentions: [...f.mentions],
        conceptWeight: [...f.conceptWeight],
        conceptTerm: [...f.conceptTerm],
      })),
    ),
  );
}

function indexOf(dir: string, bundledLessons?: BundledLessons) {
  const fieldDocs = createFieldDocs(fieldDocsDir);
  const index = new LessonIndex({ fieldDocs, bundledConceptsFile: path.join(dir, 'concepts.yaml'), bundledLessons, warn: () => undefined, log: () => undefined });
  index.configure([{ dir, bundled: true }]);
  return { index, fieldDocs };
}

function withLessonsCopy(run: (dir: string, indexFile: string) => void): void {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bundled-'));
  try {
    const dir = path.join(tmp, 'lessons');
    fs.cpSync(path.join(repoRoot, 'lessons'), dir, { recursive: true });
    run(dir, path.join(tmp, 'lesson-index.json'));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

test('a lesson index started from the precomputed file equals one that parses the lessons', () => {
  withLessonsCopy((dir, indexFile) => {
    const file = buildLessonIndexFile({ lessonsDir: dir, conceptsFile: path.join(dir, 'concepts.yaml'), fieldDocsDir });
    fs.writeFileSync(indexFile, JSON.stringify(file));
    const live = indexOf(dir).index;
    const fieldDocs = createFieldDocs(fieldDocsDir);
    const bundled = new BundledLessons(indexFile, fieldDocs, fieldDocsDir);
    const fast = new LessonIndex({ fieldDocs, bundledConceptsFile: path.join(dir, 'concepts.yaml'), bundledLessons: bundled, warn: () => undefined, log: () => undefined });
    fast.configure([{ dir, bundled: true }]);
    assert.ok(live.lessons().length >= 5);
    assert.deepEqual(JSON.parse(JSON.stringify(fast.lessons())), JSON.parse(JSON.stringify(live.lessons())));
    assert.deepEqual(corpusData(fast.corpus()), corpusData(live.corpus()));
    live.dispose();
    fast.dispose();
  });
});

test('the precomputed file is what the index uses, and only while its inputs are unchanged', () => {
  withLessonsCopy((dir, indexFile) => {
    const file: LessonIndexFile = buildLessonIndexFile({ lessonsDir: dir, conceptsFile: path.join(dir, 'concepts.yaml'), fieldDocsDir });
    // Mark the precomputed copy so its use shows.
    file.lessons[0].lesson.title = 'PRECOMPUTED';
    fs.writeFileSync(indexFile, JSON.stringify(file));
    const fieldDocs = createFieldDocs(fieldDocsDir);
    const used = new BundledLessons(indexFile, fieldDocs, fieldDocsDir).lessonsFor(dir, indexOf(dir).index.lessonFiles(dir), path.join(dir, 'concepts.yaml'));
    assert.ok([...(used?.values() ?? [])].some((l) => l.title === 'PRECOMPUTED'), 'taken from the file');

    const lessonFile = fs.readdirSync(dir).find((f) => f.endsWith('.md'))!;
    fs.appendFileSync(path.join(dir, lessonFile), '\n## 추가된 절\n');
    const stale = new BundledLessons(indexFile, fieldDocs, fieldDocsDir);
    assert.equal(stale.lessonsFor(dir, indexOf(dir).index.lessonFiles(dir), path.join(dir, 'concepts.yaml')), undefined, 'a changed lesson file invalidates it');
    const { index } = indexOf(dir, stale);
    assert.ok(!index.lessons().some((l) => l.title === 'PRECOMPUTED'), 'the lessons are parsed instead');
    assert.ok(index.lessons().some((l) => l.sections.some((s) => s.title === '추가된 절')));
    index.dispose();

    fs.appendFileSync(path.join(dir, 'concepts.yaml'), '\n');
    const fresh = buildLessonIndexFile({ lessonsDir: dir, conceptsFile: path.join(dir, 'concepts.yaml'), fieldDocsDir });
    fs.appendFileSync(path.join(dir, 'concepts.yaml'), '# changed glossary\n');
    fs.writeFileSync(indexFile, JSON.stringify(fresh));
    assert.equal(new BundledLessons(indexFile, fieldDocs, fieldDocsDir).lessonsFor(dir, indexOf(dir).index.lessonFiles(dir), path.join(dir, 'concepts.yaml')), undefined, 'a changed glossary invalidates it');
  });
});
