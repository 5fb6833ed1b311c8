// Hover in the real editor: field path, Kubernetes field description, lesson breadcrumb and link.
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { openFixture, keyPosition, valuePosition, hoverText, hoverContents, eventually, activateExtension, openLessonLinks } = require('./helpers');

/** Waits until the hover at `key` satisfies `check`; returns its markdown. */
async function hoverWhen(document, key, occurrence, check, timeoutMs = 15_000) {
  const position = keyPosition(document, key, occurrence);
  return eventually(() => hoverText(document.uri, position), check, { timeoutMs, what: `hover on ${key}#${occurrence}` });
}

let serverReady;
/** Readiness: the language server answers a hover at all (awaited once, with a long deadline). */
function waitForServer(document, key) {
  serverReady ??= hoverWhen(document, key, 0, (text) => assert.ok(text.length > 0, 'hover is empty'), 120_000);
  return serverReady;
}

function assertFieldHover(markdown) {
  assert.ok(markdown.length > 0, 'hover is empty');
  assert.match(markdown, /runAsNonRoot/, 'hover names the field path');
  assert.match(markdown, /non-root/i, 'hover carries the Kubernetes field description');
  assert.ok(openLessonLinks(markdown).length > 0, 'hover has a command:lessonAware.openLesson link');
}

describe('hover on a Deployment', function () {
  let document;
  before(async function () {
    this.timeout(150_000);
    await activateExtension();
    document = await openFixture('deployment.yaml');
    await waitForServer(document, 'runAsNonRoot');
  });

  it('pod securityContext.runAsNonRoot shows field, description and lesson link', async () => {
    const markdown = await hoverWhen(document, 'runAsNonRoot', 0, assertFieldHover);
    assert.match(markdown, /spec\.template\.spec\.securityContext\.runAsNonRoot/, 'full field path of the pod-level field');
  });

  it('container securityContext.runAsNonRoot shows field, description and lesson link', async () => {
    const markdown = await hoverWhen(document, 'runAsNonRoot', 1, assertFieldHover);
    assert.match(markdown, /spec\.template\.spec\.containers(\[\d*\])?\.securityContext\.runAsNonRoot/, 'full field path of the container-level field');
  });

  it('hover on the value (`true`) explains the same field', async () => {
    const position = valuePosition(document, 'runAsNonRoot', 0);
    assert.equal(document.getText(document.getWordRangeAtPosition(position)), 'true');
    const markdown = await eventually(() => hoverText(document.uri, position), assertFieldHover, { timeoutMs: 15_000, what: 'hover on value' });
    assert.match(markdown, /spec\.template\.spec\.securityContext\.runAsNonRoot/);
  });

  it('shows the lesson as a Week › Day › Session breadcrumb', async () => {
    const markdown = await hoverWhen(document, 'runAsNonRoot', 0, assertFieldHover);
    assert.match(markdown, /Week\s*\d+\s*›\s*Day\s*\d+\s*›\s*Session\s*\d+\s*›/, 'breadcrumb Week N › Day N › Session N › section');
  });

  it('the lesson link carries {lessonUri, sectionSlug} and the command runs', async () => {
    const markdown = await hoverWhen(document, 'runAsNonRoot', 0, assertFieldHover);
    const [link] = openLessonLinks(markdown);
    const args = Array.isArray(link.args) ? link.args[0] : link.args;
    assert.ok(args && typeof args.lessonUri === 'string' && typeof args.sectionSlug === 'string',
      `link arguments are {lessonUri, sectionSlug}: ${link.raw.slice(0, 300)}`);
    await vscode.commands.executeCommand('lessonAware.openLesson', args);
    // The lesson opens as a text editor on lessonUri or as the lesson pane (a webview tab).
    const lessonUri = vscode.Uri.parse(args.lessonUri).toString();
    await eventually(() => vscode.window.tabGroups.all.flatMap((group) => group.tabs), (tabs) => {
      const opened = tabs.some((tab) => (tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === lessonUri)
        || tab.input instanceof vscode.TabInputWebview);
      assert.ok(opened, `no tab shows ${lessonUri}: ${tabs.map((tab) => tab.label).join(', ')}`);
    }, { timeoutMs: 15_000, what: 'lesson opened' });
  });

  it('allow-lists the lesson command instead of trusting the hover blindly', async () => {
    const position = keyPosition(document, 'runAsNonRoot', 0);
    const contents = await eventually(() => hoverContents(document.uri, position),
      (list) => assert.ok(openLessonLinks(list.map((c) => (typeof c === 'string' ? c : c.value)).join('\n')).length > 0),
      { timeoutMs: 15_000, what: 'hover with lesson link' });
    const withLink = contents.find((c) => typeof c !== 'string' && openLessonLinks(c.value).length > 0);
    assert.notEqual(withLink.isTrusted, true, 'isTrusted must be { enabledCommands: [...] }, not true');
    if (withLink.isTrusted !== undefined) {
      assert.ok(withLink.isTrusted.enabledCommands.includes('lessonAware.openLesson'), 'lessonAware.openLesson is allow-listed');
    }
  });
});

describe('hover on a Compose file', function () {
  let document;
  before(async function () {
    this.timeout(150_000);
    await activateExtension();
    document = await openFixture('compose.yaml');
    await waitForServer(document, 'healthcheck');
  });

  it('services.web.healthcheck shows the field path and a lesson link', async () => {
    const markdown = await hoverWhen(document, 'healthcheck', 0, (text) => assert.match(text, /healthcheck/));
    assert.match(markdown, /services\.web\.healthcheck/, 'full field path');
    assert.ok(openLessonLinks(markdown).length > 0, 'hover has a command:lessonAware.openLesson link');
  });
});
