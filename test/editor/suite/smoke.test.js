// Proves the suite runs inside a real VS Code extension host with our extension in development mode.
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { EXTENSION_ID, workspaceUri } = require('./helpers');

describe('editor host', () => {
  it('runs inside VS Code', () => {
    assert.match(vscode.version, /^\d+\.\d+\.\d+/);
  });

  it('opened the fixture workspace', async () => {
    const stat = await vscode.workspace.fs.stat(workspaceUri('deployment.yaml'));
    assert.equal(stat.type, vscode.FileType.File);
  });

  it('loaded the extension under development', () => {
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID), `${EXTENSION_ID} not found among ${vscode.extensions.all.length} extensions`);
  });
});
