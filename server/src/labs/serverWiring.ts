/**
 * Connects the labs to the language server: `lessonAware/listLabs`, `lessonAware/labState`,
 * `lessonAware/watchLabs`, and live `lessonAware/labStateChanged` pushes after edits of open documents and
 * watched-file events inside a watched lab folder (debounced; a newer change makes a running pass stop).
 */
import { pathToFileURL } from 'node:url';
import { MessageType, ShowMessageNotification } from 'vscode-languageserver/node';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Lang, t } from '../i18n';
import type { LessonIndex } from '../lessons/lessonIndex';
import { LabState, LabStateChangedNotification, LabStateRequest, LabTarget, ListLabsRequest, WatchLabsNotification } from '../protocol';
import type { FieldDocs } from '../schema/types';
import type { IdleWork } from '../idleWork';
import type { WorkspaceWiring } from '../workspace/serverWiring';
import { evaluateLab } from './evaluateLab';
import { LabCatalog } from './labCatalog';
import { reason } from './labReasons';
import { folderPath, isInside, readLearnerFiles } from './learnerFiles';

export interface LabsWiringDeps {
  lessons: LessonIndex;
  fieldDocs: FieldDocs;
  lang(): Lang;
  /** Settles once the first settings (lesson folders) are applied. */
  ready: Promise<void>;
  workspace: Pick<WorkspaceWiring, 'onDidChangeWatchedFiles'>;
  /** Runs the start-up reading of the labs while the client is quiet (idleWork.ts). */
  idle: Pick<IdleWork, 'add'>;
  debounceMs?: number;
}

export interface LabsWiring {
  /** Re-evaluates every watched lab (settings changed: language, lesson folders). */
  refresh(): void;
}

interface Watched {
  target: LabTarget;
  folder?: string;
  lastSent?: string;
}

export function wireLabs(connection: Connection, documents: TextDocuments<TextDocument>, deps: LabsWiringDeps): LabsWiring {
  const log = (what: string, error: unknown) => connection.console.error(`labs: ${what} failed: ${(error as Error).stack ?? error}`);
  const catalog = new LabCatalog({
    folders: () => deps.lessons.configuredFolders(),
    lessons: deps.lessons,
    warn: (message) => {
      connection.console.warn(message);
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: t(deps.lang(), 'lessonFolderProblem', message) });
    },
  });
  let watched = new Map<string, Watched>();
  const dirty = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let generation = 0;

  function evaluate(target: LabTarget): LabState | null {
    const entry = catalog.find(target.labId);
    if (!entry) return null;
    const folder = folderPath(target.folderUri);
    const files = folder ? readLearnerFiles(folder, documents.all()) : undefined;
    if (!folder || !files) {
      const why = reason(deps.lang(), 'labFolderMissing', folder ?? target.folderUri);
      const steps = entry.lab.steps.map((s) => ({ id: s.id, passed: false, reason: why }));
      return { ...target, steps, passedCount: 0, total: steps.length, complete: false };
    }
    return evaluateLab(entry.lab, target, files, { lang: deps.lang(), fieldDocs: deps.fieldDocs, baseUri: `${pathToFileURL(folder).toString()}/` });
  }

  function schedule(keys: Iterable<string>): void {
    let any = false;
    for (const k of keys) {
      dirty.add(k);
      any = true;
    }
    if (!any) return;
    generation++;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void flush(generation);
    }, deps.debounceMs ?? 50);
  }

  /** Evaluates the dirty labs one by one, yielding in between; stops when a newer change was scheduled. */
  async function flush(gen: number): Promise<void> {
    for (const key of [...dirty]) {
      if (gen !== generation) return; // a newer pass will take the rest
      dirty.delete(key);
      const w = watched.get(key);
      if (!w) continue;
      try {
        const state = evaluate(w.target);
        const json = JSON.stringify(state);
        if (state && json !== w.lastSent) {
          w.lastSent = json;
          void connection.sendNotification(LabStateChangedNotification, state);
        }
      } catch (error) {
        log(`evaluating ${w.target.labId}`, error);
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** Watched labs whose folder holds `uri`. */
  function affected(uri: string): string[] {
    const file = folderPath(uri);
    if (!file) return [];
    return [...watched].filter(([, w]) => w.folder && (isInside(file, w.folder) || file === w.folder)).map(([k]) => k);
  }

  connection.onRequest(ListLabsRequest, async () => {
    await deps.ready;
    try {
      return catalog.summaries();
    } catch (error) {
      log('listLabs', error);
      return [];
    }
  });

  connection.onRequest(LabStateRequest, async (target) => {
    await deps.ready;
    try {
      return evaluate(target);
    } catch (error) {
      log('labState', error);
      return null;
    }
  });

  connection.onNotification(WatchLabsNotification, (params) => {
    try {
      const next = new Map<string, Watched>();
      for (const target of params?.labs ?? []) {
        if (typeof target?.labId !== 'string' || typeof target.folderUri !== 'string') continue;
        const folder = folderPath(target.folderUri);
        const key = `${target.labId}\n${folder ?? target.folderUri}`;
        next.set(key, { target: { labId: target.labId, folderUri: target.folderUri }, folder, lastSent: watched.get(key)?.lastSent });
      }
      watched = next;
      for (const key of [...dirty]) if (!watched.has(key)) dirty.delete(key);
      void deps.ready.then(() => schedule([...watched].filter(([, w]) => w.lastSent === undefined).map(([k]) => k)));
    } catch (error) {
      log('watchLabs', error);
    }
  });

  documents.onDidChangeContent((e) => schedule(affected(e.document.uri)));
  documents.onDidClose((e) => schedule(affected(e.document.uri)));
  deps.workspace.onDidChangeWatchedFiles((changes) => schedule(changes.flatMap((c) => affected(c.uri))));
  deps.lessons.onDidChange(() => schedule(watched.keys()));
  // Lab problems are reported at start-up, not only when the labs view first asks: the labs are read one per
  // quiet moment (parsing one takes 15–90 ms, all of them 100–600 ms), never in the way of diagnostics.
  void deps.ready.then(() => deps.idle.add(readLabsAtStartup()));
  function* readLabsAtStartup(): Generator<void> {
    for (const labFile of catalog.labFiles()) {
      catalog.load(labFile);
      yield;
    }
    try {
      catalog.entries();
    } catch (error) {
      log('reading labs', error);
    }
  }

  return { refresh: () => schedule(watched.keys()) };
}
