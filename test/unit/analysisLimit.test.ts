/**
 * Files over an analysis limit (size, or flow items and aliases) are not parsed: the model has no documents,
 * the rules report one information diagnostic saying which limit and by how much, the workspace index skips
 * them; back under the limit the file is analysed again.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { analysisLimit, MAX_ANALYSED_BYTES, MAX_FLOW_MARKS } from '../../server/src/model/analysisLimit';
import { DocumentModelCache } from '../../server/src/model/documentCache';
import { runRules } from '../../server/src/rules/engine';
import { MAX_DIAGNOSTICS } from '../../server/src/rules/notAnalysed';
import { allRules } from '../../server/src/rules/registry';
import { WorkspaceIndex } from '../../server/src/workspace/workspaceIndex';
import { toDiagnostics } from '../../server/src/features/diagnostics';
import { bundledLessonCorpus, fieldDocs } from '../helpers/ruleHarness';

const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostPID: true\n  containers:\n    - name: c\n      image: nginx:1.27\n';

test('the limits: bytes (UTF-8), and flow separators, brackets and alias marks counted in one pass', () => {
  assert.equal(analysisLimit(pod), undefined);
  const big = `${pod}---\n${'# padding line\n'.repeat(Math.ceil(MAX_ANALYSED_BYTES / 15))}`;
  assert.equal(analysisLimit(big)?.reason, 'size');
  assert.ok(analysisLimit(big)!.measured > MAX_ANALYSED_BYTES);
  const hangul = '가'.repeat(Math.ceil(MAX_ANALYSED_BYTES / 3) + 10);
  assert.equal(analysisLimit(hangul)?.reason, 'size', 'Hangul takes three bytes in UTF-8');
  const flow = `list: [${Array.from({ length: MAX_FLOW_MARKS + 1 }, (_, i) => i).join(',')}]\n`;
  assert.deepEqual(analysisLimit(flow), { reason: 'structure', measured: MAX_FLOW_MARKS + 1, limit: MAX_FLOW_MARKS });
  assert.equal(analysisLimit(`list: [${Array.from({ length: 1000 }, (_, i) => i).join(',')}]\n`), undefined);
});

test('an open file over the limit is not parsed and gets one information diagnostic; under it, rules run again', () => {
  const cache = new DocumentModelCache();
  const uri = 'file:///w/huge.yaml';
  const flow = `${pod}---\nlist: [${Array.from({ length: MAX_FLOW_MARKS + 5 }, (_, i) => i).join(',')}]\n`;
  const limited = cache.get({ uri, version: 1, getText: () => flow });
  assert.deepEqual(limited.docs, []);
  assert.equal(limited.limited?.reason, 'structure');
  const findings = runRules(limited, { rules: allRules, fieldDocs });
  assert.deepEqual(findings.map((f) => [f.ruleId, f.severity, f.start, f.end]), [['file-not-analysed', 'information', 0, 0]]);
  assert.deepEqual(findings[0].args, ['30,005', '30,000']);
  assert.deepEqual(runRules(limited, { rules: allRules, fieldDocs, severities: { 'file-not-analysed': 'off' } }), [], 'the id can be turned off');
  const [diagnostic] = toDiagnostics(limited, findings, { corpus: bundledLessonCorpus(), fieldDocs, lang: 'ko' }).map((l) => l.diagnostic);
  assert.deepEqual(diagnostic.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  // The Korean message says what was counted in Korean (no English inside it).
  assert.match(String(diagnostic.message), /플로 컬렉션 구분자와 별칭 표시 30,005개, 한도 30,000개 초과/);
  assert.doesNotMatch(String(diagnostic.message), /separators|alias marks/);
  const [english] = toDiagnostics(limited, findings, { corpus: bundledLessonCorpus(), fieldDocs, lang: 'en' }).map((l) => l.diagnostic);
  assert.match(String(english.message), /30,005 flow-collection separators and alias marks, over its limit of 30,000/);

  const back = cache.get({ uri, version: 2, getText: () => pod });
  assert.equal(back.limited, undefined);
  assert.ok(runRules(back, { rules: allRules, fieldDocs }).some((f) => f.ruleId === 'k8s-host-namespace'), 'analysed again');
});

test('the workspace index does not parse files over the limit', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'limit-'));
  try {
    fs.writeFileSync(path.join(dir, 'small.yaml'), pod);
    fs.writeFileSync(path.join(dir, 'flow.yaml'), `${pod}---\nlist: [${'1,'.repeat(MAX_FLOW_MARKS + 1)}1]\n`);
    const index = new WorkspaceIndex();
    await index.scan([dir]);
    assert.deepEqual(index.all().map((r) => path.basename(new URL(r.uri).pathname)), ['small.yaml']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('at most MAX_DIAGNOSTICS diagnostics per file, the first by position, and a note of how many were left out', () => {
  const containers = Array.from({ length: 400 }, (_, i) => `    - name: c${i}\n      image: nginx:latest\n      securityContext: {privileged: true}\n`).join('');
  const model = new DocumentModelCache().get({ uri: 'file:///w/many.yaml', version: 1, getText: () => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n${containers}` });
  const findings = runRules(model, { rules: allRules, fieldDocs });
  assert.ok(findings.length > MAX_DIAGNOSTICS, `${findings.length} findings`);
  const published = toDiagnostics(model, findings, { corpus: bundledLessonCorpus(), fieldDocs, lang: 'en' });
  assert.equal(published.length, MAX_DIAGNOSTICS + 1);
  assert.equal(published[0].diagnostic.code, 'file-findings-capped');
  assert.match(String(published[0].diagnostic.message), new RegExp(`^${(findings.length - MAX_DIAGNOSTICS).toLocaleString('en')} more findings`));
  assert.deepEqual(published.slice(1).map((l) => l.finding), findings.slice(0, MAX_DIAGNOSTICS));
});
