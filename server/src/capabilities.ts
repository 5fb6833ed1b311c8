/** What the server answers to `initialize`: static, so the answer needs none of the server core loaded. */
import { CodeActionKind, InitializeResult, TextDocumentSyncKind } from 'vscode-languageserver/node';

export function serverCapabilities(): InitializeResult {
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      codeLensProvider: { resolveProvider: false },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    },
    serverInfo: { name: 'lesson-aware-ls', version: '0.1.0' },
  };
}
