// Code lenses and diagnostic code links in the real extension host: a lesson lens above each resource and
// Compose service, a findings lens where findings have lessons, the lens command opens the pane at its
// section, the setting turns lenses off, and our diagnostics' code links run lessonAware.openLesson.
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { openFixture, eventually, activateExtension } = require('./helpers');

const paneState = () => vscode.commands.executeCommand('lessonAware.internal.paneState');
const ourLenses = async (uri) => ((await vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri)) || [])
  .filter((lens) => lens.command && lens.command.command === 'lessonAware.openLesson');

describe('code lenses', function () {
  before(async function () {
    this.timeout(150_000);
    await activateExtension();
  });

  after(async () => {
    await vscode.workspace.getConfiguration('lessonAware').update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('a lesson lens above the Deployment, whose command opens the pane at its section', async () => {
    const document = await openFixture('deployment.yaml');
    const lenses = await eventually(() => ourLenses(document.uri), (list) => assert.ok(list.some((l) => l.command.title.startsWith('📖')), 'no lesson lens yet'),
      { timeoutMs: 120_000, what: 'lesson lens on deployment.yaml' });
    const lesson = lenses.find((l) => l.command.title.startsWith('📖'));
    assert.equal(lesson.range.start.line, 0, 'the lens sits on the first line of the resource');
    assert.match(lesson.command.title, /^📖 W\dD\dS\d › .+/u);
    assert.ok(lesson.command.tooltip && lesson.command.tooltip.includes('›'), `tooltip: ${lesson.command.tooltip}`);
    const [args] = lesson.command.arguments;
    assert.match(args.lessonUri, /\/lessons\/w\d-d\d-s\d-.+\.md$/);
    await vscode.commands.executeCommand(lesson.command.command, ...lesson.command.arguments);
    await eventually(paneState, (s) => {
      assert.equal(s.lessonUri, vscode.Uri.parse(args.lessonUri).toString());
      assert.ok(s.highlighted.includes(args.sectionSlug), `highlighted: ${s.highlighted.join(', ')} (want ${args.sectionSlug})`);
    }, { timeoutMs: 30_000, what: 'pane at the lens section' });
  });

  it('a findings lens on a resource whose findings have lessons', async () => {
    const document = await openFixture('runs-as-root.yaml');
    const lenses = await eventually(() => ourLenses(document.uri), (list) => assert.ok(list.some((l) => l.command.title.startsWith('⚠')), 'no findings lens yet'),
      { timeoutMs: 60_000, what: 'findings lens on runs-as-root.yaml' });
    const findings = lenses.find((l) => l.command.title.startsWith('⚠'));
    assert.match(findings.command.title, /^⚠ \d+ findings?$/);
    // The fixture starts with a comment line: the lenses sit on `apiVersion`, the first key.
    assert.equal(findings.range.start.line, 1);
    assert.match(findings.command.tooltip, /^Most severe: /);
  });

  it('one lesson lens per Compose service', async () => {
    const document = await openFixture('compose.yaml');
    const lenses = await eventually(() => ourLenses(document.uri), (list) => assert.ok(list.length > 0, 'no lens yet'), { timeoutMs: 60_000, what: 'Compose lens' });
    const lines = [...new Set(lenses.map((l) => l.range.start.line))];
    assert.deepEqual(lines, [1], 'only the `web:` service line');
  });

  it('lessonAware.codeLens.enabled: false removes them', async () => {
    const document = await openFixture('deployment.yaml');
    await vscode.workspace.getConfiguration('lessonAware').update('codeLens.enabled', false, vscode.ConfigurationTarget.Workspace);
    await eventually(() => ourLenses(document.uri), (list) => assert.equal(list.length, 0), { timeoutMs: 20_000, what: 'no lenses with the setting off' });
    await vscode.workspace.getConfiguration('lessonAware').update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    await eventually(() => ourLenses(document.uri), (list) => assert.ok(list.length > 0), { timeoutMs: 20_000, what: 'lenses back' });
  });
});

describe('diagnostic code links', function () {
  it('carry a command:lessonAware.openLesson link whose arguments open the pane at the section', async function () {
    this.timeout(90_000);
    const document = await openFixture('runs-as-root.yaml');
    const ours = await eventually(() => vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'lesson-aware' && typeof d.code === 'object'),
      (list) => assert.ok(list.length > 0, 'no diagnostics yet'), { timeoutMs: 60_000, what: 'diagnostics with code links' });
    for (const diagnostic of ours) {
      const target = diagnostic.code.target;
      assert.equal(target.scheme, 'command', `${diagnostic.code.value}: ${target.toString()}`);
      assert.equal(target.path, 'lessonAware.openLesson');
    }
    // What VS Code's opener does with the link: decode the query, run the command with the arguments.
    const [args] = JSON.parse(ours[0].code.target.query);
    assert.match(args.lessonUri, /\.md$/);
    assert.ok(args.sectionSlug, 'the link names a section');
    await vscode.commands.executeCommand('lessonAware.openLesson', args);
    await eventually(paneState, (s) => assert.ok(s.highlighted.includes(args.sectionSlug), `highlighted: ${s.highlighted.join(', ')}`),
      { timeoutMs: 30_000, what: 'pane at the diagnostic lesson' });
  });
});
