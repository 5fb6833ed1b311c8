/**
 * The language server's entry point: the connection, the open documents and the `initialize` answer. Before
 * that answer only the LSP libraries load (dist/lsp.js): the capabilities are static. Everything else — rules,
 * the YAML model, field docs, lessons, labs — is the server core (serverCore.ts → dist/server-core.js), loaded
 * when the first message after `initialize` is dispatched (for every client, `initialized`), before that
 * message is handled: no message ever finds its handler missing.
 */
import * as path from 'node:path';
import { createConnection, InitializeParams, InitializeRequest, Message, MessageType, ProposedFeatures, ShowMessageNotification, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { serverCapabilities } from './capabilities';
import { ClientActivity } from './clientActivity';
import { resolveLang, t } from './i18n';
import type { startServerCore } from './serverCore';

/** The core bundle next to this one (esbuild writes it from serverCore.ts). */
const CORE_BUNDLE = 'server-core.js';

let initializeParams: InitializeParams | undefined;
let coreLoaded = false;
/** Every message from the client, marked as it is dispatched: sliced work and background work read it. */
const activity = new ClientActivity();

/** Loads and starts the core once `initialize` was answered; later calls do nothing. */
function ensureCore(): void {
  if (coreLoaded || !initializeParams) return;
  coreLoaded = true;
  try {
    const core = require(path.join(__dirname, CORE_BUNDLE)) as { startServerCore: typeof startServerCore };
    core.startServerCore({ connection, documents, params: initializeParams, distDir: __dirname, activity });
  } catch (error) {
    // Without its core the server answers nothing useful: say so once instead of failing each message.
    connection.console.error(`lesson-aware: the server core failed to load: ${(error as Error).stack ?? error}`);
    const lang = resolveLang('auto', initializeParams.locale);
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message: t(lang, 'serverCoreFailed', (error as Error).message) });
  }
}

const connection = createConnection(ProposedFeatures.all, {
  messageStrategy: {
    handleMessage(message, next) {
      activity.mark();
      if (!(Message.isRequest(message) && message.method === InitializeRequest.method)) ensureCore();
      return next(message);
    },
  },
});
const documents = new TextDocuments(TextDocument);

connection.onInitialize((params) => {
  initializeParams = params;
  return serverCapabilities();
});

documents.listen(connection);
connection.listen();
