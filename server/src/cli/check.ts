/**
 * The CLI's engine run: the same rules, field docs, lesson corpus and lesson links as the language server,
 * over the given files, with a workspace index built from those files for the cross-resource rules.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { breadcrumb } from '../features/hover';
import { localize } from '../features/diagnostics';
import type { Lang } from '../i18n';
import type { LinkCorpus } from '../lessons/linkCorpus';
import { docAt, parseManifest } from '../model/manifestModel';
import { LineIndex } from '../model/positions';
import type { LessonLink } from '../protocol';
import { runRules } from '../rules/engine';
import { lessonForFinding } from '../rules/ruleLessons';
import type { Rule, RuleMeta, Severity } from '../rules/types';
import type { FieldDocs } from '../schema/types';
import type { RuleSeveritySetting } from '../settings';
import { MAX_YAML_BYTES, WorkspaceIndex } from '../workspace/workspaceIndex';

export interface CliLocation {
  /** Path relative to the working folder (forward slashes). */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface CliFinding extends CliLocation {
  ruleId: string;
  severity: Severity;
  message: string;
  meta: RuleMeta;
  lesson?: LessonLink;
  related: (CliLocation & { message: string })[];
  fixes: number;
}

export interface CheckInput {
  files: string[];
  cwd: string;
  rules: readonly Rule[];
  fieldDocs: FieldDocs;
  corpus: LinkCorpus;
  severities: Record<string, RuleSeveritySetting>;
  lang: Lang;
}

export interface CheckResult {
  findings: CliFinding[];
  /** Files that could not be read (path → reason). */
  unreadable: { file: string; reason: string }[];
  checkedFiles: string[];
}

export function relativeFile(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file).split(path.sep).join('/');
}

function location(cwd: string, file: string, lines: LineIndex, start: number, end: number): CliLocation {
  const s = lines.positionAt(start);
  const e = lines.positionAt(Math.max(end, start));
  return { file: relativeFile(cwd, file), line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

export function checkFiles(input: CheckInput): CheckResult {
  const index = new WorkspaceIndex();
  const texts = new Map<string, string>();
  const unreadable: CheckResult['unreadable'] = [];
  for (const file of input.files) {
    try {
      const st = fs.statSync(file);
      if (st.size > MAX_YAML_BYTES * 8) throw new Error(`larger than ${(MAX_YAML_BYTES * 8) / 1024 / 1024} MB`);
      const text = fs.readFileSync(file, 'utf8');
      texts.set(file, text);
      index.setFileText(file, text);
    } catch (error) {
      unreadable.push({ file: relativeFile(input.cwd, file), reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
    }
  }
  index.markComplete();
  const uriToFile = new Map([...texts.keys()].map((f) => [pathToFileURL(f).toString(), f]));
  const findings: CliFinding[] = [];
  // The lesson of a finding depends on the rule, the document kind and the field path: rank once per triple.
  const lessonCache = new Map<string, LessonLink | undefined>();
  for (const [file, text] of texts) {
    const model = parseManifest(pathToFileURL(file).toString(), 0, text);
    const lines = new LineIndex(text);
    const results = runRules(model, {
      rules: input.rules,
      fieldDocs: input.fieldDocs,
      severities: input.severities,
      workspace: index,
      onRuleError: (id, error) => process.stderr.write(`lesson-aware: rule ${id} failed on ${relativeFile(input.cwd, file)}: ${(error as Error).message}\n`),
    });
    for (const f of results) {
      const doc = docAt(model, f.start);
      const key = `${f.ruleId}\u0000${model.flavor}\u0000${doc?.kind ?? ''}\u0000${JSON.stringify(f.lessonPath ?? null)}`;
      if (!lessonCache.has(key)) lessonCache.set(key, lessonForFinding(input.corpus, f.meta, f, model, doc, input.fieldDocs));
      const lesson = lessonCache.get(key);
      findings.push({
        ...location(input.cwd, file, lines, f.start, f.end),
        ruleId: f.ruleId,
        severity: f.severity,
        message: localize(f.meta.message, input.lang, f.args),
        meta: f.meta,
        lesson,
        related: (f.related ?? []).map((r) => {
          const relFile = uriToFile.get(r.uri) ?? r.uri;
          return { ...location(input.cwd, relFile, new LineIndex(r.text), r.start, r.end), message: localize(r.message, input.lang) };
        }),
        fixes: f.fixes?.length ?? 0,
      });
    }
  }
  return { findings, unreadable, checkedFiles: [...texts.keys()].map((f) => relativeFile(input.cwd, f)) };
}

export const severityRank: Record<Severity, number> = { error: 4, warning: 3, information: 2, hint: 1 };

export function lessonBreadcrumb(lesson: LessonLink | undefined): string | undefined {
  return lesson ? breadcrumb(lesson) : undefined;
}

export function lessonHref(lesson: LessonLink | undefined): string | undefined {
  return lesson ? `${lesson.lessonUri}#${encodeURIComponent(lesson.sectionSlug)}` : undefined;
}
