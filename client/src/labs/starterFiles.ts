/**
 * Copying a lab's starter files (`<labUri>/starter/…`) into the learner's folder (`<workspace>/labs/<id>/…`)
 * with `vscode.workspace.fs`, asking before any file of theirs would be replaced.
 */
import * as vscode from 'vscode';
import type { LabSummary } from '../../../server/src/protocol';
import { t } from '../l10n';
import { ConflictChoice, filesToWrite, labFolderSegments, planStarterCopy, safeRelativeSegments, StarterPlan } from './starterPlan';

export function labFolder(workspaceFolder: vscode.Uri, labId: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder, ...labFolderSegments(labId));
}

function starterUri(lab: LabSummary, relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(vscode.Uri.parse(lab.labUri, true), 'starter', ...(safeRelativeSegments(relativePath) ?? []));
}

export function targetUri(folder: vscode.Uri, relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(folder, ...(safeRelativeSegments(relativePath) ?? []));
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Which starter files are new and which would replace a file already in the learner's folder. */
export async function planCopy(lab: LabSummary, folder: vscode.Uri): Promise<StarterPlan> {
  const first = planStarterCopy(lab.starterFiles, () => false);
  const present = new Set<string>();
  await Promise.all(first.files.map(async (file) => (await exists(targetUri(folder, file))) && present.add(file)));
  return planStarterCopy(lab.starterFiles, (file) => present.has(file));
}

/** The modal question when starter files would replace the learner's; cancel when dismissed. */
export async function askConflict(lab: LabSummary, conflicts: readonly string[]): Promise<ConflictChoice> {
  const overwrite = t('Overwrite');
  const keep = t('Keep My Files');
  const shown = conflicts.slice(0, 8).join(', ') + (conflicts.length > 8 ? ', …' : '');
  const answer = await vscode.window.showWarningMessage(
    t('Lab "{0}": {1} file(s) already exist in labs/{2}.', lab.title, conflicts.length, lab.id),
    { modal: true, detail: t('Overwrite them with the starter files, or keep your files and copy only the missing ones? ({0})', shown) },
    overwrite,
    keep,
  );
  return answer === overwrite ? 'overwrite' : answer === keep ? 'keep' : 'cancel';
}

export interface CopyResult {
  written: string[];
  kept: string[];
  rejected: string[];
}

/** Copies per the plan and the learner's choice; undefined when cancelled. */
export async function copyStarterFiles(lab: LabSummary, folder: vscode.Uri, plan: StarterPlan, choice: ConflictChoice | undefined): Promise<CopyResult | undefined> {
  const todo = filesToWrite(plan, choice);
  if (!todo) return undefined;
  for (const file of todo.write) {
    const bytes = await vscode.workspace.fs.readFile(starterUri(lab, file));
    const target = targetUri(folder, file);
    if (await replaceOpenText(target, bytes)) continue;
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
    await vscode.workspace.fs.writeFile(target, bytes);
  }
  return { written: todo.write, kept: todo.kept, rejected: plan.rejected };
}

/**
 * The lab checks read open editors first, and an editor with unsaved changes keeps its text when the file on disk
 * changes (saving it later would conflict): an open file gets the starter text through the editor and is saved.
 * A clean editor can still show text older than the file (VS Code reloads it a moment after a change on disk):
 * then the edit and the save may change nothing on disk, so the file is compared afterwards. True when the file
 * on disk holds the starter bytes; otherwise the caller writes it.
 */
async function replaceOpenText(target: vscode.Uri, bytes: Uint8Array): Promise<boolean> {
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
  if (!document || document.isClosed) return false;
  const text = new TextDecoder('utf-8').decode(bytes);
  if (document.getText() !== text) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
    if (!(await vscode.workspace.applyEdit(edit))) return false;
  }
  if (document.isDirty && !(await document.save())) return false;
  const onDisk = await vscode.workspace.fs.readFile(target).then((b) => b, () => undefined);
  return !!onDisk && Buffer.from(onDisk).equals(Buffer.from(bytes));
}

/** Opens the lab's files (first one last, so it is in front) in the first editor group. */
export async function openStarterFiles(lab: LabSummary, folder: vscode.Uri, preserveFocus = false): Promise<vscode.TextEditor | undefined> {
  const files = planStarterCopy(lab.starterFiles, () => false).files;
  let front: vscode.TextEditor | undefined;
  for (const file of [...files.slice(1), ...files.slice(0, 1)]) {
    try {
      const document = await vscode.workspace.openTextDocument(targetUri(folder, file));
      front = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preview: false, preserveFocus });
    } catch {
      /* a file the learner deleted or kept out: skip it */
    }
  }
  return front;
}
