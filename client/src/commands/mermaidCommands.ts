/** `lessonAware.showMermaidPreview`: live preview of a `.mmd`/`.mermaid` file or the Mermaid blocks of a Markdown file. */
import * as vscode from 'vscode';
import { t } from '../l10n';
import { Commands } from '../../../server/src/protocol';
import { canPreview, MermaidPreviewPanel } from '../webviews/mermaidPanel';

export function registerMermaidCommands(context: vscode.ExtensionContext, preview: MermaidPreviewPanel): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.showMermaidPreview, async (uri?: vscode.Uri) => {
      const document = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
      if (!document || !canPreview(document)) {
        void vscode.window.showInformationMessage(t('Open a .mmd, .mermaid or Markdown file to preview its Mermaid diagrams.'));
        return;
      }
      await preview.show(document);
    }),
  );
}
