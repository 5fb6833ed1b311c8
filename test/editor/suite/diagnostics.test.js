// Diagnostics in the real editor: a risky manifest gets a lesson-aware finding with a lesson link,
// code actions (open lesson, quick fix, disable) and the quick fix clears it.
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { openFixture, eventually, activateExtension } = require('./helpers');

const RULE = 'k8s-run-as-non-root';

const codeOf = (diagnostic) => (typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code);
// The rule's own fixes name the field they set (other rules on the same container offer preferred fixes too).
const fixesRule = (action) => /runAsNonRoot: true/.test(action.title);
const findingsOf = (uri) => vscode.languages.getDiagnostics(uri).filter((d) => codeOf(d) === RULE);

describe('diagnostics on a Deployment that may run as root', function () {
  let document;
  let finding;
  before(async function () {
    this.timeout(150_000);
    await activateExtension();
    document = await openFixture('runs-as-root.yaml');
    // Readiness: the server publishes diagnostics for the opened document.
    [finding] = await eventually(() => findingsOf(document.uri), (list) => assert.ok(list.length > 0, `no ${RULE} diagnostic yet`),
      { timeoutMs: 120_000, what: `${RULE} diagnostic` });
  });

  after(async () => {
    // Leave the fixture as it was for whatever runs next in this window.
    if (document && document.isDirty) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it(`reports ${RULE} from source lesson-aware with a link to its lesson`, () => {
    assert.equal(finding.source, 'lesson-aware');
    assert.equal(finding.severity, vscode.DiagnosticSeverity.Warning);
    assert.ok(typeof finding.code === 'object' && finding.code.target, 'code carries codeDescription.href (code.target)');
    // The client turns the server's `<lesson>.md#<slug>` href into a link that opens the lesson pane there.
    assert.equal(finding.code.target.scheme, 'command');
    const [args] = JSON.parse(finding.code.target.query);
    assert.match(args.lessonUri, /\.md$/, 'the link points at a lesson');
    assert.ok(args.sectionSlug, 'and at a section of it');
  });

  it('offers "Open lesson", a quick fix and "Disable" actions', async () => {
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', document.uri, finding.range);
    const titles = actions.map((a) => a.title);
    assert.ok(actions.some((a) => (a.command && a.command.command) === 'lessonAware.openLesson'), `an action runs lessonAware.openLesson: ${titles.join(' | ')}`);
    assert.ok(actions.some((a) => a.edit && a.isPreferred && fixesRule(a)), `a preferred quick fix for ${RULE}: ${titles.join(' | ')}`);
    assert.ok(titles.some((t) => t.includes(RULE)), `a "Disable ${RULE}" action: ${titles.join(' | ')}`);
  });

  it('the preferred quick fix clears the finding', async () => {
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', document.uri, finding.range);
    const fix = actions.find((a) => a.edit && a.isPreferred && fixesRule(a));
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'edit applied');
    assert.match(document.getText(), /runAsNonRoot:\s*true/);
    await eventually(() => findingsOf(document.uri), (list) => assert.equal(list.length, 0, `${RULE} still reported`),
      { timeoutMs: 15_000, what: 'finding cleared after the fix' });
  });
});
