/**
 * Labs client, package.json facts the general manifest test does not cover: the Labs view is declared where
 * the code registers it, every `viewItem` a lab menu names is a context value the Labs tree sets (and the
 * other way round), the contract command `lessonAware.startLab` is contributed, and the welcome links to it.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { Commands, labContextKey } from '../../server/src/protocol';
import { ClientCommands } from '../../client/src/clientCommands';

const repo = path.join(__dirname, '..', '..', '..');
const read = (rel: string) => fs.readFileSync(path.join(repo, rel), 'utf8');
const pkg = JSON.parse(read('package.json'));
const treeSource = read('client/src/labs/labsTree.ts');

interface MenuItem {
  command: string;
  when?: string;
  group?: string;
}

/** Context values the Labs tree assigns (`contextValue = … 'lab.new' …`). */
function contextValues(): string[] {
  const values = new Set<string>();
  for (const line of treeSource.split('\n').filter((l) => l.includes('contextValue'))) {
    for (const m of line.matchAll(/'([a-zA-Z.]+)'/g)) values.add(m[1]);
  }
  return [...values];
}

/** Whether a `when` clause's viewItem test accepts a context value (== or =~ /re/ forms). */
function acceptsViewItem(when: string, value: string): boolean {
  const eq = /viewItem == ([\w.]+)/.exec(when);
  if (eq) return eq[1] === value;
  const re = /viewItem =~ \/((?:[^/\\]|\\.)+)\//.exec(when);
  if (re) return new RegExp(re[1]).test(value);
  return true;
}

test('the Labs view sits beside the lessons tree and the code registers the same id', () => {
  const explorer = pkg.contributes.views.explorer as { id: string; name: string }[];
  const ids = explorer.map((v) => v.id);
  assert.ok(ids.includes('lessonAware.lessons') && ids.includes('lessonAware.labs'), ids.join(', '));
  assert.match(treeSource, /viewId = 'lessonAware\.labs'/);
  const welcome = (pkg.contributes.viewsWelcome as { view: string; contents: string }[]).find((w) => w.view === 'lessonAware.labs');
  assert.ok(welcome, 'the Labs view has welcome content');
  const nls = JSON.parse(read('package.nls.json')) as Record<string, string>;
  const nlsKo = JSON.parse(read('package.nls.ko.json')) as Record<string, string>;
  const key = /^%(.+)%$/.exec(welcome.contents)?.[1] ?? '';
  for (const text of [nls[key], nlsKo[key]]) assert.match(text ?? '', /\(command:lessonAware\.startLab\)/, 'the welcome offers Start Lab');
});

test('lab commands are contributed, including the contract id lessonAware.startLab', () => {
  const contributed = new Set((pkg.contributes.commands as { command: string }[]).map((c) => c.command));
  for (const id of [Commands.startLab, ClientCommands.labHint, ClientCommands.resetLab, ClientCommands.openLabInstructions, ClientCommands.exportLabProgress, ClientCommands.refreshLabs]) {
    assert.ok(contributed.has(id), `${id} is contributed`);
  }
  assert.ok(!contributed.has(ClientCommands.labsState), 'the test hook stays out of the palette');
});

test('every lab menu item matches a context value of the tree, and every context value has menu items', () => {
  const values = contextValues();
  assert.deepEqual(values.sort(), ['lab.new', 'lab.started', 'lab.started.complete', 'labStep', 'labStep.hint'].sort());
  const items = (pkg.contributes.menus['view/item/context'] as MenuItem[]).filter((m) => m.when?.includes('view == lessonAware.labs'));
  assert.ok(items.length >= 6);
  for (const item of items) {
    assert.ok(values.some((v) => acceptsViewItem(item.when ?? '', v)), `${item.command} (${item.when}) matches no tree item`);
  }
  for (const value of values) {
    assert.ok(items.some((item) => acceptsViewItem(item.when ?? '', value)), `tree items "${value}" have no menu`);
  }
  const inline = (value: string) => items.filter((i) => i.group?.startsWith('inline') && acceptsViewItem(i.when ?? '', value)).map((i) => i.command);
  assert.ok(inline('lab.new').includes(Commands.startLab), 'a new lab has an inline start button');
  assert.ok(inline('labStep.hint').includes(ClientCommands.labHint), 'a step has an inline hint button');
  const menu = (value: string) => items.filter((i) => acceptsViewItem(i.when ?? '', value)).map((i) => i.command);
  assert.ok(menu('lab.started').includes(ClientCommands.resetLab) && !menu('lab.new').includes(ClientCommands.resetLab), 'reset only for started labs');
  assert.ok(menu('lab.started.complete').includes(ClientCommands.exportLabProgress));
});

test('walkthrough steps, when generated, complete through the context keys the client sets', () => {
  const walkthroughs = (pkg.contributes.walkthroughs ?? []) as { id: string; steps: { id: string; completionEvents?: string[] }[] }[];
  const keyPattern = /^onContext:lessonAware\.lab\.([a-z0-9-]+)\.(?:step\.([a-z0-9-]+)\.done|complete)$/;
  for (const walkthrough of walkthroughs) {
    for (const step of walkthrough.steps) {
      for (const event of step.completionEvents ?? []) {
        const m = keyPattern.exec(event);
        if (!m) continue;
        assert.equal(event.slice('onContext:'.length), labContextKey(m[1], m[2]), `${walkthrough.id}/${step.id}`);
      }
    }
  }
});
