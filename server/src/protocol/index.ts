/**
 * The one typed protocol module shared by the client and the server.
 * Every custom message names who sends it. Keep this file free of runtime dependencies
 * other than vscode-languageserver-protocol types so both sides can import it.
 */
import { RequestType, RequestType0, TextDocumentPositionParams } from 'vscode-languageserver-protocol';

/** Course position of a lesson, from front matter or a `Week N > Day N > Session N` phrase. */
export interface CoursePosition {
  week?: number;
  day?: number;
  session?: number;
}

/** One link from a manifest field to a lesson section (DESIGN.md contract). */
export interface LessonLink {
  lessonUri: string;
  lessonTitle: string;
  course?: CoursePosition;
  /** Heading text exactly as written, without the leading `#`s. */
  sectionTitle: string;
  sectionSlug: string;
  /** Titles of the enclosing headings, outermost first, ending with this section's title. */
  sectionPath: string[];
  /** 0-based line of the heading in the lesson file. */
  line: number;
  /** 0..1, higher is better. */
  score: number;
  /** Why this section was chosen: `marker`, `example`, `concept:<term>`, `mention`. */
  reasons: string[];
}

/** client → server: lesson links for the field under the cursor, best first. */
export const LinksAtRequest = new RequestType<TextDocumentPositionParams, LessonLink[], void>('lessonAware/linksAt');

/** Arguments of the `lessonAware.openLesson` command (contract: lessonUri + sectionSlug; line is a hint). */
export interface OpenLessonArgs {
  lessonUri: string;
  sectionSlug: string;
  line?: number;
}

/** A lesson as listed for the lessons tree and search. */
export interface LessonSummary {
  lessonUri: string;
  title: string;
  course?: CoursePosition;
  sections: { title: string; slug: string; level: number; line: number }[];
}

/** client → server: every indexed lesson, in course order. */
export const ListLessonsRequest = new RequestType0<LessonSummary[], void>('lessonAware/listLessons');

export interface ResolveSectionParams {
  lessonUri: string;
  sectionSlug: string;
}

/** client → server: the 0-based line of a section's heading, or null when the lesson or slug is unknown. */
export const ResolveSectionRequest = new RequestType<ResolveSectionParams, { line: number } | null, void>(
  'lessonAware/resolveSection',
);

/** Command ids (contract). */
export const Commands = {
  openLesson: 'lessonAware.openLesson',
  openLessonAtCursor: 'lessonAware.openLessonAtCursor',
  showMermaidPreview: 'lessonAware.showMermaidPreview',
  startLab: 'lessonAware.startLab',
  searchLessons: 'lessonAware.searchLessons',
  restartServer: 'lessonAware.restartServer',
} as const;

/** Commands a hover or diagnostic may link to; everything else is refused by the client. */
export const HoverCommandAllowList: readonly string[] = [Commands.openLesson];
