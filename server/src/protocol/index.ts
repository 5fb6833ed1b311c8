/**
 * The one typed protocol module shared by the client and the server.
 * Every custom message names who sends it. Keep this file free of runtime dependencies
 * other than vscode-languageserver-protocol types so both sides can import it.
 */
import { NotificationType, RequestType, RequestType0, TextDocumentPositionParams } from 'vscode-languageserver-protocol';

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

/* ---------------------------------------------------------------- Labs (lessons/labs/README.md) */

/** A lesson section named by a lab (`lesson`, a step's `hint`), resolved against the lesson index. */
export interface LabSectionRef {
  lessonUri: string;
  sectionSlug: string;
  /** Heading text as written; absent when the reference did not resolve. */
  sectionTitle?: string;
  line?: number;
}

export interface LabStepSummary {
  id: string;
  title: string;
  /** The step's instructions (Markdown, Korean, as written in lab.md). */
  instructions: string;
  hint?: LabSectionRef;
}

/** A lab as listed for the Labs view, the quick pick and the walkthrough. */
export interface LabSummary {
  id: string;
  title: string;
  /** file: URI of the lab's source folder (`…/labs/<id>/`), where starter/ and solution/ live. */
  labUri: string;
  lesson?: LabSectionRef;
  minutes?: number;
  order: number;
  /** Introduction (Markdown before the first step) and closing text (`## 마치며`), if any. */
  introduction: string;
  closing?: string;
  /** Starter files, relative paths with `/` (e.g. `deployment.yaml`, `k8s/service.yaml`). */
  starterFiles: string[];
  steps: LabStepSummary[];
}

/** client → server: every lab of the indexed lesson folders, by `order` then id. */
export const ListLabsRequest = new RequestType0<LabSummary[], void>('lessonAware/listLabs');

/** Where a learner works on a lab: the lab id and the folder holding their copy of the starter files. */
export interface LabTarget {
  labId: string;
  /** file: URI of the learner's folder, usually `<workspace>/labs/<id>`. */
  folderUri: string;
}

export interface LabStepState {
  id: string;
  passed: boolean;
  /** Why the step does not pass yet (localized, names file/resource/path); absent when passed. */
  reason?: string;
}

export interface LabState extends LabTarget {
  steps: LabStepState[];
  passedCount: number;
  total: number;
  complete: boolean;
}

/** client → server: evaluate a lab now. Unknown lab → null. */
export const LabStateRequest = new RequestType<LabTarget, LabState | null, void>('lessonAware/labState');

/**
 * client → server: the labs the client is showing. The server evaluates them after every edit of an open
 * document and every file change inside their folders, and pushes `lessonAware/labStateChanged` when a
 * state differs from the last one it sent. An empty list stops the watching.
 */
export const WatchLabsNotification = new NotificationType<{ labs: LabTarget[] }>('lessonAware/watchLabs');

/** server → client: a watched lab's state changed. */
export const LabStateChangedNotification = new NotificationType<LabState>('lessonAware/labStateChanged');

/**
 * Context keys the client sets from lab states; the walkthrough's steps complete through
 * `onContext:<key>` (scripts/gen-walkthroughs.mjs writes the same keys into package.json).
 */
export function labContextKey(labId: string, stepId?: string): string {
  return stepId === undefined ? `lessonAware.lab.${labId}.complete` : `lessonAware.lab.${labId}.step.${stepId}.done`;
}
