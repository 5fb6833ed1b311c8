/**
 * The CLI as users run it (`node dist/cli.js`): the YAML examples of the Week 2 › Day 3 › Session 8 seed,
 * report formats, severity overrides and exit codes.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { repoRoot } from '../helpers/lspClient';
import { seedsDir } from '../helpers/seeds';

const cliPath = path.join(repoRoot, 'dist', 'cli.js');
const seedFile = '002_5c9cf3219ff18a3c.txt'; // Week 2 › Day 3 › Session 8
let exampleDir = '';

interface JsonFinding {
  file: string;
  line: number;
  column: number;
  severity: string;
  ruleId: string;
  message: string;
  lesson: { breadcrumb: string; href: string } | null;
  related: { file: string; line: number; message: string }[];
}

function cli(args: string[], cwd = exampleDir) {
  const r = spawnSync(process.execPath, [cliPath, ...args], { cwd, encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

before(() => {
  if (!fs.existsSync(cliPath)) {
    const build = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs')], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(build.status, 0, `node scripts/build.mjs failed:\n${build.stderr}`);
  }
  const seed = path.join(seedsDir, seedFile);
  if (!fs.existsSync(seed)) throw new Error(`seed ${seedFile} (Week 2 › Day 3 › Session 8) not found in ${seedsDir}; set LESSON_AWARE_SEEDS to the seeds folder`);
  const blocks = [...fs.readFileSync(seed, 'utf8').matchAll(/^```ya?ml[^\n]*\n([\s\S]*?)^```/gm)].map((m) => m[1]);
  assert.ok(blocks.length >= 3, `expected the seed's YAML examples, found ${blocks.length} blocks`);
  exampleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lesson-aware-seed-yaml-'));
  blocks.forEach((b, i) => fs.writeFileSync(path.join(exampleDir, `example-${i + 1}.yaml`), b));
});

function jsonRun(extra: string[] = []): { code: number | null; findings: JsonFinding[] } {
  const r = cli(['check', '.', '--format', 'json', ...extra]);
  assert.equal(r.stderr, '', r.stderr);
  return { code: r.code, findings: (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings };
}

test('seed: the workloads that violate their Namespace’s restricted enforcement are errors; payment-processor passes', () => {
  const { code, findings } = jsonRun();
  assert.equal(code, 1, 'errors fail the run by default');
  const pss = findings.filter((f) => f.ruleId === 'x-pss-enforce-violation');
  const named = (w: string) => pss.filter((f) => f.message.includes(`/${w}:`));
  for (const w of ['api-gateway', 'order-service', 'audit-log-collector']) {
    assert.equal(named(w).length, 1, `${w} reported once`);
    assert.equal(named(w)[0].severity, 'error');
    assert.match(named(w)[0].message, /restricted/);
    assert.match(named(w)[0].related[0].message, /pod-security\.kubernetes\.io\/enforce: restricted/);
  }
  assert.match(named('audit-log-collector')[0].message, /hostPath/);
  assert.equal(findings.filter((f) => f.ruleId.startsWith('x-pss-') && f.message.includes('payment-processor')).length, 0, 'payment-processor passes every restricted check');
  assert.equal(named('web-frontend').length, 0, 'web-frontend satisfies the baseline level of its namespace');
});

test('seed: web-frontend pins replicas under an HPA, {name: ecommerce-backend} matches no Namespace, the headless Service is missing', () => {
  const { findings } = jsonRun();
  const replicas = findings.find((f) => f.ruleId === 'x-hpa-target-has-replicas');
  assert.ok(replicas && /web-frontend/.test(replicas.message) && /frontend-hpa/.test(replicas.message));
  assert.ok(replicas.related.length === 1);
  const nsSel = findings.find((f) => f.ruleId === 'x-networkpolicy-namespace-selector-no-match');
  assert.ok(nsSel && nsSel.message.includes('{name: ecommerce-backend}'));
  assert.ok(nsSel.related[0].file !== nsSel.file, 'the Namespace lives in another example file');
  const headless = findings.find((f) => f.ruleId === 'x-statefulset-headless-service-not-found');
  assert.ok(headless && /order-service-headless/.test(headless.message));
  for (const f of findings) assert.ok(f.lesson?.breadcrumb.startsWith('Week '), `${f.ruleId} links a lesson`);
});

test('text format: file:line:col  severity  rule-id  message  📘 breadcrumb, and a summary', () => {
  const r = cli(['check', '*.yaml']);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^example-\d\.yaml:\d+:\d+ {2}error {2}x-pss-enforce-violation {2}Deployment\/api-gateway: .+ {2}📘 Week \d+ › Day \d+ › Session \d+ › .+$/m);
  assert.match(r.stdout, /^example-1\.yaml:\d+:\d+ {2}warning {2}x-hpa-target-has-replicas {2}Deployment "web-frontend" sets replicas: 10/m);
  assert.match(r.stdout, /^\d+ problems \(\d+ errors?, \d+ warnings?, \d+ information, \d+ hints?\) in 3 files$/m);
  const ko = cli(['check', '.', '--locale', 'ko']);
  assert.match(ko.stdout, /오류 {2}x-pss-enforce-violation {2}Deployment\/api-gateway: 네임스페이스 "ecommerce-backend"\(pod-security enforce: \w+\)에서 Pod 생성이 거부됩니다\. 위반 항목: /);
  // The particle after an interpolated value is chosen when the message is filled: 10 (십) takes 이.
  assert.match(ko.stdout, /경고 {2}x-hpa-target-has-replicas {2}Deployment "web-frontend"에 replicas: 10이 설정되어 있지만 HorizontalPodAutoscaler "frontend-hpa"가 /);
});

test('exit codes: --fail-on thresholds, --rules overrides (YAML and JSON), usage and input errors', () => {
  const all = jsonRun().findings;
  assert.equal(jsonRun(['--fail-on', 'none']).code, 0);
  const rulesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lesson-aware-rules-'));
  const rulesJson = path.join(rulesDir, 'rules.json');
  fs.writeFileSync(rulesJson, JSON.stringify(Object.fromEntries([...new Set(all.map((f) => f.ruleId))].map((id) => [id, 'off']))));
  const quiet = cli(['check', 'example-1.yaml', 'example-2.yaml', 'example-3.yaml', '--format', 'json', '--rules', rulesJson, '--fail-on', 'hint']);
  assert.equal(quiet.code, 0, quiet.stdout);
  assert.equal((JSON.parse(quiet.stdout) as { findings: unknown[] }).findings.length, 0);
  const rulesYaml = path.join(rulesDir, 'rules.yml');
  const errorsOff = [...new Set(all.filter((f) => f.severity === 'error').map((f) => f.ruleId))];
  fs.writeFileSync(rulesYaml, `# lower every error to a warning\n${errorsOff.map((id) => `${id}: warning`).join('\n')}\n`);
  const lowered = cli(['check', 'example-1.yaml', 'example-2.yaml', 'example-3.yaml', '--rules', rulesYaml]);
  assert.equal(lowered.code, 0, lowered.stdout);
  assert.equal(cli(['check', 'example-1.yaml', 'example-2.yaml', 'example-3.yaml', '--rules', rulesYaml, '--fail-on', 'warning']).code, 1);
  const hardened = cli(['check', path.join(repoRoot, 'test', 'fixtures', 'cli', 'k8s', 'hardened.yaml'), path.join(repoRoot, 'test', 'fixtures', 'cli', 'k8s', 'namespace.yaml')]);
  assert.equal(hardened.code, 0, hardened.stdout);
  assert.equal(cli(['check', 'missing.yaml']).code, 2);
  assert.equal(cli(['check', '--format', 'xml', '.']).code, 2);
  assert.equal(cli(['check', '.', '--rules', 'nope.json']).code, 2);
  const help = cli(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: lesson-aware check/);
});

test('SARIF from the CLI: results with levels, regions and related locations; rules with lesson help', () => {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lesson-aware-sarif-')), 'report.sarif');
  const r = cli(['check', '.', '--format', 'sarif', '--output', out]);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  const sarif = JSON.parse(fs.readFileSync(out, 'utf8'));
  assert.equal(sarif.version, '2.1.0');
  const run = sarif.runs[0];
  const pss = run.results.filter((x: { ruleId: string }) => x.ruleId === 'x-pss-enforce-violation');
  assert.equal(pss.length, 3);
  for (const res of pss) {
    assert.equal(res.level, 'error');
    assert.match(res.locations[0].physicalLocation.artifactLocation.uri, /^example-\d\.yaml$/);
    assert.ok(res.relatedLocations[0].physicalLocation.region.startLine >= 1);
  }
  const rule = run.tool.driver.rules.find((x: { id: string }) => x.id === 'x-pss-enforce-violation');
  assert.equal(rule.defaultConfiguration.level, 'error');
  assert.match(rule.helpUri, /^file:.*\.md#/);
});

test('--lessons adds an instructor folder (its rules= marker wins); --no-bundled-lessons drops the bundled course', () => {
  const course = fs.mkdtempSync(path.join(os.tmpdir(), 'lesson-aware-course-'));
  fs.writeFileSync(path.join(course, 'psa.md'), '---\nweek: 9\nday: 9\nsession: 9\n---\n# 강사 노트\n## PSA 강제 수준\n<!-- lesson-aware: rules=x-pss-enforce-violation -->\n설명\n');
  const withCourse = jsonRun(['--lessons', course]).findings.find((f) => f.ruleId === 'x-pss-enforce-violation');
  assert.equal(withCourse?.lesson?.breadcrumb, 'Week 9 › Day 9 › Session 9 › PSA 강제 수준');
  const onlyCourse = jsonRun(['--lessons', course, '--no-bundled-lessons']).findings;
  assert.equal(onlyCourse.find((f) => f.ruleId === 'x-hpa-target-has-replicas')?.lesson, null);
});
