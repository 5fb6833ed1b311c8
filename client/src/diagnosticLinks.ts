/**
 * Client middleware: the code link of every Lesson-Aware diagnostic opens the lesson pane at its section.
 * VS Code 1.100 opens diagnostic code targets with `openerService.open(target, { allowCommands: true })` in
 * the editor hover (markerHoverParticipant), the peek view (gotoErrorWidget) and the Problems panel (Link
 * widget), so a `command:` URI runs our allow-listed `lessonAware.openLesson` there.
 */
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import { lessonFromHref, openLessonCommandUri } from './diagnosticLinkTarget';

const ourSource = 'lesson-aware';

export function rewriteLessonLinks(diagnostics: vscode.Diagnostic[]): vscode.Diagnostic[] {
  for (const diagnostic of diagnostics) {
    const code = diagnostic.code;
    if (diagnostic.source !== ourSource || typeof code !== 'object' || !code.target) continue;
    const args = lessonFromHref(code.target.toString());
    if (args) diagnostic.code = { value: code.value, target: vscode.Uri.parse(openLessonCommandUri(args)) };
  }
  return diagnostics;
}

export const diagnosticLinksMiddleware: Pick<Middleware, 'handleDiagnostics'> = {
  handleDiagnostics(uri, diagnostics, next) {
    next(uri, rewriteLessonLinks(diagnostics));
  },
};
