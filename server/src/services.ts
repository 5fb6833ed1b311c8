/** The composition root: builds every service with explicit dependencies (no module-level singletons). */
import * as path from 'node:path';
import type { ClientActivity } from './clientActivity';
import { BundledLessons } from './lessons/bundledIndex';
import { LessonFolder, LessonIndex } from './lessons/lessonIndex';
import { DocumentModelCache } from './model/documentCache';
import { createFieldDocs } from './schema/fieldDocs';
import type { FieldDocs } from './schema/types';
import { LessonAwareSettings } from './settings';

export interface ServiceOptions {
  /** Folder holding `lessons/` shipped with the extension. */
  extensionRoot: string;
  /** Folder holding the generated field docs (`field-docs/` next to the bundle). */
  fieldDocsDir: string;
  /** The bundled lessons precomputed at build time (`lesson-index.json` next to the bundle), if any. */
  lessonIndexFile?: string;
  warn: (message: string) => void;
  log: (message: string) => void;
  /** Messages from the client, marked by the server's entry (clientActivity.ts). */
  activity?: ClientActivity;
}

export interface Services {
  fieldDocs: FieldDocs;
  lessons: LessonIndex;
  models: DocumentModelCache;
  bundledLessonsDir: string;
}

export function createServices(options: ServiceOptions): Services {
  const fieldDocs = createFieldDocs(options.fieldDocsDir);
  const bundledLessonsDir = path.join(options.extensionRoot, 'lessons');
  const lessons = new LessonIndex({
    fieldDocs,
    bundledConceptsFile: path.join(bundledLessonsDir, 'concepts.yaml'),
    bundledLessons: options.lessonIndexFile ? new BundledLessons(options.lessonIndexFile, fieldDocs, options.fieldDocsDir) : undefined,
    warn: options.warn,
    log: options.log,
  });
  return { fieldDocs, lessons, models: new DocumentModelCache(options.activity), bundledLessonsDir };
}

/** Lesson folders from the settings: bundled first, then each configured folder resolved against the workspace. */
export function lessonFolders(settings: LessonAwareSettings, bundledDir: string, workspaceDir: string | undefined): LessonFolder[] {
  const folders: LessonFolder[] = [];
  if (settings.includeBundledLessons) folders.push({ dir: bundledDir, bundled: true });
  for (const f of settings.lessonFolders) {
    const dir = path.isAbsolute(f) ? f : path.resolve(workspaceDir ?? process.cwd(), f);
    if (!folders.some((x) => x.dir === dir)) folders.push({ dir, bundled: false });
  }
  return folders;
}
