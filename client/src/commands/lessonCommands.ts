/** Commands that open lessons: at a section, for the field at the cursor, or through a search. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  Commands,
  LessonLink,
  LinksAtRequest,
  ListLessonsRequest,
  OpenLessonArgs,
  ResolveSectionRequest,
} from '../../../server/src/protocol';

type ClientRef = () => LanguageClient | undefined;

export function registerLessonCommands(context: vscode.ExtensionContext, getClient: ClientRef): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.openLesson, (args: OpenLessonArgs) => openLesson(getClient, args)),
    vscode.commands.registerCommand(Commands.openLessonAtCursor, () => openLessonAtCursor(getClient)),
    vscode.commands.registerCommand(Commands.searchLessons, () => searchLessons(getClient)),
  );
}

function runningClient(getClient: ClientRef): LanguageClient | undefined {
  const client = getClient();
  if (!client || !client.isRunning()) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Lesson-Aware Infra: the language server is not running.'));
    return undefined;
  }
  return client;
}

/** Opens the lesson file beside the editor with the section heading at the top. */
export async function openLesson(getClient: ClientRef, args: OpenLessonArgs | undefined): Promise<void> {
  if (!args || typeof args.lessonUri !== 'string' || typeof args.sectionSlug !== 'string') {
    void vscode.window.showWarningMessage(vscode.l10n.t('Lesson-Aware Infra: no lesson was given to open.'));
    return;
  }
  let line = typeof args.line === 'number' && args.line >= 0 ? args.line : undefined;
  const client = getClient();
  if (line === undefined && client?.isRunning()) {
    const resolved = await client.sendRequest(ResolveSectionRequest, { lessonUri: args.lessonUri, sectionSlug: args.sectionSlug });
    line = resolved?.line;
  }
  const uri = vscode.Uri.parse(args.lessonUri, true);
  const position = new vscode.Position(line ?? 0, 0);
  const editor = await vscode.window.showTextDocument(uri, {
    viewColumn: vscode.ViewColumn.Beside,
    preserveFocus: false,
    selection: new vscode.Range(position, position),
  });
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.AtTop);
}

async function openLessonAtCursor(getClient: ClientRef): Promise<void> {
  const client = runningClient(getClient);
  const editor = vscode.window.activeTextEditor;
  if (!client || !editor) return;
  const links: LessonLink[] = await client.sendRequest(LinksAtRequest, {
    textDocument: { uri: editor.document.uri.toString() },
    position: editor.selection.active,
  });
  if (links.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No lesson explains the field at the cursor.'));
    return;
  }
  await openLesson(getClient, { lessonUri: links[0].lessonUri, sectionSlug: links[0].sectionSlug, line: links[0].line });
}

async function searchLessons(getClient: ClientRef): Promise<void> {
  const client = runningClient(getClient);
  if (!client) return;
  const lessons = await client.sendRequest(ListLessonsRequest);
  const items = lessons.flatMap((lesson) => {
    const course = lesson.course
      ? [lesson.course.week && `Week ${lesson.course.week}`, lesson.course.day && `Day ${lesson.course.day}`, lesson.course.session && `Session ${lesson.course.session}`]
          .filter(Boolean)
          .join(' › ')
      : '';
    return lesson.sections.map((s) => ({
      label: s.title,
      description: course ? `${course} · ${lesson.title}` : lesson.title,
      args: { lessonUri: lesson.lessonUri, sectionSlug: s.slug, line: s.line } satisfies OpenLessonArgs,
    }));
  });
  const picked = await vscode.window.showQuickPick(items, {
    matchOnDescription: true,
    placeHolder: vscode.l10n.t('Search lessons'),
  });
  if (picked) await openLesson(getClient, picked.args);
}
