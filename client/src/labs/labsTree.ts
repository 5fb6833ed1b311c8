/**
 * The Labs view: labs → steps. A step shows a check when it passes and its failing reason as description
 * and tooltip; a started lab shows `n/total`. Updates live from the lab states.
 */
import * as vscode from 'vscode';
import { t } from '../l10n';
import { ClientCommands } from '../clientCommands';
import type { LabsService } from './labsService';
import { LabStepView, LabView, progressText } from './labsModel';

/** Tree elements; also the argument the view passes to context-menu commands. */
export type LabTreeNode = { kind: 'lab'; labId: string } | { kind: 'step'; labId: string; stepId: string };

export class LabsTreeProvider implements vscode.TreeDataProvider<LabTreeNode>, vscode.Disposable {
  static readonly viewId = 'lessonAware.labs';
  private readonly changed = new vscode.EventEmitter<LabTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  /** One object per lab / step, so `reveal` and VS Code's element map see the same identity. */
  private readonly nodes = new Map<string, LabTreeNode>();

  constructor(private readonly labs: LabsService) {
    this.subscription = labs.onDidChange(() => this.changed.fire(undefined));
  }

  async getChildren(node?: LabTreeNode): Promise<LabTreeNode[]> {
    if (!node) {
      await this.labs.list();
      // An empty list shows the view's welcome content.
      return this.labs.views().map((v) => this.node(v.id));
    }
    if (node.kind === 'lab') return (this.labs.view(node.labId)?.steps ?? []).map((s) => this.node(node.labId, s.stepId));
    return [];
  }

  getParent(node: LabTreeNode): LabTreeNode | undefined {
    return node.kind === 'step' ? this.node(node.labId) : undefined;
  }

  node(labId: string, stepId?: string): LabTreeNode {
    const key = stepId === undefined ? labId : `${labId}:${stepId}`;
    let node = this.nodes.get(key);
    if (!node) this.nodes.set(key, (node = stepId === undefined ? { kind: 'lab', labId } : { kind: 'step', labId, stepId }));
    return node;
  }

  getTreeItem(node: LabTreeNode): vscode.TreeItem {
    const view = this.labs.view(node.labId);
    if (!view) return new vscode.TreeItem(node.labId, vscode.TreeItemCollapsibleState.None);
    if (node.kind === 'lab') return labItem(view);
    const step = view.steps.find((s) => s.stepId === node.stepId);
    return step ? stepItem(view, step) : new vscode.TreeItem(node.stepId, vscode.TreeItemCollapsibleState.None);
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function labItem(view: LabView): vscode.TreeItem {
  const item = new vscode.TreeItem(view.title, view.started ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `lab:${view.id}`;
  const minutes = view.minutes !== undefined ? t('{0} min', view.minutes) : '';
  item.description = view.started ? progressText(view) : [t('not started'), minutes].filter(Boolean).join(' · ');
  item.iconPath = view.complete ? new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')) : new vscode.ThemeIcon('beaker');
  item.contextValue = view.started ? (view.complete ? 'lab.started.complete' : 'lab.started') : 'lab.new';
  const status = view.started
    ? view.complete
      ? t('complete')
      : t('{0} of {1} steps done', view.passedCount, view.total)
    : t('not started');
  item.tooltip = new vscode.MarkdownString(`**${escapeMarkdown(view.title)}**\n\n${escapeMarkdown([status, minutes].filter(Boolean).join(' · '))}`);
  item.accessibilityInformation = { label: `${view.title}, ${status}` };
  return item;
}

function stepItem(view: LabView, step: LabStepView): vscode.TreeItem {
  const item = new vscode.TreeItem(step.title, vscode.TreeItemCollapsibleState.None);
  item.id = `lab:${view.id}:step:${step.stepId}`;
  item.iconPath = step.passed
    ? new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'))
    : new vscode.ThemeIcon('circle-large-outline');
  const reason = !step.passed && view.started ? step.reason : undefined;
  if (reason) item.description = reason;
  const status = step.passed ? t('done') : view.started ? t('not done yet') : t('not started');
  item.tooltip = new vscode.MarkdownString(`**${escapeMarkdown(step.title)}** — ${escapeMarkdown(status)}${reason ? `\n\n${escapeMarkdown(reason)}` : ''}`);
  item.accessibilityInformation = { label: `${step.title}, ${status}${reason ? `: ${reason}` : ''}` };
  item.contextValue = step.hint ? 'labStep.hint' : 'labStep';
  // A click opens the step's instructions in lab.md.
  item.command = { command: ClientCommands.openLabInstructions, title: t('Open Lab Instructions'), arguments: [{ kind: 'step', labId: view.id, stepId: step.stepId }] };
  return item;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, '\\$&');
}

/** Reveals a lab in the view (makes the view visible) without taking the focus. */
export async function revealLab(tree: LabsTreeProvider, treeView: vscode.TreeView<LabTreeNode>, labId: string): Promise<void> {
  try {
    await treeView.reveal(tree.node(labId), { select: false, focus: false, expand: true });
  } catch {
    await vscode.commands.executeCommand(`${LabsTreeProvider.viewId}.focus`);
  }
}
