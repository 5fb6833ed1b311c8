import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { fieldDocs, findings } from '../../helpers/ruleHarness';
import { repoRoot } from '../../helpers/lspClient';
import { parseConcepts } from '../../../server/src/lessons/concepts';
import { buildLinkCorpus } from '../../../server/src/lessons/linkCorpus';
import { parseLesson } from '../../../server/src/lessons/parseLesson';
import { composeRules } from '../../../server/src/rules/compose/index';
import { lessonForRule } from '../../../server/src/rules/ruleLessons';
import { schemaRules } from '../../../server/src/rules/schema/index';

const lessonsDir = path.join(repoRoot, 'lessons');
const files = fs.readdirSync(lessonsDir).filter((f) => f.endsWith('.md'));
const lessons = files.map((f) => ({
  file: f,
  lesson: parseLesson(fs.readFileSync(path.join(lessonsDir, f), 'utf8'), { uri: `file://${path.join(lessonsDir, f)}`, fsPath: path.join(lessonsDir, f), bundled: true }),
}));
const { concepts } = parseConcepts(fs.readFileSync(path.join(lessonsDir, 'concepts.yaml'), 'utf8'));
const corpus = buildLinkCorpus(lessons.map((l) => l.lesson), concepts, fieldDocs);
const family = [...schemaRules, ...composeRules];

test('every schema and Compose rule links to a section of the bundled lessons', () => {
  const missing = family.filter((r) => !lessonForRule(corpus, r.meta)).map((r) => `${r.meta.id} (${r.meta.lessonField})`);
  assert.deepEqual(missing, []);
});

test('rule metadata: ids, flavours, both languages, same placeholders, Compose catalog numbers', () => {
  const ids = new Set<string>();
  for (const r of family) {
    assert.match(r.meta.id, /^(schema|compose)-[a-z0-9-]+$/);
    assert.ok(!ids.has(r.meta.id), `duplicate ${r.meta.id}`);
    ids.add(r.meta.id);
    if (r.meta.id.startsWith('compose-')) {
      assert.equal(r.meta.flavor, 'compose');
      assert.ok(r.meta.anchors?.some((a) => /^C\d\d/.test(a)), `${r.meta.id} names its catalog number`);
    }
    for (const field of ['title', 'message', 'help'] as const) {
      assert.ok(r.meta[field].en.trim() && r.meta[field].ko.trim(), `${r.meta.id} ${field}`);
      const ph = (s: string) => [...s.matchAll(/\{(\d)(?::[^{}]*)?\}/g)].map((m) => `{${m[1]}}`).sort().join(); // {0:이/가} uses argument 0 too
      assert.equal(ph(r.meta[field].ko), ph(r.meta[field].en), `${r.meta.id} ${field} placeholders`);
    }
  }
  for (const n of ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12']) {
    assert.ok(composeRules.some((r) => r.meta.anchors?.includes(`C${n}`)), `C${n} covered`);
  }
});

interface Example {
  where: string;
  content: string;
  bad: boolean;
}

function examples(): Example[] {
  const out: Example[] = [];
  for (const { file, lesson } of lessons) {
    const seen = new Set<number>();
    for (const s of lesson.sections) {
      for (const b of s.codeBlocks) {
        if (seen.has(b.line) || !['yaml', 'yml'].includes(b.lang)) continue;
        seen.add(b.line);
        out.push({ where: `${file}:${b.line + 1}`, content: b.content, bad: b.badExample });
      }
    }
  }
  return out;
}

test('the YAML examples of the lessons (not marked bad-example) pass schema validation', () => {
  const all = examples();
  assert.ok(all.filter((e) => !e.bad).length >= 40, 'the lessons hold many YAML examples');
  const flagged: string[] = [];
  for (const ex of all.filter((e) => !e.bad)) {
    for (const f of findings(ex.content, { uri: 'file:///lesson/example.yaml' })) {
      if (f.ruleId.startsWith('schema-')) flagged.push(`${ex.where} ${f.ruleId} ${f.args?.join(' | ')}`);
    }
  }
  assert.deepEqual(flagged, []);
});

test('bad examples that teach schema mistakes are caught', () => {
  const caught = examples()
    .filter((e) => e.bad)
    .flatMap((e) => findings(e.content, { uri: 'file:///lesson/example.yaml' }).filter((f) => f.ruleId.startsWith('schema-')).map((f) => f.ruleId));
  for (const id of ['schema-unknown-field', 'schema-wrong-type', 'schema-invalid-enum']) assert.ok(caught.includes(id), id);
});
