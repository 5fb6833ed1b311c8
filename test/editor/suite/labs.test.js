// Labs in the real extension host: start a bundled lab by id (starter files copied and opened, lesson pane at
// the lab's lesson), a second start asks before touching the learner's files, an edit made with a
// WorkspaceEdit ticks the step (state, walkthrough context key, stored progress), hint and instructions
// open in the pane, the solution completes the lab (announced once), the progress exports as JSON, and a
// reset starts over.
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');
const { EXTENSION_ID, workspaceUri, eventually, activateExtension } = require('./helpers');

const LAB = 'harden-deployment';
const STEP = 'block-privilege-escalation';
const FILE = 'deployment.yaml';
const stepKey = `lessonAware.lab.${LAB}.step.${STEP}.done`;

const labsState = () => vscode.commands.executeCommand('lessonAware.internal.labsState');
const paneState = () => vscode.commands.executeCommand('lessonAware.internal.paneState');
const labView = (state) => state.labs.find((l) => l.id === LAB);
const stepView = (state, id = STEP) => labView(state).steps.find((s) => s.stepId === id);

function extensionRoot() {
  return vscode.extensions.getExtension(EXTENSION_ID).extensionUri.fsPath;
}
const starterText = () => fs.readFileSync(path.join(extensionRoot(), 'lessons', 'labs', LAB, 'starter', FILE), 'utf8');
const learnerUri = () => workspaceUri('labs', LAB, FILE);
const learnerText = () => fs.readFileSync(learnerUri().fsPath, 'utf8');

describe('labs', function () {
  before(async function () {
    this.timeout(150_000);
    await activateExtension();
    // Readiness: the server lists the bundled labs.
    await eventually(async () => {
      await vscode.commands.executeCommand('lessonAware.refreshLabs');
      return labsState();
    }, (s) => assert.ok(s && labView(s), `lab ${LAB} not listed yet`), { timeoutMs: 120_000, intervalMs: 1000, what: 'lab list' });
  });

  after(async () => {
    for (const document of vscode.workspace.textDocuments) {
      if (document.isDirty && document.uri.path.includes(`/labs/${LAB}/`)) {
        await vscode.window.showTextDocument(document);
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('starts a lab by id: starter files copied and opened, lesson pane at the lab lesson, steps evaluated', async () => {
    const result = await vscode.commands.executeCommand('lessonAware.startLab', LAB);
    assert.ok(result && !result.cancelled, `started: ${JSON.stringify(result)}`);
    assert.ok(result.written.includes(FILE), `written: ${result.written}`);
    assert.equal(result.folderUri, workspaceUri('labs', LAB).toString());
    assert.equal(learnerText(), starterText(), 'the learner copy is the starter file');
    assert.equal(vscode.window.activeTextEditor && vscode.window.activeTextEditor.document.uri.toString(), learnerUri().toString(), 'the starter file is in front');

    const lab = (await labsState()).labs.find((l) => l.id === LAB);
    const state = await eventually(labsState, (s) => {
      const view = labView(s);
      assert.ok(view.started && view.evaluated, 'evaluated');
      assert.equal(view.passedCount, 0, 'the starter fails every step');
      for (const step of view.steps) assert.ok(step.reason, `${step.stepId} says why it fails`);
      assert.equal(s.contexts[stepKey], false, 'context key set from the state');
    }, { timeoutMs: 30_000, what: 'first evaluation' });
    assert.equal(state.progress.find((p) => p.id === LAB).folderUri, result.folderUri);
    assert.equal(lab.total, lab.steps.length);

    const pane = await eventually(paneState, (p) => assert.match(decodeURIComponent(p.lessonUri || ''), /w2-d3-s8-kubernetes-orchestration\.md$/), { timeoutMs: 30_000, what: 'lesson pane at the lab lesson' });
    assert.ok(pane.slug, 'at a section');
  });

  it('a second start asks first: keep leaves the learner file, cancel changes nothing, overwrite restores the starter', async () => {
    const mine = `# my notes\n${starterText()}`;
    fs.writeFileSync(learnerUri().fsPath, mine);
    const keep = await vscode.commands.executeCommand('lessonAware.startLab', LAB, { onConflict: 'keep', open: false });
    assert.deepEqual([keep.cancelled, keep.kept, keep.written], [false, [FILE], []]);
    assert.equal(learnerText(), mine);
    const cancel = await vscode.commands.executeCommand('lessonAware.startLab', LAB, { onConflict: 'cancel', open: false });
    assert.equal(cancel.cancelled, true);
    assert.equal(learnerText(), mine);
    const overwrite = await vscode.commands.executeCommand('lessonAware.startLab', LAB, { onConflict: 'overwrite', open: false });
    assert.deepEqual([overwrite.cancelled, overwrite.written], [false, [FILE]]);
    assert.equal(learnerText(), starterText());

    // The file open in a clean editor, changed on disk just before the overwrite: the editor may still show the
    // starter text (VS Code reloads it a moment later), so editing and saving it changes nothing on disk.
    const document = await vscode.workspace.openTextDocument(learnerUri());
    await eventually(() => document.getText(), (text) => assert.equal(text, starterText()), { timeoutMs: 10_000, what: 'editor shows the starter text' });
    fs.writeFileSync(learnerUri().fsPath, mine);
    const again = await vscode.commands.executeCommand('lessonAware.startLab', LAB, { onConflict: 'overwrite', open: false });
    assert.deepEqual(again.written, [FILE]);
    assert.equal(learnerText(), starterText(), 'the file on disk holds the starter again');
    await eventually(() => [document.getText(), document.isDirty], ([text, dirty]) => assert.deepEqual([text === starterText(), dirty], [true, false]), { timeoutMs: 10_000, what: 'the editor shows the starter, clean' });
  });

  it('an unsaved edit ticks the step, its walkthrough context key and the stored progress', async () => {
    const document = await vscode.workspace.openTextDocument(learnerUri());
    await vscode.window.showTextDocument(document);
    await eventually(() => document.getText(), (text) => assert.equal(text, starterText()), { timeoutMs: 10_000, what: 'editor shows the starter text' });
    const at = document.getText().indexOf('allowPrivilegeEscalation: true');
    assert.ok(at >= 0, 'the starter allows privilege escalation');
    const start = document.positionAt(at + 'allowPrivilegeEscalation: '.length);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(start, start.translate(0, 'true'.length)), 'false');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(document.isDirty, 'checked before saving');

    const state = await eventually(labsState, (s) => {
      assert.equal(stepView(s).passed, true, `${STEP}: ${stepView(s).reason}`);
      assert.equal(s.contexts[stepKey], true);
    }, { timeoutMs: 30_000, what: `${STEP} ticked` });
    const view = labView(state);
    assert.equal(view.passedCount, 1, 'only that step passes');
    assert.equal(state.contexts[`lessonAware.lab.${LAB}.complete`], false);
    assert.ok(state.progress.find((p) => p.id === LAB).steps[STEP].passedAt, 'first pass time stored');
  });

  it('hint and instructions open in the lesson pane', async () => {
    const lab = labView(await labsState());
    const step = stepView(await labsState());
    assert.ok(step.hint, 'the step has a hint');
    await vscode.commands.executeCommand('lessonAware.labHint', { kind: 'step', labId: LAB, stepId: STEP });
    await eventually(paneState, (p) => {
      assert.equal(p.lessonUri, vscode.Uri.parse(step.hint.lessonUri).toString());
      assert.equal(p.slug, step.hint.sectionSlug);
    }, { timeoutMs: 30_000, what: 'pane at the hint' });
    await vscode.commands.executeCommand('lessonAware.openLabInstructions', { kind: 'step', labId: LAB, stepId: STEP });
    await eventually(paneState, (p) => {
      assert.match(decodeURIComponent(p.lessonUri), new RegExp(`/labs/${LAB}/lab\\.md$`));
      assert.equal(p.slug, step.instructionsSlug);
      assert.ok(p.highlighted.includes(step.instructionsSlug), `highlighted ${p.highlighted}`);
    }, { timeoutMs: 30_000, what: `lab.md of ${lab.id} at the step` });
  });

  it('the solution text completes the lab: every key set, completion stored and announced once', async () => {
    const document = await vscode.workspace.openTextDocument(learnerUri());
    const solution = fs.readFileSync(path.join(extensionRoot(), 'lessons', 'labs', LAB, 'solution', FILE), 'utf8');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), solution);
    assert.ok(await vscode.workspace.applyEdit(edit));
    const state = await eventually(labsState, (s) => {
      assert.equal(labView(s).complete, true, JSON.stringify(labView(s).steps.filter((x) => !x.passed)));
      assert.equal(s.contexts[`lessonAware.lab.${LAB}.complete`], true);
    }, { timeoutMs: 30_000, what: 'lab complete' });
    for (const step of labView(state).steps) assert.equal(state.contexts[`lessonAware.lab.${LAB}.step.${step.stepId}.done`], true, step.stepId);
    const progress = state.progress.find((p) => p.id === LAB);
    assert.ok(progress.completedAt, 'completion time stored');
    assert.equal(progress.finishAnnounced, true, 'the finish message was shown');
    assert.ok(Object.values(progress.steps).every((s) => s.passedAt), 'every step has its first pass time');
    assert.equal(progress.steps[STEP].passedAt <= progress.completedAt, true);
  });

  it('after a server restart the lab is watched again: steps untick and tick live; the finish message stays one-time', async () => {
    const before = (await labsState()).progress.find((p) => p.id === LAB);
    await vscode.commands.executeCommand('lessonAware.restartServer');
    const document = await vscode.workspace.openTextDocument(learnerUri());
    const flip = async (from, to) => {
      const at = document.getText().indexOf(`allowPrivilegeEscalation: ${from}`);
      assert.ok(at >= 0, `allowPrivilegeEscalation: ${from} in the text`);
      const start = document.positionAt(at + 'allowPrivilegeEscalation: '.length);
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, new vscode.Range(start, start.translate(0, from.length)), to);
      assert.ok(await vscode.workspace.applyEdit(edit));
    };
    await flip('false', 'true');
    await eventually(labsState, (s) => {
      assert.equal(stepView(s).passed, false);
      assert.equal(labView(s).complete, false);
    }, { timeoutMs: 60_000, what: 'step unticked after the restart' });
    await flip('true', 'false');
    const state = await eventually(labsState, (s) => assert.equal(labView(s).complete, true), { timeoutMs: 30_000, what: 'complete again' });
    const after = state.progress.find((p) => p.id === LAB);
    assert.equal(after.completedAt, before.completedAt, 'the first completion time is kept');
    assert.equal(after.steps[STEP].passedAt, before.steps[STEP].passedAt, 'the first pass time is kept');
    assert.equal(after.finishAnnounced, true);
  });

  it('exports the progress an instructor collects', async () => {
    const target = workspaceUri('lab-progress.json');
    const written = await vscode.commands.executeCommand('lessonAware.exportLabProgress', target.fsPath);
    assert.equal(written, target.toString());
    const report = JSON.parse(fs.readFileSync(target.fsPath, 'utf8'));
    assert.equal(report.extensionVersion, vscode.extensions.getExtension(EXTENSION_ID).packageJSON.version);
    assert.ok(!Number.isNaN(Date.parse(report.exportedAt)));
    assert.equal(typeof report.workspace, 'string');
    const lab = report.labs.find((l) => l.id === LAB);
    assert.ok(lab && lab.title && lab.startedAt && lab.completedAt >= lab.startedAt, JSON.stringify(report));
    assert.deepEqual(lab.steps.map((s) => s.id), labView(await labsState()).steps.map((s) => s.stepId), 'steps in lab.md order');
    assert.ok(lab.steps.every((s) => s.title && s.passed === true && s.passedAt >= lab.startedAt), JSON.stringify(lab.steps));
    const first = lab.steps.find((s) => s.id === STEP);
    assert.ok(lab.steps.every((s) => s.id === STEP || s.passedAt >= first.passedAt), 'the step fixed first passed first');
  });

  it('reset replaces the edited (unsaved) text with the starter and starts the steps over', async () => {
    const result = await vscode.commands.executeCommand('lessonAware.resetLab', LAB, { confirm: false });
    assert.deepEqual(result.written, [FILE]);
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === learnerUri().toString());
    assert.equal(document.getText(), starterText(), 'the open editor shows the starter text');
    assert.equal(document.isDirty, false);
    const state = await eventually(labsState, (s) => {
      assert.equal(labView(s).passedCount, 0);
      assert.equal(s.contexts[stepKey], false);
      assert.equal(s.contexts[`lessonAware.lab.${LAB}.complete`], false);
    }, { timeoutMs: 30_000, what: 'steps unticked after reset' });
    const progress = state.progress.find((p) => p.id === LAB);
    assert.deepEqual(progress.steps, {});
    assert.equal(progress.completedAt, undefined);
    assert.equal(progress.finishAnnounced, undefined, 'a new attempt gets its own finish message');
  });
});
