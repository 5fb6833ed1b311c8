/**
 * Pure view model of the labs (no `vscode` import, unit-tested): what the Labs view, the start quick pick
 * and the finish message show, computed from the server's `LabSummary` list and the last `LabState`s.
 */
import type { LabSectionRef, LabState, LabSummary, LessonSummary } from '../../../server/src/protocol';
import { githubSlug } from '../../../server/src/lessons/slug';
import { sameUri } from './labProgress';

export interface LabStepView {
  labId: string;
  stepId: string;
  title: string;
  passed: boolean;
  /** Why the step does not pass yet, as the server said; absent when passed or not evaluated. */
  reason?: string;
  hint?: LabSectionRef;
  /** Slug of the step's `##` section in lab.md (its instructions). */
  instructionsSlug: string;
}

export interface LabView {
  id: string;
  title: string;
  minutes?: number;
  started: boolean;
  /** True once a state for the learner's folder arrived (or was kept from the last session). */
  evaluated: boolean;
  passedCount: number;
  total: number;
  complete: boolean;
  steps: LabStepView[];
}

/**
 * One view per lab, in the server's order. Steps come from the summary (lab.md); a state's step that
 * lab.md no longer has is dropped, a summary step the state lacks counts as not passed.
 */
export function labViews(labs: readonly LabSummary[], states: ReadonlyMap<string, LabState>, started: ReadonlySet<string>): LabView[] {
  return labs.map((lab) => {
    const isStarted = started.has(lab.id);
    const state = isStarted ? states.get(lab.id) : undefined;
    const steps: LabStepView[] = lab.steps.map((step) => {
      const stepState = state?.steps.find((s) => s.id === step.id);
      const passed = stepState?.passed === true;
      return {
        labId: lab.id,
        stepId: step.id,
        title: step.title,
        passed,
        ...(!passed && stepState?.reason ? { reason: stepState.reason } : {}),
        ...(step.hint ? { hint: step.hint } : {}),
        instructionsSlug: githubSlug(step.title),
      };
    });
    const passedCount = steps.filter((s) => s.passed).length;
    return {
      id: lab.id,
      title: lab.title,
      ...(lab.minutes !== undefined ? { minutes: lab.minutes } : {}),
      started: isStarted,
      evaluated: state !== undefined,
      passedCount,
      total: steps.length,
      complete: steps.length > 0 && passedCount === steps.length,
      steps,
    };
  });
}

/** `n/total` shown beside a started lab. */
export function progressText(view: Pick<LabView, 'passedCount' | 'total'>): string {
  return `${view.passedCount}/${view.total}`;
}

/** Words the pure model needs in the UI language. */
export interface LabWords {
  week(n: number): string;
  day(n: number): string;
  session(n: number): string;
  minutes(n: number): string;
  progress(passed: number, total: number): string;
  complete: string;
}

/** `Week 2 › Day 3 › Session 8 › 보안 컨텍스트` for the lesson a lab (or hint) names; '' when unknown. */
export function lessonBreadcrumb(ref: LabSectionRef | undefined, lessons: readonly LessonSummary[], words: LabWords): string {
  if (!ref) return '';
  const lesson = lessons.find((l) => sameUri(l.lessonUri, ref.lessonUri));
  const parts: string[] = [];
  if (lesson?.course?.week !== undefined) parts.push(words.week(lesson.course.week));
  if (lesson?.course?.day !== undefined) parts.push(words.day(lesson.course.day));
  if (lesson?.course?.session !== undefined) parts.push(words.session(lesson.course.session));
  if (parts.length === 0 && lesson) parts.push(lesson.title);
  const section = ref.sectionTitle ?? lesson?.sections.find((s) => s.slug === ref.sectionSlug)?.title;
  if (section) parts.push(section);
  return parts.join(' › ');
}

export interface LabPickItem {
  labId: string;
  label: string;
  description: string;
  detail: string;
}

/** Quick pick rows: title; minutes and lesson breadcrumb; progress when started. */
export function labPickItems(labs: readonly LabSummary[], views: readonly LabView[], lessons: readonly LessonSummary[], words: LabWords): LabPickItem[] {
  return labs.map((lab) => {
    const view = views.find((v) => v.id === lab.id);
    const description = [lab.minutes !== undefined ? words.minutes(lab.minutes) : '', lessonBreadcrumb(lab.lesson, lessons, words)].filter(Boolean).join(' · ');
    let detail = '';
    if (view?.started) detail = view.complete ? words.complete : words.progress(view.passedCount, view.total);
    return { labId: lab.id, label: lab.title, description, detail };
  });
}

/** The first step that does not pass yet (the one a hint is most useful for), else the last step. */
export function nextStep(view: LabView): LabStepView | undefined {
  return view.steps.find((s) => !s.passed) ?? view.steps[view.steps.length - 1];
}

/** Markdown → one line of plain text (for notifications, which show no Markdown). */
export function plainText(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^\s*[-*+]\s+/gm, '')
    .replace(/(\*\*|__|`|~~)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The one-time finish message: what was practised (step titles) and the lab's closing text. */
export function finishMessage(lab: LabSummary, words: { complete(title: string, steps: string): string }, maxLength = 600): string {
  const practised = lab.steps.map((s) => s.title).join(', ');
  const closing = lab.closing ? plainText(lab.closing) : '';
  const text = [words.complete(lab.title, practised), closing].filter(Boolean).join(' ');
  return text.length > maxLength ? `${text.slice(0, maxLength - 1).trimEnd()}…` : text;
}

/** Lab ids the server sends are folder names (kebab-case); anything else is never used as a path. */
export function isLabId(id: unknown): id is string {
  return typeof id === 'string' && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id);
}
