/** The course seeds (shared/seeds beside the repository) copied into a temporary course folder as `.md`. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from './lspClient';

export const seedsDir = process.env.LESSON_AWARE_SEEDS ?? path.resolve(repoRoot, '..', 'shared', 'seeds');

/** Copies every seed session into a fresh folder as `<name>.md`; throws when the seeds are not there. */
export function seedCourseFolder(): string {
  if (!fs.existsSync(seedsDir)) {
    throw new Error(`course seeds not found at ${seedsDir} (set LESSON_AWARE_SEEDS to the folder holding them)`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lesson-aware-seeds-'));
  for (const file of fs.readdirSync(seedsDir)) {
    if (!/^\d+_[0-9a-f]+\.txt$/.test(file)) continue;
    fs.copyFileSync(path.join(seedsDir, file), path.join(dir, file.replace(/\.txt$/, '.md')));
  }
  return dir;
}

/** 0-based lines that lie inside fenced code blocks (``` or ~~~), opening and closing fences included. */
export function fencedLines(text: string): Set<number> {
  const out = new Set<number>();
  let fence: string | undefined;
  text.split(/\r?\n/).forEach((line, i) => {
    const m = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      out.add(i);
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length && line.trim() === m[1]) fence = undefined;
    } else if (m) {
      fence = m[1];
      out.add(i);
    }
  });
  return out;
}
