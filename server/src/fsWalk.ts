/** Lists files below a folder: sorted, bounded in depth and count, following symlinks without looping. */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface WalkOptions {
  /** Files to keep, by name. */
  accept(name: string): boolean;
  /** Folders (and files) to skip, by name (`parent` is the folder holding it). */
  skip(name: string, parent: string): boolean;
  max: number;
  maxDepth?: number;
  /** A folder that exists but cannot be read. */
  onUnreadable?(dir: string, error: NodeJS.ErrnoException): void;
}

export function walkFiles(dir: string, options: WalkOptions): string[] {
  const out: string[] = [];
  const visited = new Set<string>();
  const maxDepth = options.maxDepth ?? 32;
  const walk = (d: string, depth: number) => {
    if (depth > maxDepth || out.length >= options.max) return;
    let real: string;
    try {
      real = fs.realpathSync(d);
    } catch {
      return;
    }
    if (visited.has(real)) return; // symlink loop or a folder seen twice
    visited.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch (error) {
      options.onUnreadable?.(d, error as NodeJS.ErrnoException);
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (out.length >= options.max) return;
      if (options.skip(e.name, d)) continue;
      const full = path.join(d, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          const st = fs.statSync(full);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue; // dangling link
        }
      }
      if (isDir) walk(full, depth + 1);
      else if (isFile && options.accept(e.name)) out.push(full);
    }
  };
  walk(dir, 0);
  return out;
}
