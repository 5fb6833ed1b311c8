/**
 * Where a lab's starter files go (pure, unit-tested): `<workspace folder>/labs/<id>/<relative path>`.
 * Paths from lab folders are checked before use: nothing may land outside the lab's own folder.
 */

/** `a/b.yaml` → ['a', 'b.yaml']; undefined for anything that could escape the folder or is not a plain relative path. */
export function safeRelativeSegments(relativePath: unknown): string[] | undefined {
  if (typeof relativePath !== 'string' || relativePath.length === 0 || relativePath.length > 500) return undefined;
  if (/[\\:\0]/.test(relativePath) || relativePath.startsWith('/')) return undefined;
  const segments = relativePath.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..' || /[\u0000-\u001f]/.test(s))) return undefined;
  return segments;
}

/** Segments of the learner's lab folder below the workspace folder. */
export function labFolderSegments(labId: string): string[] {
  return ['labs', labId];
}

export interface StarterPlan {
  /** Usable starter files, as given (deduplicated, in order). */
  files: string[];
  /** Those whose target already exists in the learner's folder. */
  conflicts: string[];
  /** Paths refused (absolute, `..`, backslashes…): never copied. */
  rejected: string[];
}

/** Splits the starter files into new ones and conflicts; `exists` answers for a relative path. */
export function planStarterCopy(starterFiles: readonly string[], exists: (relativePath: string) => boolean): StarterPlan {
  const files: string[] = [];
  const rejected: string[] = [];
  const seen = new Set<string>();
  for (const file of starterFiles) {
    if (!safeRelativeSegments(file)) {
      rejected.push(String(file));
      continue;
    }
    if (seen.has(file)) continue;
    seen.add(file);
    files.push(file);
  }
  return { files, conflicts: files.filter((f) => exists(f)), rejected };
}

/** The learner's answer when starter files would overwrite theirs. */
export type ConflictChoice = 'overwrite' | 'keep' | 'cancel';

export function isConflictChoice(value: unknown): value is ConflictChoice {
  return value === 'overwrite' || value === 'keep' || value === 'cancel';
}

/** Files to write for a choice; undefined means do nothing (cancelled). Without conflicts every file is written. */
export function filesToWrite(plan: StarterPlan, choice: ConflictChoice | undefined): { write: string[]; kept: string[] } | undefined {
  if (plan.conflicts.length === 0) return { write: [...plan.files], kept: [] };
  switch (choice) {
    case 'overwrite':
      return { write: [...plan.files], kept: [] };
    case 'keep':
      return { write: plan.files.filter((f) => !plan.conflicts.includes(f)), kept: [...plan.conflicts] };
    default:
      return undefined;
  }
}
