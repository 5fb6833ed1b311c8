/**
 * The lesson section that explains a diagnostic: a section marked `<!-- lesson-aware: rules=<id> -->`,
 * else the best section for the field the finding is about (ranked like a hover), else for the rule's field.
 */
import { fieldQuery } from '../features/fieldAt';
import { parseFieldPattern } from '../lessons/fieldPattern';
import type { LinkCorpus } from '../lessons/linkCorpus';
import { FieldQuery, rankLinks, toLink } from '../lessons/rankLinks';
import type { DocModel, ManifestModel } from '../model/manifestModel';
import type { LessonLink } from '../protocol';
import type { FieldDocs } from '../schema/types';
import type { Finding, RuleMeta } from './types';

export function lessonForFinding(
  corpus: LinkCorpus,
  meta: RuleMeta,
  finding: Finding,
  model: ManifestModel,
  doc: DocModel | undefined,
  fieldDocs: FieldDocs,
): LessonLink | undefined {
  const marked = lessonForRuleMarker(corpus, meta.id);
  if (marked) return marked;
  if (finding.lessonPath && doc) {
    const best = rankLinks(corpus, fieldQuery(model, doc, finding.lessonPath, fieldDocs).query, 1)[0];
    if (best) return best;
  }
  return lessonForRule(corpus, meta);
}

/** A section that names the rule in a `rules=` marker. */
export function lessonForRuleMarker(corpus: LinkCorpus, ruleId: string): LessonLink | undefined {
  const f = corpus.facts.find((facts) => facts.section.ruleMarkers.includes(ruleId));
  return f ? toLink(f, 1, ['marker']) : undefined;
}


/** The best section for the rule's own field pattern (no document needed: used by the CLI's rule list too). */
export function lessonForRule(corpus: LinkCorpus, meta: RuleMeta): LessonLink | undefined {
  const marked = lessonForRuleMarker(corpus, meta.id);
  if (marked) return marked;
  const pattern = parseFieldPattern(meta.flavor === 'compose' && !meta.lessonField.startsWith('compose:') ? `compose:${meta.lessonField}` : meta.lessonField);
  if (!pattern) return undefined;
  const gen = pattern.segments.map((s) => (s === '*' ? 'x' : s));
  const query: FieldQuery = {
    flavor: meta.flavor,
    kind: pattern.kind,
    gen,
    ancestorIds: [],
  };
  return rankLinks(corpus, query, 1)[0];
}
