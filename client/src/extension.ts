/** Extension entry: starts the language server and wires the lesson pane, Mermaid preview, lessons tree, status and commands. */
import * as vscode from 'vscode';
import { initL10n, t } from './l10n';
import { LanguageClient, LanguageClientOptions, ServerOptions, State, TransportKind } from 'vscode-languageclient/node';
import { HoverCommandAllowList } from '../../server/src/protocol';
import { registerLessonCommands } from './commands/lessonCommands';
import { registerMermaidCommands } from './commands/mermaidCommands';
import { registerLabs } from './labs/registerLabs';
import { adjustForServer, initialSettings, watchOtherExtensions } from './config';
import { diagnosticLinksMiddleware } from './diagnosticLinks';
import { registerFollowCursor } from './followCursor';
import { LessonCatalog } from './lessons/lessonCatalog';
import { StatusItem } from './statusItem';
import { LessonsTreeProvider } from './views/lessonsTree';
import { LessonPanel } from './webviews/lessonPanel';
import { MermaidPreviewPanel } from './webviews/mermaidPanel';
import { ClientCommands } from './clientCommands';
import { ServerLifecycle, serverExecArgv } from './serverLifecycle';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  initL10n(context);
  const output = vscode.window.createOutputChannel('Lesson-Aware Infra', { log: true });
  const serverModule = context.asAbsolutePath('dist/server.js');
  // Crash recovery: restart policy, the restart command and the test hook (serverLifecycle.ts).
  const lifecycle = new ServerLifecycle((m) => output.info(m));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: serverExecArgv(context.extensionMode) } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
      { scheme: 'file', language: 'dockercompose' },
      { scheme: 'untitled', language: 'dockercompose' },
    ],
    markdown: { isTrusted: { enabledCommands: HoverCommandAllowList }, supportHtml: false },
    initializationOptions: { lessonAware: initialSettings() },
    errorHandler: lifecycle.errorHandler,
    middleware: {
      // Diagnostic code links open the lesson pane at the section (the server's href names the lesson file).
      ...diagnosticLinksMiddleware,
      workspace: {
        // hover.fieldDocs is adjusted for Red Hat YAML / Docker DX before the server sees it.
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) return result;
          return result.map((value, i) => {
            const item = params.items[i];
            if (item?.section !== 'lessonAware') return value;
            return adjustForServer(value, item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined);
          });
        },
      },
    },
  };
  client = new LanguageClient('lessonAware', 'Lesson-Aware Infra', serverOptions, clientOptions);
  const getClient = () => client;

  const catalog = new LessonCatalog(getClient);
  const panel = new LessonPanel(context.extensionUri, catalog, (m) => output.info(m));
  const preview = new MermaidPreviewPanel(context.extensionUri);
  const status = new StatusItem(catalog);
  const tree = new LessonsTreeProvider(catalog);
  context.subscriptions.push(output, catalog, panel, preview, status, panel.registerSerializer(), registerFollowCursor(panel, getClient));
  context.subscriptions.push(lifecycle.attach(client, () => status.describe()));
  context.subscriptions.push(vscode.window.registerTreeDataProvider(LessonsTreeProvider.viewId, tree));

  registerLessonCommands(context, { getClient, panel, catalog });
  registerMermaidCommands(context, preview);
  registerLabs(context, { client, catalog, log: (m) => output.info(m) });
  const setFollowContext = (on: boolean) => void vscode.commands.executeCommand('setContext', 'lessonAware.followCursor', on);
  context.subscriptions.push(
    panel.onDidChangeFollow(setFollowContext),
    vscode.commands.registerCommand(ClientCommands.refreshLessons, () => tree.refresh()),
    vscode.commands.registerCommand(ClientCommands.toggleFollowCursor, () => panel.setFollow(!panel.following)),
    // Read-only state for the editor-tier tests (not contributed to the palette).
    vscode.commands.registerCommand(ClientCommands.paneState, () => panel.current),
    vscode.commands.registerCommand(ClientCommands.previewState, () => preview.current),
    client.onDidChangeState((e) => {
      status.setState(e.newState);
      if (e.newState === State.Running) void catalog.list(true).then((list) => status.setLessonCount(list.length));
    }),
    // Red Hat YAML / Docker DX installed or removed, or their settings changed: the server re-reads its settings.
    watchOtherExtensions(getClient),
  );
  status.setState(State.Starting);
  try {
    await client.start();
  } catch (error) {
    status.setState(State.Stopped);
    void vscode.window.showErrorMessage(t('Lesson-Aware Infra: the language server failed to start: {0}', String(error)));
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
