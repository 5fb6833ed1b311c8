/**
 * The one diagnostic of a file over an analysis limit (model/analysisLimit.ts): which limit, by how much, and
 * what is off for the file (its id can be set to "off" like a rule's); and the note that a file's findings
 * were cut at MAX_DIAGNOSTICS. Neither is a rule of the registry: they check nothing.
 */
import type { AnalysisLimit } from '../model/analysisLimit';
import type { Finding, RuleMeta } from './types';

/** What the note says after why: the same for every limit. */
const offHere = {
  en: 'Rules, hover and lesson links are off here; split the file, or check it with the CLI (lesson-aware check).',
  ko: '이 파일에서는 규칙, 호버, 레슨 링크가 꺼집니다. 파일을 나누거나 CLI(lesson-aware check)로 검사하세요.',
};

export const notAnalysedMeta: RuleMeta = {
  id: 'file-not-analysed',
  flavor: 'kubernetes',
  severity: 'information',
  title: { en: 'File not analysed (too large)', ko: '분석하지 않은 파일 (너무 큼)' },
  message: {
    en: `Lesson-Aware did not analyse this file: {0}, over its limit of {1}. ${offHere.en}`,
    ko: `Lesson-Aware가 이 파일을 분석하지 않았습니다: {0}, 한도 {1} 초과. ${offHere.ko}`,
  },
  help: {
    en: 'The language server answers every request within about a second; parsing a YAML file costs about a second per 1.5–2 MB, and much more for tens of thousands of flow items or aliases. Larger files are left alone.',
    ko: '언어 서버는 모든 요청에 1초 안팎으로 답합니다. YAML 파싱은 1.5–2 MB마다 약 1초가 걸리고, 플로 항목이나 별칭이 수만 개면 훨씬 오래 걸립니다. 그보다 큰 파일은 분석하지 않습니다.',
  },
  lessonField: '',
};

/** The same note for a file over the flow-marks limit: the count is said in the message's own language. */
export const notAnalysedFlowMeta: RuleMeta = {
  ...notAnalysedMeta,
  message: {
    en: `Lesson-Aware did not analyse this file: {0} flow-collection separators and alias marks, over its limit of {1}. ${offHere.en}`,
    ko: `Lesson-Aware가 이 파일을 분석하지 않았습니다: 플로 컬렉션 구분자와 별칭 표시 {0}개, 한도 {1}개 초과. ${offHere.ko}`,
  },
};

function size(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The meta whose message fits the limit the file is over. */
export function notAnalysedMetaFor(limit: AnalysisLimit): RuleMeta {
  return limit.reason === 'size' ? notAnalysedMeta : notAnalysedFlowMeta;
}

/** The finding that says why the file was not analysed, at its first character (arguments in any language). */
export function notAnalysedFinding(limit: AnalysisLimit): Finding {
  const args =
    limit.reason === 'size'
      ? [size(limit.measured), size(limit.limit)]
      : [limit.measured.toLocaleString('en'), limit.limit.toLocaleString('en')];
  return { ruleId: notAnalysedMeta.id, start: 0, end: 0, args };
}

/** At most this many diagnostics are published per file (tens of thousands help no one and cost seconds). */
export const MAX_DIAGNOSTICS = 1000;

export const findingsCappedMeta: RuleMeta = {
  id: 'file-findings-capped',
  flavor: 'kubernetes',
  severity: 'information',
  title: { en: 'Too many findings to show', ko: '표시하기에 너무 많은 결과' },
  message: {
    en: '{0} more findings in this file are not shown (at most {1} per file). Fix the ones shown, or list them all with the CLI (lesson-aware check).',
    ko: '이 파일의 결과 {0}개를 더 표시하지 않았습니다 (파일마다 최대 {1}개). 표시된 것부터 고치거나 CLI(lesson-aware check)로 모두 확인하세요.',
  },
  help: {
    en: 'Diagnostics past the first thousand of a file are dropped before publishing: the editor cannot show tens of thousands usefully, and sending them costs seconds.',
    ko: '파일마다 처음 천 개를 넘는 진단은 보내지 않습니다. 편집기가 수만 개를 쓸모 있게 보여 줄 수 없고, 보내는 데 몇 초가 걸립니다.',
  },
  lessonField: '',
};
