import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bundledLessonCorpus } from '../../helpers/ruleHarness';
import { crossRules } from '../../../server/src/rules/cross/index';
import { lessonForRule } from '../../../server/src/rules/ruleLessons';

const corpus = bundledLessonCorpus();

test('every cross-resource rule links to a section of the bundled lessons', () => {
  const missing = crossRules.filter((r) => !lessonForRule(corpus, r.meta)).map((r) => `${r.meta.id} (${r.meta.lessonField})`);
  assert.deepEqual(missing, []);
});

test('cross rule metadata: x- ids, unique, catalog number in anchors, both languages, placeholders used in both', () => {
  const ids = new Set<string>();
  for (const r of crossRules) {
    assert.match(r.meta.id, /^x-[a-z0-9-]+$/);
    assert.ok(!ids.has(r.meta.id), `duplicate ${r.meta.id}`);
    ids.add(r.meta.id);
    assert.ok(r.meta.anchors?.some((a) => /^(X|CX)\d\d/.test(a)), `${r.meta.id} names its catalog number`);
    for (const field of ['title', 'message', 'help'] as const) {
      assert.ok(r.meta[field].en.trim() && r.meta[field].ko.trim(), `${r.meta.id} ${field}`);
      const ph = (s: string) => [...s.matchAll(/\{(\d)(?::[^{}]*)?\}/g)].map((m) => `{${m[1]}}`).sort().join(); // {0:이/가} uses argument 0 too
      assert.equal(ph(r.meta[field].ko), ph(r.meta[field].en), `${r.meta.id} ${field} placeholders`);
    }
  }
});
