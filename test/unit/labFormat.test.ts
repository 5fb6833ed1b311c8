/** lab.md format: parsing, problems with their lines, lab discovery and the lab check itself (labAudit). */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { LabCatalog, listLabFiles } from '../../server/src/labs/labCatalog';
import { parseLab } from '../../server/src/labs/parseLab';
import { auditLabs, lessonIndexOf } from '../helpers/labAudit';
import { repoRoot } from '../helpers/lspClient';

const course = path.join(repoRoot, 'test', 'fixtures', 'labs', 'course');

/** A lab.md from front matter lines and body lines. */
function labMd(frontMatter: string, body: string): string {
  return `---\n${frontMatter.trim()}\n---\n${body}`;
}

const oneStep = `
title: 실습
steps:
  - id: first
    title: 첫 단계
    check:
      rule: k8s-run-as-non-root
`;

function problemsOf(text: string, id = 'a-lab'): { line: number; message: string; fatal: boolean }[] {
  return parseLab(text, id).problems;
}

test('harden-web fixture: title, lesson, minutes, order, steps with instructions, introduction and closing', () => {
  const { lab, problems } = parseLab(fs.readFileSync(path.join(course, 'labs', 'harden-web', 'lab.md'), 'utf8'), 'harden-web');
  assert.deepEqual(problems, []);
  assert.ok(lab);
  assert.equal(lab.title, '웹 Deployment 다듬기');
  assert.deepEqual(lab.lesson, { file: 'w9-d1-s1-lab-fixture.md', slug: '보안-컨텍스트', line: 3 });
  assert.equal(lab.minutes, 15);
  assert.equal(lab.order, 1);
  assert.deepEqual(lab.steps.map((s) => s.id), ['run-as-non-root', 'drop-capabilities', 'memory-limit', 'service-selects-web']);
  assert.match(lab.steps[0].instructions, /^컨테이너의 `securityContext`에 `runAsNonRoot: true`를 넣으세요\./);
  assert.match(lab.steps[0].instructions, /두 번째 문단입니다\.$/);
  assert.equal(lab.steps[3].instructions, 'Service의 `selector`를 Pod 레이블 `app: web`에 맞추세요.');
  assert.equal(lab.introduction, '`labs/harden-web/`의 `deployment.yaml`과 `service.yaml`을 고쳐 봅니다.');
  assert.equal(lab.closing, '수고했습니다.');
  assert.deepEqual(lab.steps[2].check.type, 'all');
  assert.equal(lab.steps[0].line, 7);
});

test('a `##` heading inside a code fence is not a step section', () => {
  const { lab, problems } = parseLab(labMd(oneStep, '# 실습\n\n## 첫 단계\n\n```md\n## 가짜 제목\n```\n'), 'a-lab');
  assert.deepEqual(problems, []);
  assert.match(lab!.steps[0].instructions, /## 가짜 제목/);
});

test('steps vs ## headings: a wrong title, a missing section and an extra section are reported at their lines', () => {
  const fm = `
title: 실습
steps:
  - id: first
    title: 첫 단계
    check: { rule: k8s-run-as-non-root }
  - id: second
    title: 둘째 단계
    check: { rule: k8s-host-port }
`;
  const wrong = problemsOf(labMd(fm, '# T\n\n## 첫 단계\n\n## 셋째 단계\n'));
  assert.deepEqual(wrong.map((p) => [p.line, p.fatal]), [[15, false]]);
  assert.match(wrong[0].message, /heading "## 셋째 단계" should be "## 둘째 단계" \(the title of step 2, second\)/);

  const missing = problemsOf(labMd(fm, '# T\n\n## 첫 단계\n'));
  assert.deepEqual(missing.map((p) => p.line), [7]);
  assert.match(missing[0].message, /step second has no "## 둘째 단계" section/);

  const extra = problemsOf(labMd(fm, '# T\n\n## 첫 단계\n\n## 둘째 단계\n\n## 덤\n'));
  assert.deepEqual(extra.map((p) => p.line), [17]);
  assert.match(extra[0].message, /heading "## 덤" has no step/);

  const closing = parseLab(labMd(fm, '# T\n\n## 첫 단계\n\n## 둘째 단계\n\n## 마치며\n\n끝.\n'), 'a-lab');
  assert.deepEqual(closing.problems, []);
  assert.equal(closing.lab!.closing, '끝.');
});

test('an unknown check key is fatal and reported at its line; so are several conditions and unknown rules', () => {
  const broken = problemsOf(fs.readFileSync(path.join(course, 'labs', 'broken-check', 'lab.md'), 'utf8'), 'broken-check');
  assert.ok(broken.some((p) => p.line === 9 && p.fatal && /step typo: unknown key "equal" in a field check/.test(p.message)), JSON.stringify(broken));
  assert.equal(parseLab(fs.readFileSync(path.join(course, 'labs', 'broken-check', 'lab.md'), 'utf8'), 'broken-check').lab, undefined);

  const check = (lines: string) => problemsOf(labMd(`title: 실습\nsteps:\n  - id: first\n    title: 첫 단계\n    check:\n${lines}`, '## 첫 단계\n'));
  const several = check('      field: spec.replicas\n      kind: Deployment\n      equals: 2\n      min: 1\n');
  assert.match(several[0].message, /several conditions \(equals, min\)/);
  assert.equal(several[0].line, 7);
  const unknownRule = check('      rule: k8s-no-such-rule\n');
  assert.deepEqual(unknownRule.map((p) => [p.line, p.message]), [[7, 'step first: unknown rule "k8s-no-such-rule"']]);
  const twoKinds = check('      rule: k8s-host-port\n      noFindings: error\n');
  assert.match(twoKinds[0].message, /several kinds \(rule, noFindings\)/);
  const badRegex = check('      field: metadata.name\n      kind: Deployment\n      matches: "([a-z"\n');
  assert.deepEqual(badRegex.map((p) => p.line), [9]);
  const badPath = check('      field: spec..replicas\n      kind: Deployment\n      present: true\n');
  assert.match(badPath[0].message, /field path "spec\.\.replicas": empty segment at column 6/);
  const badFile = check('      rule: k8s-host-port\n      file: ../etc/passwd.yaml\n');
  assert.match(badFile[0].message, /relative to the lab folder/);
  const badRelation = check('      relation: service-selects\n      service: web\n');
  assert.match(badRelation[0].message, /relation check needs "workload"/);
  const unknownRelation = check('      relation: mounts\n');
  assert.match(unknownRelation[0].message, /unknown relation "mounts"/);
  const countNoBounds = check('      count: Deployment\n');
  assert.match(countNoBounds[0].message, /count check needs min, max or equals/);
  const badQuantity = check('      field: spec.x\n      kind: Deployment\n      max: lots\n');
  assert.match(badQuantity[0].message, /max must be a number or a quantity/);
  const emptyAll = check('      all: []\n');
  assert.match(emptyAll[0].message, /all must be a non-empty list of checks/);
  const nested = check('      any:\n        - rule: k8s-host-port\n        - field: spec.replicas\n          kind: Deployment\n          bogus: 1\n          present: true\n');
  assert.deepEqual(nested.map((p) => p.line), [11]);
});

test('duplicate step ids, non-kebab ids, missing titles and missing checks are reported at their lines', () => {
  const text = labMd(
    `
title: 실습
steps:
  - id: same
    title: 하나
    check: { rule: k8s-host-port }
  - id: same
    title: 둘
    check: { rule: k8s-host-port }
  - id: Not_Kebab
    title: 셋
    check: { rule: k8s-host-port }
  - id: no-check
    title: 넷
`,
    '## 하나\n## 둘\n## 셋\n## 넷\n',
  );
  const problems = problemsOf(text);
  const at = (re: RegExp) => problems.find((p) => re.test(p.message))?.line;
  assert.equal(at(/duplicate step id "same" \(first on line 4\)/), 7);
  assert.equal(at(/step id "Not_Kebab" is not kebab-case/), 10);
  assert.equal(at(/step no-check needs a check/), 13);
  assert.ok(problems.every((p) => p.fatal || /heading/.test(p.message)));
  assert.equal(parseLab(text, 'a-lab').lab, undefined);
});

test('front matter problems: missing, unclosed, invalid YAML (with its line), no steps, unknown keys', () => {
  assert.match(problemsOf('# 제목\n')[0].message, /needs front matter/);
  assert.match(problemsOf('---\ntitle: x\n')[0].message, /not closed/);
  const invalid = problemsOf('---\ntitle: x\nsteps: [\n---\n');
  assert.equal(invalid[0].line, 4);
  assert.match(invalid[0].message, /front matter is not valid YAML/);
  assert.match(problemsOf(labMd('title: x\nsteps: []', ''))[0].message, /needs steps: a non-empty list/);
  const unknown = problemsOf(labMd(`${oneStep}\nauthor: 누군가\n`, '## 첫 단계\n'));
  assert.deepEqual(unknown.map((p) => [p.line, p.fatal]), [[9, false]]);
  assert.match(unknown[0].message, /unknown front matter key "author"/);
  const badRef = problemsOf(labMd(`${oneStep}\nlesson: not-a-ref\n`, '## 첫 단계\n'));
  assert.match(badRef[0].message, /lesson must be "file\.md#section-slug"/);
});

test('the catalog lists the usable labs by order, leaves the broken one out with one warning at lab.md:line', () => {
  const warnings: string[] = [];
  const lessons = lessonIndexOf(course);
  const catalog = new LabCatalog({ folders: () => [{ dir: course, bundled: false }], lessons, warn: (m) => warnings.push(m) });
  assert.deepEqual(catalog.entries().map((e) => e.lab.id), ['harden-web', 'compose-limits']);
  catalog.entries();
  const brokenFile = path.join(course, 'labs', 'broken-check', 'lab.md');
  assert.ok(warnings.some((w) => w.startsWith(`${brokenFile}:9: step typo: unknown key "equal"`)), warnings.join('\n'));
  assert.equal(new Set(warnings).size, warnings.length, 'each problem is reported once');

  const [summary] = catalog.summaries();
  assert.equal(summary.labUri, pathToFileURL(path.join(course, 'labs', 'harden-web')).toString());
  assert.deepEqual(summary.starterFiles, ['deployment.yaml', 'service.yaml']);
  const lessonUri = pathToFileURL(path.join(course, 'w9-d1-s1-lab-fixture.md')).toString();
  assert.deepEqual(summary.lesson, { lessonUri, sectionSlug: '보안-컨텍스트', sectionTitle: '보안 컨텍스트', line: 13 });
  assert.deepEqual(summary.steps[2].hint, { lessonUri, sectionSlug: '리소스-제한', sectionTitle: '리소스 제한', line: 17 });
  assert.equal(summary.closing, '수고했습니다.');
  assert.equal(summary.minutes, 15);
});

test('an unresolved hint is reported at its lab.md line; the lab stays listed with the unresolved reference', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lesson-aware-labfmt-'));
  fs.cpSync(course, dir, { recursive: true });
  const labFile = path.join(dir, 'labs', 'harden-web', 'lab.md');
  fs.writeFileSync(labFile, fs.readFileSync(labFile, 'utf8').replace('hint: w9-d1-s1-lab-fixture.md#리소스-제한', 'hint: w9-d1-s1-lab-fixture.md#없는-절'));
  fs.rmSync(path.join(dir, 'labs', 'harden-web', 'starter', 'deployment.yaml'));
  const warnings: string[] = [];
  const catalog = new LabCatalog({ folders: () => [{ dir, bundled: false }], lessons: lessonIndexOf(dir), warn: (m) => warnings.push(m) });
  const summary = catalog.summaries().find((s) => s.id === 'harden-web')!;
  assert.ok(warnings.includes(`${labFile}:23: "w9-d1-s1-lab-fixture.md#없는-절" does not resolve: w9-d1-s1-lab-fixture.md has no section #없는-절`), warnings.join('\n'));
  assert.deepEqual(summary.steps[2].hint, { lessonUri: pathToFileURL(path.join(dir, 'w9-d1-s1-lab-fixture.md')).toString(), sectionSlug: '없는-절' });
  // A lab whose lab.md changes is re-read: the fixed hint resolves again without a restart.
  fs.writeFileSync(labFile, fs.readFileSync(labFile, 'utf8').replace('#없는-절', '#리소스-제한') + '\n');
  assert.equal(catalog.summaries().find((s) => s.id === 'harden-web')!.steps[2].hint?.sectionTitle, '리소스 제한');
  // A check file missing from starter/ is reported at the step.
  assert.ok(warnings.includes(`${labFile}:7: step run-as-non-root: check file deployment.yaml is not in starter/`), warnings.join('\n'));
});

test('the lesson index skips everything below <folder>/labs/ (lab.md, README.md, starter and solution files)', () => {
  const index = lessonIndexOf(course);
  assert.deepEqual(index.lessons().map((l) => path.basename(l.fsPath ?? '')), ['w9-d1-s1-lab-fixture.md']);
  const bundled = lessonIndexOf(path.join(repoRoot, 'lessons'));
  assert.ok(bundled.lessons().length > 0);
  assert.deepEqual(bundled.lessons().filter((l) => /[\\/]labs[\\/]/.test(l.fsPath ?? '')).map((l) => l.fsPath), []);
  assert.deepEqual(listLabFiles(course).map((f) => path.relative(course, f)), ['labs/broken-check/lab.md', 'labs/compose-limits/lab.md', 'labs/harden-web/lab.md']);
});

test('the lab check passes on the fixture labs and fails, naming lab and step, when a solution is broken or a starter is already solved', () => {
  const clean = auditLabs(course);
  assert.deepEqual(clean.labs, ['broken-check', 'compose-limits', 'harden-web']);
  assert.deepEqual(clean.problems.filter((p) => !p.includes('broken-check')), []);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lesson-aware-labaudit-'));
  fs.cpSync(course, dir, { recursive: true });
  const lab = path.join(dir, 'labs', 'harden-web');
  fs.writeFileSync(path.join(lab, 'solution', 'service.yaml'), fs.readFileSync(path.join(lab, 'solution', 'service.yaml'), 'utf8').replace('app: web', 'app: webb'));
  fs.copyFileSync(path.join(lab, 'solution', 'deployment.yaml'), path.join(lab, 'starter', 'deployment.yaml'));
  const problems = auditLabs(dir).problems.filter((p) => p.includes('harden-web'));
  assert.ok(problems.some((p) => /lab\.md:\d+: harden-web\/service-selects-web: the solution fails this step: Service\/web: selector \{app: webb\}/.test(p)), problems.join('\n'));
  assert.ok(problems.some((p) => /harden-web\/run-as-non-root: the starter files already pass this step/.test(p)), problems.join('\n'));
});
