/**
 * The workspace resource index: every Kubernetes resource in the YAML files of the workspace folders, for
 * cross-resource rules. Files are read from disk in chunks (yielding with setImmediate so hover and other
 * requests are never blocked); open documents take precedence over their disk content; a change re-reads
 * only that file. `complete` turns true after the first scan; listeners hear about every change.
 * Every change is logged with the kinds (and kinds in a namespace) of the resources it added, removed, changed
 * or moved, so a cache of cross-resource checks re-runs only those that read such resources (changedSince).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { walkFiles } from '../fsWalk';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { analysisLimit } from '../model/analysisLimit';
import { ManifestModel, parseManifest } from '../model/manifestModel';
import { resourcesOfModel } from '../rules/cross/resources';
import { changeKeys } from '../rules/cross/visibility';
import type { ResourceRef, WorkspaceResources } from '../rules/cross/workspaceResources';

/** What a resource looked like when indexed: its node moves in place when an earlier document of its file grows. */
interface ResourceStamp {
  root: object;
  start: number;
  docIndex: number;
  kind: string;
  name?: string;
  namespace?: string;
}

const stampOf = (r: ResourceRef): ResourceStamp => ({ root: r.root, start: r.root.range?.[0] ?? -1, docIndex: r.docIndex, kind: r.kind, name: r.name, namespace: r.namespace });

/** Dependency keys of the resources that differ between what was indexed and what is now (identity, position, name). */
function changedKeys(before: readonly ResourceStamp[], after: readonly ResourceRef[]): Set<string> {
  const keys = new Set<string>();
  const add = (r: { kind: string; namespace?: string }) => changeKeys(r).forEach((k) => keys.add(k));
  const old = new Map(before.map((s) => [s.root, s]));
  for (const r of after) {
    const s = old.get(r.root);
    old.delete(r.root);
    const now = stampOf(r);
    if (!s || s.start !== now.start || s.docIndex !== now.docIndex || s.kind !== now.kind || s.name !== now.name || s.namespace !== now.namespace) {
      add(r);
      if (s) add(s);
    }
  }
  for (const s of old.values()) add(s);
  return keys;
}

const MAX_CHANGE_LOG = 4096;

export const MAX_YAML_BYTES = 2 * 1024 * 1024;
export const MAX_YAML_FILES = 5_000;
const yamlExt = /\.ya?ml$/i;
const skippedDirs = new Set(['node_modules', '.git']);

export interface WorkspaceIndexOptions {
  maxFiles?: number;
  maxBytes?: number;
  /** Most files per chunk before yielding to the event loop. */
  chunkSize?: number;
  /** Yield earlier when a chunk has taken this long (ms). */
  chunkMillis?: number;
  log?: (message: string) => void;
}

/** Canonical `file:` URI for a path or URI, so disk entries and open documents share one key. */
export function canonicalUri(uriOrPath: string): string {
  if (uriOrPath.startsWith('file:')) {
    try {
      return pathToFileURL(fileURLToPath(uriOrPath)).toString();
    } catch {
      return uriOrPath;
    }
  }
  return /^[a-z][a-z0-9+.-]*:/i.test(uriOrPath) && !/^[a-z]:[\\/]/i.test(uriOrPath) ? uriOrPath : pathToFileURL(path.resolve(uriOrPath)).toString();
}

/** Every YAML file below `dir` (skipping node_modules, .git and symlink loops), up to `max` files. */
export function listYamlFiles(dir: string, max = MAX_YAML_FILES): string[] {
  return walkFiles(dir, { accept: (name) => yamlExt.test(name), skip: (name) => skippedDirs.has(name), max });
}

export class WorkspaceIndex implements WorkspaceResources {
  private readonly disk = new Map<string, ResourceRef[]>();
  private readonly open = new Map<string, ResourceRef[]>();
  private cache: ResourceRef[] | undefined;
  private readonly listeners = new Set<() => void>();
  private scanGeneration = 0;
  private completeFlag = false;
  /** What each file's resources looked like when last indexed (the file's effective entry: open, else disk). */
  private readonly stamps = new Map<string, ResourceStamp[]>();
  private changeLog: { generation: number; uri: string; kinds: Set<string> }[] = [];
  /** Changes at or before this generation are no longer logged. */
  private logFloor = 0;
  private generationCounter = 0;

  constructor(private readonly options: WorkspaceIndexOptions = {}) {}

  /** A complete index over in-memory files (path or URI → text): the CLI and tests. */
  static fromTexts(files: Record<string, string>, options?: WorkspaceIndexOptions): WorkspaceIndex {
    const index = new WorkspaceIndex(options);
    for (const [file, text] of Object.entries(files)) index.setFileText(file, text);
    index.markComplete();
    return index;
  }

  get complete(): boolean {
    return this.completeFlag;
  }

  all(): readonly ResourceRef[] {
    if (!this.cache) {
      const list: ResourceRef[] = [];
      for (const [uri, refs] of this.disk) if (!this.open.has(uri)) list.push(...refs);
      for (const refs of this.open.values()) list.push(...refs);
      this.cache = list;
    }
    return this.cache;
  }

  byKind(kind: string): readonly ResourceRef[] {
    return this.all().filter((r) => r.kind === kind);
  }

  get generation(): number {
    return this.generationCounter;
  }

  changedSince(generation: number, exceptUri: string): ReadonlySet<string> | '*' {
    if (generation < this.logFloor) return '*';
    const except = canonicalUri(exceptUri);
    const kinds = new Set<string>();
    for (let i = this.changeLog.length - 1; i >= 0 && this.changeLog[i].generation > generation; i--) {
      const entry = this.changeLog[i];
      if (entry.uri !== except) for (const k of entry.kinds) kinds.add(k);
    }
    return kinds;
  }

  /** Logs how the effective resources of `uri` changed since they were last indexed. */
  private commit(uri: string): void {
    const now = this.open.get(uri) ?? this.disk.get(uri) ?? [];
    const kinds = changedKeys(this.stamps.get(uri) ?? [], now);
    if (now.length) this.stamps.set(uri, now.map(stampOf));
    else this.stamps.delete(uri);
    if (!kinds.size) return;
    this.changeLog.push({ generation: ++this.generationCounter, uri, kinds });
    if (this.changeLog.length > MAX_CHANGE_LOG) {
      const dropped = this.changeLog.splice(0, MAX_CHANGE_LOG / 2);
      this.logFloor = dropped[dropped.length - 1].generation;
    }
  }

  /** Called after the index changed (a file read, an open document edited, the first scan done). */
  onDidChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Marks the index complete without scanning (the CLI adds its files itself; a server without folders). */
  markComplete(): void {
    if (this.completeFlag) return;
    this.completeFlag = true;
    this.changed();
  }

  /** Scans the folders in chunks; resolves when done. A newer scan supersedes an older one. */
  async scan(folders: readonly string[]): Promise<void> {
    const generation = ++this.scanGeneration;
    const max = this.options.maxFiles ?? MAX_YAML_FILES;
    const files: string[] = [];
    for (const folder of folders) {
      files.push(...listYamlFiles(folder, max - files.length));
      if (files.length >= max) {
        this.options.log?.(`workspace index: stopped at ${max} YAML files`);
        break;
      }
      await yieldToEventLoop();
      if (generation !== this.scanGeneration) return;
    }
    const chunk = this.options.chunkSize ?? 50;
    const budget = this.options.chunkMillis ?? 8;
    const seen = new Set<string>();
    let i = 0;
    while (i < files.length) {
      const started = Date.now();
      for (let n = 0; n < chunk && i < files.length && Date.now() - started < budget; n++, i++) {
        const uri = canonicalUri(files[i]);
        seen.add(uri);
        this.readFromDisk(uri, files[i], false);
      }
      await yieldToEventLoop();
      if (generation !== this.scanGeneration) return;
    }
    for (const uri of [...this.disk.keys()]) {
      if (seen.has(uri)) continue;
      this.disk.delete(uri);
      this.commit(uri);
    }
    this.cache = undefined;
    this.completeFlag = true;
    this.changed();
  }

  /** Adds or replaces a file's content (the CLI, tests). */
  setFileText(uriOrPath: string, text: string): void {
    const uri = canonicalUri(uriOrPath);
    this.disk.set(uri, resourcesOfModel(parseManifest(uri, 0, text)));
    this.commit(uri);
    this.cache = undefined;
    this.changed();
  }

  /** An open document's current model: takes precedence over the disk content of the same file. */
  setOpenDocument(model: ManifestModel): void {
    const uri = canonicalUri(model.uri);
    const refs = resourcesOfModel(model).map((r) => ({ ...r, uri: model.uri }));
    const before = this.open.get(uri) ?? this.disk.get(uri) ?? [];
    this.open.set(uri, refs);
    this.commit(uri);
    this.cache = undefined;
    // Typing in a file without Kubernetes resources (Compose, plain YAML) changes nothing for other files.
    if (before.length || refs.length) this.changed();
  }

  /** The document was closed: the disk content counts again (re-read, it may have changed). */
  closeDocument(uriOrPath: string): void {
    const uri = canonicalUri(uriOrPath);
    if (!this.open.delete(uri)) return;
    this.commit(uri);
    this.fileChanged(uri);
  }

  /** A watched file was created or changed on disk: re-read only that file. */
  fileChanged(uriOrPath: string): void {
    const uri = canonicalUri(uriOrPath);
    if (!uri.startsWith('file:') || !yamlExt.test(uri)) return;
    let file: string;
    try {
      file = fileURLToPath(uri);
    } catch {
      return;
    }
    this.readFromDisk(uri, file, true);
  }

  fileDeleted(uriOrPath: string): void {
    const uri = canonicalUri(uriOrPath);
    if (this.disk.delete(uri)) {
      this.commit(uri);
      this.cache = undefined;
      this.changed();
    }
  }

  private readFromDisk(uri: string, file: string, notify: boolean): void {
    let text: string | undefined;
    try {
      const st = fs.statSync(file);
      if (st.isFile() && st.size <= (this.options.maxBytes ?? MAX_YAML_BYTES)) text = fs.readFileSync(file, 'utf8');
    } catch {
      text = undefined;
    }
    // A file the server would not analyse when opened (model/analysisLimit.ts) is not parsed here either.
    if (text !== undefined && analysisLimit(text)) text = undefined;
    if (text === undefined) {
      if (!this.disk.delete(uri)) return;
    } else {
      try {
        this.disk.set(uri, resourcesOfModel(parseManifest(uri, 0, text)));
      } catch (error) {
        this.options.log?.(`workspace index: ${file}: ${(error as Error).message}`);
        return;
      }
    }
    this.commit(uri);
    this.cache = undefined;
    if (notify) this.changed();
  }

  private changed(): void {
    for (const l of this.listeners) {
      try {
        l();
      } catch (error) {
        this.options.log?.(`workspace index listener failed: ${(error as Error).message}`);
      }
    }
  }
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
