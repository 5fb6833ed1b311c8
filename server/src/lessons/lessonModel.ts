/** The lesson model: a Markdown file as lessons → sections, as markdown-it sees it. */
import type { CoursePosition } from '../protocol';

export interface CodeBlock {
  /** Fence info word, lower-cased (`yaml`, `mermaid`, '' for none). */
  lang: string;
  content: string;
  /** 0-based line of the opening fence. */
  line: number;
  /** 0-based line after the closing fence. */
  endLine: number;
  /** Preceded by `<!-- lesson-aware: bad-example -->`: shows what not to do. */
  badExample: boolean;
}

export interface Section {
  /** Heading text exactly as written, without the leading `#`s. */
  title: string;
  /** The heading as plain text (Markdown emphasis and code marks removed). */
  plainTitle: string;
  slug: string;
  level: number;
  /** 0-based line of the heading. */
  line: number;
  /** 0-based line where the section's own content ends (the next heading, or the end of the file). */
  endLine: number;
  /** Plain titles of the enclosing headings, outermost first, ending with this one. */
  path: string[];
  /** The section's own Markdown outside code fences. */
  prose: string;
  /** Contents of fences that are neither YAML nor Mermaid (the course's text diagrams). */
  diagramText: string;
  codeBlocks: CodeBlock[];
  /** Field patterns from `<!-- lesson-aware: fields=... -->` markers in the section. */
  markers: string[];
  /** Rule ids from `<!-- lesson-aware: rules=... -->` markers: the section explains these diagnostics. */
  ruleMarkers: string[];
}

export interface Lesson {
  uri: string;
  /** Absolute file path when the lesson lives on disk. */
  fsPath?: string;
  title: string;
  course?: CoursePosition;
  lang?: string;
  tags: string[];
  sections: Section[];
  /** Non-fatal problems found while reading (broken front matter, ...). */
  problems: string[];
  /** Whether the lesson ships with the extension. */
  bundled: boolean;
}

/** `Week 2 › Day 3 › Session 8`, or undefined when the lesson has no course position. */
export function formatCourse(course: CoursePosition | undefined): string | undefined {
  if (!course) return undefined;
  const parts: string[] = [];
  if (course.week !== undefined) parts.push(`Week ${course.week}`);
  if (course.day !== undefined) parts.push(`Day ${course.day}`);
  if (course.session !== undefined) parts.push(`Session ${course.session}`);
  return parts.length ? parts.join(' › ') : undefined;
}

/** Sort key for course order: week, day, session, then title. */
export function compareLessons(a: Lesson, b: Lesson): number {
  const key = (l: Lesson) => [l.course?.week ?? 1e6, l.course?.day ?? 1e6, l.course?.session ?? 1e6];
  const ka = key(a);
  const kb = key(b);
  for (let i = 0; i < 3; i++) if (ka[i] !== kb[i]) return ka[i] - kb[i];
  return a.title.localeCompare(b.title) || a.uri.localeCompare(b.uri);
}
