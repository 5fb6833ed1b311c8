import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseConcepts } from '../../../server/src/lessons/concepts';
import { buildLinkCorpus } from '../../../server/src/lessons/linkCorpus';
import { parseLesson } from '../../../server/src/lessons/parseLesson';
import { k8sRules } from '../../../server/src/rules/k8s/index';
import { lessonForRule } from '../../../server/src/rules/ruleLessons';
import { fieldDocs } from '../../helpers/ruleHarness';
import { repoRoot } from '../../helpers/lspClient';

const lessonsDir = path.join(repoRoot, 'lessons');
const lessons = fs
  .readdirSync(lessonsDir)
  .filter((f) => f.endsWith('.md'))
  .map((f) => parseLesson(fs.readFileSync(path.join(lessonsDir, f), 'utf8'), { uri: `file://${path.join(lessonsDir, f)}`, fsPath: path.join(lessonsDir, f), bundled: true }));
const { concepts } = parseConcepts(fs.readFileSync(path.join(lessonsDir, 'concepts.yaml'), 'utf8'));
const corpus = buildLinkCorpus(lessons, concepts, fieldDocs);

test('every Kubernetes rule links to a section of the bundled lessons', () => {
  const missing = k8sRules.filter((r) => !lessonForRule(corpus, r.meta)).map((r) => `${r.meta.id} (${r.meta.lessonField})`);
  assert.deepEqual(missing, []);
});

test('rule metadata: unique kebab-case ids, catalog number in anchors, both languages', () => {
  const ids = new Set<string>();
  for (const r of k8sRules) {
    assert.match(r.meta.id, /^k8s-[a-z0-9-]+$/);
    assert.ok(!ids.has(r.meta.id), `duplicate ${r.meta.id}`);
    ids.add(r.meta.id);
    assert.ok(r.meta.anchors?.some((a) => /^K\d\d$/.test(a)), `${r.meta.id} names no catalog number`);
    for (const text of [r.meta.title, r.meta.message, r.meta.help]) {
      assert.ok(text.en.trim() && text.ko.trim(), `${r.meta.id} lacks a translation`);
      assert.match(text.ko, /[가-힣]/, `${r.meta.id} Korean text has no Hangul`);
    }
  }
  const catalog = new Set(k8sRules.flatMap((r) => r.meta.anchors ?? []).filter((a) => /^K\d\d$/.test(a)));
  for (let n = 1; n <= 27; n++) assert.ok(catalog.has(`K${String(n).padStart(2, '0')}`), `K${n} not covered`);
});
