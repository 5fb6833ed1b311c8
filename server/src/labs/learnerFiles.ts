/**
 * The learner's copy of a lab (`<workspace>/labs/<id>/`) as relative path → text: the YAML files on disk, each
 * replaced by the unsaved text of its open editor. A document still open for a file deleted from disk counts
 * as deleted: the step that needed the file unticks.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { walkFiles } from '../fsWalk';
import type { LabFiles } from './labFileSet';

const MAX_FILES = 500;
const MAX_BYTES = 2 * 1024 * 1024;
const yamlExt = /\.ya?ml$/i;

export interface OpenText {
  uri: string;
  getText(): string;
}

/** The folder path of a `file:` URI, or undefined for other schemes and malformed URIs. */
export function folderPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? path.resolve(fileURLToPath(uri)) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `file` (absolute) lies inside `folder` (absolute). */
export function isInside(file: string, folder: string): boolean {
  const rel = path.relative(folder, file);
  return !!rel && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** The folder's YAML files (open documents' text first), or undefined when the folder does not exist. */
export function readLearnerFiles(folder: string, openDocuments: Iterable<OpenText>): LabFiles | undefined {
  try {
    if (!fs.statSync(folder).isDirectory()) return undefined;
  } catch {
    return undefined;
  }
  const files: LabFiles = {};
  const relative = (file: string) => path.relative(folder, file).split(path.sep).join('/');
  const onDisk = walkFiles(folder, { accept: (name) => yamlExt.test(name), skip: (name) => name.startsWith('.') || name === 'node_modules', max: MAX_FILES, maxDepth: 8 });
  const open = new Map<string, string>();
  for (const doc of openDocuments) {
    const file = folderPath(doc.uri);
    if (file && isInside(file, folder)) open.set(file, doc.getText());
  }
  for (const file of onDisk) {
    const openText = open.get(path.resolve(file));
    if (openText !== undefined) {
      files[relative(file)] = openText;
      continue;
    }
    try {
      if (fs.statSync(file).size > MAX_BYTES) continue;
      files[relative(file)] = fs.readFileSync(file, 'utf8');
    } catch {
      // Deleted or unreadable between listing and reading: the file is missing for the checks.
    }
  }
  return files;
}
