/**
 * Lab commands: start (copy starter files, open them and the lesson, watch), hint, reset, open the lab's
 * instructions, export progress, refresh; plus the one-time finish message. Arguments come from the
 * palette (none), the Labs view (a tree node), command links and tests (a lab id string).
 */
import * as vscode from 'vscode';
import { Commands, LabSummary, OpenLessonArgs } from '../../../server/src/protocol';
import { ClientCommands } from '../clientCommands';
import { t } from '../l10n';
import type { LessonCatalog } from '../lessons/lessonCatalog';
import { buildProgressExport } from './labProgress';
import type { LabsService } from './labsService';
import { finishMessage, isLabId, labPickItems, LabStepView, LabWords, nextStep } from './labsModel';
import { LabsTreeProvider, LabTreeNode, revealLab } from './labsTree';
import { askConflict, copyStarterFiles, labFolder, openStarterFiles, planCopy } from './starterFiles';
import { ConflictChoice, isConflictChoice } from './starterPlan';

export interface LabCommandDeps {
  labs: LabsService;
  catalog: LessonCatalog;
  tree: LabsTreeProvider;
  treeView: vscode.TreeView<LabTreeNode>;
  extensionVersion: string;
  log: (message: string) => void;
}

/** Options of `lessonAware.startLab` for scripts and tests (the learner never needs them). */
export interface StartLabOptions {
  /** Answer to the "files already exist" question instead of asking. */
  onConflict?: ConflictChoice;
  /** Workspace folder URI to use instead of asking in a multi-root workspace. */
  workspaceFolder?: string;
  /** false: do not open the files, the lesson and the view. */
  open?: boolean;
}

export interface StartLabResult {
  labId: string;
  folderUri: string;
  written: string[];
  kept: string[];
  rejected: string[];
  cancelled: boolean;
}

export function registerLabCommands(context: vscode.ExtensionContext, deps: LabCommandDeps): void {
  const guard = <A extends unknown[], R>(name: string, run: (...args: A) => Promise<R>) => async (...args: A): Promise<R | undefined> => {
    try {
      return await run(...args);
    } catch (error) {
      void vscode.window.showErrorMessage(t('Lesson-Aware Infra: {0} failed: {1}', name, String(error)));
      return undefined;
    }
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.startLab, guard('startLab', (raw?: unknown, options?: StartLabOptions) => startLab(deps, raw, options ?? {}))),
    vscode.commands.registerCommand(ClientCommands.labHint, guard('labHint', (raw?: unknown) => labHint(deps, raw))),
    vscode.commands.registerCommand(ClientCommands.resetLab, guard('resetLab', (raw?: unknown, options?: { confirm?: boolean }) => resetLab(deps, raw, options ?? {}))),
    vscode.commands.registerCommand(ClientCommands.openLabInstructions, guard('openLabInstructions', (raw?: unknown) => openInstructions(deps, raw))),
    vscode.commands.registerCommand(ClientCommands.exportLabProgress, guard('exportLabProgress', (raw?: unknown) => exportProgress(deps, raw))),
    vscode.commands.registerCommand(ClientCommands.refreshLabs, guard('refreshLabs', () => deps.labs.refresh())),
    vscode.commands.registerCommand(ClientCommands.labsState, () => deps.labs.snapshot()),
    deps.labs.onDidComplete((lab) => void announceFinish(deps, lab).catch((error: unknown) => deps.log(`labs: finish message: ${String(error)}`))),
  );
}

/** A lab id and maybe a step id from any command argument. */
function labArgs(raw: unknown): { labId?: string; stepId?: string } {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (isLabId(value)) return { labId: value };
  if (value && typeof value === 'object') {
    const { labId, stepId } = value as Record<string, unknown>;
    if (isLabId(labId)) return { labId, ...(typeof stepId === 'string' ? { stepId } : {}) };
  }
  return {};
}

function words(): LabWords {
  return {
    week: (n) => t('Week {0}', n),
    day: (n) => t('Day {0}', n),
    session: (n) => t('Session {0}', n),
    minutes: (n) => t('{0} min', n),
    progress: (passed, total) => t('{0} of {1} steps done', passed, total),
    complete: t('complete'),
  };
}

/** The lab named by the argument, else one picked by the learner (only started ones when asked). */
async function resolveLab(deps: LabCommandDeps, raw: unknown, startedOnly: boolean): Promise<LabSummary | undefined> {
  const labs = await deps.labs.list();
  const { labId } = labArgs(raw);
  if (labId) {
    const lab = await deps.labs.find(labId);
    if (!lab) void vscode.window.showWarningMessage(t('Lesson-Aware Infra: there is no lab "{0}".', labId));
    return lab;
  }
  const started = new Set(deps.labs.started().map((p) => p.id));
  const offered = startedOnly ? labs.filter((l) => started.has(l.id)) : labs;
  if (offered.length === 0) {
    void vscode.window.showInformationMessage(
      labs.length === 0 ? t('Lesson-Aware Infra: no labs found (is the language server running?).') : t('No lab has been started in this workspace yet.'),
    );
    return undefined;
  }
  const items = labPickItems(offered, deps.labs.views(), deps.catalog.cached() ?? (await deps.catalog.list()), words());
  const picked = await vscode.window.showQuickPick(items, { placeHolder: startedOnly ? t('Pick a started lab') : t('Pick a lab to start'), matchOnDescription: true });
  return picked ? offered.find((l) => l.id === picked.labId) : undefined;
}

async function pickWorkspaceFolder(lab: LabSummary, options: StartLabOptions): Promise<vscode.Uri | undefined> {
  if (options.workspaceFolder) return vscode.Uri.parse(options.workspaceFolder, true);
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    const open = t('Open Folder');
    const answer = await vscode.window.showWarningMessage(
      t('Open a folder first: the lab "{0}" copies its starter files into <folder>/labs/{1}/.', lab.title, lab.id),
      open,
    );
    if (answer === open) await vscode.commands.executeCommand('workbench.action.files.openFolder');
    return undefined;
  }
  if (folders.length === 1) return folders[0]!.uri;
  return (await vscode.window.showWorkspaceFolderPick({ placeHolder: t('Where should the lab files go?') }))?.uri;
}

async function startLab(deps: LabCommandDeps, raw: unknown, options: StartLabOptions): Promise<StartLabResult | undefined> {
  const lab = await resolveLab(deps, raw, false);
  if (!lab) return undefined;
  const workspaceFolder = await pickWorkspaceFolder(lab, options);
  if (!workspaceFolder) return undefined;
  const folder = labFolder(workspaceFolder, lab.id);
  const plan = await planCopy(lab, folder);
  let choice: ConflictChoice | undefined;
  if (plan.conflicts.length > 0) choice = isConflictChoice(options.onConflict) ? options.onConflict : await askConflict(lab, plan.conflicts);
  const copied = await copyStarterFiles(lab, folder, plan, choice);
  const result = { labId: lab.id, folderUri: folder.toString(), written: copied?.written ?? [], kept: copied?.kept ?? [], rejected: plan.rejected, cancelled: !copied };
  if (!copied) return result;
  await deps.labs.start(lab, folder.toString());
  vscode.window.setStatusBarMessage(t('Lab "{0}" started: {1} file(s) copied to labs/{2}.', lab.title, copied.written.length, lab.id), 8_000);
  if (options.open !== false) await showLab(deps, lab, folder);
  return result;
}

/** Starter files in the first group, the lesson beside them, the lab in the Labs view; focus back on the file. */
async function showLab(deps: LabCommandDeps, lab: LabSummary, folder: vscode.Uri): Promise<void> {
  const front = await openStarterFiles(lab, folder);
  if (lab.lesson) await openLesson({ lessonUri: lab.lesson.lessonUri, sectionSlug: lab.lesson.sectionSlug, ...(lab.lesson.line !== undefined ? { line: lab.lesson.line } : {}) });
  await revealLab(deps.tree, deps.treeView, lab.id);
  if (front) await vscode.window.showTextDocument(front.document, { viewColumn: front.viewColumn ?? vscode.ViewColumn.One, preview: false });
}

function openLesson(args: OpenLessonArgs): Thenable<unknown> {
  return vscode.commands.executeCommand(Commands.openLesson, args);
}

/** The step named by the argument, else the first step of the lab that does not pass yet. */
async function resolveStep(deps: LabCommandDeps, raw: unknown): Promise<{ lab: LabSummary; step?: LabStepView } | undefined> {
  const { labId, stepId } = labArgs(raw);
  const lab = await resolveLab(deps, raw, labId === undefined);
  if (!lab) return undefined;
  const view = deps.labs.view(lab.id);
  const step = stepId ? view?.steps.find((s) => s.stepId === stepId) : view && nextStep(view);
  return { lab, ...(step ? { step } : {}) };
}

async function labHint(deps: LabCommandDeps, raw: unknown): Promise<void> {
  const target = await resolveStep(deps, raw);
  if (!target) return;
  const hint = target.step?.hint;
  if (hint) await openLesson({ lessonUri: hint.lessonUri, sectionSlug: hint.sectionSlug, ...(hint.line !== undefined ? { line: hint.line } : {}) });
  else await openInstructions(deps, { labId: target.lab.id, ...(target.step ? { stepId: target.step.stepId } : {}) });
}

/** lab.md rendered in the lesson pane (it shows any Markdown file), at the step's section when a step is given. */
async function openInstructions(deps: LabCommandDeps, raw: unknown): Promise<void> {
  const lab = await resolveLab(deps, raw, false);
  if (!lab) return;
  const { stepId } = labArgs(raw);
  const step = stepId ? deps.labs.view(lab.id)?.steps.find((s) => s.stepId === stepId) : undefined;
  const lessonUri = vscode.Uri.joinPath(vscode.Uri.parse(lab.labUri, true), 'lab.md').toString();
  await openLesson({ lessonUri, sectionSlug: step?.instructionsSlug ?? '' });
}

async function resetLab(deps: LabCommandDeps, raw: unknown, options: { confirm?: boolean }): Promise<StartLabResult | undefined> {
  const lab = await resolveLab(deps, raw, labArgs(raw).labId === undefined);
  if (!lab) return undefined;
  const progress = deps.labs.progress.get(lab.id);
  if (!progress) return startLab(deps, lab.id, {});
  if (options.confirm !== false) {
    const reset = t('Reset');
    const answer = await vscode.window.showWarningMessage(
      t('Reset lab "{0}"?', lab.title),
      { modal: true, detail: t('Your files in labs/{0} are replaced with the starter files; files you added stay. Step progress starts over.', lab.id) },
      reset,
    );
    if (answer !== reset) return undefined;
  }
  const folder = vscode.Uri.parse(progress.folderUri, true);
  const plan = await planCopy(lab, folder);
  const copied = await copyStarterFiles(lab, folder, plan, 'overwrite');
  await deps.labs.reset(lab);
  return { labId: lab.id, folderUri: progress.folderUri, written: copied?.written ?? [], kept: [], rejected: plan.rejected, cancelled: !copied };
}

/** Writes the progress JSON (to the path given, else where the save dialog says); returns the file URI. */
async function exportProgress(deps: LabCommandDeps, raw: unknown): Promise<string | undefined> {
  let target: vscode.Uri | undefined;
  if (raw instanceof vscode.Uri) target = raw;
  else if (typeof raw === 'string' && raw.length > 0) target = /^[a-z][a-z0-9+.-]+:/i.test(raw) && !/^[a-z]:[\\/]/i.test(raw) ? vscode.Uri.parse(raw, true) : vscode.Uri.file(raw);
  if (!target) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    target = await vscode.window.showSaveDialog({
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, 'lab-progress.json') } : {}),
      filters: { JSON: ['json'] },
      saveLabel: t('Export'),
      title: t('Export Lab Progress'),
    });
    if (!target) return undefined;
  }
  const report = buildProgressExport({
    extensionVersion: deps.extensionVersion,
    workspace: vscode.workspace.name ?? '',
    exportedAt: new Date(),
    labs: await deps.labs.list(),
    progress: deps.labs.started(),
  });
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(`${JSON.stringify(report, null, 2)}\n`));
  void vscode.window.showInformationMessage(t('Lab progress saved to {0}.', target.scheme === 'file' ? target.fsPath : target.toString()));
  return target.toString();
}

async function announceFinish(deps: LabCommandDeps, lab: LabSummary): Promise<void> {
  const exportAction = t('Export Progress');
  const open = t('Open Lab Instructions');
  const message = finishMessage(lab, { complete: (title, steps) => t('Lab complete: {0}. You practised: {1}.', title, steps) });
  const answer = await vscode.window.showInformationMessage(message, exportAction, open);
  if (answer === exportAction) await vscode.commands.executeCommand(ClientCommands.exportLabProgress);
  else if (answer === open) await openInstructions(deps, { labId: lab.id });
}
