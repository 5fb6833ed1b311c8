// Lesson pane, Mermaid and the lessons tree in the real extension host: the pane opens at the linked
// section with it highlighted, every Mermaid block of the five sessions renders as SVG, the Mermaid
// preview follows typing and reports broken syntax, and the largest lesson re-opens quickly.
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');
const { EXTENSION_ID, openFixture, keyPosition, hoverText, eventually, activateExtension, openLessonLinks } = require('./helpers');

const paneState = () => vscode.commands.executeCommand('lessonAware.internal.paneState');
const previewState = () => vscode.commands.executeCommand('lessonAware.internal.previewState');

function lessonFiles() {
  const root = vscode.extensions.getExtension(EXTENSION_ID).extensionUri;
  const dir = vscode.Uri.joinPath(root, 'lessons');
  return fs.readdirSync(dir.fsPath).filter((f) => /^w\d+-d\d+-s\d+-.*\.md$/.test(f)).sort().map((f) => {
    const text = fs.readFileSync(path.join(dir.fsPath, f), 'utf8');
    return { name: f, uri: vscode.Uri.joinPath(dir, f).toString(), mermaid: (text.match(/^\s*```mermaid\s*$/gm) || []).length, lines: text.split('\n').length };
  });
}

async function waitForPane(check, what, timeoutMs = 30_000) {
  return eventually(paneState, check, { timeoutMs, what });
}

/** Writes measurements next to the other editor-tier artifacts. */
function recordMeasurement(name, value) {
  try {
    const root = vscode.extensions.getExtension(EXTENSION_ID).extensionUri.fsPath;
    const dir = path.join(root, 'test-results', 'editor');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'lesson-pane-measurements.json');
    const data = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
    data[name] = value;
    fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  } catch (err) {
    console.warn('cannot record measurement', err);
  }
}

describe('lesson pane', function () {
  let link;
  before(async function () {
    this.timeout(150_000);
    await activateExtension();
    const document = await openFixture('deployment.yaml');
    const position = keyPosition(document, 'runAsNonRoot', 0);
    const markdown = await eventually(() => hoverText(document.uri, position), (text) => assert.ok(openLessonLinks(text).length > 0, 'no lesson link yet'), { timeoutMs: 120_000, what: 'hover with a lesson link' });
    const [first] = openLessonLinks(markdown);
    link = Array.isArray(first.args) ? first.args[0] : first.args;
  });

  it('the hover link opens the pane at its section, highlighted', async () => {
    await vscode.commands.executeCommand('lessonAware.openLesson', link);
    const state = await waitForPane((s) => {
      assert.equal(s.lessonUri, vscode.Uri.parse(link.lessonUri).toString());
      assert.equal(s.slug, link.sectionSlug);
      assert.ok(s.highlighted.includes(link.sectionSlug), `highlighted: ${s.highlighted.join(', ')}`);
    }, 'pane at the linked section');
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    assert.ok(tabs.some((t) => t.input instanceof vscode.TabInputWebview && /lessonAware\.lessonPane/.test(t.input.viewType)), 'a lesson pane tab is open');
    assert.ok(state.visible, 'the pane is visible');
  });

  it('one pane is reused for every lesson', async () => {
    for (const lesson of lessonFiles().slice(0, 2)) await vscode.commands.executeCommand('lessonAware.openLesson', { lessonUri: lesson.uri, sectionSlug: '' });
    const panes = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && /lessonAware\.lessonPane/.test(t.input.viewType));
    assert.equal(panes.length, 1);
  });

  for (const lesson of lessonFiles()) {
    it(`renders every Mermaid diagram of ${lesson.name} as SVG (${lesson.mermaid})`, async () => {
      await vscode.commands.executeCommand('lessonAware.openLesson', { lessonUri: lesson.uri, sectionSlug: '' });
      const state = await waitForPane((s) => {
        assert.equal(s.lessonUri, lesson.uri);
        assert.equal(s.mermaidBlocks, lesson.mermaid, 'Mermaid blocks found in the pane');
        assert.equal(s.svgs, lesson.mermaid, `SVGs rendered (errors: ${s.diagramErrors})`);
      }, `Mermaid SVGs of ${lesson.name}`, 60_000);
      assert.equal(state.diagramErrors, 0);
      recordMeasurement(`mermaid:${lesson.name}`, { blocks: state.mermaidBlocks, svgs: state.svgs, errors: state.diagramErrors, firstOpenMs: state.lastOpenMs, diagramsMs: state.lastDiagramsMs });
    });
  }
  // Open time of the largest lesson is measured (not asserted) in paneOpenTime.test.js.
});

describe('Mermaid preview', function () {
  it('updates after typing and shows broken syntax with its line', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'mermaid', content: 'graph LR\n  A[Start] --> B[End]\n' });
    const editor = await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('lessonAware.showMermaidPreview');
    await eventually(previewState, (s) => { assert.equal(s.svgs, 1); assert.equal(s.errors.length, 0); }, { timeoutMs: 30_000, what: 'first diagram' });
    await editor.edit((b) => b.insert(new vscode.Position(2, 0), '  B --> C{{Decide}}\n'));
    await eventually(previewState, (s) => assert.equal(s.svgs, 1), { timeoutMs: 10_000, what: 'still rendered after typing' });
    await editor.edit((b) => b.insert(new vscode.Position(3, 0), '  C --> -->\n'));
    const state = await eventually(previewState, (s) => { assert.equal(s.svgs, 0); assert.equal(s.errors.length, 1); }, { timeoutMs: 10_000, what: 'syntax error shown' });
    assert.equal(state.errors[0].line, 4, `error line: ${JSON.stringify(state.errors)}`);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
