/**
 * The fix-safety corpus covers every rule and every fix: each rule of the registry is in the fix catalog
 * (test/helpers/fixCatalog.ts) and fires on the corpus; each fix the catalog lists is produced by the corpus
 * (and so checked by fixSafety.test.ts); each fix the corpus produces is listed. A rule that gains a fix, or a
 * fix nobody exercises, fails here.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allRules } from '../../server/src/rules/registry';
import { fixCatalog } from '../helpers/fixCatalog';
import { analyse, corpusFiles } from '../helpers/fixSafety';

const observed = new Map<string, { fired: number; fixes: Set<string> }>();
for (const file of corpusFiles()) {
  for (const f of analyse(file.uri, file.text).findings) {
    const entry = observed.get(f.ruleId) ?? { fired: 0, fixes: new Set<string>() };
    entry.fired++;
    for (const fix of f.fixes ?? []) entry.fixes.add(fix.title.en);
    observed.set(f.ruleId, entry);
  }
}

test('fix catalog: lists exactly the rules of the registry', () => {
  const ids = allRules.map((r) => r.meta.id).sort();
  assert.deepEqual(Object.keys(fixCatalog).sort(), ids);
});

test('fix corpus: every rule fires at least once', () => {
  const silent = allRules.map((r) => r.meta.id).filter((id) => !observed.get(id)?.fired);
  assert.deepEqual(silent, [], 'add a corpus case under test/fixtures/fix-safety/ that makes these rules fire');
});

test('fix corpus: every fix of the catalog is exercised, every exercised fix is in the catalog', () => {
  const missing: string[] = [];
  const unlisted: string[] = [];
  for (const [id, entry] of Object.entries(fixCatalog)) {
    const titles = [...(observed.get(id)?.fixes ?? [])];
    if ('none' in entry) {
      for (const title of titles) unlisted.push(`${id}: "${title}" (catalog says none: ${entry.none})`);
      continue;
    }
    for (const pattern of entry.fixes) if (!titles.some((t) => pattern.test(t))) missing.push(`${id}: ${pattern}`);
    for (const title of titles) if (!entry.fixes.some((p) => p.test(title))) unlisted.push(`${id}: "${title}"`);
  }
  assert.deepEqual(missing, [], 'fixes no corpus case produces: add a case to test/fixtures/fix-safety/');
  assert.deepEqual(unlisted, [], 'fixes the catalog does not list: add them to test/helpers/fixCatalog.ts');
});
