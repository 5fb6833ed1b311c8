/** Front matter (`---` YAML block at the top of a lesson): split off without moving line numbers. */
import { parse } from 'yaml';

export interface FrontMatter {
  title?: string;
  week?: number;
  day?: number;
  session?: number;
  lang?: string;
  tags?: string[];
}

export interface FrontMatterSplit {
  frontMatter: FrontMatter;
  /** The body with the front matter lines blanked, so line numbers stay those of the file. */
  body: string;
  /** A problem to report (the lesson is still indexed without front matter). */
  problem?: string;
}

const open = /^\uFEFF?---[ \t]*\r?\n/;

export function splitFrontMatter(text: string): FrontMatterSplit {
  const m = open.exec(text);
  if (!m) return { frontMatter: {}, body: text };
  const rest = text.slice(m[0].length);
  const close = /^(---|\.\.\.)[ \t]*(\r?\n|$)/m.exec(rest);
  if (!close) return { frontMatter: {}, body: text, problem: 'front matter is not closed with ---' };
  const yamlText = rest.slice(0, close.index);
  const consumed = m[0].length + close.index + close[0].length;
  const blanked = text.slice(0, consumed).replace(/[^\n]/g, '');
  const body = blanked + text.slice(consumed);
  let data: unknown;
  try {
    data = parse(yamlText, { maxAliasCount: 10 });
  } catch (error) {
    return { frontMatter: {}, body, problem: `front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}` };
  }
  if (data === null || data === undefined) return { frontMatter: {}, body };
  if (typeof data !== 'object' || Array.isArray(data)) {
    return { frontMatter: {}, body, problem: 'front matter is not a mapping' };
  }
  return { frontMatter: normalize(data as Record<string, unknown>), body };
}

function normalize(raw: Record<string, unknown>): FrontMatter {
  const fm: FrontMatter = {};
  if (typeof raw.title === 'string' || typeof raw.title === 'number') fm.title = String(raw.title);
  for (const key of ['week', 'day', 'session'] as const) {
    const n = typeof raw[key] === 'number' ? raw[key] : Number.parseInt(String(raw[key] ?? ''), 10);
    if (Number.isInteger(n) && (n as number) >= 0) fm[key] = n as number;
  }
  if (typeof raw.lang === 'string') fm.lang = raw.lang;
  if (Array.isArray(raw.tags)) fm.tags = raw.tags.filter((t) => typeof t === 'string' || typeof t === 'number').map(String);
  else if (typeof raw.tags === 'string') fm.tags = raw.tags.split(',').map((t) => t.trim()).filter(Boolean);
  return fm;
}
