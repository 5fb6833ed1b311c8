/** The lesson list for the tree and search, in course order. */
import type { LessonSummary } from '../protocol';
import { LessonIndex } from '../lessons/lessonIndex';

export function listLessons(lessons: LessonIndex): LessonSummary[] {
  return lessons.lessons().map((l) => ({
    lessonUri: l.uri,
    title: l.title,
    ...(l.course ? { course: { ...l.course } } : {}),
    sections: l.sections.map((s) => ({ title: s.title, slug: s.slug, level: s.level, line: s.line })),
  }));
}
