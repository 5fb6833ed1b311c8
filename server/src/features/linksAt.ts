/** `lessonAware/linksAt`: ranked lesson links for the field at an offset (empty when nothing is relevant). */
import type { LessonLink } from '../protocol';
import { LessonIndex } from '../lessons/lessonIndex';
import { rankLinks } from '../lessons/rankLinks';
import { ManifestModel } from '../model/manifestModel';
import type { FieldDocs } from '../schema/types';
import { fieldAt } from './fieldAt';

export function linksAt(model: ManifestModel, offset: number, fieldDocs: FieldDocs, lessons: LessonIndex): LessonLink[] {
  const found = fieldAt(model, offset, fieldDocs);
  if (!found) return [];
  return rankLinks(lessons.corpus(), found.query);
}
