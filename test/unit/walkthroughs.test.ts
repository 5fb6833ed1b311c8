/**
 * package.json `contributes.walkthroughs` is generated from the bundled labs by scripts/gen-walkthroughs.mjs:
 * the check mode must find it up to date, and every walkthrough step completes through the lab's context keys.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { listLabFiles } from '../../server/src/labs/labCatalog';
import { parseLab } from '../../server/src/labs/parseLab';
import { Commands, labContextKey } from '../../server/src/protocol';
import { repoRoot } from '../helpers/lspClient';

const script = path.join(repoRoot, 'scripts', 'gen-walkthroughs.mjs');

test('package.json contributes.walkthroughs is up to date with the bundled labs (node scripts/gen-walkthroughs.mjs)', () => {
  const r = spawnSync(process.execPath, [script, '--check'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
});

interface WalkthroughStep {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string };
  completionEvents: string[];
}

test('one walkthrough per bundled lab: a start step, then one step per lab step completed by its context key', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { contributes: { walkthroughs?: { id: string; title: string; steps: WalkthroughStep[] }[] } };
  const walkthroughs = pkg.contributes.walkthroughs ?? [];
  const labs = listLabFiles(path.join(repoRoot, 'lessons')).map((f) => parseLab(fs.readFileSync(f, 'utf8'), path.basename(path.dirname(f))).lab!);
  assert.deepEqual(walkthroughs.map((w) => w.id).sort(), labs.map((l) => `lessonAware.lab.${l.id}`).sort());
  for (const lab of labs) {
    const w = walkthroughs.find((x) => x.id === `lessonAware.lab.${lab.id}`)!;
    assert.equal(w.title, lab.title);
    const [start, ...steps] = w.steps;
    assert.deepEqual(start.completionEvents, [`onCommand:${Commands.startLab}`]);
    assert.ok(start.description.includes(`(command:${Commands.startLab}?${encodeURIComponent(JSON.stringify([lab.id]))})`), start.description);
    assert.deepEqual(steps.map((s) => s.title), lab.steps.map((s) => s.title));
    assert.deepEqual(steps.map((s) => s.completionEvents), lab.steps.map((s) => [`onContext:${labContextKey(lab.id, s.id)}`]));
    assert.equal(start.media.markdown, `dist/walkthroughs/${lab.id}/start.md`);
    assert.deepEqual(steps.map((s) => s.media.markdown), lab.steps.map((s) => `dist/walkthroughs/${lab.id}/${s.id}.md`));
    lab.steps.forEach((labStep, i) => {
      const hintArgs = encodeURIComponent(JSON.stringify([{ labId: lab.id, stepId: labStep.id }]));
      assert.ok(steps[i].description.endsWith(`(command:lessonAware.labHint?${hintArgs})`), steps[i].description);
    });
    for (const s of w.steps) {
      const page = path.join(repoRoot, s.media.markdown!);
      assert.ok(fs.existsSync(page), `${page} is written by npm run build`);
      const text = fs.readFileSync(page, 'utf8');
      assert.doesNotMatch(text, /^---$/m, `${page}: no front matter`);
      assert.doesNotMatch(text, /\]\((?![a-z]+:)[^)]*\.md[#)]/, `${page}: no relative lesson links (they cannot resolve from dist/)`);
      assert.doesNotMatch(s.description.split('\n')[0], /`|\*\*/, `${s.id}: descriptions are plain text`);
    }
    lab.steps.forEach((labStep, i) => {
      const text = fs.readFileSync(path.join(repoRoot, steps[i].media.markdown!), 'utf8');
      assert.ok(text.startsWith(`# ${i + 1}. ${labStep.title}\n`), text.slice(0, 80));
      const firstLine = labStep.instructions.split('\n').find((l) => l.trim() && !/\]\(/.test(l));
      if (firstLine) assert.ok(text.includes(firstLine.trim()), `${steps[i].media.markdown} shows the step's instructions`);
    });
  }
});

test('walkthrough pages keep link text but drop lesson links that only resolve next to lab.md', async () => {
  const { standaloneMarkdown } = (await import(path.join(repoRoot, 'scripts', 'lib', 'labWalkthroughs.mjs'))) as { standaloneMarkdown: (md: string) => string };
  assert.equal(standaloneMarkdown('See [보안 컨텍스트](../../w2.md#보안-컨텍스트) now.'), 'See **보안 컨텍스트** now.');
  assert.equal(standaloneMarkdown('[a](other.md)'), '**a**');
  assert.equal(standaloneMarkdown('[site](https://kubernetes.io/docs/x.md)'), '[site](https://kubernetes.io/docs/x.md)');
  assert.equal(standaloneMarkdown('![diagram](img.png) [x](#local)'), '![diagram](img.png) [x](#local)');
});
