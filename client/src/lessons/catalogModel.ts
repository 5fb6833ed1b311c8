/** Pure helpers over the server's lesson list: course neighbours, tree grouping, text search. */
import type { CoursePosition, LessonSummary } from '../../../server/src/protocol';

export interface Neighbours {
  previous?: LessonSummary;
  next?: LessonSummary;
}

function key(course: CoursePosition | undefined): [number, number, number] {
  return [course?.week ?? Infinity, course?.day ?? Infinity, course?.session ?? Infinity];
}

/** Lessons in course order (week, day, session; lessons without a position last, by title). */
export function courseOrder(lessons: readonly LessonSummary[]): LessonSummary[] {
  return [...lessons].sort((a, b) => {
    const ka = key(a.course);
    const kb = key(b.course);
    for (let i = 0; i < 3; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
    return a.title.localeCompare(b.title);
  });
}

/** The previous and next session in course order. */
export function courseNeighbours(lessons: readonly LessonSummary[], lessonUri: string): Neighbours {
  const ordered = courseOrder(lessons);
  const i = ordered.findIndex((l) => l.lessonUri === lessonUri);
  if (i < 0) return {};
  return {
    ...(i > 0 ? { previous: ordered[i - 1] } : {}),
    ...(i + 1 < ordered.length ? { next: ordered[i + 1] } : {}),
  };
}

/** Tree nodes: Week › Day › Session(lesson) › sections. */
export interface WeekGroup {
  week?: number;
  days: DayGroup[];
}
export interface DayGroup {
  day?: number;
  lessons: LessonSummary[];
}

export function groupByCourse(lessons: readonly LessonSummary[]): WeekGroup[] {
  const weeks: WeekGroup[] = [];
  for (const lesson of courseOrder(lessons)) {
    const w = lesson.course?.week;
    let week = weeks.find((g) => g.week === w);
    if (!week) weeks.push((week = { ...(w !== undefined ? { week: w } : {}), days: [] }));
    const d = lesson.course?.day;
    let day = week.days.find((g) => g.day === d);
    if (!day) week.days.push((day = { ...(d !== undefined ? { day: d } : {}), lessons: [] }));
    day.lessons.push(lesson);
  }
  return weeks;
}

/** Sections shown under a lesson in the tree: every heading below the title, nested by level. */
export interface SectionNode {
  title: string;
  slug: string;
  line: number;
  level: number;
  children: SectionNode[];
}

export function sectionTree(lesson: LessonSummary, maxLevel = 3): SectionNode[] {
  const headings = lesson.sections.filter((s) => s.level <= maxLevel);
  const top = Math.min(...headings.map((s) => s.level));
  // A single top-level heading is the lesson title: list what is under it.
  const skipTitle = headings.filter((s) => s.level === top).length === 1;
  const roots: SectionNode[] = [];
  const stack: SectionNode[] = [];
  for (const s of headings) {
    if (skipTitle && s.level === top) continue;
    const node: SectionNode = { title: s.title, slug: s.slug, line: s.line, level: s.level, children: [] };
    while (stack.length && stack[stack.length - 1].level >= s.level) stack.pop();
    if (stack.length) stack[stack.length - 1].children.push(node);
    else roots.push(node);
    stack.push(node);
  }
  return roots;
}

/** One searchable section: its heading and the text under it. */
export interface SearchEntry {
  lessonUri: string;
  lessonTitle: string;
  course?: CoursePosition;
  sectionTitle: string;
  sectionSlug: string;
  line: number;
  text: string;
}

export interface SearchHit {
  entry: SearchEntry;
  /** Where the query matched: the title is stronger than the text. */
  inTitle: boolean;
  snippet: string;
}

/** Splits a lesson's text into search entries along the listed sections. */
export function searchEntries(lesson: LessonSummary, text: string): SearchEntry[] {
  const lines = text.split(/\r?\n/);
  const sections = [...lesson.sections].sort((a, b) => a.line - b.line);
  return sections.map((s, i) => ({
    lessonUri: lesson.lessonUri,
    lessonTitle: lesson.title,
    ...(lesson.course ? { course: lesson.course } : {}),
    sectionTitle: s.title,
    sectionSlug: s.slug,
    line: s.line,
    text: lines.slice(s.line + 1, i + 1 < sections.length ? sections[i + 1].line : lines.length).join('\n'),
  }));
}

function normalise(text: string): string {
  return text.normalize('NFC').toLowerCase();
}

/**
 * Sections whose title or text contains every word of the query (case-insensitive, NFC, so Hangul
 * typed as jamo-composed syllables matches). Title matches first, then course order.
 */
export function searchSections(entries: readonly SearchEntry[], query: string, limit = 200): SearchHit[] {
  const words = normalise(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const hits: SearchHit[] = [];
  for (const entry of entries) {
    const title = normalise(entry.sectionTitle);
    const body = normalise(entry.text);
    const inTitle = words.every((w) => title.includes(w));
    if (!inTitle && !words.every((w) => title.includes(w) || body.includes(w))) continue;
    hits.push({ entry, inTitle, snippet: inTitle ? firstLine(entry.text) : snippetAround(entry.text, words[0]) });
  }
  hits.sort((a, b) => Number(b.inTitle) - Number(a.inTitle));
  return hits.slice(0, limit);
}

function firstLine(text: string): string {
  const line = text.split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('```') && !l.startsWith('<!--')) ?? '';
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

function snippetAround(text: string, word: string): string {
  const flat = text.replace(/\s+/g, ' ');
  const at = normalise(flat).indexOf(word);
  if (at < 0) return firstLine(text);
  const start = Math.max(0, at - 40);
  const end = Math.min(flat.length, at + word.length + 60);
  return `${start > 0 ? '…' : ''}${flat.slice(start, end).trim()}${end < flat.length ? '…' : ''}`;
}
