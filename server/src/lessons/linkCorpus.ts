/**
 * The searchable corpus behind field → lesson links: section facts plus inverted indexes for fast lookups.
 * Section facts and concept term counts are computed once per section (sectionFacts.ts), so a rebuild after a
 * lesson change only redoes the changed lessons, the idf weights and the indexes; prepareLinkCorpus computes
 * them ahead, in time slices, right after the lessons change, so the build itself is cheap when it is needed.
 */
import type { FieldDocs } from '../schema/types';
import { Concept } from './concepts';
import { Lesson } from './lessonModel';
import { prepareSection, SectionFacts, sectionFacts, weighConcepts } from './sectionFacts';

export interface LinkCorpus {
  facts: SectionFacts[];
  concepts: Concept[];
  byExampleId: Map<string, SectionFacts[]>;
  byExampleName: Map<string, SectionFacts[]>;
  byMention: Map<string, SectionFacts[]>;
  byConcept: Map<string, SectionFacts[]>;
  withMarkers: SectionFacts[];
  withFragments: SectionFacts[];
  withUnknownKinds: SectionFacts[];
  /** How many sections have any YAML example field (for the "ubiquitous field" discount). */
  sectionsWithExamples: number;
}

export function buildLinkCorpus(lessons: readonly Lesson[], concepts: Concept[], fieldDocs: FieldDocs): LinkCorpus {
  const facts: SectionFacts[] = [];
  for (const lesson of lessons) for (const section of lesson.sections) facts.push(sectionFacts(lesson, section, fieldDocs));
  weighConcepts(facts, concepts);
  const corpus: LinkCorpus = {
    facts,
    concepts,
    byExampleId: new Map(),
    byExampleName: new Map(),
    byMention: new Map(),
    byConcept: new Map(),
    withMarkers: facts.filter((f) => f.markers.length > 0),
    withFragments: facts.filter((f) => f.fragments.length > 0),
    withUnknownKinds: facts.filter((f) => f.unknownKindPaths.size > 0),
    sectionsWithExamples: facts.filter((f) => f.exampleIds.size > 0).length,
  };
  for (const f of facts) {
    for (const id of f.exampleIds.keys()) push(corpus.byExampleId, id, f);
    for (const name of f.exampleNames) push(corpus.byExampleName, name, f);
    for (const word of new Set([...f.mentions, ...f.headingMentions])) push(corpus.byMention, word, f);
    for (const id of f.conceptWeight.keys()) push(corpus.byConcept, id, f);
  }
  return corpus;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Computes the per-section facts and term counts of `lessons` in slices of about `sliceMs`, yielding to the
 * event loop between slices; resolves false when `isStale()` turned true (the lessons changed again).
 */
export async function prepareLinkCorpus(lessons: readonly Lesson[], concepts: readonly Concept[], fieldDocs: FieldDocs, isStale: () => boolean, sliceMs = 8): Promise<boolean> {
  let sliceStart = Date.now();
  for (const lesson of lessons) {
    for (const section of lesson.sections) {
      if (Date.now() - sliceStart >= sliceMs) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (isStale()) return false;
        sliceStart = Date.now();
      }
      prepareSection(lesson, section, fieldDocs, concepts);
    }
  }
  return !isStale();
}
