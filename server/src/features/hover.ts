/** Hover: the field path, its schema description, and the best lesson section with links to open it. */
import type { LessonLink, OpenLessonArgs } from '../protocol';
import { Commands } from '../protocol';
import { Lang, t } from '../i18n';
import { LessonIndex } from '../lessons/lessonIndex';
import { formatCourse } from '../lessons/lessonModel';
import { rankLinks } from '../lessons/rankLinks';
import { ManifestModel } from '../model/manifestModel';
import type { FieldDoc, FieldDocs } from '../schema/types';
import { sectionExcerpt } from './excerpt';
import { fieldAt, formatPath } from './fieldAt';

export interface HoverContext {
  fieldDocs: FieldDocs;
  lessons: LessonIndex;
  lang: Lang;
  /** Show the schema description (off when another extension already shows it). */
  showFieldDocs: boolean;
}

export interface HoverResult {
  markdown: string;
  /** [start, end) offsets of the key the hover is about. */
  start: number;
  end: number;
}

export function hoverAt(model: ManifestModel, offset: number, ctx: HoverContext): HoverResult | undefined {
  const found = fieldAt(model, offset, ctx.fieldDocs);
  if (!found) return undefined;
  const links = rankLinks(ctx.lessons.corpus(), found.query, 3);
  const field = found.field;
  if (!field && links.length === 0) return undefined;

  const parts: string[] = [];
  parts.push(headerLine(formatPath(found.at.path), field, ctx.lang));
  if (ctx.showFieldDocs && field) {
    const description = describe(field, ctx.fieldDocs);
    if (description) parts.push(escapeSchemaText(truncate(description, 700)));
    if (field.enum?.length) parts.push(`${t(ctx.lang, 'allowed')}: ${field.enum.map((v) => `\`${v.replace(/`/g, '')}\``).join(', ')}`);
  }
  if (links.length > 0) {
    const [best, ...more] = links;
    parts.push('---');
    parts.push(lessonBlock(best, ctx));
    if (more.length) {
      parts.push(`${t(ctx.lang, 'moreLessons')}: ${more.map((l) => `[${escapeMarkdown(breadcrumb(l))}](${commandUri(l)})`).join(' · ')}`);
    }
  }
  return { markdown: parts.join('\n\n'), start: found.at.keyStart, end: found.at.keyEnd };
}

function headerLine(path: string, field: FieldDoc | undefined, lang: Lang): string {
  const bits = [`**\`${path.replace(/`/g, '')}\`**`];
  if (field) {
    const type = field.refType ?? field.type;
    if (type) bits.push(`${t(lang, 'type')} \`${type.replace(/`/g, '')}\``);
    if (field.required) bits.push(t(lang, 'required'));
  }
  return bits.join(' · ');
}

function describe(field: FieldDoc, fieldDocs: FieldDocs): string {
  if (field.description) return field.description;
  if (field.refType) return fieldDocs.typeDoc(field.refType)?.description ?? '';
  return '';
}

function lessonBlock(link: LessonLink, ctx: HoverContext): string {
  const lesson = ctx.lessons.lessonByUri(link.lessonUri);
  const section = lesson?.sections.find((s) => s.slug === link.sectionSlug);
  const lines = [`📘 **${escapeMarkdown(breadcrumb(link))}**`];
  const excerpt = section ? sectionExcerpt(section, link.reasons) : '';
  if (excerpt) lines.push(`> ${escapeMarkdown(excerpt)}`);
  const title = link.sectionPath[link.sectionPath.length - 1] ?? link.sectionTitle;
  lines.push(`[${t(ctx.lang, 'openLesson')}: ${escapeMarkdown(title)}](${commandUri(link)})`);
  return lines.join('\n\n');
}

/** `Week 2 › Day 3 › Session 8 › 보안 및 네트워크 정책` (the lesson title stands in for a missing course position). */
export function breadcrumb(link: Pick<LessonLink, 'course' | 'lessonTitle' | 'sectionPath' | 'sectionTitle'>): string {
  const course = formatCourse(link.course) ?? link.lessonTitle;
  const section = link.sectionPath[link.sectionPath.length - 1] ?? link.sectionTitle;
  return `${course} › ${section}`;
}

export function commandUri(link: Pick<LessonLink, 'lessonUri' | 'sectionSlug' | 'line'>): string {
  const args: OpenLessonArgs = { lessonUri: link.lessonUri, sectionSlug: link.sectionSlug, line: link.line };
  return `command:${Commands.openLesson}?${encodeURIComponent(JSON.stringify([args]))}`;
}

/** Escapes text from lessons and schemas so it can never form links, HTML or emphasis in a hover. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+!|~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** Schema descriptions come from the bundled API docs: keep their `code` spans, but never let them form links or HTML. */
function escapeSchemaText(text: string): string {
  return text.replace(/[\\[\]()<>]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
