/**
 * The lesson index: every Markdown lesson in the configured folders, kept current by watching them.
 * Files are re-read only when their size or mtime changed; the link corpus is rebuilt lazily after a change.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { walkFiles } from '../fsWalk';
import type { FieldDocs } from '../schema/types';
import { Concept, parseConcepts } from './concepts';
import type { BundledLessons } from './bundledIndex';
import { buildLinkCorpus, LinkCorpus, prepareLinkCorpus } from './linkCorpus';
import { compareLessons, Lesson } from './lessonModel';
import { parseLesson } from './parseLesson';

export interface LessonFolder {
  dir: string;
  bundled: boolean;
}

export interface LessonIndexDeps {
  fieldDocs: FieldDocs;
  /** Where the bundled glossary lives (`lessons/concepts.yaml` of the extension). */
  bundledConceptsFile?: string;
  /** The bundled lessons precomputed at build time (bundledIndex.ts), used when they match the files on disk. */
  bundledLessons?: BundledLessons;
  /** Reports a problem once per distinct message (the server shows it to the user as a warning). */
  warn: (message: string) => void;
  log: (message: string) => void;
}

interface FileEntry {
  mtimeMs: number;
  size: number;
  lesson: Lesson;
}

const MAX_LESSON_BYTES = 8 * 1024 * 1024;
const MAX_FILES = 20_000;
const lessonExt = /\.(md|markdown)$/i;

export class LessonIndex {
  private folders: LessonFolder[] = [];
  private files = new Map<string, FileEntry>();
  private concepts: Concept[] = [];
  private corpusCache: LinkCorpus | undefined;
  /** Bumped on every change: a corpus preparation of an older generation stops. */
  private corpusGeneration = 0;
  private sorted: Lesson[] | undefined;
  private watchers: fs.FSWatcher[] = [];
  private rescanTimer: NodeJS.Timeout | undefined;
  private readonly warned = new Set<string>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: LessonIndexDeps) {}

  /** Sets the folders (absolute paths) and re-indexes; only changed files are re-read. */
  configure(folders: LessonFolder[]): void {
    const key = (fs: LessonFolder[]) => fs.map((f) => `${f.bundled}:${f.dir}`).join('\n');
    const changed = key(folders) !== key(this.folders);
    this.folders = folders;
    if (changed) this.rewatch();
    this.rescan();
  }

  /** Called after the index changed (lessons added, edited or removed). */
  onDidChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  lessons(): Lesson[] {
    this.sorted ??= [...this.files.values()].map((e) => e.lesson).sort(compareLessons);
    return this.sorted;
  }

  /** The configured lesson folders (labs are found below each one's `labs/`). */
  configuredFolders(): readonly LessonFolder[] {
    return this.folders;
  }

  lessonByUri(uri: string): Lesson | undefined {
    return this.lessons().find((l) => l.uri === uri);
  }

  /** Whether the corpus of the current lessons is built (background preparation finished, or corpus() ran). */
  corpusReady(): boolean {
    return this.corpusCache !== undefined;
  }

  corpus(): LinkCorpus {
    this.corpusCache ??= buildLinkCorpus(this.lessons(), this.concepts, this.deps.fieldDocs);
    return this.corpusCache;
  }

  /** Re-reads the folders now (also used by the watcher after a debounce). */
  rescan(): void {
    const seen = new Set<string>();
    let changed = false;
    const conceptFiles: string[] = [];
    if (this.deps.bundledConceptsFile) conceptFiles.push(this.deps.bundledConceptsFile);
    for (const folder of this.folders) {
      let stat: fs.Stats;
      try {
        stat = fs.statSync(folder.dir);
      } catch {
        this.warnOnce(`Lesson folder not found: ${folder.dir}`);
        continue;
      }
      if (!stat.isDirectory()) {
        this.warnOnce(`Lesson folder is not a folder: ${folder.dir}`);
        continue;
      }
      const files = this.listMarkdown(folder.dir);
      // First scan of the bundled lessons: take them precomputed when they are what the build saw.
      const precomputed = folder.bundled && files.some((f) => !this.files.has(f)) ? this.deps.bundledLessons?.lessonsFor(folder.dir, files, this.deps.bundledConceptsFile) : undefined;
      for (const file of files) {
        seen.add(file);
        changed = this.refreshFile(file, folder.bundled, precomputed?.get(file)) || changed;
      }
      const glossary = path.join(folder.dir, 'concepts.yaml');
      if (!folder.bundled && fs.existsSync(glossary)) conceptFiles.push(glossary);
    }
    for (const file of [...this.files.keys()]) {
      if (!seen.has(file)) {
        this.files.delete(file);
        changed = true;
      }
    }
    const conceptsChanged = this.loadConcepts(conceptFiles);
    if (changed || conceptsChanged) {
      this.sorted = undefined;
      this.corpusCache = undefined;
      this.prepareCorpus();
      for (const l of this.listeners) l();
    }
  }

  /**
   * Computes what the next corpus needs in the background, in time slices (section facts are kept per section,
   * so only changed lessons cost anything), then builds it: the first hover or diagnostics after a change
   * usually finds it ready. `corpus()` still answers at once, finishing the remaining work itself.
   */
  private prepareCorpus(): void {
    const generation = ++this.corpusGeneration;
    const stale = () => generation !== this.corpusGeneration;
    prepareLinkCorpus(this.lessons(), this.concepts, this.deps.fieldDocs, stale)
      .then((ready) => {
        if (ready && !stale()) this.corpus();
      })
      .catch((error) => this.deps.log(`lesson corpus preparation failed: ${(error as Error).stack ?? error}`));
  }

  dispose(): void {
    this.corpusGeneration++;
    for (const w of this.watchers) w.close();
    this.watchers = [];
    if (this.rescanTimer) clearTimeout(this.rescanTimer);
  }

  private refreshFile(file: string, bundled: boolean, precomputed?: Lesson): boolean {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      return false;
    }
    const known = this.files.get(file);
    if (known && known.mtimeMs === stat.mtimeMs && known.size === stat.size && known.lesson.bundled === bundled) return false;
    if (stat.size > MAX_LESSON_BYTES) {
      this.warnOnce(`Lesson skipped, larger than ${MAX_LESSON_BYTES / 1024 / 1024} MB: ${file}`);
      return false;
    }
    let text = '';
    if (!precomputed) {
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (error) {
        this.warnOnce(`Lesson could not be read: ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
        if (known) this.files.delete(file);
        return !!known;
      }
    }
    const lesson = precomputed ?? parseLesson(text, { uri: pathToFileURL(file).toString(), fsPath: file, bundled });
    for (const problem of lesson.problems) this.warnOnce(`${file}: ${problem}`);
    this.files.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, lesson });
    return true;
  }

  /** The lesson files of a folder, as a scan lists them. */
  lessonFiles(dir: string): string[] {
    return this.listMarkdown(dir);
  }

  private listMarkdown(dir: string): string[] {
    return walkFiles(dir, {
      accept: (name) => lessonExt.test(name),
      // `<folder>/labs/` holds lab material (lab.md, starter and solution files), never lessons.
      skip: (name, parent) => name === 'node_modules' || name.startsWith('.') || (name === 'labs' && parent === dir),
      max: MAX_FILES,
      onUnreadable: (d, error) => this.warnOnce(`Lesson folder could not be read: ${d} (${error.code ?? 'error'})`),
    });
  }

  private conceptStamp = '';

  private loadConcepts(files: string[]): boolean {
    const stamps = files.map((f) => {
      try {
        const st = fs.statSync(f);
        return `${f}:${st.mtimeMs}:${st.size}`;
      } catch {
        return `${f}:missing`;
      }
    });
    const stamp = stamps.join('|');
    if (stamp === this.conceptStamp) return false;
    this.conceptStamp = stamp;
    const concepts: Concept[] = [];
    for (const file of files) {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        this.warnOnce(`Concept glossary could not be read: ${file}`);
        continue;
      }
      const loaded = parseConcepts(text);
      for (const p of loaded.problems) this.warnOnce(`${file}: ${p}`);
      concepts.push(...loaded.concepts);
    }
    this.concepts = concepts;
    return true;
  }

  private rewatch(): void {
    for (const w of this.watchers) w.close();
    this.watchers = [];
    for (const folder of this.folders) {
      if (folder.bundled) continue; // the extension's own lessons do not change while it runs
      try {
        const watcher = fs.watch(folder.dir, { recursive: true, persistent: false }, () => this.scheduleRescan());
        watcher.on('error', () => {
          watcher.close();
          this.scheduleRescan();
        });
        this.watchers.push(watcher);
      } catch {
        // Missing folder: reported by rescan; it is picked up when the settings change again.
      }
    }
  }

  private scheduleRescan(): void {
    if (this.rescanTimer) clearTimeout(this.rescanTimer);
    this.rescanTimer = setTimeout(() => {
      this.rescanTimer = undefined;
      try {
        this.rescan();
      } catch (error) {
        this.deps.log(`lesson rescan failed: ${(error as Error).stack ?? error}`);
      }
    }, 150);
  }

  private warnOnce(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.deps.warn(message);
  }
}
