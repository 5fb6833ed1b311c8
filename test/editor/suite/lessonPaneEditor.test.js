// The lesson pane from the editor: a diagnostic's "Open lesson" action and follow-cursor mode.
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { openFixture, keyPosition, hoverText, eventually, activateExtension, openLessonLinks } = require('./helpers');

const paneState = () => vscode.commands.executeCommand('lessonAware.internal.paneState');

async function firstLessonLink(document, key, occurrence = 0) {
  const position = keyPosition(document, key, occurrence);
  const markdown = await eventually(() => hoverText(document.uri, position), (text) => assert.ok(openLessonLinks(text).length > 0, `no lesson link on ${key}`), { timeoutMs: 120_000, what: `lesson link on ${key}` });
  const [link] = openLessonLinks(markdown);
  return Array.isArray(link.args) ? link.args[0] : link.args;
}

describe('lesson pane from the editor', function () {
  before(async function () {
    this.timeout(150_000);
    await activateExtension();
  });

  it('the diagnostic\'s "Open lesson" action opens the pane at the rule\'s section', async () => {
    const document = await openFixture('runs-as-root.yaml');
    const diagnostic = await eventually(() => vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'lesson-aware'),
      (list) => assert.ok(list.length > 0, 'no lesson-aware diagnostic yet'), { timeoutMs: 60_000, what: 'diagnostics' }).then((list) => list[0]);
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', document.uri, diagnostic.range);
    const open = actions.find((a) => a.command && (a.command.command === 'lessonAware.openLesson' || a.command === 'lessonAware.openLesson'));
    assert.ok(open, `an Open lesson action: ${actions.map((a) => a.title).join(' | ')}`);
    const command = open.command.command ? open.command : open;
    await vscode.commands.executeCommand(command.command, ...(command.arguments || []));
    const args = command.arguments[0];
    await eventually(paneState, (s) => {
      assert.equal(s.lessonUri, vscode.Uri.parse(args.lessonUri).toString());
      assert.equal(s.slug, args.sectionSlug);
      assert.ok(s.highlighted.includes(args.sectionSlug));
    }, { timeoutMs: 30_000, what: 'pane at the rule section' });
  });

  it('the pane opens again after all editors were closed', async () => {
    const document = await openFixture('deployment.yaml');
    const link = await firstLessonLink(document, 'runAsNonRoot');
    await vscode.commands.executeCommand('lessonAware.openLesson', link);
    await eventually(paneState, (s) => assert.equal(s.slug, link.sectionSlug), { timeoutMs: 30_000, what: 'pane open' });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await eventually(paneState, (s) => assert.equal(s.lessonUri, undefined), { timeoutMs: 10_000, what: 'pane closed' });
    await openFixture('deployment.yaml');
    await vscode.commands.executeCommand('lessonAware.openLesson', link);
    await eventually(paneState, (s) => { assert.equal(s.slug, link.sectionSlug); assert.ok(s.visible); }, { timeoutMs: 30_000, what: 'pane open again' });
  });

  it('follow cursor brings the pane to the field under the cursor', async () => {
    const document = await openFixture('deployment.yaml');
    const near = await firstLessonLink(document, 'runAsNonRoot');
    const far = await firstLessonLink(document, 'memory');
    assert.notEqual(`${near.lessonUri}#${near.sectionSlug}`, `${far.lessonUri}#${far.sectionSlug}`, 'the two fields link different sections');
    await vscode.commands.executeCommand('lessonAware.openLesson', near);
    await eventually(paneState, (s) => assert.equal(s.slug, near.sectionSlug), { timeoutMs: 30_000, what: 'pane at the first field' });
    if (!(await paneState()).follow) await vscode.commands.executeCommand('lessonAware.toggleFollowCursor');
    assert.equal((await paneState()).follow, true);
    const editor = await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    const position = keyPosition(document, 'memory');
    editor.selection = new vscode.Selection(position, position);
    await eventually(paneState, (s) => {
      assert.equal(s.lessonUri, vscode.Uri.parse(far.lessonUri).toString());
      assert.equal(s.slug, far.sectionSlug);
    }, { timeoutMs: 15_000, what: 'pane followed the cursor' });
    assert.equal(vscode.window.activeTextEditor && vscode.window.activeTextEditor.document.uri.toString(), document.uri.toString(), 'the editor keeps focus');
    await vscode.commands.executeCommand('lessonAware.toggleFollowCursor');
    assert.equal((await paneState()).follow, false);
  });
});
