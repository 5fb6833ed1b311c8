/** SARIF 2.1.0 report for GitHub code scanning: rule metadata with help text and the lesson link, results with regions. */
import { pathToFileURL } from 'node:url';
import { localize } from '../features/diagnostics';
import type { Lang } from '../i18n';
import type { LinkCorpus } from '../lessons/linkCorpus';
import { lessonForRule } from '../rules/ruleLessons';
import type { Rule, Severity } from '../rules/types';
import type { RuleSeveritySetting } from '../settings';
import { CheckResult, CliLocation, lessonBreadcrumb, lessonHref } from './check';

type SarifLevel = 'error' | 'warning' | 'note';
const levelOf: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export interface SarifInput {
  result: CheckResult;
  rules: readonly Rule[];
  severities: Record<string, RuleSeveritySetting>;
  corpus: LinkCorpus;
  lang: Lang;
  cwd: string;
  version: string;
}

/** "x-hpa-target-has-replicas" → "XHpaTargetHasReplicas" (SARIF rule names are identifiers). */
function ruleName(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, __: string, c: string) => c.toUpperCase());
}

function physical(loc: CliLocation) {
  return {
    artifactLocation: { uri: encodeURI(loc.file), uriBaseId: '%SRCROOT%' },
    region: { startLine: loc.line, startColumn: loc.column, endLine: loc.endLine, endColumn: loc.endColumn },
  };
}

export function formatSarif(input: SarifInput): string {
  const reported = new Set(input.result.findings.map((f) => f.ruleId));
  const active = input.rules.filter((r) => input.severities[r.meta.id] !== 'off' || reported.has(r.meta.id));
  const ruleIndex = new Map(active.map((r, i) => [r.meta.id, i]));
  const rules = active.map((r) => {
    const lesson = lessonForRule(input.corpus, r.meta);
    const href = lessonHref(lesson);
    const crumb = lessonBreadcrumb(lesson);
    const help = localize(r.meta.help, input.lang);
    const severity = (input.severities[r.meta.id] as Severity | undefined) ?? r.meta.severity;
    return {
      id: r.meta.id,
      name: ruleName(r.meta.id),
      shortDescription: { text: localize(r.meta.title, input.lang) },
      fullDescription: { text: help },
      help: {
        text: crumb ? `${help}\n\nLesson: ${crumb}${href ? ` (${href})` : ''}` : help,
        markdown: crumb ? `${help}\n\n📘 Lesson: [${crumb}](${href})` : help,
      },
      ...(href ? { helpUri: href } : {}),
      defaultConfiguration: { level: levelOf[severity] },
      properties: {
        tags: [r.meta.flavor, r.meta.id.startsWith('x-') ? 'cross-resource' : 'single-document', ...(r.meta.anchors ?? []).slice(0, 1)],
        'problem.severity': levelOf[severity] === 'note' ? 'recommendation' : levelOf[severity],
      },
    };
  });
  const results = input.result.findings.map((f) => ({
    ruleId: f.ruleId,
    ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
    level: levelOf[f.severity],
    message: { text: lessonBreadcrumb(f.lesson) ? `${f.message} (📘 ${lessonBreadcrumb(f.lesson)})` : f.message },
    locations: [{ physicalLocation: physical(f) }],
    ...(f.related.length
      ? { relatedLocations: f.related.map((r, id) => ({ id, physicalLocation: physical(r), message: { text: r.message } })) }
      : {}),
    partialFingerprints: { primaryLocationLineHash: `${f.ruleId}:${f.file}:${f.line}` },
  }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'lesson-aware',
            version: input.version,
            informationUri: 'https://github.com/lesson-aware/lesson-aware',
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(input.cwd.endsWith('/') ? input.cwd : `${input.cwd}/`).toString() } },
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
