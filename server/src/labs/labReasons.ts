/** Localized reasons of lab checks: i18n messages (their Korean particles are chosen when filled, see messageTemplate.ts). */
import { Lang, MessageKey, t } from '../i18n';

export function reason(lang: Lang, key: MessageKey, ...args: string[]): string {
  return t(lang, key, ...args);
}

/** A YAML value for messages: scalars as written, collections as compact JSON, long values shortened. */
export function showValue(value: unknown): string {
  let s: string;
  if (value === undefined) s = '—';
  else if (typeof value === 'string') s = value === '' ? '""' : value;
  else {
    try {
      s = JSON.stringify(value) ?? String(value);
    } catch {
      s = String(value);
    }
  }
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}
