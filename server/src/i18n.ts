/** Server-side messages in Korean and English, chosen by `lessonAware.locale` or the client's display language. */
import type { LocaleSetting } from './settings';

export type Lang = 'ko' | 'en';

const messages = {
  openLesson: { en: 'Open lesson', ko: '레슨 열기' },
  moreLessons: { en: 'More lessons', ko: '관련 레슨 더 보기' },
  fieldDocUnknown: { en: 'No schema description for this field.', ko: '이 필드에 대한 스키마 설명이 없습니다.' },
  lessonFolderProblem: { en: 'Lesson-Aware: {0}', ko: 'Lesson-Aware: {0}' },
  type: { en: 'type', ko: '타입' },
  allowed: { en: 'allowed', ko: '허용 값' },
  required: { en: 'required', ko: '필수' },
} as const;

export type MessageKey = keyof typeof messages;

export function resolveLang(setting: LocaleSetting, clientLocale: string | undefined): Lang {
  if (setting === 'ko' || setting === 'en') return setting;
  return clientLocale?.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

export function t(lang: Lang, key: MessageKey, ...args: string[]): string {
  return messages[key][lang].replace(/\{(\d+)\}/g, (_, i: string) => args[Number(i)] ?? '');
}
