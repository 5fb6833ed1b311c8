/** Localized reasons of lab checks: i18n messages with Korean particles chosen by the word before them. */
import { Lang, MessageKey, t } from '../i18n';

/** Whether the Korean reading of `word` ends in a consonant (받침); undefined when it cannot be told. */
export function endsInConsonant(word: string): boolean | undefined {
  const last = word.trimEnd().slice(-1);
  if (!last) return undefined;
  const code = last.charCodeAt(0);
  if (code >= 0xac00 && code <= 0xd7a3) return (code - 0xac00) % 28 !== 0;
  if (/[0-9]/.test(last)) return '0136780'.includes(last); // 영 일 삼 육 칠 팔 (and 십/백/천 for a trailing 0)
  if (/\.?(ya?ml|md)$/i.test(word.trimEnd())) return true; // 야믈, 엠디… read with a final ㄹ/ㄷ-like sound
  return undefined;
}

const particles: Record<string, [consonant: string, vowel: string]> = {
  '을(를)': ['을', '를'],
  '이(가)': ['이', '가'],
  '은(는)': ['은', '는'],
  '과(와)': ['과', '와'],
};

/** Replaces `을(를)`-style particles by the right one when the word before them allows telling. */
export function fixParticles(text: string): string {
  return text.replace(/(\S+?)(을\(를\)|이\(가\)|은\(는\)|과\(와\))/gu, (whole, word: string, particle: string) => {
    const consonant = endsInConsonant(word);
    if (consonant === undefined) return whole;
    return word + particles[particle][consonant ? 0 : 1];
  });
}

export function reason(lang: Lang, key: MessageKey, ...args: string[]): string {
  const text = t(lang, key, ...args);
  return lang === 'ko' ? fixParticles(text) : text;
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
