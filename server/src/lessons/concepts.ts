/** The concept glossary (`lessons/concepts.yaml`): course terms in Korean and English → field patterns. */
import { parse } from 'yaml';
import { FieldPattern, parseFieldPattern } from './fieldPattern';

export interface Concept {
  id: string;
  /** Korean terms as the sessions write them, then English ones; all searched in lesson text. */
  terms: string[];
  /** The term shown in reasons (`concept:<label>`): the first Korean term, else the first English one. */
  label: string;
  patterns: FieldPattern[];
}

export interface ConceptsLoad {
  concepts: Concept[];
  problems: string[];
}

export function parseConcepts(text: string): ConceptsLoad {
  const problems: string[] = [];
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    return { concepts: [], problems: [`concepts.yaml is not valid YAML: ${(error as Error).message.split('\n')[0]}`] };
  }
  const list = (data as { concepts?: unknown } | null)?.concepts;
  if (!Array.isArray(list)) return { concepts: [], problems: ['concepts.yaml has no `concepts:` list'] };
  const concepts: Concept[] = [];
  list.forEach((raw: unknown, i) => {
    if (typeof raw !== 'object' || raw === null) {
      problems.push(`concept #${i + 1} is not a mapping`);
      return;
    }
    const c = raw as Record<string, unknown>;
    for (const key of ['ko', 'en', 'k8s', 'compose'] as const) {
      if (Array.isArray(c[key]) && (c[key] as unknown[]).some((x) => typeof x !== 'string' && typeof x !== 'number')) {
        problems.push(`concept ${String(c.id ?? i + 1)}: ${key} has an entry that is not a string (quote patterns like "Job:")`);
      }
    }
    const ko = strings(c.ko);
    const en = strings(c.en);
    const patterns: FieldPattern[] = [];
    for (const p of strings(c.k8s)) {
      const parsed = parseFieldPattern(p);
      if (parsed && !parsed.compose) patterns.push(parsed);
      else problems.push(`concept ${String(c.id ?? i + 1)}: bad Kubernetes pattern "${p}"`);
    }
    for (const p of strings(c.compose)) {
      const parsed = parseFieldPattern(p.startsWith('compose:') ? p : `compose:${p}`);
      if (parsed) patterns.push(parsed);
      else problems.push(`concept ${String(c.id ?? i + 1)}: bad Compose pattern "${p}"`);
    }
    const terms = [...ko, ...en].filter((t) => t.trim().length >= 2);
    if (terms.length === 0 || patterns.length === 0) return;
    concepts.push({ id: typeof c.id === 'string' ? c.id : `concept-${i + 1}`, terms, label: ko[0] ?? en[0], patterns });
  });
  return { concepts, problems };
}

function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v)) return [];
  return v.filter((x) => typeof x === 'string' || typeof x === 'number').map(String);
}

/** Counts how often a term occurs in a text; Latin terms match case-insensitively on word boundaries. */
export function countTerm(haystackLower: string, term: string): number {
  const needle = term.toLowerCase();
  if (!needle) return 0;
  const latin = /^[\x00-\x7f]+$/.test(needle);
  let count = 0;
  for (let at = haystackLower.indexOf(needle); at >= 0; at = haystackLower.indexOf(needle, at + needle.length)) {
    if (latin) {
      const before = haystackLower[at - 1];
      const after = haystackLower[at + needle.length];
      if ((before && /[a-z0-9_]/.test(before)) || (after && /[a-z0-9_]/.test(after))) continue;
    }
    count++;
  }
  return count;
}
