/** Diagnostics: rule findings as LSP diagnostics with code, lesson link, related information and messages. */
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import { Lang } from '../i18n';
import type { LinkCorpus } from '../lessons/linkCorpus';
import { keepsPositions } from '../model/incrementalParse';
import { ManifestModel, docAt } from '../model/manifestModel';
import { LineIndex, lineIndexFor } from '../model/positions';
import { fillTemplate } from '../messageTemplate';
import type { LessonLink } from '../protocol';
import { RuleFinding } from '../rules/engine';
import { findingsCappedMeta, MAX_DIAGNOSTICS } from '../rules/notAnalysed';
import { lessonForFinding } from '../rules/ruleLessons';
import type { Localized, Severity } from '../rules/types';
import type { FieldDocs } from '../schema/types';
import { breadcrumb } from './hover';

export const diagnosticSource = 'lesson-aware';

export interface DiagnosticContext {
  corpus: LinkCorpus;
  fieldDocs: FieldDocs;
  lang: Lang;
}

export interface LinkedFinding {
  finding: RuleFinding;
  lesson?: LessonLink;
  diagnostic: Diagnostic;
}

const severityMap: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function localize(text: Localized, lang: Lang, args: readonly string[] = []): string {
  return fillTemplate(text[lang], args);
}

const MEMO_MAX = 5000;
const MEMO_KEY_MAX = 512;

/** Lesson links per corpus, keyed by rule and the field it is about: the same rule on the same field links the same. */
const lessonMemo = new WeakMap<LinkCorpus, Map<string, LessonLink | undefined>>();

function memoizedLesson(model: ManifestModel, finding: RuleFinding, ctx: DiagnosticContext): LessonLink | undefined {
  let memo = lessonMemo.get(ctx.corpus);
  if (!memo) lessonMemo.set(ctx.corpus, (memo = new Map()));
  const doc = docAt(model, finding.start);
  const path = finding.lessonPath?.filter((s) => typeof s === 'string').join('.') ?? '';
  const key = `${finding.ruleId}|${model.flavor}|${doc?.apiVersion ?? ''}|${doc?.kind ?? ''}|${path}`;
  if (memo.has(key)) return memo.get(key);
  const lesson = lessonForFinding(ctx.corpus, finding.meta, finding, model, doc, ctx.fieldDocs);
  // Bounded: hostile files make endless distinct (and huge) paths; real ones repeat a few hundred.
  if (key.length <= MEMO_KEY_MAX) {
    if (memo.size >= MEMO_MAX) memo.clear();
    memo.set(key, lesson);
  }
  return lesson;
}

/** The LSP diagnostic of a finding, with the text, language and corpus it was made for. */
interface Made {
  textId: object;
  lang: Lang;
  corpus: LinkCorpus;
  linked: LinkedFinding;
}

/** Diagnostics of findings the rule cache emits again (same object): remade only when their positions move. */
const made = new WeakMap<RuleFinding, Made>();

/** The findings to publish: the first MAX_DIAGNOSTICS by position, then one note of how many were left out. */
export function capFindings(findings: readonly RuleFinding[], max = MAX_DIAGNOSTICS): readonly RuleFinding[] {
  if (findings.length <= max) return findings;
  const note: RuleFinding = { ruleId: findingsCappedMeta.id, start: 0, end: 0, args: [(findings.length - max).toLocaleString('en'), max.toLocaleString('en')], meta: findingsCappedMeta, severity: findingsCappedMeta.severity };
  return [note, ...findings.slice(0, max)];
}

export function toDiagnostics(model: ManifestModel, allFindings: readonly RuleFinding[], ctx: DiagnosticContext): LinkedFinding[] {
  const findings = capFindings(allFindings);
  const edit = model.edit;
  const layoutKept = !!edit && keepsPositions(edit.change, edit.from, model.text);
  /** Whether a diagnostic made for the text `textId` still has the right positions in the model's text. */
  const stillValid = (textId: object, finding: RuleFinding) =>
    textId === model.textId || (edit !== undefined && textId === edit.fromId && (layoutKept || finding.end <= edit.change.start));
  let lines: LineIndex | undefined;
  const relatedIndexes = new Map<string, LineIndex>();
  const indexFor = (text: string): LineIndex => {
    if (text === model.text) return (lines ??= lineIndexFor(model, model.text));
    let idx = relatedIndexes.get(text);
    if (!idx) relatedIndexes.set(text, (idx = new LineIndex(text)));
    return idx;
  };
  return findings.map((finding) => {
    const before = made.get(finding);
    if (before && before.lang === ctx.lang && before.corpus === ctx.corpus && stillValid(before.textId, finding)) {
      before.textId = model.textId;
      return before.linked;
    }
    lines ??= lineIndexFor(model, model.text);
    const lesson = memoizedLesson(model, finding, ctx);
    const message = localize(finding.meta.message, ctx.lang, finding.args);
    const diagnostic: Diagnostic = {
      range: { start: lines.positionAt(finding.start), end: lines.positionAt(finding.end) },
      severity: severityMap[finding.severity],
      source: diagnosticSource,
      code: finding.meta.id,
      message: lesson ? `${message}\n📘 ${breadcrumb(lesson)}` : message,
      ...(lesson ? { codeDescription: { href: `${lesson.lessonUri}#${encodeURIComponent(lesson.sectionSlug)}` } } : {}),
      ...(finding.related?.length
        ? {
            relatedInformation: finding.related.map((r) => {
              const idx = indexFor(r.text);
              return {
                location: { uri: r.uri, range: { start: idx.positionAt(r.start), end: idx.positionAt(r.end) } },
                message: localize(r.message, ctx.lang),
              };
            }),
          }
        : {}),
    };
    const linked = { finding, lesson, diagnostic };
    made.set(finding, { textId: model.textId, lang: ctx.lang, corpus: ctx.corpus, linked });
    return linked;
  });
}
