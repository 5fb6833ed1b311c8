/** Text and JSON reports of the CLI (SARIF lives in sarif.ts). */
import type { Lang } from '../i18n';
import { CheckResult, lessonBreadcrumb, lessonHref } from './check';

const severityWord: Record<Lang, Record<string, string>> = {
  en: { error: 'error', warning: 'warning', information: 'information', hint: 'hint' },
  ko: { error: '오류', warning: '경고', information: '정보', hint: '힌트' },
};

export function formatText(result: CheckResult, lang: Lang): string {
  const out: string[] = [];
  for (const f of result.findings) {
    const crumb = lessonBreadcrumb(f.lesson);
    out.push(`${f.file}:${f.line}:${f.column}  ${severityWord[lang][f.severity]}  ${f.ruleId}  ${f.message}${crumb ? `  📘 ${crumb}` : ''}`);
    for (const r of f.related) out.push(`    ↳ ${r.file}:${r.line}:${r.column}  ${r.message}`);
  }
  for (const u of result.unreadable) out.push(`${u.file}  ${lang === 'ko' ? '읽을 수 없음' : 'cannot be read'}: ${u.reason}`);
  const count = (s: string) => result.findings.filter((f) => f.severity === s).length;
  const files = result.checkedFiles.length;
  out.push(
    lang === 'ko'
      ? `파일 ${files}개에서 문제 ${result.findings.length}개 (오류 ${count('error')}, 경고 ${count('warning')}, 정보 ${count('information')}, 힌트 ${count('hint')})`
      : `${plural(result.findings.length, 'problem')} (${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('information')} information, ${plural(count('hint'), 'hint')}) in ${plural(files, 'file')}`,
  );
  return out.join('\n') + '\n';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function formatJson(result: CheckResult): string {
  return (
    JSON.stringify(
      {
        version: 1,
        files: result.checkedFiles,
        unreadable: result.unreadable,
        findings: result.findings.map((f) => ({
          file: f.file,
          line: f.line,
          column: f.column,
          endLine: f.endLine,
          endColumn: f.endColumn,
          severity: f.severity,
          ruleId: f.ruleId,
          message: f.message,
          lesson: f.lesson
            ? { breadcrumb: lessonBreadcrumb(f.lesson), href: lessonHref(f.lesson), lessonUri: f.lesson.lessonUri, sectionSlug: f.lesson.sectionSlug, sectionTitle: f.lesson.sectionTitle, course: f.lesson.course ?? null }
            : null,
          related: f.related,
          fixes: f.fixes,
        })),
      },
      null,
      2,
    ) + '\n'
  );
}
