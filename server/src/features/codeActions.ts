/** Code actions for our diagnostics: quick fixes, "Open lesson: …", and "Disable <rule> for this line". */
import { CodeAction, CodeActionKind, Range, TextEdit } from 'vscode-languageserver';
import { Lang } from '../i18n';
import { ManifestModel } from '../model/manifestModel';
import { lineIndexFor } from '../model/positions';
import { Commands, OpenLessonArgs } from '../protocol';
import type { Fix, OffsetEdit } from '../rules/types';
import { LinkedFinding, localize } from './diagnostics';
import { breadcrumb } from './hover';

const labels = {
  openLesson: { en: 'Open lesson: {0}', ko: '레슨 열기: {0}' },
  disableLine: { en: 'Disable {0} for this line', ko: '이 줄에서 {0} 끄기' },
  disableFile: { en: 'Disable {0} for this file', ko: '이 파일에서 {0} 끄기' },
};

/**
 * `fixesOf` builds a finding's quick fixes against `model` (the server re-runs the finding's rule: findings of
 * cached diagnostics carry no fixes); by default the fixes the finding carries.
 */
export function codeActionsFor(
  model: ManifestModel,
  linked: readonly LinkedFinding[],
  range: Range,
  lang: Lang,
  fixesOf: (finding: LinkedFinding['finding']) => readonly Fix[] = (finding) => finding.fixes ?? [],
): CodeAction[] {
  const lines = lineIndexFor(model, model.text);
  const start = lines.offsetAt(range.start);
  const end = lines.offsetAt(range.end);
  const actions: CodeAction[] = [];
  const uri = model.uri;
  const toEdits = (edits: readonly OffsetEdit[]): TextEdit[] =>
    edits.map((e) => ({ range: { start: lines.positionAt(e.start), end: lines.positionAt(e.end) }, newText: e.newText }));
  for (const { finding, lesson, diagnostic } of linked) {
    if (finding.end < start || finding.start > end) continue;
    for (const fix of fixesOf(finding)) {
      actions.push({
        title: localize(fix.title, lang),
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: !!fix.preferred,
        edit: { changes: { [uri]: toEdits(fix.edits) } },
      });
    }
    if (lesson) {
      const args: OpenLessonArgs = { lessonUri: lesson.lessonUri, sectionSlug: lesson.sectionSlug, line: lesson.line };
      actions.push({
        title: localize(labels.openLesson, lang, [breadcrumb(lesson)]),
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title: localize(labels.openLesson, lang, [breadcrumb(lesson)]), command: Commands.openLesson, arguments: [args] },
      });
    }
    actions.push({
      title: localize(labels.disableLine, lang, [finding.meta.id]),
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: { changes: { [uri]: toEdits([disableNextLineEdit(model.text, finding.start, finding.meta.id)]) } },
    });
    actions.push({
      title: localize(labels.disableFile, lang, [finding.meta.id]),
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: { changes: { [uri]: toEdits([{ start: 0, end: 0, newText: `# lesson-aware-disable ${finding.meta.id}${/\r\n/.test(model.text) ? '\r\n' : '\n'}` }]) } },
    });
  }
  return actions;
}

/** Inserts `# lesson-aware-disable-next-line <rule>` above the finding's line, at that line's indentation. */
export function disableNextLineEdit(text: string, offset: number, ruleId: string): OffsetEdit {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const line = text.slice(lineStart, text.indexOf('\n', lineStart) < 0 ? text.length : text.indexOf('\n', lineStart));
  const indent = /^\s*/.exec(line)![0];
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  return { start: lineStart, end: lineStart, newText: `${indent}# lesson-aware-disable-next-line ${ruleId}${eol}` };
}
