/** Commands that open lessons: at a section (in the lesson pane), for the field at the cursor, or through a search. */
import * as vscode from 'vscode';
import { t } from '../l10n';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Commands, LessonLink, LinksAtRequest, OpenLessonArgs } from '../../../server/src/protocol';
import { courseLabel } from '../webviews/lessonRender';
import type { LessonPanel } from '../webviews/lessonPanel';
import type { LessonCatalog } from '../lessons/lessonCatalog';
import { searchSections, SearchEntry } from '../lessons/catalogModel';

type ClientRef = () => LanguageClient | undefined;

export interface LessonCommandDeps {
  getClient: ClientRef;
  panel: LessonPanel;
  catalog: LessonCatalog;
}

export function registerLessonCommands(context: vscode.ExtensionContext, deps: LessonCommandDeps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.openLesson, (args: OpenLessonArgs) => openLesson(deps, args)),
    vscode.commands.registerCommand(Commands.openLessonAtCursor, () => openLessonAtCursor(deps)),
    vscode.commands.registerCommand(Commands.searchLessons, () => searchLessons(deps)),
  );
}

export function runningClient(getClient: ClientRef): LanguageClient | undefined {
  const client = getClient();
  if (!client || !client.isRunning()) {
    void vscode.window.showWarningMessage(t('Lesson-Aware Infra: the language server is not running.'));
    return undefined;
  }
  return client;
}

/** Accepts `{lessonUri, sectionSlug, line?}` or the same wrapped in an array (command-link arguments). */
function normaliseArgs(raw: unknown): OpenLessonArgs | undefined {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value || typeof value !== 'object') return undefined;
  const { lessonUri, sectionSlug, line } = value as Record<string, unknown>;
  if (typeof lessonUri !== 'string' || lessonUri.length === 0) return undefined;
  return {
    lessonUri,
    sectionSlug: typeof sectionSlug === 'string' ? sectionSlug : '',
    ...(typeof line === 'number' && Number.isInteger(line) && line >= 0 ? { line } : {}),
  };
}

/** Opens the lesson pane beside the editor at the section. */
export async function openLesson(deps: LessonCommandDeps, raw: unknown, preserveFocus = false): Promise<void> {
  const args = normaliseArgs(raw);
  if (!args) {
    void vscode.window.showWarningMessage(t('Lesson-Aware Infra: no lesson was given to open.'));
    return;
  }
  try {
    await deps.panel.show(
      { lessonUri: args.lessonUri, ...(args.sectionSlug ? { slug: args.sectionSlug } : {}), ...(args.line !== undefined ? { line: args.line } : {}) },
      { preserveFocus },
    );
  } catch (error) {
    void vscode.window.showErrorMessage(t('Lesson-Aware Infra: the lesson could not be opened: {0}', String(error)));
  }
}

/** The best lesson link for a position in a manifest, or undefined. */
export async function bestLinkAt(client: LanguageClient, document: vscode.TextDocument, position: vscode.Position): Promise<LessonLink | undefined> {
  const links: LessonLink[] = await client.sendRequest(LinksAtRequest, {
    textDocument: { uri: document.uri.toString() },
    position: { line: position.line, character: position.character },
  });
  return links[0];
}

async function openLessonAtCursor(deps: LessonCommandDeps): Promise<void> {
  const client = runningClient(deps.getClient);
  const editor = vscode.window.activeTextEditor;
  if (!client || !editor) return;
  const link = await bestLinkAt(client, editor.document, editor.selection.active);
  if (!link) {
    void vscode.window.showInformationMessage(t('No lesson explains the field at the cursor.'));
    return;
  }
  await openLesson(deps, { lessonUri: link.lessonUri, sectionSlug: link.sectionSlug, line: link.line }, true);
}

interface SearchItem extends vscode.QuickPickItem {
  entry: SearchEntry;
}

/** Quick pick over section titles and lesson text (Hangul included). */
async function searchLessons(deps: LessonCommandDeps): Promise<void> {
  if (!runningClient(deps.getClient)) return;
  const words = { week: (n: number) => t('Week {0}', n), day: (n: number) => t('Day {0}', n), session: (n: number) => t('Session {0}', n) };
  const quickPick = vscode.window.createQuickPick<SearchItem>();
  quickPick.placeholder = t('Search lessons');
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  quickPick.busy = true;
  quickPick.show();
  const entries = await deps.catalog.searchIndex();
  const toItem = (entry: SearchEntry, detail: string, alwaysShow: boolean): SearchItem => {
    const course = courseLabel(entry.course, words);
    return {
      label: entry.sectionTitle,
      description: course ? `${course} · ${entry.lessonTitle}` : entry.lessonTitle,
      detail,
      alwaysShow,
      entry,
    };
  };
  const all = entries.map((e) => toItem(e, '', false));
  const update = () => {
    const query = quickPick.value.trim();
    quickPick.items = query ? searchSections(entries, query).map((h) => toItem(h.entry, h.snippet, true)) : all;
  };
  update();
  quickPick.busy = false;
  const disposables = [
    quickPick.onDidChangeValue(update),
    quickPick.onDidAccept(() => {
      const picked = quickPick.selectedItems[0];
      quickPick.hide();
      if (picked) void openLesson(deps, { lessonUri: picked.entry.lessonUri, sectionSlug: picked.entry.sectionSlug, line: picked.entry.line });
    }),
  ];
  quickPick.onDidHide(() => {
    for (const d of disposables) d.dispose();
    quickPick.dispose();
  });
}
