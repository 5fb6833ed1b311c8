/**
 * The bundled lessons parsed and analysed at build time (`dist/lesson-index.json`, written by
 * scripts/gen-lesson-index.mjs through bundledIndexBuild.ts): start-up reads them instead of parsing Markdown
 * and the YAML examples. Used only when every input is exactly what the file was built from: a hash over the
 * lesson files (as the lesson index lists them), the concept glossary and the field docs; otherwise the
 * lessons are parsed as usual. The corpus built from it equals the live-built one (test/unit/bundledIndex).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FieldDocs } from '../schema/types';
import type { Lesson } from './lessonModel';
import { ExampleFacts, seedExampleFacts, seedTermCounts } from './sectionFacts';

export const LESSON_INDEX_VERSION = 1;

export interface SerializedExamples {
  ids: [string, number, string[]][];
  names: string[];
  fragments: string[][];
  unknown: string[];
}

export interface LessonIndexFile {
  version: number;
  stamp: string;
  /** The glossary's distinct terms, in the order of `counts`. */
  terms: string[];
  lessons: {
    /** Path relative to the lesson folder, `/`-separated. */
    file: string;
    lesson: Omit<Lesson, 'uri' | 'fsPath'>;
    /** Per section, in order. */
    examples: SerializedExamples[];
    counts: number[][];
  }[];
}

export interface StampInputs {
  dir: string;
  /** Lesson files (absolute) as the lesson index lists them. */
  files: readonly string[];
  conceptsFile?: string;
  fieldDocsDir: string;
}

/** A hash of everything the precomputed index depends on. */
export function lessonStamp(inputs: StampInputs): string {
  const hash = createHash('sha1');
  hash.update(`v${LESSON_INDEX_VERSION}\n`);
  const add = (label: string, file: string | undefined) => {
    hash.update(`${label}\u0000`);
    try {
      if (file) hash.update(fs.readFileSync(file));
    } catch {
      hash.update('\u0001missing');
    }
    hash.update('\u0000');
  };
  for (const file of [...inputs.files].sort()) add(relativeName(inputs.dir, file), file);
  add('concepts', inputs.conceptsFile);
  add('k8s', path.join(inputs.fieldDocsDir, 'k8s.json'));
  add('compose', path.join(inputs.fieldDocsDir, 'compose.json'));
  return hash.digest('hex');
}

export function relativeName(dir: string, file: string): string {
  return path.relative(dir, file).split(path.sep).join('/');
}

export function serializeExamples(f: ExampleFacts): SerializedExamples {
  return {
    ids: [...f.exampleIds].map(([id, use]) => [id, use.count, [...use.kinds]]),
    names: [...f.exampleNames],
    fragments: f.fragments,
    unknown: [...f.unknownKindPaths],
  };
}

function deserializeExamples(s: SerializedExamples): ExampleFacts {
  return {
    exampleIds: new Map(s.ids.map(([id, count, kinds]) => [id, { count, kinds: new Set(kinds) }])),
    exampleNames: new Set(s.names),
    fragments: s.fragments,
    unknownKindPaths: new Set(s.unknown),
  };
}

/** The precomputed bundled lessons, read on first use. */
export class BundledLessons {
  private data: LessonIndexFile | null | undefined;
  /** The parsed file's objects are handed out once; later calls get copies (sections are cache keys). */
  private handedOut = false;

  constructor(
    private readonly file: string,
    private readonly fieldDocs: FieldDocs,
    private readonly fieldDocsDir: string,
  ) {}

  /**
   * The lessons of `dir` by absolute path, with their section facts and term counts recorded, when `files`
   * and the other inputs are those the index was built from; undefined otherwise.
   */
  lessonsFor(dir: string, files: readonly string[], conceptsFile: string | undefined): Map<string, Lesson> | undefined {
    const data = this.load();
    if (!data || data.stamp !== lessonStamp({ dir, files, conceptsFile, fieldDocsDir: this.fieldDocsDir })) return undefined;
    const out = new Map<string, Lesson>();
    for (const entry of data.lessons) {
      const fsPath = path.join(dir, ...entry.file.split('/'));
      const stored = this.handedOut ? (structuredClone(entry.lesson) as Omit<Lesson, 'uri' | 'fsPath'>) : entry.lesson;
      const lesson: Lesson = { ...stored, uri: pathToFileURL(fsPath).toString(), fsPath };
      lesson.sections.forEach((section, i) => {
        seedExampleFacts(section, this.fieldDocs, deserializeExamples(entry.examples[i]));
        seedTermCounts(section, data.terms, entry.counts[i]);
      });
      out.set(fsPath, lesson);
    }
    this.handedOut = true;
    return out;
  }

  private load(): LessonIndexFile | undefined {
    if (this.data === undefined) {
      try {
        const parsed = JSON.parse(fs.readFileSync(this.file, 'utf8')) as LessonIndexFile;
        this.data = parsed && parsed.version === LESSON_INDEX_VERSION && Array.isArray(parsed.lessons) ? parsed : null;
      } catch {
        this.data = null;
      }
    }
    return this.data ?? undefined;
  }
}
