/**
 * Per-service results of Compose rules (server/src/rules/compose/serviceResults.ts): over random edit sequences
 * (typing in a service, risky settings added to a service or to a shared anchor, services renamed, random
 * edits), the rules with kept per-service results report exactly what a check of a fresh parse reports, quick
 * fixes of reused findings equal fresh ones, and a typing edit inside one service re-checks that service only.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { updateManifest } from '../../server/src/model/incrementalParse';
import { ManifestModel, parseManifest } from '../../server/src/model/manifestModel';
import { servicesOf } from '../../server/src/rules/compose/composeModel';
import { composeRules } from '../../server/src/rules/compose/index';
import { perService } from '../../server/src/rules/compose/serviceResults';
import { RuleFinding, runRules } from '../../server/src/rules/engine';
import type { Rule } from '../../server/src/rules/types';
import { fieldDocs } from '../helpers/ruleHarness';
import { applyEdit, randomCompose, randomEdit, Rng, TextEdit } from '../helpers/yamlEdits';

const uri = 'file:///w/compose.yaml';
const risky = ['    privileged: true', '    pid: host', '    network_mode: host', '    image: nginx:latest', '    read_only: true', '    security_opt: ["no-new-privileges:true"]', '    ports: ["8080:80"]', '    environment:\n      DB_PASSWORD: hunter2', '    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock', '    deploy: {resources: {limits: {cpus: "1", memory: 1G}}}'];

function summary(findings: readonly RuleFinding[]): unknown[] {
  return findings.map((f) => [f.ruleId, f.start, f.end, f.args, f.lessonPath]);
}

/** An edit a user makes: typing in a value, a line added to a service or to the shared anchor, a rename, or any edit. */
function userEdit(r: Rng, text: string): TextEdit {
  const kind = r.int(0, 5);
  const serviceKeys = [...text.matchAll(/^ {2}(svc-\d+):/gm)];
  if (kind === 0) {
    const values = [...text.matchAll(/: (\S+)$/gm)];
    const m = values.length ? r.pick(values) : undefined;
    if (m) {
      const at = (m.index ?? 0) + 2 + r.int(0, m[1].length - 1);
      return { start: at, end: at + 1, text: r.pick(['x', '1', 'e', ':']) };
    }
  }
  if (kind === 1 && serviceKeys.length) {
    const m = r.pick(serviceKeys);
    const at = (m.index ?? 0) + m[0].length + 1;
    return { start: at, end: at, text: `${r.pick(risky)}\n` };
  }
  if (kind === 2) {
    const at = text.indexOf('  restart: unless-stopped');
    if (at >= 0) return { start: at, end: at, text: `${r.pick(['  privileged: true', '  read_only: true', '  pid: host', '  security_opt: [no-new-privileges:true]'])}\n` };
  }
  if (kind === 3 && serviceKeys.length) {
    const m = r.pick(serviceKeys);
    const at = (m.index ?? 0) + m[0].length - 1;
    return { start: at, end: at, text: r.pick(['a', '-b', '0']) };
  }
  return randomEdit(r, text);
}

test('random edits: rules with per-service results report what a check of a fresh parse reports, fixes included', () => {
  for (let seed = 1; seed <= 30; seed++) {
    const r = new Rng(seed * 104729);
    let text = randomCompose(r);
    let model: ManifestModel = parseManifest(uri, 1, text);
    for (let step = 0; step < 20; step++) {
      const edit = userEdit(r, text);
      text = applyEdit(text, edit);
      model = updateManifest(model, step + 2, text);
      const kept = runRules(model, { rules: composeRules, fieldDocs });
      const fresh = runRules(parseManifest(uri, step + 2, text), { rules: composeRules, fieldDocs });
      const where = `seed ${seed} step ${step} edit ${JSON.stringify(edit)}\n${text}`;
      assert.deepEqual(summary(kept), summary(fresh), where);
      for (let i = 0; i < kept.length; i += 3) {
        const fixes = (f: RuleFinding) => (f.fixes ?? []).map((x) => [x.title.en, x.edits]);
        assert.deepEqual(fixes(kept[i]), fixes(fresh[i]), `fixes of ${kept[i].ruleId}: ${where}`);
      }
    }
  }
});

test('typing inside one service re-checks that service only; an edit of a shared anchor re-checks every service', () => {
  const asked: string[][] = [];
  const counting: Rule = perService({
    meta: { ...composeRules[1].meta, id: 'test-counting' },
    check(ctx) {
      asked.push(servicesOf(ctx).map((s) => s.name));
    },
  });
  const services = Array.from({ length: 8 }, (_, i) => `  svc-${i}:\n    <<: *common\n    image: nginx:1.${i}\n`).join('');
  let text = `x-common: &common\n  restart: always\nservices:\n${services}`;
  let model = parseManifest(uri, 1, text);
  runRules(model, { rules: [counting], fieldDocs });
  assert.equal(asked.pop()?.length, 8);
  const at = text.indexOf('nginx:1.5') + 'nginx:1.'.length;
  text = `${text.slice(0, at)}7${text.slice(at + 1)}`;
  model = updateManifest(model, 2, text);
  runRules(model, { rules: [counting], fieldDocs });
  assert.deepEqual(asked.pop(), ['svc-5']);
  const anchor = text.indexOf('always');
  text = `${text.slice(0, anchor)}no${text.slice(anchor + 'always'.length)}`;
  model = updateManifest(model, 3, text);
  runRules(model, { rules: [counting], fieldDocs });
  assert.equal(asked.pop()?.length, 8);
});
