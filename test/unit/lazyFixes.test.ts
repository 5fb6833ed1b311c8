/**
 * Quick fixes are built lazily: a diagnostics run over the fix-safety corpus calls none of the edit builders
 * (YAML stringify, line scans); reading a finding's `fixes` builds them, once.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as composeEdits from '../../server/src/rules/compose/composeEdits';
import * as edits from '../../server/src/rules/edits';
import { runRules } from '../../server/src/rules/engine';
import * as hardenAll from '../../server/src/rules/k8s/hardenAll';
import * as k8sHelpers from '../../server/src/rules/k8s/k8sHelpers';
import { lazyFixes } from '../../server/src/rules/lazyFixes';
import { allRules } from '../../server/src/rules/registry';
import { parseManifest } from '../../server/src/model/manifestModel';
import { WorkspaceIndex } from '../../server/src/workspace/workspaceIndex';
import { corpusFiles } from '../helpers/fixSafety';
import { fieldDocs } from '../helpers/ruleHarness';

/** Replaces the exported builders by counting wrappers (calls between modules go through the exports). */
function spyOnBuilders(): { calls: Map<string, number>; restore: () => void } {
  const calls = new Map<string, number>();
  const restores: (() => void)[] = [];
  const modules: [string, Record<string, unknown>, string[]][] = [
    ['edits', edits as unknown as Record<string, unknown>, ['insertIntoMap', 'ensureEntries']],
    ['composeEdits', composeEdits as unknown as Record<string, unknown>, ['appendToSeq', 'dependsOnToLongForm']],
    ['k8sHelpers', k8sHelpers as unknown as Record<string, unknown>, ['appendToSeq', 'removeSeqItem', 'removePair']],
    ['hardenAll', hardenAll as unknown as Record<string, unknown>, ['hardenAllFix', 'hardenWorkloadFix', 'dropAllEdit']],
  ];
  for (const [moduleName, mod, names] of modules) {
    for (const name of names) {
      const original = mod[name] as (...args: unknown[]) => unknown;
      assert.equal(typeof original, 'function', `${moduleName}.${name}`);
      mod[name] = (...args: unknown[]) => {
        calls.set(`${moduleName}.${name}`, (calls.get(`${moduleName}.${name}`) ?? 0) + 1);
        return original(...args);
      };
      restores.push(() => (mod[name] = original));
    }
  }
  return { calls, restore: () => restores.forEach((r) => r()) };
}

test('a diagnostics run builds no quick fix; reading fixes builds them', () => {
  const files = corpusFiles().filter((f) => !f.name.includes('CRLF'));
  const workspace = WorkspaceIndex.fromTexts(Object.fromEntries(files.map((f) => [f.uri, f.text])));
  const spy = spyOnBuilders();
  try {
    const results = files.map((f) => runRules(parseManifest(f.uri, 1, f.text), { rules: allRules, fieldDocs, workspace }));
    assert.deepEqual(Object.fromEntries(spy.calls), {}, 'no edit builder ran during diagnostics');
    let withFixes = 0;
    for (const findings of results) for (const f of findings) if (f.fixes?.length) withFixes++;
    assert.ok(withFixes > 50, `the corpus has fixable findings (${withFixes})`);
    assert.ok((spy.calls.get('edits.ensureEntries') ?? 0) > 0, 'reading fixes built them');
  } finally {
    spy.restore();
  }
});

test('lazyFixes builds once, on the first read, and keeps an undefined result', () => {
  let built = 0;
  const finding = lazyFixes({ start: 0, end: 1 }, () => {
    built++;
    return [{ title: { en: 'x', ko: 'x' }, edits: [] }];
  });
  assert.equal(built, 0);
  assert.equal(finding.fixes?.length, 1);
  assert.equal(finding.fixes?.length, 1);
  assert.equal(built, 1);
  const none = lazyFixes({ start: 0, end: 1 }, () => undefined);
  assert.equal(none.fixes, undefined);
});
