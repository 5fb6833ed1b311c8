/** Composition of the labs feature: progress store, lab service, Labs view and lab commands. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { LessonCatalog } from '../lessons/lessonCatalog';
import { registerLabCommands } from './labCommands';
import { LabProgressStore } from './labProgress';
import { LabsService } from './labsService';
import { LabsTreeProvider } from './labsTree';
import { WalkthroughMarks } from './walkthroughMarks';
import { walkthroughStepIndex } from './walkthroughModel';

export function registerLabs(
  context: vscode.ExtensionContext,
  deps: { client: LanguageClient; catalog: LessonCatalog; log: (message: string) => void },
): LabsService {
  const walkthrough = new WalkthroughMarks(walkthroughStepIndex(context.extension.packageJSON), deps.log);
  const labs = new LabsService(deps.client, new LabProgressStore(context.workspaceState), deps.log, walkthrough);
  const tree = new LabsTreeProvider(labs);
  const treeView = vscode.window.createTreeView(LabsTreeProvider.viewId, { treeDataProvider: tree, showCollapseAll: true });
  context.subscriptions.push(walkthrough, labs, tree, treeView);
  registerLabCommands(context, {
    labs,
    catalog: deps.catalog,
    tree,
    treeView,
    extensionVersion: String((context.extension.packageJSON as { version?: unknown }).version ?? ''),
    log: deps.log,
  });
  return labs;
}
