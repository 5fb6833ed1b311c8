/** "Follow cursor": while on, moving the cursor to another field of a manifest brings the lesson pane to that field's best section. */
import * as vscode from 'vscode';
import type { LessonPanel } from './webviews/lessonPanel';
import { bestLinkAt } from './commands/lessonCommands';
import type { ClientRef } from './lessons/lessonCatalog';
import { normaliseUri } from './lessons/lessonCatalog';

const manifestLanguages = new Set(['yaml', 'dockercompose']);

export function registerFollowCursor(panel: LessonPanel, getClient: ClientRef, delayMs = 300): vscode.Disposable {
  let timer: NodeJS.Timeout | undefined;
  let seq = 0;
  const onSelection = (event: vscode.TextEditorSelectionChangeEvent) => {
    if (!panel.following || !manifestLanguages.has(event.textEditor.document.languageId)) return;
    if (timer) clearTimeout(timer);
    const mine = ++seq;
    timer = setTimeout(async () => {
      const client = getClient();
      if (!client?.isRunning()) return;
      try {
        const editor = event.textEditor;
        const link = await bestLinkAt(client, editor.document, editor.selection.active);
        if (!link || mine !== seq) return;
        const state = panel.current;
        if (state.lessonUri === normaliseUri(link.lessonUri) && state.slug === link.sectionSlug) return;
        await panel.show({ lessonUri: link.lessonUri, slug: link.sectionSlug, line: link.line }, { preserveFocus: true });
      } catch {
        /* the next move tries again */
      }
    }, delayMs);
  };
  const subscription = vscode.window.onDidChangeTextEditorSelection(onSelection);
  return new vscode.Disposable(() => {
    if (timer) clearTimeout(timer);
    subscription.dispose();
  });
}
