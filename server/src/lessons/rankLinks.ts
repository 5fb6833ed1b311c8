/**
 * Ranks lesson sections for one manifest field, strongest evidence first:
 * explicit markers > the section's YAML examples use this very field > course concepts named in the
 * section > the field's name mentioned in the text. Scores are in 0..1 and carry their reasons.
 */
import type { LessonLink } from '../protocol';
import { FieldTarget, matchPattern, PatternMatch } from './fieldPattern';
import { LinkCorpus } from './linkCorpus';
import { SectionFacts } from './sectionFacts';

export interface FieldQuery extends FieldTarget {
  apiVersion?: string;
  /** FieldDoc id of the field, when the schema knows it. */
  fieldId?: string;
  /** FieldDoc ids of the enclosing fields, nearest first (parent, grandparent, ...). */
  ancestorIds: string[];
}

interface Evidence {
  score: number;
  reason: string;
  /** Breaks ties between equal scores: how precisely the evidence names the field (pattern length…). */
  specificity?: number;
}

/** Keys so generic that a mention in prose says nothing about the field. */
const genericNames = new Set([
  'name', 'names', 'type', 'kind', 'spec', 'value', 'values', 'key', 'path', 'port', 'data', 'metadata', 'items',
  'status', 'version', 'labels', 'annotations', 'apiVersion', 'containers', 'template', 'selector', 'image', 'ports',
  'protocol', 'services', 'volumes', 'networks', 'rules', 'target', 'resources', 'env', 'args', 'command', 'from', 'to',
]);

export function rankLinks(corpus: LinkCorpus, query: FieldQuery, limit = 10): LessonLink[] {
  if (query.gen.length === 0) return [];
  const evidence = new Map<SectionFacts, Evidence[]>();
  const add = (facts: SectionFacts, e: Evidence) => {
    const list = evidence.get(facts);
    if (list) list.push(e);
    else evidence.set(facts, [e]);
  };

  // 1. Explicit markers.
  for (const facts of corpus.withMarkers) {
    let best: PatternMatch | undefined;
    let specificity = 0;
    for (const p of facts.markers) {
      const m = matchPattern(p, query);
      const spec = p.segments.length + (p.kind ? 1 : 0);
      if (m && (!best || m.depth < best.depth || (m.depth === best.depth && spec > specificity))) {
        best = m;
        specificity = spec;
      }
    }
    if (best) add(facts, { score: best.exact ? 1 : Math.max(0.75, 0.92 - 0.04 * (best.depth - 1)), reason: 'marker', specificity });
  }

  // 2. YAML examples in the section use the field (kind-aware through canonical field ids).
  const name = query.gen[query.gen.length - 1];
  if (query.fieldId) {
    const sections = corpus.byExampleId.get(query.fieldId) ?? [];
    const ubiquity = corpus.sectionsWithExamples > 4 && sections.length / corpus.sectionsWithExamples > 0.4 ? 0.7 : 1;
    for (const facts of sections) {
      const use = facts.exampleIds.get(query.fieldId)!;
      const sameKind = query.kind !== undefined && use.kinds.has(query.kind) ? 0.05 : 0;
      // The same field under the same parent (livenessProbe.failureThreshold, not startupProbe's).
      const sameParent = query.ancestorIds[0] !== undefined && facts.exampleIds.has(query.ancestorIds[0]) ? 0.03 : 0;
      // Capped below a marker on the field's parent: a note about `livenessProbe` explains its children better
      // than an example that merely uses them.
      add(facts, { score: Math.min(0.9, 0.8 + Math.min(0.05, 0.025 * (use.count - 1)) + sameKind + sameParent) * ubiquity, reason: 'example' });
    }
    query.ancestorIds.slice(0, 2).forEach((id, depth) => {
      for (const facts of corpus.byExampleId.get(id) ?? []) {
        if (!facts.exampleIds.has(query.fieldId!)) add(facts, { score: depth === 0 ? 0.45 : 0.35, reason: 'example' });
      }
    });
    if (query.flavor !== 'compose') {
      for (const facts of corpus.byExampleName.get(name) ?? []) {
        if (!facts.exampleIds.has(query.fieldId) && !genericNames.has(name)) add(facts, { score: 0.6, reason: 'example' });
      }
    }
  } else if (query.kind) {
    const key = `${query.kind}:${query.gen.join('.')}`;
    for (const facts of corpus.withUnknownKinds) if (facts.unknownKindPaths.has(key)) add(facts, { score: 0.85, reason: 'example' });
  }
  if (query.flavor !== 'compose') {
    for (const facts of corpus.withFragments) {
      if (facts.fragments.some((frag) => isSuffix(frag, query.gen))) add(facts, { score: 0.78, reason: 'example' });
    }
  }

  // 3. Course concepts whose fields include this one, named in the section.
  for (const concept of corpus.concepts) {
    let best: PatternMatch | undefined;
    for (const p of concept.patterns) {
      const m = matchPattern(p, query);
      if (m && (!best || m.depth < best.depth)) best = m;
    }
    if (!best) continue;
    const quality = best.exact ? 1 : Math.pow(0.8, best.depth);
    for (const facts of corpus.byConcept.get(concept.id) ?? []) {
      const weight = facts.conceptWeight.get(concept.id)!;
      const relevance = weight / (weight + 4);
      add(facts, { score: (0.35 + 0.35 * relevance) * quality, reason: `concept:${facts.conceptTerm.get(concept.id)}` });
    }
  }

  // 4. The field's own name mentioned in the text.
  if (name.length >= 4 && !genericNames.has(name)) {
    for (const facts of corpus.byMention.get(name) ?? []) {
      add(facts, { score: facts.headingMentions.has(name) ? 0.45 : 0.38, reason: 'mention' });
    }
  }

  const ranked = [...evidence.entries()].map(([facts, list]) => {
    list.sort((a, b) => b.score - a.score);
    let score = list[0].score;
    let factor = 0.12;
    const reasons: string[] = [];
    for (const e of list) {
      if (!reasons.includes(e.reason)) reasons.push(e.reason);
      else continue;
      if (e !== list[0]) {
        score += factor * e.score;
        factor /= 2;
      }
    }
    // Only an exact marker reaches 1: corroborating evidence never lifts anything past it.
    const cap = list[0].score >= 1 ? 1 : 0.99;
    return { facts, score: Math.min(cap, score), reasons, top: list[0] };
  });
  ranked.sort(
    (a, b) =>
      b.score - a.score ||
      b.top.score - a.top.score ||
      (b.top.specificity ?? 0) - (a.top.specificity ?? 0) ||
      b.facts.section.level - a.facts.section.level ||
      courseKey(a.facts) - courseKey(b.facts) ||
      a.facts.section.line - b.facts.section.line,
  );
  return ranked.slice(0, limit).map(({ facts, score, reasons }) => toLink(facts, score, reasons));
}

function isSuffix(fragment: readonly string[], gen: readonly string[]): boolean {
  if (fragment.length === 0 || fragment.length > gen.length) return false;
  const offset = gen.length - fragment.length;
  return fragment.every((s, i) => s === gen[offset + i]);
}

function courseKey(f: SectionFacts): number {
  const c = f.lesson.course;
  return ((c?.week ?? 999) * 1000 + (c?.day ?? 99)) * 100 + (c?.session ?? 99);
}

/** The contract shape of a link to one section. */
export function toLink(facts: Pick<SectionFacts, 'lesson' | 'section'>, score: number, reasons: string[]): LessonLink {
  const { lesson, section } = facts;
  return {
    lessonUri: lesson.uri,
    lessonTitle: lesson.title,
    ...(lesson.course ? { course: { ...lesson.course } } : {}),
    sectionTitle: section.title,
    sectionSlug: section.slug,
    sectionPath: [...section.path],
    line: section.line,
    score: Math.round(score * 1000) / 1000,
    reasons,
  };
}
