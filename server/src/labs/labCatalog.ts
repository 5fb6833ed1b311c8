/**
 * The labs of the lesson folders: `<folder>/labs/<id>/lab.md` in every configured folder (bundled first).
 * lab.md files are re-read only when their size or mtime changed, so asking is cheap and always current.
 * Problems are reported once each, as `lab.md:line: message`, the way lesson-folder problems are; a lab with a
 * fatal problem is left out, the others keep working.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { walkFiles } from '../fsWalk';
import type { LessonFolder } from '../lessons/lessonIndex';
import type { Lesson } from '../lessons/lessonModel';
import type { LabSectionRef, LabSummary } from '../protocol';
import { checkFiles, LabDefinition, LabProblem, LabRef } from './labModel';
import { parseLab } from './parseLab';

export interface LessonLookup {
  lessonByUri(uri: string): Lesson | undefined;
}

export interface CatalogDeps {
  folders(): readonly LessonFolder[];
  lessons: LessonLookup;
  /** Reports a problem (called once per distinct message). */
  warn(message: string): void;
}

export interface LabEntry {
  lab: LabDefinition;
  /** Absolute path of the lab's folder (`…/labs/<id>`). */
  dir: string;
  labFile: string;
  /** The lesson folder holding `labs/`: `lesson` and `hint` paths are relative to it. */
  lessonFolder: string;
}

interface Cached {
  stamp: string;
  lab?: LabDefinition;
  problems: LabProblem[];
}

const skipped = (name: string) => name.startsWith('.') || name === 'node_modules';

export class LabCatalog {
  private readonly parsed = new Map<string, Cached>();
  private readonly warned = new Set<string>();

  constructor(private readonly deps: CatalogDeps) {}

  /** Every usable lab, by `order` then id; reports new problems. */
  entries(): LabEntry[] {
    const out: LabEntry[] = [];
    const seen = new Set<string>();
    for (const folder of this.deps.folders()) {
      for (const labFile of listLabFiles(folder.dir)) {
        seen.add(labFile);
        const cached = this.read(labFile);
        if (!cached) continue;
        for (const p of cached.problems) this.warnOnce(`${labFile}:${p.line}: ${p.message}`);
        if (!cached.lab) continue;
        const entry: LabEntry = { lab: cached.lab, dir: path.dirname(labFile), labFile, lessonFolder: folder.dir };
        const twin = out.find((e) => e.lab.id === cached.lab!.id);
        if (twin) {
          this.warnOnce(`${labFile}:1: lab id "${cached.lab.id}" is already used by ${twin.labFile}; this lab is left out`);
          continue;
        }
        for (const p of linkProblems(entry, this.deps.lessons)) this.warnOnce(`${labFile}:${p.line}: ${p.message}`);
        out.push(entry);
      }
    }
    for (const file of [...this.parsed.keys()]) if (!seen.has(file)) this.parsed.delete(file);
    return out.sort((a, b) => a.lab.order - b.lab.order || a.lab.id.localeCompare(b.lab.id));
  }

  /** Every lab.md of the configured folders (parsed or not). */
  labFiles(): string[] {
    return this.deps.folders().flatMap((folder) => listLabFiles(folder.dir));
  }

  /** Parses one lab.md ahead of `entries()` (kept until its size or mtime changes). */
  load(labFile: string): void {
    this.read(labFile);
  }

  find(id: string): LabEntry | undefined {
    return this.entries().find((e) => e.lab.id === id);
  }

  summaries(): LabSummary[] {
    return this.entries().map((e) => labSummary(e, this.deps.lessons));
  }

  private read(labFile: string): Cached | undefined {
    let stamp: string;
    try {
      const st = fs.statSync(labFile);
      stamp = `${st.mtimeMs}:${st.size}`;
    } catch {
      return undefined;
    }
    const known = this.parsed.get(labFile);
    if (known?.stamp === stamp) return known;
    let cached: Cached;
    try {
      const parsed = parseLab(fs.readFileSync(labFile, 'utf8'), path.basename(path.dirname(labFile)));
      cached = { stamp, lab: parsed.lab, problems: parsed.problems };
    } catch (error) {
      cached = { stamp, problems: [{ line: 1, message: `lab.md could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, fatal: true }] };
    }
    this.parsed.set(labFile, cached);
    return cached;
  }

  private warnOnce(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.deps.warn(message);
  }
}

/** `<folder>/labs/*\/lab.md`, sorted. */
export function listLabFiles(lessonFolder: string): string[] {
  return walkFiles(path.join(lessonFolder, 'labs'), { accept: (name) => name === 'lab.md', skip: skipped, max: 1000, maxDepth: 1 });
}

/** Files below a folder as relative paths with `/` (the starter files of a lab). */
export function relativeFiles(dir: string): string[] {
  return walkFiles(dir, { accept: () => true, skip: skipped, max: 500, maxDepth: 8 }).map((f) => path.relative(dir, f).split(path.sep).join('/'));
}

/** A `file.md#slug` reference resolved against the lesson index. */
export function resolveRef(ref: LabRef, lessonFolder: string, lessons: LessonLookup): { ref: LabSectionRef; problem?: string } {
  const lessonUri = pathToFileURL(path.join(lessonFolder, ref.file)).toString();
  const lesson = lessons.lessonByUri(lessonUri);
  const section = lesson?.sections.find((s) => s.slug === ref.slug);
  if (!section) {
    const problem = lesson ? `"${ref.file}#${ref.slug}" does not resolve: ${ref.file} has no section #${ref.slug}` : `"${ref.file}#${ref.slug}" does not resolve: no lesson ${ref.file} in ${lessonFolder}`;
    return { ref: { lessonUri, sectionSlug: ref.slug }, problem };
  }
  return { ref: { lessonUri, sectionSlug: ref.slug, sectionTitle: section.title, line: section.line } };
}

/** Unresolved `lesson`/`hint` references and check files missing from starter/. */
export function linkProblems(entry: LabEntry, lessons: LessonLookup): LabProblem[] {
  const problems: LabProblem[] = [];
  const refs = [entry.lab.lesson, ...entry.lab.steps.map((s) => s.hint)].filter((r): r is LabRef => !!r);
  for (const ref of refs) {
    const { problem } = resolveRef(ref, entry.lessonFolder, lessons);
    if (problem) problems.push({ line: ref.line, message: problem, fatal: false });
  }
  const starter = new Set(relativeFiles(path.join(entry.dir, 'starter')));
  for (const step of entry.lab.steps) {
    for (const file of checkFiles(step.check)) {
      if (!starter.has(file)) problems.push({ line: step.line, message: `step ${step.id}: check file ${file} is not in starter/`, fatal: false });
    }
  }
  return problems;
}

export function labSummary(entry: LabEntry, lessons: LessonLookup): LabSummary {
  const { lab } = entry;
  return {
    id: lab.id,
    title: lab.title,
    labUri: pathToFileURL(entry.dir).toString(),
    ...(lab.lesson ? { lesson: resolveRef(lab.lesson, entry.lessonFolder, lessons).ref } : {}),
    ...(lab.minutes !== undefined ? { minutes: lab.minutes } : {}),
    order: lab.order,
    introduction: lab.introduction,
    ...(lab.closing ? { closing: lab.closing } : {}),
    starterFiles: relativeFiles(path.join(entry.dir, 'starter')),
    steps: lab.steps.map((s) => ({
      id: s.id,
      title: s.title,
      instructions: s.instructions,
      ...(s.hint ? { hint: resolveRef(s.hint, entry.lessonFolder, lessons).ref } : {}),
    })),
  };
}
