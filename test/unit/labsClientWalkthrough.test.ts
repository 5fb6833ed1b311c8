/** Labs client, walkthrough step index: which walkthrough steps the client marks for a lab context key or a start. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { labContextKey } from '../../server/src/protocol';
import { labIdOfContextKey, walkthroughStepIndex } from '../../client/src/labs/walkthroughModel';

const repo = path.join(__dirname, '..', '..', '..');

test('context keys made by labContextKey name their lab; other keys do not', () => {
  assert.equal(labIdOfContextKey(labContextKey('harden-deployment', 'drop-capabilities')), 'harden-deployment');
  assert.equal(labIdOfContextKey(labContextKey('compose-stack')), 'compose-stack');
  for (const other of ['lessonAware.followCursor', 'lessonAware.lab..complete', 'lessonAware.lab.a.step.b', 'git.state']) assert.equal(labIdOfContextKey(other), undefined, other);
});

test('steps are indexed by their onContext key and start steps by the lab of their walkthrough', () => {
  const index = walkthroughStepIndex({
    publisher: 'pub',
    name: 'ext',
    contributes: {
      walkthroughs: [
        {
          id: 'w1',
          steps: [
            { id: 'start', completionEvents: ['onCommand:lessonAware.startLab'] },
            { id: 's1', completionEvents: [`onContext:${labContextKey('lab-a', 's1')}`] },
            { id: 's2', completionEvents: [`onContext:${labContextKey('lab-a', 's2')}`, 'onCommand:other'] },
            { id: 'odd', completionEvents: ['onContext:git.state == initialized', 42] },
            { completionEvents: [`onContext:${labContextKey('lab-a', 'x')}`] },
          ],
        },
        // Two labs in one walkthrough: its start step is nobody's.
        { id: 'mixed', steps: [{ id: 'go', completionEvents: ['onCommand:lessonAware.startLab'] }, { id: 'a', completionEvents: [`onContext:${labContextKey('lab-a', 's1')}`] }, { id: 'b', completionEvents: [`onContext:${labContextKey('lab-b', 's1')}`] }] },
        { id: 'broken', steps: 'nope' },
        null,
      ],
    },
  });
  assert.deepEqual(index.byContextKey.get(labContextKey('lab-a', 's1')), ['pub.ext#w1#s1', 'pub.ext#mixed#a']);
  assert.deepEqual(index.byContextKey.get(labContextKey('lab-a', 's2')), ['pub.ext#w1#s2']);
  assert.deepEqual(index.byContextKey.get(labContextKey('lab-b', 's1')), ['pub.ext#mixed#b']);
  assert.equal(index.byContextKey.size, 3);
  assert.deepEqual([...index.startStepsByLab], [['lab-a', ['pub.ext#w1#start']]]);
  assert.equal(walkthroughStepIndex(undefined).byContextKey.size, 0);
  assert.equal(walkthroughStepIndex({ name: 'x', contributes: { walkthroughs: [] } }).byContextKey.size, 0);
});

test('the generated walkthroughs of package.json: every lab step has a step the client can mark', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
  const index = walkthroughStepIndex(pkg);
  const labsDir = path.join(repo, 'lessons', 'labs');
  const labs = fs.readdirSync(labsDir).filter((d) => fs.existsSync(path.join(labsDir, d, 'lab.md')));
  let checked = 0;
  for (const walkthrough of pkg.contributes.walkthroughs ?? []) {
    const labId = labs.find((id) => walkthrough.id.endsWith(id));
    if (!labId) continue;
    checked++;
    for (const step of walkthrough.steps) {
      const fullId = `${pkg.publisher}.${pkg.name}#${walkthrough.id}#${step.id}`;
      const marked = [...index.byContextKey.values()].some((ids) => ids.includes(fullId)) || (index.startStepsByLab.get(labId) ?? []).includes(fullId);
      assert.ok(marked, `${fullId} is neither a lab step nor the start step`);
    }
  }
  assert.equal(checked, labs.length, 'one walkthrough per bundled lab');
});
