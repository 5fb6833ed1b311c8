/**
 * Code lenses: above each Kubernetes resource and each Compose service, the lesson section that best
 * explains it (`📖 W2D3S8 › section`), and — when some of its findings have a lesson — how many
 * (`⚠ 3 findings`), opening the lesson of the most severe one. Pure: offsets in, offsets out.
 *
 * The lesson is ranked by the same machinery as hover links (rankLinks), queried for the resource's `kind`
 * key (kind-aware: sections whose examples are this kind, `Kind:` markers, concepts naming the kind) or
 * for the Compose service key (`services.<name>`).
 */
import { isMap, isScalar, Node, Pair } from 'yaml';
import { Lang, t } from '../i18n';
import type { LinkCorpus } from '../lessons/linkCorpus';
import { rankLinks } from '../lessons/rankLinks';
import type { DocModel, ManifestModel } from '../model/manifestModel';
import type { LessonLink, OpenLessonArgs } from '../protocol';
import type { Localized, Severity } from '../rules/types';
import type { FieldDocs } from '../schema/types';
import type { LinkedFinding } from './diagnostics';
import { fieldQuery } from './fieldAt';
import { breadcrumb } from './hover';

/** One resource a lens sits above. */
export interface ResourceAnchor {
  /** Identity that survives edits elsewhere in the file: `k8s:<doc index>:<kind>` or `compose:<service>`. */
  key: string;
  /** [start, end) of the first key of the resource (the line the lens sits above). */
  start: number;
  end: number;
  /** [start, end) of the whole resource, for counting its findings. */
  bodyStart: number;
  bodyEnd: number;
  doc: DocModel;
  /** The key path queried for its lesson: `['kind']` or `['services', <name>]`. */
  path: string[];
}

/** Findings of one resource that have a lesson (hints excluded, as in the Problems panel). */
export interface FindingsSummary {
  count: number;
  /** The most severe of them (the first in the file among equals). */
  worst: { severity: Severity; title: Localized; lesson: LessonLink };
}

export interface CodeLensContext {
  corpus: LinkCorpus;
  fieldDocs: FieldDocs;
  lang: Lang;
  /** Findings per anchor key (see summarizeFindings); no findings lens without it. */
  findings?: ReadonlyMap<string, FindingsSummary>;
}

export interface LessonLens {
  kind: 'lesson' | 'findings';
  /** [start, end) offsets the lens belongs to. */
  start: number;
  end: number;
  title: string;
  tooltip: string;
  /** Arguments of `lessonAware.openLesson`. */
  args: OpenLessonArgs;
}

/** Kubernetes resources (by document) or Compose services, in file order. Broken or plain documents have none. */
export function resourceAnchors(model: ManifestModel): ResourceAnchor[] {
  const anchors: ResourceAnchor[] = [];
  for (const doc of model.docs) {
    const root = doc.doc.contents;
    if (!isMap(root) || root.items.length === 0) continue;
    if (model.flavor === 'compose') {
      const services = root.items.find((p) => isScalar(p.key) && p.key.value === 'services');
      if (!services || !isMap(services.value)) continue;
      for (const pair of services.value.items) {
        const range = keyRange(pair);
        if (!range || !isScalar(pair.key)) continue;
        const name = String(pair.key.value);
        const valueEnd = (pair.value as Node | null)?.range?.[1] ?? range[1];
        anchors.push({ key: `compose:${name}`, start: range[0], end: range[1], bodyStart: range[0], bodyEnd: Math.max(valueEnd, range[1]), doc, path: ['services', name] });
      }
    } else if (doc.flavor === 'kubernetes' && doc.kind) {
      const range = keyRange(root.items[0]);
      if (!range) continue;
      anchors.push({ key: `k8s:${doc.index}:${doc.kind}`, start: range[0], end: range[1], bodyStart: doc.start, bodyEnd: doc.end, doc, path: ['kind'] });
    }
  }
  return anchors;
}

function keyRange(pair: Pair<unknown, unknown> | undefined): [number, number] | undefined {
  const key = pair?.key as Node | null | undefined;
  const range = key?.range;
  return range ? [range[0], range[1]] : undefined;
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/** Counts, per anchor, the findings inside it that link to a lesson. */
export function summarizeFindings(anchors: readonly ResourceAnchor[], linked: readonly LinkedFinding[]): Map<string, FindingsSummary> {
  const summaries = new Map<string, FindingsSummary>();
  const ordered = [...linked].sort((a, b) => a.finding.start - b.finding.start);
  for (const { finding, lesson } of ordered) {
    if (!lesson || finding.severity === 'hint') continue;
    const anchor = anchorAt(anchors, finding.start);
    if (!anchor) continue;
    const current = summaries.get(anchor.key);
    const candidate = { severity: finding.severity, title: finding.meta.title, lesson };
    if (!current) summaries.set(anchor.key, { count: 1, worst: candidate });
    else {
      current.count++;
      if (severityRank[finding.severity] < severityRank[current.worst.severity]) current.worst = candidate;
    }
  }
  return summaries;
}

/** The anchor whose body holds `offset` (anchors are in file order and do not overlap). */
function anchorAt(anchors: readonly ResourceAnchor[], offset: number): ResourceAnchor | undefined {
  let lo = 0;
  let hi = anchors.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (anchors[mid].bodyStart <= offset) lo = mid + 1;
    else hi = mid - 1;
  }
  const candidate = anchors[hi];
  return candidate && offset < candidate.bodyEnd ? candidate : undefined;
}

/** The best lesson per (corpus, query): every Deployment of a file ranks once. */
const bestLinkMemo = new WeakMap<LinkCorpus, Map<string, LessonLink | undefined>>();

function bestLink(model: ManifestModel, anchor: ResourceAnchor, ctx: CodeLensContext): LessonLink | undefined {
  let memo = bestLinkMemo.get(ctx.corpus);
  if (!memo) bestLinkMemo.set(ctx.corpus, (memo = new Map()));
  const key = `${model.flavor}|${anchor.doc.apiVersion ?? ''}|${anchor.doc.kind ?? ''}|${anchor.path.join('.')}`;
  if (memo.has(key)) return memo.get(key);
  const { query } = fieldQuery(model, anchor.doc, anchor.path, ctx.fieldDocs);
  const link = pickForKind(rankLinks(ctx.corpus, query, 10), query.kind);
  memo.set(key, link);
  return link;
}

/**
 * Many sections use a kind in their examples and rank alike for it; among those within a hair of the best,
 * the one whose heading names the kind (`Deployment spec.replicas: …`) is the one that explains it.
 */
function pickForKind(links: readonly LessonLink[], kind: string | undefined): LessonLink | undefined {
  const [best] = links;
  if (!best || !kind) return best;
  const named = new RegExp(`(^|[^A-Za-z])${kind}([^A-Za-z]|$)`);
  return links.find((l) => l.score >= best.score - 0.05 && named.test(l.sectionTitle)) ?? best;
}

export function codeLenses(model: ManifestModel, ctx: CodeLensContext): LessonLens[] {
  const lenses: LessonLens[] = [];
  for (const anchor of resourceAnchors(model)) {
    const link = bestLink(model, anchor, ctx);
    if (link) {
      lenses.push({
        kind: 'lesson',
        start: anchor.start,
        end: anchor.end,
        title: `📖 ${lensBreadcrumb(link)}`,
        tooltip: `${t(ctx.lang, 'openLesson')}: ${breadcrumb(link)}`,
        args: openArgs(link),
      });
    }
    const summary = ctx.findings?.get(anchor.key);
    if (summary) {
      const { worst } = summary;
      lenses.push({
        kind: 'findings',
        start: anchor.start,
        end: anchor.end,
        title: summary.count === 1 ? t(ctx.lang, 'codeLensOneFinding') : t(ctx.lang, 'codeLensFindings', String(summary.count)),
        tooltip: t(ctx.lang, 'codeLensWorstFinding', worst.title[ctx.lang], breadcrumb(worst.lesson)),
        args: openArgs(worst.lesson),
      });
    }
  }
  return lenses;
}

function openArgs(link: LessonLink): OpenLessonArgs {
  return { lessonUri: link.lessonUri, sectionSlug: link.sectionSlug, line: link.line };
}

/** `W2D3S8 › 보안 및 네트워크 정책`, short enough for a lens (the tooltip has the full breadcrumb). */
export function lensBreadcrumb(link: Pick<LessonLink, 'course' | 'lessonTitle' | 'sectionPath' | 'sectionTitle'>): string {
  const section = link.sectionPath[link.sectionPath.length - 1] ?? link.sectionTitle;
  return `${compactCourse(link.course) ?? shorten(link.lessonTitle, 24)} › ${shorten(section, 40)}`;
}

/** `W2D3S8` from week 2, day 3, session 8; undefined without a course position. */
export function compactCourse(course: LessonLink['course']): string | undefined {
  if (!course) return undefined;
  const parts = [course.week !== undefined ? `W${course.week}` : '', course.day !== undefined ? `D${course.day}` : '', course.session !== undefined ? `S${course.session}` : ''];
  const text = parts.join('');
  return text || undefined;
}

function shorten(text: string, max: number): string {
  const plain = text.replace(/`/g, '').replace(/\s+/g, ' ').trim();
  const chars = [...plain];
  return chars.length > max ? `${chars.slice(0, max - 1).join('').trimEnd()}…` : plain;
}
