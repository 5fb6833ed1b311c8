/**
 * Closing a document releases everything the server kept for it (model, sliced parse, rule results, diagnostics
 * with their lazy fixes): after a full collection nothing of it is reachable. And the memory of closed large
 * documents is given back (ReleaseAfterClose runs full collections once the server idles).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiagnosticsScheduler } from '../../server/src/diagnosticsScheduler';
import { toDiagnostics } from '../../server/src/features/diagnostics';
import { DocumentModelCache } from '../../server/src/model/documentCache';
import { fullCollection, ReleaseAfterClose } from '../../server/src/model/releaseAfterClose';
import { nextTurn } from '../../server/src/model/timeSlices';
import { fixesFor, MAX_CACHED_FINDINGS, runRules, runRulesSliced } from '../../server/src/rules/engine';
import { allRules } from '../../server/src/rules/registry';
import { RuleResultCaches } from '../../server/src/rules/resultCache';
import { LessonIndex } from '../../server/src/lessons/lessonIndex';
import { fieldDocs } from '../helpers/ruleHarness';

const pod = (containers: number) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostPID: true\n  containers:\n${Array.from({ length: containers }, (_, i) => `    - name: c${i}\n      image: nginx:latest\n      securityContext:\n        privileged: true\n`).join('')}`;

test('closing a document drops its model, rule results and diagnostics: none of it stays reachable', async () => {
  const gc = fullCollection();
  assert.ok(gc, 'a full collection is available (the server enables it the same way)');
  const models = new DocumentModelCache();
  const caches = new RuleResultCaches();
  const lessons = new LessonIndex({ fieldDocs, warn: () => undefined, log: () => undefined });
  const uri = 'file:///w/closed.yaml';
  let text = pod(150);
  let version = 1;
  const doc = { uri, get version() { return version; }, getText: () => text };
  const scheduler = new DiagnosticsScheduler(
    {
      versionOf: (u) => (u === uri ? version : undefined),
      async computeSliced(u) {
        const model = await models.complete(doc);
        const findings = await runRulesSliced(model, { rules: allRules, fieldDocs, cache: caches.for(u) }, () => false);
        return findings && { version: model.version, linked: toDiagnostics(model, findings, { corpus: lessons.corpus(), fieldDocs, lang: 'en' }) };
      },
      computeNow: () => undefined,
      publish: () => undefined,
    },
    0,
  );
  /** One version checked as the server does; only weak references to what it made leave this function. */
  const check = async (): Promise<WeakRef<object>[]> => {
    scheduler.schedule(doc);
    const model = await models.complete(doc);
    for (let i = 0; i < 10_000 && scheduler.resultFor(uri, version).length === 0; i++) await nextTurn();
    const linked = scheduler.resultFor(uri, version);
    assert.ok(linked.length > 1000, 'diagnostics of the version were kept');
    return [new WeakRef(model), new WeakRef(model.docs[0].doc), new WeakRef(linked[1].finding)];
  };
  const refs: WeakRef<object>[] = [];
  for (; version <= 3; version++) {
    if (version > 1) text = text.replace('hostPID: true', `hostPID: ${version % 2 === 0}`);
    refs.push(...(await check()));
  }
  models.delete(uri);
  caches.delete(uri);
  scheduler.forget(uri);
  for (let round = 0; round < 3; round++) {
    await nextTurn();
    gc();
  }
  await nextTurn();
  assert.deepEqual(refs.map((r) => r.deref() === undefined), refs.map(() => true), 'models, documents and findings of every version collected');
});

test('ReleaseAfterClose: a full collection once closed documents add up and the server idles, then one more', async () => {
  let runs = 0;
  const release = new ReleaseAfterClose(1000, 5, () => () => runs++);
  release.closed(400);
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.equal(runs, 0, 'small documents: nothing to give back');
  release.closed(700);
  release.closed(10);
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.equal(runs, 2);
  assert.equal(release.collections, 2);
  release.dispose();
  assert.equal(typeof fullCollection(), 'function', 'the collector is reachable without --expose-gc');
});

test('fixesFor: a finding of the current model keeps its own fixes, equal to a re-run of its rule', () => {
  const text = pod(3);
  const model = (function parse() {
    const models = new DocumentModelCache();
    return models.get({ uri: 'file:///w/fix.yaml', version: 1, getText: () => text });
  })();
  const findings = runRules(model, { rules: allRules, fieldDocs });
  const withFixes = findings.filter((f) => f.fixes?.length);
  assert.ok(withFixes.length >= 3);
  for (const f of withFixes) {
    const own = fixesFor(model, f, { rules: allRules, fieldDocs });
    const rerun = fixesFor(model, { ruleId: f.ruleId, start: f.start, end: f.end, args: f.args }, { rules: allRules, fieldDocs });
    assert.deepEqual(own, rerun, `${f.ruleId} at ${f.start}`);
  }
});

test('a kept finding does not keep the other findings of its rule alive (its lazy fixes hold the rule context)', async () => {
  const gc = fullCollection();
  assert.ok(gc, 'a full collection is available (the server enables it the same way)');
  const model = new DocumentModelCache().get({ uri: 'file:///w/many.yaml', version: 1, getText: () => pod(50) });
  const run = (): { kept: object; others: WeakRef<object>[] } => {
    const findings = runRules(model, { rules: allRules, fieldDocs }).filter((f) => f.ruleId === 'k8s-privileged-container');
    assert.equal(findings.length, 50);
    return { kept: findings[0], others: findings.slice(1).map((f) => new WeakRef(f)) };
  };
  const { kept, others } = run();
  for (let round = 0; round < 2; round++) {
    await nextTurn();
    gc();
  }
  await nextTurn();
  assert.ok((kept as { fixes?: unknown[] }).fixes?.length, 'the kept finding still builds its fixes');
  assert.equal(others.filter((r) => r.deref() !== undefined).length, 0);
});

test('a document with thousands of findings keeps none in the rule cache; the next run finds them all again', () => {
  const text = pod(MAX_CACHED_FINDINGS / 8);
  const model = new DocumentModelCache().get({ uri: 'file:///w/huge.yaml', version: 1, getText: () => text });
  const caches = new RuleResultCaches();
  const plain = runRules(model, { rules: allRules, fieldDocs }).map((f) => [f.ruleId, f.start, f.end, f.args]);
  assert.ok(plain.length > MAX_CACHED_FINDINGS);
  const first = runRules(model, { rules: allRules, fieldDocs, cache: caches.for(model.uri) });
  assert.equal(caches.for(model.uri).state?.docs.get(model.docs[0].doc)?.results.size, 0, 'nothing kept for the document');
  const second = runRules(model, { rules: allRules, fieldDocs, cache: caches.for(model.uri) });
  assert.deepEqual(first.map((f) => [f.ruleId, f.start, f.end, f.args]), plain);
  assert.deepEqual(second.map((f) => [f.ruleId, f.start, f.end, f.args]), plain);
});
