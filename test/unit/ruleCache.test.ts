/**
 * The rule result cache: for random sequences of edits to an open file, edits to another workspace file,
 * severity changes and the first workspace scan finishing, a cached run reports exactly what an uncached
 * run of the same text reports; quick fixes rebuilt on demand equal the fixes of an uncached run; and an
 * edit re-runs rules only on the documents it can affect.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { updateManifest } from '../../server/src/model/incrementalParse';
import { ManifestModel, parseManifest } from '../../server/src/model/manifestModel';
import { LineIndex } from '../../server/src/model/positions';
import { EngineOptions, fixesFor, RuleFinding, runRules } from '../../server/src/rules/engine';
import { allRules } from '../../server/src/rules/registry';
import { RuleResultCache } from '../../server/src/rules/resultCache';
import type { Rule } from '../../server/src/rules/types';
import type { RuleSeveritySetting } from '../../server/src/settings';
import { WorkspaceIndex } from '../../server/src/workspace/workspaceIndex';
import { crossFile, relationEdit } from '../helpers/crossManifests';
import { bundledLessonCorpus, fieldDocs } from '../helpers/ruleHarness';
import { toDiagnostics } from '../../server/src/features/diagnostics';
import { applyEdit, Rng } from '../helpers/yamlEdits';

const openUri = 'file:///w/app.yaml';
const corpus = bundledLessonCorpus();
const otherUri = 'file:///w/other.yaml';

/** What a user sees of findings: ids, ranges, severities, messages, and related locations as positions. */
function summary(findings: readonly RuleFinding[]): unknown[] {
  const at = (text: string, offset: number) => new LineIndex(text).positionAt(offset);
  return findings.map((f) => [f.ruleId, f.start, f.end, f.severity, f.args, f.lessonPath, f.related?.map((r) => [r.uri, at(r.text, r.start), at(r.text, r.end)])]);
}

const severityChoices: RuleSeveritySetting[] = ['off', 'error', 'hint'];

test('random edits, workspace changes and severity changes: cached runs equal uncached runs', () => {
  for (let seed = 1; seed <= 40; seed++) {
    const r = new Rng(seed * 7919);
    const index = new WorkspaceIndex();
    // The other file is on disk (re-read whole) for even seeds, open and edited incrementally for odd ones.
    const otherOpen = seed % 2 === 1;
    let other = crossFile(r, 6, 100);
    let otherModel = parseManifest(otherUri, 1, other);
    if (otherOpen) index.setOpenDocument(otherModel);
    else index.setFileText(otherUri, other);
    let text = crossFile(r, 8);
    let model: ManifestModel = parseManifest(openUri, 1, text);
    index.setOpenDocument(model);
    const cache = new RuleResultCache();
    let severities: Record<string, RuleSeveritySetting> = {};
    const options = (): EngineOptions => ({ rules: allRules, fieldDocs, workspace: index, severities, onRuleError: (id, e) => assert.fail(`${id}: ${(e as Error).stack}`) });
    for (let step = 0; step < 30; step++) {
      const action = r.int(0, 9);
      let what: string;
      if (action <= 5) {
        const edit = relationEdit(r, text);
        text = applyEdit(text, edit);
        model = updateManifest(model, step + 2, text);
        index.setOpenDocument(model);
        what = `edit ${JSON.stringify(edit)}`;
      } else if (action === 6) {
        other = applyEdit(other, relationEdit(r, other));
        if (otherOpen) {
          otherModel = updateManifest(otherModel, step + 2, other);
          index.setOpenDocument(otherModel);
        } else index.setFileText(otherUri, other);
        what = 'other file edited';
      } else if (action === 7) {
        const id = r.pick(allRules).meta.id;
        severities = { ...severities, [id]: r.pick(severityChoices) };
        what = `severity ${id}`;
      } else if (action === 8) {
        severities = {};
        what = 'severities reset';
      } else {
        index.markComplete();
        what = 'workspace scan complete';
      }
      const cached = runRules(model, { ...options(), cache });
      const fullModel = parseManifest(openUri, step + 2, text);
      const full = runRules(fullModel, options());
      assert.deepEqual(summary(cached), summary(full), `seed ${seed} step ${step} (${what})\n${text}`);
      // The LSP diagnostics too (memoised per finding the cache emits again).
      const lang = step % 7 === 3 ? 'ko' : 'en';
      assert.deepEqual(
        toDiagnostics(model, cached, { corpus, fieldDocs, lang }).map((l) => l.diagnostic),
        toDiagnostics(fullModel, full, { corpus, fieldDocs, lang }).map((l) => l.diagnostic),
        `diagnostics, seed ${seed} step ${step} (${what})`,
      );
      for (const f of full.filter((x) => x.fixes?.length).slice(0, 3)) {
        assert.deepEqual(fixesFor(model, f, options()), f.fixes, `fixes of ${f.ruleId} at ${f.start} (seed ${seed} step ${step})`);
      }
    }
  }
});

/** The rules, each counting the documents it checked. */
function countingRules(counts: Map<number, number>): Rule[] {
  return allRules.map((rule) => ({
    meta: rule.meta,
    check(ctx) {
      counts.set(ctx.doc.index, (counts.get(ctx.doc.index) ?? 0) + 1);
      rule.check(ctx);
    },
  }));
}

test('an edit re-runs rules only on the edited document and on the documents that read its kind', () => {
  const docs = [
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n',
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n      targetPort: http\n',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          ports: [{name: http, containerPort: 80}]\n',
    'apiVersion: v1\nkind: Secret\nmetadata:\n  name: token\nstringData:\n  t: x\n',
  ];
  let text = docs.join('---\n');
  const counts = new Map<number, number>();
  const rules = countingRules(counts);
  const index = WorkspaceIndex.fromTexts({});
  const cache = new RuleResultCache();
  let model = parseManifest(openUri, 1, text);
  index.setOpenDocument(model);
  runRules(model, { rules, fieldDocs, workspace: index, cache });
  assert.deepEqual([...counts.keys()].sort(), [0, 1, 2, 3], 'the first run checks every document');

  // The ConfigMap's data: nothing reads ConfigMaps here but the ConfigMap's own rules.
  counts.clear();
  const at = text.indexOf('fast');
  text = `${text.slice(0, at)}slow-${text.slice(at)}`;
  model = updateManifest(model, 2, text);
  index.setOpenDocument(model);
  const cached = runRules(model, { rules, fieldDocs, workspace: index, cache });
  assert.deepEqual([...counts.keys()], [0], 'only the edited document is checked again');
  assert.deepEqual(summary(cached), summary(runRules(parseManifest(openUri, 2, text), { rules: allRules, fieldDocs, workspace: index })));

  // The Deployment's labels: the Service selects pods by label, so its rules that read workloads run again.
  counts.clear();
  const label = text.indexOf('labels: {app: web}') + 'labels: {app: '.length;
  text = `${text.slice(0, label)}shop${text.slice(label + 3)}`;
  model = updateManifest(model, 3, text);
  index.setOpenDocument(model);
  const after = runRules(model, { rules, fieldDocs, workspace: index, cache });
  assert.ok(counts.has(2) && counts.has(1), 'the Deployment and the Service that selects it');
  assert.ok(!counts.has(0) && !counts.has(3), 'the ConfigMap and the Secret are not checked again');
  assert.ok((counts.get(1) ?? 0) < allRules.filter((x) => x.meta.flavor === 'kubernetes').length, 'only the Service rules that read workloads');
  assert.ok(after.some((f) => f.ruleId === 'x-service-selector-no-match'), 'the selector now matches nothing');
  assert.deepEqual(summary(after), summary(runRules(parseManifest(openUri, 3, text), { rules: allRules, fieldDocs, workspace: index })));
});

test('severity settings never re-run rules; a rule turned back on reuses what is still valid', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostPID: true\n  containers:\n    - name: c\n      image: nginx:latest\n';
  const counts = new Map<number, number>();
  const rules = countingRules(counts);
  const cache = new RuleResultCache();
  const model = parseManifest(openUri, 1, text);
  const first = runRules(model, { rules, fieldDocs, cache });
  const id = first[0].ruleId;
  counts.clear();
  const off = runRules(model, { rules, fieldDocs, cache, severities: { [id]: 'off' } });
  assert.ok(!off.some((f) => f.ruleId === id));
  const hint = runRules(model, { rules, fieldDocs, cache, severities: { [id]: 'hint' } });
  assert.equal(hint.find((f) => f.ruleId === id)?.severity, 'hint');
  assert.equal(counts.size, 0, 'no rule ran again');
});

test('a finding of a cached run carries no fixes; fixesFor rebuilds them on the current text', () => {
  const docs = ['apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n'];
  let text = docs.join('---\n');
  const cache = new RuleResultCache();
  let model = parseManifest(openUri, 1, text);
  runRules(model, { rules: allRules, fieldDocs, cache });
  text = `# a comment that moves every offset\n${text}`;
  model = updateManifest(model, 2, text);
  const cached = runRules(model, { rules: allRules, fieldDocs, cache });
  const full = runRules(parseManifest(openUri, 2, text), { rules: allRules, fieldDocs });
  const reused = cached.find((f) => f.ruleId === 'k8s-run-as-non-root');
  assert.ok(reused, 'the Pod finding is reused (moved)');
  assert.equal(reused.fixes, undefined);
  const expected = full.find((f) => f.ruleId === 'k8s-run-as-non-root')!.fixes;
  assert.ok(expected?.length);
  assert.deepEqual(fixesFor(model, reused, { rules: allRules, fieldDocs }), expected);
});

test('a resource that moves in another open file re-runs the checks that point at it', () => {
  const index = new WorkspaceIndex();
  index.markComplete();
  let other = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  k: v\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  minReplicas: 2\n  maxReplicas: 4\n';
  let otherModel = parseManifest(otherUri, 1, other);
  index.setOpenDocument(otherModel);
  const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n';
  const model = parseManifest(openUri, 1, deployment);
  index.setOpenDocument(model);
  const cache = new RuleResultCache();
  const relatedOf = (list: RuleFinding[]) => list.find((f) => f.ruleId === 'x-hpa-target-has-replicas')?.related?.[0];
  const first = runRules(model, { rules: allRules, fieldDocs, workspace: index, cache });
  assert.equal(relatedOf(first)?.uri, otherUri, 'the finding points at the HPA in the other file');
  other = other.replace('k: v', 'k: a much longer value');
  otherModel = updateManifest(otherModel, 2, other);
  index.setOpenDocument(otherModel);
  const cached = runRules(model, { rules: allRules, fieldDocs, workspace: index, cache });
  const full = runRules(parseManifest(openUri, 1, deployment), { rules: allRules, fieldDocs, workspace: index });
  assert.deepEqual(summary(cached), summary(full));
  const before = relatedOf(first)!;
  const after = relatedOf(cached)!;
  assert.ok(after.start > before.start, 'moved with the HPA');
  assert.equal(other.slice(after.start, after.end), before.text.slice(before.start, before.end), 'the same node of the HPA');
});

test('a finding that points at a later document of its file follows that document when an edit moves it', () => {
  const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n';
  const config = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  k: v\n';
  const hpa = 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  minReplicas: 2\n  maxReplicas: 4\n';
  let text = [deployment, config, hpa].join('---\n');
  const index = WorkspaceIndex.fromTexts({});
  const cache = new RuleResultCache();
  let model = parseManifest(openUri, 1, text);
  index.setOpenDocument(model);
  const first = runRules(model, { rules: allRules, fieldDocs, workspace: index, cache });
  assert.equal(first.find((f) => f.ruleId === 'x-hpa-target-has-replicas')?.related?.[0].uri, openUri, 'the Deployment finding points at the HPA below it');
  text = text.replace('k: v', 'k: v\n  k2: a line more');
  model = updateManifest(model, 2, text);
  index.setOpenDocument(model);
  const cached = runRules(model, { rules: allRules, fieldDocs, workspace: index, cache });
  assert.deepEqual(summary(cached), summary(runRules(parseManifest(openUri, 2, text), { rules: allRules, fieldDocs, workspace: index })));
});
