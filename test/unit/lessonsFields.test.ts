/**
 * The lesson check, part 3: what links fields to lessons.
 * Every marker pattern and every concept pattern names a real field (Kubernetes: a real path of at least one
 * built-in kind, `Kind:` patterns against that kind; Compose: a path of the Compose specification);
 * `concepts.yaml` has at least 45 concepts with Korean and English terms and patterns, and each Korean term
 * occurs in the course seeds or lessons; every registered rule links to an existing lesson section.
 *
 * Point LESSON_AWARE_LESSONS_DIR at a copy of the lessons folder (with its concepts.yaml) to check other lessons.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { parseConcepts } from '../../server/src/lessons/concepts';
import { FieldPattern, parseFieldPattern } from '../../server/src/lessons/fieldPattern';
import { buildLinkCorpus } from '../../server/src/lessons/linkCorpus';
import type { Lesson } from '../../server/src/lessons/lessonModel';
import { parseDirectiveList, parseLesson } from '../../server/src/lessons/parseLesson';
import { allRules } from '../../server/src/rules/registry';
import { lessonForRule } from '../../server/src/rules/ruleLessons';
import { createFieldDocs } from '../../server/src/schema/fieldDocs';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const lessonsDir = path.resolve(process.env.LESSON_AWARE_LESSONS_DIR ?? path.join(repoRoot, 'lessons'));
const seedsDir = process.env.LESSON_AWARE_SEEDS ?? path.resolve(repoRoot, '..', 'shared', 'seeds');
const conceptsFile = path.join(lessonsDir, 'concepts.yaml');
const fieldDocs = createFieldDocs(path.join(repoRoot, 'dist', 'field-docs'));

function shownPath(file: string): string {
  const rel = path.relative(repoRoot, file);
  return rel.startsWith('..') ? file : rel;
}

function report(what: string, problems: string[]): void {
  if (problems.length) assert.fail(`${problems.length} ${what}:\n  ${problems.join('\n  ')}`);
}

interface LessonFile {
  file: string;
  shown: string;
  text: string;
  lesson: Lesson;
}

const lessons: LessonFile[] = fs
  .readdirSync(lessonsDir)
  .filter((f) => /\.(md|markdown)$/i.test(f))
  .sort()
  .map((name) => {
    const file = path.join(lessonsDir, name);
    const text = fs.readFileSync(file, 'utf8');
    return { file, shown: shownPath(file), text, lesson: parseLesson(text, { uri: `file://${file}`, fsPath: file, bundled: true }) };
  });
const conceptsText = fs.readFileSync(conceptsFile, 'utf8');

// ---- is a pattern a real field? -----------------------------------------------------------------------

const kinds = fieldDocs.knownKinds();
/** Every model type reachable from a built-in kind. */
const reachableTypes: string[] = (() => {
  const seen = new Set<string>();
  const queue = kinds.map((k) => k.type);
  while (queue.length) {
    const t = queue.pop()!;
    if (seen.has(t)) continue;
    seen.add(t);
    for (const f of fieldDocs.k8sTypeFields(t) ?? []) if (f.refType && !seen.has(f.refType)) queue.push(f.refType);
  }
  return [...seen];
})();

/** How many segments of `segs` (from `i`) the type's fields follow; segs.length when all of them. */
function follow(type: string, segs: readonly string[], i: number, depth = 0): number {
  if (i === segs.length || depth > 40) return i;
  const fields = fieldDocs.k8sTypeFields(type) ?? [];
  let best = i;
  for (const f of fields) {
    if (segs[i] !== '*' && f.name !== segs[i]) continue;
    let reached = i + 1;
    if (reached < segs.length) {
      // A free-form map (labels, resources.limits …): the next segment is a key the user chooses.
      if (f.type === 'map') reached = f.refType && reached + 1 < segs.length ? follow(f.refType, segs, reached + 1, depth + 1) : reached + 1;
      else if (f.refType) reached = follow(f.refType, segs, reached, depth + 1);
    }
    best = Math.max(best, reached);
    if (best === segs.length) return best;
  }
  return best;
}

/** Why the pattern names no real field, or undefined when it does. */
function patternProblem(source: string, pattern: FieldPattern | undefined): string | undefined {
  if (!pattern) return `"${source}" is not a valid field pattern`;
  const segs = pattern.segments;
  if (pattern.compose) {
    if (segs.length === 0) return `"${source}" names no Compose field`;
    for (let n = 1; n <= segs.length; n++) {
      if (!fieldDocs.composeField(segs.slice(0, n))) return `"${source}": ${segs.slice(0, n).join('.')} is not in the Compose specification`;
    }
    return undefined;
  }
  if (pattern.kind !== undefined) {
    const roots = kinds.filter((k) => k.kind === pattern.kind);
    if (roots.length === 0) return `"${source}": ${pattern.kind} is not a built-in Kubernetes kind`;
    const reached = Math.max(...roots.map((k) => follow(k.type, segs, 0)));
    return reached === segs.length ? undefined : `"${source}": ${pattern.kind} has no field ${segs.slice(0, reached + 1).join('.')}`;
  }
  let reached = 0;
  for (const t of reachableTypes) {
    reached = Math.max(reached, follow(t, segs, 0));
    if (reached === segs.length) return undefined;
  }
  return `"${source}": no built-in kind has a field path ending in ${segs.join('.')}${reached > 0 ? ` (${segs.slice(0, reached).join('.')} exists, ${segs[reached]} does not follow)` : ''}`;
}

test('the field-pattern check knows real fields from made-up ones (self-test)', () => {
  const ok = ['securityContext.runAsNonRoot', 'resources.limits.memory', 'Deployment:spec.strategy', 'HorizontalPodAutoscaler:', 'compose:services.*.healthcheck.test', 'metadata.labels'];
  for (const p of ok) assert.equal(patternProblem(p, parseFieldPattern(p)), undefined, p);
  const bad = ['securityContext.runAsNonroot', 'Deployment:spec.serviceName', 'VerticalPodAutoscaler:spec', 'compose:services.*.healthcheck.tests', 'compose:services.*.mem_limits', 'Service:ports'];
  for (const p of bad) assert.ok(patternProblem(p, parseFieldPattern(p)), `${p} should be rejected`);
});

test('every marker pattern in the lessons names a real field', () => {
  const problems: string[] = [];
  let count = 0;
  for (const { shown, text } of lessons) {
    text.split(/\r?\n/).forEach((line, i) => {
      for (const m of line.matchAll(/<!--\s*lesson-aware:\s*([\s\S]*?)-->/g)) {
        const body = m[1].trim();
        if (!/^(fields|rules)\s*=|^bad-example$/.test(body)) problems.push(`${shown}:${i + 1}: unknown marker "${body}" (expected fields=…, rules=… or bad-example)`);
        for (const source of parseDirectiveList(m[1], 'fields')) {
          count++;
          const problem = patternProblem(source, parseFieldPattern(source));
          if (problem) problems.push(`${shown}:${i + 1}: marker ${problem}`);
        }
      }
    });
  }
  assert.ok(count > 0, 'no marker patterns found');
  report('marker patterns that name no real field', problems);
});

test('every rules= marker names a registered rule', () => {
  const ids = new Set(allRules.map((r) => r.meta.id));
  const problems: string[] = [];
  for (const { shown, lesson } of lessons) {
    for (const s of lesson.sections) for (const id of s.ruleMarkers) if (!ids.has(id)) problems.push(`${shown}:${s.line + 1}: section "${s.title}" names unknown rule ${id}`);
  }
  report('rules= markers naming unknown rules', problems);
});

test('every rule id a lesson names in its text is a registered rule', () => {
  const ids = new Set(allRules.map((r) => r.meta.id));
  const problems: string[] = [];
  for (const { shown, text } of lessons) {
    text.split(/\r?\n/).forEach((line, i) => {
      for (const m of line.matchAll(/`((?:k8s|compose|schema|x)-[a-z0-9]+(?:-[a-z0-9]+)+)`/g)) {
        if (ids.has(m[1])) continue;
        const near = [...ids].filter((id) => id.endsWith(m[1].replace(/^(k8s|compose|x)-/, '')) || m[1].endsWith(id.replace(/^(k8s|compose|x)-/, '')));
        problems.push(`${shown}:${i + 1}: names rule ${m[1]}, which is not registered${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}`);
      }
    });
  }
  report('unknown rule ids in lesson text', problems);
});

// ---- concepts.yaml --------------------------------------------------------------------------------------

interface RawConcept {
  id: string;
  line: number;
  ko: string[];
  en: string[];
  patterns: { source: string; compose: boolean; line: number }[];
}

function rawConcepts(): RawConcept[] {
  const lc = new LineCounter();
  const doc = parseDocument(conceptsText, { lineCounter: lc });
  const list = doc.get('concepts', true);
  if (!isSeq(list)) return [];
  const lineOf = (node: unknown) => lc.linePos((node as { range?: [number] }).range?.[0] ?? 0).line;
  return list.items.filter(isMap).map((item) => {
    const strs = (key: string) => {
      const v = item.get(key, true);
      if (isSeq(v)) {
        return v.items.map((s) =>
          // In a flow list `[Job:, CronJob:]` an unquoted `Job:` is a mapping, not the string "Job:".
          isScalar(s) ? { value: String(s.value), line: lineOf(s) } : { value: `<not a string: ${String(s)}; quote it>`, line: lineOf(s) },
        );
      }
      if (isScalar(v) && v.value !== null && v.value !== '') return [{ value: String(v.value), line: lineOf(v) }];
      return [];
    };
    return {
      id: String(item.get('id') ?? '?'),
      line: lineOf(item),
      ko: strs('ko').map((s) => s.value),
      en: strs('en').map((s) => s.value),
      patterns: [...strs('k8s').map((s) => ({ source: s.value, compose: false, line: s.line })), ...strs('compose').map((s) => ({ source: s.value, compose: true, line: s.line }))],
    };
  });
}

const concepts = rawConcepts();
const shownConcepts = shownPath(conceptsFile);

test('concepts.yaml loads without problems and has at least 45 concepts, each with ko and en terms and patterns', () => {
  const problems = parseConcepts(conceptsText).problems.map((p) => `${shownConcepts}: ${p}`);
  const ids = new Map<string, number>();
  for (const c of concepts) {
    const where = `${shownConcepts}:${c.line}: concept ${c.id}`;
    if (ids.has(c.id)) problems.push(`${where}: id also used at line ${ids.get(c.id)}`);
    ids.set(c.id, c.line);
    if (c.ko.length === 0) problems.push(`${where}: no Korean term (ko)`);
    if (c.en.length === 0) problems.push(`${where}: no English term (en)`);
    if (c.patterns.length === 0) problems.push(`${where}: no k8s or compose field pattern`);
    for (const t of c.ko) if (!/[\uac00-\ud7a3]/.test(t)) problems.push(`${where}: ko term "${t}" has no Hangul`);
    for (const t of [...c.ko, ...c.en]) if (t.trim().length < 2) problems.push(`${where}: term "${t}" is too short to be searched`);
  }
  if (concepts.length < 45) problems.push(`${shownConcepts}: only ${concepts.length} concepts (at least 45 expected)`);
  report('concepts.yaml problems', problems);
});

test('every concept pattern names a real field', () => {
  const problems: string[] = [];
  for (const c of concepts) {
    for (const p of c.patterns) {
      const source = p.compose && !p.source.startsWith('compose:') ? `compose:${p.source}` : p.source;
      if (p.source.startsWith('<not a string')) {
        problems.push(`${shownConcepts}:${p.line}: concept ${c.id}: list item ${p.source} (the loader silently drops it)`);
        continue;
      }
      const parsed = parseFieldPattern(source);
      const problem = !p.compose && parsed?.compose ? `"${p.source}" is a Compose pattern in the k8s list` : patternProblem(p.source, parsed);
      if (problem) problems.push(`${shownConcepts}:${p.line}: concept ${c.id}: ${problem}`);
    }
  }
  report('concept patterns that name no real field', problems);
});

test('every Korean concept term occurs in the course seeds or lessons', () => {
  const texts: string[] = lessons.map((l) => l.text.toLowerCase());
  if (fs.existsSync(seedsDir)) for (const f of fs.readdirSync(seedsDir)) if (f.endsWith('.txt') || f.endsWith('.md')) texts.push(fs.readFileSync(path.join(seedsDir, f), 'utf8').toLowerCase());
  const problems: string[] = [];
  for (const c of concepts) {
    for (const term of c.ko) if (!texts.some((t) => t.includes(term.toLowerCase()))) problems.push(`${shownConcepts}:${c.line}: concept ${c.id}: "${term}" occurs in no seed and no lesson`);
  }
  report(`Korean terms the course never writes (seeds: ${fs.existsSync(seedsDir) ? seedsDir : 'not found'})`, problems);
});

test('every concept is named in at least one lesson section (else it never links anything)', () => {
  const bodies = lessons.flatMap((l) => l.lesson.sections.map((s) => `${s.plainTitle}\n${s.prose}\n${s.diagramText}`.toLowerCase()));
  const problems: string[] = [];
  for (const c of parseConcepts(conceptsText).concepts) {
    if (!c.terms.some((t) => bodies.some((b) => b.includes(t.toLowerCase())))) {
      const raw = concepts.find((r) => r.id === c.id);
      problems.push(`${shownConcepts}:${raw?.line ?? 1}: concept ${c.id}: none of ${c.terms.map((t) => `"${t}"`).join(', ')} occurs in a lesson`);
    }
  }
  report('concepts no lesson names', problems);
});

// ---- rules → lessons --------------------------------------------------------------------------------------

test('every registered rule links to an existing lesson section that explains its field', () => {
  const corpus = buildLinkCorpus(
    lessons.map((l) => l.lesson),
    parseConcepts(conceptsText).concepts,
    fieldDocs,
  );
  const byUri = new Map(lessons.map((l) => [l.lesson.uri, l]));
  const problems: string[] = [];
  const table: string[] = [];
  for (const rule of allRules) {
    const { id, lessonField, flavor } = rule.meta;
    const source = flavor === 'compose' && !lessonField.startsWith('compose:') ? `compose:${lessonField}` : lessonField;
    const fieldProblem = patternProblem(lessonField, parseFieldPattern(source));
    if (fieldProblem) problems.push(`rule ${id}: lessonField ${fieldProblem}`);
    const link = lessonForRule(corpus, rule.meta);
    if (!link) {
      problems.push(`rule ${id}: no lesson section for ${source} (add a field note with <!-- lesson-aware: fields=${source} --> or rules=${id})`);
      continue;
    }
    const l = byUri.get(link.lessonUri);
    const section = l?.lesson.sections.find((s) => s.slug === link.sectionSlug);
    if (!l || !section || section.line !== link.line) {
      problems.push(`rule ${id}: links to ${link.lessonUri}#${link.sectionSlug}, which is not a section of a lesson`);
      continue;
    }
    table.push(`${id.padEnd(48)} → ${l.shown}:${section.line + 1} › ${section.title} (${link.reasons.join(', ')})`);
    if (!link.reasons.includes('marker')) {
      problems.push(`rule ${id}: best section ${l.shown}:${section.line + 1} "${section.title}" is linked only by ${link.reasons.join(', ')}: no field note marks ${source}`);
    }
  }
  if (process.env.LESSON_AWARE_VERBOSE) console.log(`rule → lesson:\n  ${table.join('\n  ')}`);
  report(`rules without a lesson section (${allRules.length} rules)`, problems);
});
