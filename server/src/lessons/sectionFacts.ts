/**
 * What each lesson section teaches, computed once when lessons are indexed: the fields its YAML examples
 * use (kind-aware, through the field docs), its markers, the course concepts its text names, and the
 * identifiers it mentions. Field → section links are ranked from these facts only.
 */
import { isMap, isScalar, isSeq, Node, parseAllDocuments } from 'yaml';
import type { FieldDocs, PathSegment } from '../schema/types';
import { Concept } from './concepts';
import { FieldPattern, parseFieldPattern } from './fieldPattern';
import { Lesson, Section } from './lessonModel';
import { TermCounter } from './termCounter';

export interface ExampleUse {
  count: number;
  kinds: Set<string>;
}

export interface SectionFacts {
  lesson: Lesson;
  section: Section;
  /** Canonical field ids (FieldDoc.id) used by the section's YAML examples. */
  exampleIds: Map<string, ExampleUse>;
  /** Last keys used by the examples, for "same field, other owner". */
  exampleNames: Set<string>;
  /** Key paths (without indices) of examples that are neither a Kubernetes document nor a Compose file. */
  fragments: string[][];
  /** `Kind:a.b.c` paths of examples whose kind the field docs do not know (CRDs). */
  unknownKindPaths: Set<string>;
  markers: FieldPattern[];
  /** Concept id → relevance weight of its terms in the section (idf-weighted, heading counts more). */
  conceptWeight: Map<string, number>;
  /** The concept term that weighs most in this section, per concept id (for reasons). */
  conceptTerm: Map<string, string>;
  /** Identifiers (field names) mentioned outside YAML examples, and in the heading. */
  mentions: Set<string>;
  headingMentions: Set<string>;
}

const MAX_KEYS_PER_BLOCK = 5000;
const composeNamedMaps = new Set(['services', 'networks', 'volumes', 'secrets', 'configs', 'models']);

type BaseFacts = Omit<SectionFacts, 'conceptWeight' | 'conceptTerm'>;

/** Facts of each section computed once (a section object lives until its lesson file changes). */
const baseFacts = new WeakMap<FieldDocs, WeakMap<Section, BaseFacts>>();

/**
 * Facts for one section, without concept weights (those need corpus statistics: see weighConcepts). The
 * example, marker and mention facts are computed once per section and shared by every corpus built later.
 */
export function sectionFacts(lesson: Lesson, section: Section, fieldDocs: FieldDocs): SectionFacts {
  let perDocs = baseFacts.get(fieldDocs);
  if (!perDocs) baseFacts.set(fieldDocs, (perDocs = new WeakMap()));
  let base = perDocs.get(section);
  if (!base || base.lesson !== lesson) perDocs.set(section, (base = computeFacts(lesson, section, fieldDocs)));
  return { ...base, conceptWeight: new Map(), conceptTerm: new Map() };
}

/** Computes (once) what a corpus build needs of this section: its facts and its concept term counts. */
export function prepareSection(lesson: Lesson, section: Section, fieldDocs: FieldDocs, concepts: readonly Concept[]): void {
  const facts = sectionFacts(lesson, section, fieldDocs);
  sectionTermCounts(facts, concepts);
}

/** What a section's YAML examples teach (the costly part of its facts: the examples are parsed). */
export type ExampleFacts = Pick<SectionFacts, 'exampleIds' | 'exampleNames' | 'fragments' | 'unknownKindPaths'>;

const exampleFactsMemo = new WeakMap<FieldDocs, WeakMap<Section, ExampleFacts>>();

/** The example facts of a section, computed once (or seeded from the index precomputed at build time). */
export function exampleFactsOf(section: Section, fieldDocs: FieldDocs): ExampleFacts {
  let perDocs = exampleFactsMemo.get(fieldDocs);
  if (!perDocs) exampleFactsMemo.set(fieldDocs, (perDocs = new WeakMap()));
  let facts = perDocs.get(section);
  if (!facts) {
    facts = { exampleIds: new Map(), exampleNames: new Set(), fragments: [], unknownKindPaths: new Set() };
    for (const block of section.codeBlocks) {
      if (block.lang !== 'yaml' && block.lang !== 'yml') continue;
      collectExample(block.content, fieldDocs, facts);
    }
    perDocs.set(section, facts);
  }
  return facts;
}

/** Records example facts computed elsewhere (bundledIndex.ts: precomputed at build time) for a section. */
export function seedExampleFacts(section: Section, fieldDocs: FieldDocs, facts: ExampleFacts): void {
  let perDocs = exampleFactsMemo.get(fieldDocs);
  if (!perDocs) exampleFactsMemo.set(fieldDocs, (perDocs = new WeakMap()));
  perDocs.set(section, facts);
}

function computeFacts(lesson: Lesson, section: Section, fieldDocs: FieldDocs): SectionFacts {
  return {
    lesson,
    section,
    ...exampleFactsOf(section, fieldDocs),
    markers: section.markers.map((m) => parseFieldPattern(m)).filter((p): p is FieldPattern => !!p),
    conceptWeight: new Map(),
    conceptTerm: new Map(),
    mentions: identifiers(`${section.prose.replace(/<!--[\s\S]*?-->/g, "")}\n${section.diagramText}`),
    headingMentions: identifiers(section.title),
  };
}

function collectExample(text: string, fieldDocs: FieldDocs, facts: ExampleFacts): void {
  let docs;
  try {
    docs = parseAllDocuments(text, { uniqueKeys: false });
  } catch {
    return;
  }
  if (!Array.isArray(docs)) return;
  let budget = MAX_KEYS_PER_BLOCK;
  for (const doc of docs) {
    const root = doc.contents as Node | null;
    if (!isMap(root)) continue;
    const apiVersion = scalar(root.get('apiVersion', true));
    const kind = scalar(root.get('kind', true));
    const isCompose = apiVersion === undefined && isMap(root.get('services', true));
    walkKeys(root, [], (path) => {
      if (budget-- <= 0) return false;
      const name = path[path.length - 1] as string;
      facts.exampleNames.add(name);
      if (kind !== undefined && apiVersion !== undefined) {
        const field = fieldDocs.isKnownKind(apiVersion, kind) ? fieldDocs.k8sField(apiVersion, kind, path) : undefined;
        if (field) addUse(facts, field.id, kind);
        else facts.unknownKindPaths.add(`${kind}:${gen(path).join('.')}`);
      } else if (isCompose) {
        addUse(facts, fieldDocs.composeField(path)?.id ?? composeFallbackId(path), 'compose');
      } else {
        facts.fragments.push(gen(path));
      }
      return true;
    });
  }
}

function addUse(facts: ExampleFacts, id: string, kind: string): void {
  const use = facts.exampleIds.get(id);
  if (use) {
    use.count++;
    use.kinds.add(kind);
  } else {
    facts.exampleIds.set(id, { count: 1, kinds: new Set([kind]) });
  }
}

/** Compose id when the spec does not know the key: names under the top-level maps become `*`. */
export function composeFallbackId(path: readonly PathSegment[]): string {
  const g = gen(path).map((s, i, all) => (i === 1 && composeNamedMaps.has(all[0]) ? '*' : s));
  return `compose:${g.join('.')}`;
}

/** Calls `visit` for every mapping key path in the tree (stops descending when it returns false). */
export function walkKeys(node: Node, path: PathSegment[], visit: (path: PathSegment[]) => boolean, depth = 0): boolean {
  if (depth > 200) return true;
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const p = [...path, String((pair.key as { value: unknown }).value)];
      if (!visit(p)) return false;
      if (pair.value && !walkKeys(pair.value as Node, p, visit, depth + 1)) return false;
    }
  } else if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const item = node.items[i] as Node;
      if (item && !walkKeys(item, [...path, i], visit, depth + 1)) return false;
    }
  }
  return true;
}

function gen(path: readonly PathSegment[]): string[] {
  return path.filter((s): s is string => typeof s === 'string');
}

function scalar(node: unknown): string | undefined {
  return isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number') ? String(node.value) : undefined;
}

/** Identifier-like words (`hostPID`, `deploy.resources.limits`, `depends_on`) and their dotted parts. */
export function identifiers(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*)*/g)) {
    const word = m[0];
    out.add(word);
    if (word.includes('.')) for (const part of word.split('.')) out.add(part);
  }
  return out;
}

/** One counter per concept list (its distinct terms, in first-seen order). */
const termCounters = new WeakMap<readonly Concept[], { terms: string[]; key: string; index: Map<string, number>; counter: TermCounter }>();
/** Each section's term counts (body + 3 × heading), with the term list they were counted for. */
const sectionCounts = new WeakMap<Section, { key: string; counts: number[] }>();

function countsFor(concepts: readonly Concept[]) {
  let entry = termCounters.get(concepts);
  if (!entry) {
    const terms = conceptTerms(concepts);
    entry = { terms, key: terms.join('\u0000'), index: new Map(terms.map((t, i) => [t, i])), counter: new TermCounter(terms) };
    termCounters.set(concepts, entry);
  }
  return entry;
}

/** The distinct terms of the concepts, in first-seen order (the order term counts are kept in). */
export function conceptTerms(concepts: readonly Concept[]): string[] {
  const seen = new Set<string>();
  for (const concept of concepts) for (const term of concept.terms) seen.add(term);
  return [...seen];
}

/** How often each concept term occurs in a section (heading occurrences count 3 times), in `conceptTerms` order. */
export function sectionTermCounts(f: Pick<SectionFacts, 'section'>, concepts: readonly Concept[]): number[] {
  const { counter, key } = countsFor(concepts);
  const known = sectionCounts.get(f.section);
  if (known && known.key === key) return known.counts;
  const body = counter.count(`${f.section.prose}\n${f.section.diagramText}`.toLowerCase());
  const title = counter.count(f.section.plainTitle.toLowerCase());
  const counts = body.map((c, i) => c + 3 * title[i]);
  sectionCounts.set(f.section, { key, counts });
  return counts;
}

/** Records term counts computed elsewhere (bundledIndex.ts) for a section, for the given term list. */
export function seedTermCounts(section: Section, terms: readonly string[], counts: number[]): void {
  sectionCounts.set(section, { key: terms.join('\u0000'), counts });
}

/**
 * Weighs each concept's terms in each section with an idf factor over the whole lesson corpus, so a term
 * that appears everywhere ("네임스페이스") says less than one that appears in two sections ("PID 네임스페이스").
 * Term counts are computed once per section (TermCounter: one pass for all terms) and reused by later builds.
 */
export function weighConcepts(all: SectionFacts[], concepts: Concept[]): void {
  const { terms, index } = countsFor(concepts);
  const perSection = all.map((f) => sectionTermCounts(f, concepts));
  const total = Math.max(1, all.length);
  const idf = terms.map((_, t) => {
    let df = 0;
    for (const counts of perSection) if (counts[t] > 0) df++;
    return df === 0 ? 0 : Math.log(1 + total / df);
  });
  for (const concept of concepts) {
    all.forEach((facts, i) => {
      let weight = 0;
      let bestTerm = '';
      let bestTermWeight = 0;
      for (const term of concept.terms) {
        const t = index.get(term)!;
        const count = perSection[i][t];
        if (count === 0) continue;
        const w = (1 + Math.log(count)) * idf[t];
        weight += w;
        if (w > bestTermWeight) {
          bestTermWeight = w;
          bestTerm = term;
        }
      }
      if (weight > 0) {
        facts.conceptWeight.set(concept.id, weight);
        facts.conceptTerm.set(concept.id, bestTerm);
      }
    });
  }
}
