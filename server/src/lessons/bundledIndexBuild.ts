/**
 * Build-time half of bundledIndex.ts: parses the bundled lessons with the live lesson index (the same code the
 * server runs) and writes what start-up needs into `dist/lesson-index.json`. Run by scripts/gen-lesson-index.mjs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createFieldDocs } from '../schema/fieldDocs';
import { LESSON_INDEX_VERSION, LessonIndexFile, lessonStamp, relativeName, serializeExamples } from './bundledIndex';
import { LessonIndex } from './lessonIndex';
import { conceptTerms, exampleFactsOf, sectionTermCounts } from './sectionFacts';

export interface LessonIndexBuild {
  lessonsDir: string;
  conceptsFile: string;
  fieldDocsDir: string;
}

export function buildLessonIndexFile({ lessonsDir, conceptsFile, fieldDocsDir }: LessonIndexBuild): LessonIndexFile {
  const fieldDocs = createFieldDocs(fieldDocsDir);
  const problems: string[] = [];
  const index = new LessonIndex({ fieldDocs, bundledConceptsFile: conceptsFile, warn: (m) => problems.push(m), log: () => undefined });
  try {
    index.configure([{ dir: lessonsDir, bundled: true }]);
    const corpus = index.corpus();
    const lessons = index.lessons();
    return {
      version: LESSON_INDEX_VERSION,
      stamp: lessonStamp({ dir: lessonsDir, files: index.lessonFiles(lessonsDir), conceptsFile, fieldDocsDir }),
      terms: conceptTerms(corpus.concepts),
      lessons: lessons.map((lesson) => {
        const { uri: _uri, fsPath, ...rest } = lesson;
        void _uri;
        return {
          file: relativeName(lessonsDir, fsPath!),
          lesson: rest,
          examples: lesson.sections.map((s) => serializeExamples(exampleFactsOf(s, fieldDocs))),
          counts: lesson.sections.map((section) => sectionTermCounts({ section }, corpus.concepts)),
        };
      }),
    };
  } finally {
    index.dispose();
  }
}

/** Writes the index file; returns its size in bytes. */
export function writeLessonIndexFile(build: LessonIndexBuild, outFile: string): number {
  const json = JSON.stringify(buildLessonIndexFile(build));
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, json);
  return Buffer.byteLength(json);
}
