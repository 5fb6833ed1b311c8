import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { checkFiles } from '../../server/src/cli/check';
import { expandPaths } from '../../server/src/cli/files';
import { formatJson, formatText } from '../../server/src/cli/formatters';
import { formatSarif } from '../../server/src/cli/sarif';
import { parseConcepts } from '../../server/src/lessons/concepts';
import { buildLinkCorpus } from '../../server/src/lessons/linkCorpus';
import { parseLesson } from '../../server/src/lessons/parseLesson';
import { allRules } from '../../server/src/rules/registry';
import { repoRoot } from '../helpers/lspClient';
import { fieldDocs } from '../helpers/ruleHarness';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'cli');
const lessonsDir = path.join(repoRoot, 'lessons');
const corpus = buildLinkCorpus(
  fs.readdirSync(lessonsDir).filter((f) => f.endsWith('.md')).map((f) => parseLesson(fs.readFileSync(path.join(lessonsDir, f), 'utf8'), { uri: `file://${path.join(lessonsDir, f)}`, bundled: true })),
  parseConcepts(fs.readFileSync(path.join(lessonsDir, 'concepts.yaml'), 'utf8')).concepts,
  fieldDocs,
);
const files = expandPaths(['k8s', 'compose.yaml'], fixtures).files;
const result = checkFiles({ files, cwd: fixtures, rules: allRules, fieldDocs, corpus, severities: {}, lang: 'en' });

test('checkFiles: cross-file findings with related locations relative to the working folder', () => {
  const pss = result.findings.find((f) => f.ruleId === 'x-pss-enforce-violation');
  assert.ok(pss);
  assert.equal(pss.file, 'k8s/app.yaml');
  assert.deepEqual([pss.line, pss.column], [17, 9]);
  assert.equal(pss.related[0].file, 'k8s/namespace.yaml');
  assert.ok(pss.lesson, 'linked to a lesson');
  assert.ok(!result.findings.some((f) => f.file === 'k8s/hardened.yaml' && f.ruleId === 'x-pss-enforce-violation'));
});

test('text and JSON reports: file:line:col, severity, rule id, message, lesson breadcrumb', () => {
  const text = formatText(result, 'en');
  assert.match(text, /^k8s\/app\.yaml:17:9 {2}error {2}x-pss-enforce-violation {2}Deployment\/web: .+ {2}📘 Week \d › Day \d › Session \d › .+$/m);
  assert.match(text, /^ {4}↳ k8s\/namespace\.yaml:6:5 {2}Namespace "shop"/m);
  assert.match(text, /problems \(1 error, \d+ warnings?, \d+ information, \d+ hints?\) in 4 files$/m);
  const json = JSON.parse(formatJson(result)) as { findings: { ruleId: string; lesson: { href: string } | null }[] };
  assert.ok(json.findings.find((f) => f.ruleId === 'x-pss-enforce-violation')?.lesson?.href.includes('#'));
});

test('SARIF 2.1.0: structure GitHub code scanning needs', () => {
  const severities = { 'k8s-run-as-non-root': 'off' } as const;
  const offResult = checkFiles({ files, cwd: fixtures, rules: allRules, fieldDocs, corpus, severities, lang: 'en' });
  const sarif = JSON.parse(formatSarif({ result: offResult, rules: allRules, severities, corpus, lang: 'en', cwd: fixtures, version: '0.1.0' }));
  assert.equal(sarif.version, '2.1.0');
  assert.match(sarif.$schema, /sarif-2\.1\.0/);
  assert.equal(sarif.runs.length, 1);
  const run = sarif.runs[0];
  const driver = run.tool.driver;
  assert.equal(driver.name, 'lesson-aware');
  assert.ok(!driver.rules.some((r: { id: string }) => r.id === 'k8s-run-as-non-root'), 'rules turned off are not listed');
  const levels = new Set(['none', 'note', 'warning', 'error']);
  for (const r of driver.rules) {
    assert.match(r.id, /^[a-z0-9-]+$/);
    assert.match(r.name, /^[A-Za-z0-9]+$/);
    for (const k of ['shortDescription', 'fullDescription', 'help']) assert.ok(typeof r[k].text === 'string' && r[k].text.length > 0, `${r.id} ${k}`);
    assert.ok(levels.has(r.defaultConfiguration.level));
    assert.ok(Array.isArray(r.properties.tags) && r.properties.tags.every((t: unknown) => typeof t === 'string'));
    if (r.id.startsWith('x-')) {
      assert.ok(typeof r.helpUri === 'string' && new URL(r.helpUri).hash.length > 1, `${r.id} helpUri is the lesson link`);
      assert.match(r.help.text, /Lesson: Week/);
    }
  }
  assert.ok(run.results.length > 0);
  for (const res of run.results) {
    assert.equal(driver.rules[res.ruleIndex].id, res.ruleId);
    assert.ok(levels.has(res.level));
    assert.ok(res.message.text.length > 0);
    const loc = res.locations[0].physicalLocation;
    assert.doesNotMatch(loc.artifactLocation.uri, /^(\/|[a-z]+:)/, 'uri is relative');
    assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
    const reg = loc.region;
    assert.ok(reg.startLine >= 1 && reg.startColumn >= 1 && reg.endLine >= reg.startLine);
    if (reg.endLine === reg.startLine) assert.ok(reg.endColumn >= reg.startColumn);
    for (const rel of res.relatedLocations ?? []) {
      assert.equal(typeof rel.id, 'number');
      assert.ok(rel.physicalLocation.region.startLine >= 1);
      assert.ok(rel.message.text.length > 0);
    }
  }
  const pss = run.results.find((r: { ruleId: string }) => r.ruleId === 'x-pss-enforce-violation');
  assert.equal(pss.level, 'error');
  assert.deepEqual(pss.locations[0].physicalLocation.region, { startLine: 17, startColumn: 9, endLine: 17, endColumn: 12 });
  assert.equal(pss.relatedLocations[0].physicalLocation.artifactLocation.uri, 'k8s/namespace.yaml');
  assert.match(run.originalUriBaseIds['%SRCROOT%'].uri, /^file:\/\/.*\/$/);
});
