/** Server-side messages in Korean and English, chosen by `lessonAware.locale` or the client's display language. */
import type { LocaleSetting } from './settings';
import { fillTemplate } from './messageTemplate';

export type Lang = 'ko' | 'en';

const messages = {
  openLesson: { en: 'Open lesson', ko: '레슨 열기' },
  moreLessons: { en: 'More lessons', ko: '관련 레슨 더 보기' },
  fieldDocUnknown: { en: 'No schema description for this field.', ko: '이 필드에 대한 스키마 설명이 없습니다.' },
  lessonFolderProblem: { en: 'Lesson-Aware: {0}', ko: 'Lesson-Aware: {0}' },
  serverCoreFailed: { en: 'Lesson-Aware: the language server failed to start ({0}).', ko: 'Lesson-Aware: 언어 서버를 시작하지 못했습니다 ({0}).' },
  type: { en: 'type', ko: '타입' },
  allowed: { en: 'allowed', ko: '허용 값' },
  required: { en: 'required', ko: '필수' },
  // Lab check reasons (server/src/labs): they name the file, the resource and the path.
  labFileMissing: { en: '{0} not found', ko: '{0:을/를} 찾을 수 없습니다' },
  labYamlSyntax: { en: '{0}: YAML syntax error (line {1})', ko: '{0}: YAML 구문 오류 ({1}행)' },
  labNoYamlFiles: { en: 'No YAML file in the lab folder yet', ko: '실습 폴더에 아직 YAML 파일이 없습니다' },
  labFolderMissing: { en: 'Lab folder not found: {0}', ko: '실습 폴더를 찾을 수 없습니다: {0}' },
  labTheLabFolder: { en: 'the lab folder', ko: '실습 폴더' },
  labRuleReported: { en: '{0} line {1}, {2}: {3} [{4}]', ko: '{0} {1}행, {2}: {3} [{4}]' },
  labRuleSuppressed: { en: '{0} (a suppression comment hides it, but only fixing it passes the step)', ko: '{0} (억제 주석으로 가려도 단계를 통과하려면 직접 고쳐야 합니다)' },
  labFindingsLeft: { en: '{1} finding(s) of severity {0} or higher left, first: {2}', ko: '심각도 {0} 이상의 문제가 {1}개 남아 있습니다. 첫 번째: {2}' },
  labResourceMissing: { en: '{0} has no {1}', ko: '{0}에 {1} 리소스가 없습니다' },
  labFieldMissing: { en: '{0}, {1}: {2} is not set', ko: '{0}, {1}: {2} 필드가 없습니다' },
  labFieldPresent: { en: '{0}, {1}: {2} should be removed (now {3})', ko: '{0}, {1}: {2} 필드를 지워야 합니다 (현재: {3})' },
  labFieldNotEqual: { en: '{0}, {1}: {2} is {4}, expected {3}', ko: '{0}, {1}: {2} 값이 다릅니다 (기댓값: {3}, 현재: {4})' },
  labFieldNotOneOf: { en: '{0}, {1}: {2} is {4}, expected one of {3}', ko: '{0}, {1}: {2} 값이 다릅니다 (기댓값: {3} 중 하나, 현재: {4})' },
  labFieldNoMatch: { en: '{0}, {1}: {2} is {4}, expected to match /{3}/', ko: '{0}, {1}: {2} 값이 형식에 맞지 않습니다 (형식: /{3}/, 현재: {4})' },
  labFieldNotContains: { en: '{0}, {1}: {2} does not contain {3} (now {4})', ko: '{0}, {1}: {2} 값에 {3} 항목이 없습니다 (현재: {4})' },
  labFieldBelowMin: { en: '{0}, {1}: {2} is {4}, at least {3} expected', ko: '{0}, {1}: {2} 값이 너무 작습니다 (최소: {3}, 현재: {4})' },
  labFieldAboveMax: { en: '{0}, {1}: {2} is {4}, at most {3} expected', ko: '{0}, {1}: {2} 값이 너무 큽니다 (최대: {3}, 현재: {4})' },
  labFieldNotNumber: { en: '{0}, {1}: {2} is {3}, not a number or quantity', ko: '{0}, {1}: {2} 값을 숫자나 수량으로 읽을 수 없습니다 (현재: {3})' },
  labCountMismatch: { en: '{0}: {2} {1} resource(s), expected {3}', ko: '{0}: {1} 리소스가 {2}개입니다 (기댓값: {3})' },
  labAtLeast: { en: 'at least {0}', ko: '{0}개 이상' },
  labAtMost: { en: 'at most {0}', ko: '{0}개 이하' },
  labExactly: { en: 'exactly {0}', ko: '정확히 {0}개' },
  labNoSelector: { en: '{0} has no selector', ko: '{0}에 selector가 없습니다' },
  labSelectorNoMatch: { en: "{0}: selector {1} does not match the pod labels {3} of {2}", ko: '{0}: selector {1}에 맞는 레이블이 {2}의 Pod에 없습니다 (Pod 레이블: {3})' },
  labNamespaceMismatch: { en: '{0} and {1} are in different namespaces ({2} ≠ {3})', ko: '{0} 리소스와 {1} 리소스의 네임스페이스가 다릅니다 ({2} ≠ {3})' },
  labRoleRefMismatch: { en: '{0} refers to {1}, expected {2}', ko: '{0}의 roleRef가 {1} 역할을 가리킵니다 (기댓값: {2})' },
  labSubjectMissing: { en: '{0} has no subject ServiceAccount/{1}', ko: '{0}의 subjects에 ServiceAccount/{1} 항목이 없습니다' },
  labHpaTargetMismatch: { en: '{0} targets {1}, expected {2}', ko: '{0}의 scaleTargetRef가 {1} 리소스를 가리킵니다 (기댓값: {2})' },
  labNoneOf: { en: 'None of these passes yet: {0}', ko: '다음 중 하나를 만족해야 합니다: {0}' },
  labCheckFailed: { en: 'The check could not run: {0}', ko: '검사를 실행하지 못했습니다: {0}' },
  codeLensFindings: { en: '⚠ {0} findings', ko: '⚠ 문제 {0}개' },
  codeLensOneFinding: { en: '⚠ 1 finding', ko: '⚠ 문제 1개' },
  codeLensWorstFinding: { en: 'Most severe: {0}. Opens its lesson: {1}', ko: '가장 심각한 문제: {0}. 레슨 열기: {1}' },
} as const;

export type MessageKey = keyof typeof messages;

export function resolveLang(setting: LocaleSetting, clientLocale: string | undefined): Lang {
  if (setting === 'ko' || setting === 'en') return setting;
  return clientLocale?.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

export function t(lang: Lang, key: MessageKey, ...args: string[]): string {
  return fillTemplate(messages[key][lang], args);
}
