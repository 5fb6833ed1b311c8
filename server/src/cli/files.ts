/** Expands the CLI's paths: files as given, folders to their YAML files, globs (`*`, `**`, `?`, `{a,b}`) by walking. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { globToRegExp as parseGlob } from '../glob';
import { listYamlFiles } from '../workspace/workspaceIndex';

const globChars = /[*?{[]/;

export function isGlob(p: string): boolean {
  return globChars.test(p);
}

/** A glob as a RegExp over forward-slash paths; an unbalanced glob matches nothing. */
export function globToRegExp(glob: string): RegExp {
  return parseGlob(glob) ?? /$^/;
}

export interface ExpandResult {
  files: string[];
  /** Paths that matched nothing (reported as input errors). */
  missing: string[];
}

/** Absolute file paths, deduplicated, in a stable order. */
export function expandPaths(inputs: readonly string[], cwd: string = process.cwd()): ExpandResult {
  const files: string[] = [];
  const missing: string[] = [];
  const add = (f: string) => {
    if (!files.includes(f)) files.push(f);
  };
  for (const input of inputs) {
    if (isGlob(input)) {
      const matched = expandGlob(input, cwd);
      if (!matched.length) missing.push(input);
      matched.forEach(add);
      continue;
    }
    const abs = path.resolve(cwd, input);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      missing.push(input);
      continue;
    }
    if (st.isDirectory()) listYamlFiles(abs).forEach(add);
    else add(abs);
  }
  return { files, missing };
}

function expandGlob(glob: string, cwd: string): string[] {
  const normalized = glob.replace(/\\/g, '/');
  const segments = normalized.split('/');
  const firstGlob = segments.findIndex((s) => isGlob(s));
  const baseSegs = segments.slice(0, firstGlob);
  const base = path.resolve(cwd, baseSegs.join('/') || '.');
  const absPattern = path.resolve(cwd, normalized).replace(/\\/g, '/');
  const matcher = globToRegExp(absPattern.startsWith('/') ? absPattern : `/${absPattern}`);
  const anyExt = /\.[a-z]+\)?\}?$/i.test(normalized);
  const candidates = anyExt ? listAllFiles(base) : listYamlFiles(base);
  return candidates.filter((f) => {
    const posix = f.replace(/\\/g, '/');
    return matcher.test(posix.startsWith('/') ? posix : `/${posix}`);
  });
}

/** Every file below `dir` (for globs that name their own extension), skipping node_modules and .git. */
function listAllFiles(dir: string, max = 20_000): string[] {
  const out: string[] = [];
  const walk = (d: string, depth: number) => {
    if (depth > 32 || out.length >= max) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name === 'node_modules' || e.name === '.git') continue;
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full, depth + 1);
      else if (e.isFile()) out.push(full);
    }
  };
  walk(dir, 0);
  return out;
}
