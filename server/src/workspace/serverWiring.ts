/**
 * Connects the workspace index to the language server: folders from `initialize`, the first scan after
 * `initialized`, a dynamically registered file watcher for YAML files, open documents, and a debounced
 * "index changed" callback (the server re-runs diagnostics of open documents).
 */
import type { Connection, FileEvent, InitializeParams, TextDocuments } from 'vscode-languageserver/node';
import { DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath } from 'node:url';
import type { DocumentModelCache } from '../model/documentCache';
import type { ManifestModel } from '../model/manifestModel';
import { WorkspaceIndex } from './workspaceIndex';

export interface WorkspaceWiring {
  index: WorkspaceIndex;
  /** Call from onInitialize. */
  initialize(params: InitializeParams): void;
  /** Call from onInitialized: starts the scan and registers the watcher. */
  initialized(): void;
  /** Hears every workspace/didChangeWatchedFiles batch after the index took it (LSP allows one handler per message). */
  onDidChangeWatchedFiles(listener: (changes: FileEvent[]) => void): void;
}

export function wireWorkspaceIndex(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  models: DocumentModelCache,
  /** Called (debounced) after the index changed; `selfChanged` are open documents whose own edit caused it. */
  onIndexChanged: (selfChanged: ReadonlySet<string>) => void,
  debounceMs = 150,
): WorkspaceWiring {
  const index = new WorkspaceIndex({ log: (m) => connection.console.log(m) });
  let folders: string[] = [];
  let canWatch = false;
  let timer: NodeJS.Timeout | undefined;
  // What changed the index since the last callback: open documents' own edits, or anything else (the scan, the
  // file watcher, a closed document). When one open document alone caused every change, its diagnostics
  // already ran with the updated index and the callback skips it; any other mix re-runs every open document.
  let sources = new Set<string>();
  let editing: string | undefined;
  index.onDidChange(() => {
    sources.add(editing ?? '\u0000other');
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      const self = sources.size === 1 && !sources.has('\u0000other') ? sources : new Set<string>();
      sources = new Set();
      onIndexChanged(self);
    }, debounceMs);
  });

  const isYaml = (uri: string) => /\.ya?ml$/i.test(uri);
  documents.onDidChangeContent((e) => {
    if (!isYaml(e.document.uri) && e.document.languageId !== 'yaml') return;
    const update = (model: ManifestModel) => {
      editing = model.uri;
      try {
        index.setOpenDocument(model);
      } catch (error) {
        connection.console.error(`workspace index: ${(error as Error).message}`);
      } finally {
        editing = undefined;
      }
    };
    // A large file's first parse runs in slices (requests are answered meanwhile); the index gets it when done.
    const model = models.cheap(e.document);
    if (model) update(model);
    else void models.complete(e.document).then((m) => documents.get(m.uri) === e.document && update(m), (error) => connection.console.error(`workspace index: ${(error as Error).message}`));
  });
  documents.onDidClose((e) => index.closeDocument(e.document.uri));
  const watchedFileListeners: ((changes: FileEvent[]) => void)[] = [];
  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      if (!isYaml(change.uri)) continue;
      if (change.type === FileChangeType.Deleted) index.fileDeleted(change.uri);
      else if (!documents.get(change.uri)) index.fileChanged(change.uri);
    }
    for (const listener of watchedFileListeners) {
      try {
        listener(params.changes);
      } catch (error) {
        connection.console.error(`watched files listener: ${(error as Error).stack ?? error}`);
      }
    }
  });

  return {
    index,
    onDidChangeWatchedFiles: (listener) => void watchedFileListeners.push(listener),
    initialize(params) {
      const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
      folders = uris.flatMap((u) => {
        try {
          return u.startsWith('file:') ? [fileURLToPath(u)] : [];
        } catch {
          return [];
        }
      });
      if (!folders.length && params.rootPath) folders = [params.rootPath];
      canWatch = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    },
    initialized() {
      if (canWatch) {
        void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml}' }] }).catch(() => undefined);
      }
      if (!folders.length) index.markComplete();
      else void index.scan(folders).catch((error) => connection.console.error(`workspace scan failed: ${(error as Error).message}`));
    },
  };
}
