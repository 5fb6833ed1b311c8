/** Extension entry: starts the language server and registers the commands. */
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { Commands, HoverCommandAllowList } from '../../server/src/protocol';
import { registerLessonCommands } from './commands/lessonCommands';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
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
    initializationOptions: { lessonAware: vscode.workspace.getConfiguration('lessonAware') },
  };
  client = new LanguageClient('lessonAware', 'Lesson-Aware Infra', serverOptions, clientOptions);
  registerLessonCommands(context, () => client);
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.restartServer, async () => {
      if (!client) return;
      await client.restart();
    }),
  );
  try {
    await client.start();
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Lesson-Aware Infra: the language server failed to start: {0}', String(error)));
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
