import assert from 'node:assert/strict';
import { test } from 'node:test';
import { k8sRules } from '../../../server/src/rules/k8s/index';
import { lessonForRule } from '../../../server/src/rules/ruleLessons';
import { bundledLessonCorpus } from '../../helpers/ruleHarness';

const corpus = bundledLessonCorpus();

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
