// Helpers for extension-host tests: open fixtures, find a key, poll a provider until it answers.
'use strict';
const vscode = require('vscode');

const EXTENSION_ID = 'lesson-aware.lesson-aware';

/** The fixture workspace folder (a throwaway copy of test/editor/workspace). */
function workspaceUri(...segments) {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  if (!folder) throw new Error('no workspace folder is open; the runner opens a copy of test/editor/workspace');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

async function openFixture(name) {
  const document = await vscode.workspace.openTextDocument(workspaceUri(name));
  await vscode.window.showTextDocument(document);
  return document;
}

/** Position inside the `occurrence`-th (0-based) appearance of `text` followed by ':' (a YAML key). */
function keyPosition(document, key, occurrence = 0) {
  const pattern = new RegExp(`(^|[\\s-])${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:`, 'gm');
  let match;
  let seen = 0;
  while ((match = pattern.exec(document.getText()))) {
    if (seen++ === occurrence) return document.positionAt(match.index + match[1].length + 1);
  }
  throw new Error(`key "${key}" (occurrence ${occurrence}) not found in ${document.uri.path}`);
}

/** Position inside the scalar value of that key (`key: value`). */
function valuePosition(document, key, occurrence = 0) {
  const keyAt = document.offsetAt(keyPosition(document, key, occurrence));
  const rest = document.getText().slice(keyAt);
  const match = /^[^:]*:[ \t]*(?=\S)/.exec(rest);
  if (!match) throw new Error(`key "${key}" (occurrence ${occurrence}) has no value on its line`);
  return document.positionAt(keyAt + match[0].length + 1);
}

/** Hover markdown text from all providers at a position, joined. */
async function hoverText(uri, position) {
  const hovers = (await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, position)) || [];
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

/** All hover contents (MarkdownString-like objects) at a position. */
async function hoverContents(uri, position) {
  const hovers = (await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, position)) || [];
  return hovers.flatMap((hover) => hover.contents);
}

/**
 * Calls `probe` until `check(value)` stops throwing, then returns the value; after `timeoutMs`
 * rethrows the last failure (with the last value) — a readiness wait, never a fixed sleep.
 */
async function eventually(probe, check, { timeoutMs = 60_000, intervalMs = 250, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  let lastValue;
  for (;;) {
    try {
      lastValue = await probe();
      check(lastValue);
      return lastValue;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const shown = typeof lastValue === 'string' ? lastValue : JSON.stringify(lastValue);
      const error = new Error(`${what} not met within ${timeoutMs} ms: ${lastError && lastError.message}\nlast value: ${String(shown).slice(0, 1500)}`);
      error.cause = lastError;
      throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Activates our extension (it may already be active through onLanguage). */
async function activateExtension() {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded (is extensionDevelopmentPath the repo root?)`);
  await extension.activate();
  return extension;
}

/** The `command:lessonAware.openLesson?...` links in a markdown text, with decoded arguments. */
function openLessonLinks(markdown) {
  const links = [];
  const pattern = /command:lessonAware\.openLesson(?:\?([^)\s"]*))?/g;
  let match;
  while ((match = pattern.exec(markdown))) {
    let args;
    try { args = match[1] ? JSON.parse(decodeURIComponent(match[1])) : undefined; } catch { args = undefined; }
    links.push({ raw: match[0], args });
  }
  return links;
}

module.exports = { EXTENSION_ID, workspaceUri, openFixture, keyPosition, valuePosition, hoverText, hoverContents, eventually, activateExtension, openLessonLinks };
