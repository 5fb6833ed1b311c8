/**
 * The client's side of the lab messages: the lab list (`lessonAware/listLabs`), states of the started labs
 * (`lessonAware/labState`, pushed by `lessonAware/labStateChanged`), which labs the server watches
 * (`lessonAware/watchLabs`, re-sent after every server start), the walkthrough context keys and the
 * per-workspace progress. The Labs view, commands and tests read everything through it.
 */
import * as vscode from 'vscode';
import { LanguageClient, State } from 'vscode-languageclient/node';
import {
  labContextKey,
  LabState,
  LabStateChangedNotification,
  LabStateRequest,
  LabSummary,
  LabTarget,
  ListLabsRequest,
  WatchLabsNotification,
} from '../../../server/src/protocol';
import { LabProgress, LabProgressStore } from './labProgress';
import { labViews, LabView } from './labsModel';
import type { WalkthroughMarks } from './walkthroughMarks';

export class LabsService implements vscode.Disposable {
  private labs: LabSummary[] | undefined;
  private fetchedAt = 0;
  private inflight: Promise<LabSummary[]> | undefined;
  private readonly states = new Map<string, LabState>();
  private readonly contexts = new Map<string, boolean>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly completed = new vscode.EventEmitter<LabSummary>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Fires when the list or any state changed. */
  readonly onDidChange = this.changed.event;
  /** Fires once per lab attempt, when it becomes complete (the finish message). */
  readonly onDidComplete = this.completed.event;

  constructor(
    private readonly client: LanguageClient,
    readonly progress: LabProgressStore,
    private readonly log: (message: string) => void,
    private readonly walkthrough?: WalkthroughMarks,
    private readonly maxAgeMs = 5_000,
  ) {
    // The walkthrough ticks from the last session's states before the server answers.
    for (const lab of progress.all()) {
      if (!lab.lastState) continue;
      this.states.set(lab.id, lab.lastState);
      this.setContexts(lab.lastState);
    }
    this.disposables.push(
      client.onNotification(LabStateChangedNotification, (state) => void this.accept(state)),
      client.onDidChangeState((e) => {
        if (e.newState === State.Running) void this.onServerRunning();
      }),
    );
  }

  /** Every lab the server knows, by order; the cached list when the server is not running. */
  async list(force = false): Promise<LabSummary[]> {
    if (!force && this.labs && Date.now() - this.fetchedAt < this.maxAgeMs) return this.labs;
    this.inflight ??= this.fetch().finally(() => (this.inflight = undefined));
    return this.inflight;
  }

  cachedList(): LabSummary[] {
    return this.labs ?? [];
  }

  async find(labId: string): Promise<LabSummary | undefined> {
    return (await this.list()).find((l) => l.id === labId) ?? (await this.list(true)).find((l) => l.id === labId);
  }

  started(): LabProgress[] {
    return this.progress.all();
  }

  /** Views for the tree and the quick pick from the cached list. */
  views(): LabView[] {
    return labViews(this.cachedList(), this.states, new Set(this.started().map((p) => p.id)));
  }

  view(labId: string): LabView | undefined {
    return this.views().find((v) => v.id === labId);
  }

  /** Records the start, tells the server to watch the folder and evaluates it once. */
  async start(lab: LabSummary, folderUri: string): Promise<void> {
    const before = this.progress.get(lab.id);
    if (before && before.folderUri !== folderUri) this.states.delete(lab.id);
    await this.progress.start(lab.id, folderUri);
    this.walkthrough?.labStarted(lab.id);
    this.changed.fire();
    this.sendWatch();
    await this.requestState(lab.id);
  }

  /** After the starter files were copied again: a fresh attempt, then a fresh evaluation. */
  async reset(lab: LabSummary): Promise<void> {
    await this.progress.reset(lab.id);
    this.states.delete(lab.id);
    for (const step of lab.steps) this.setContext(labContextKey(lab.id, step.id), false);
    this.setContext(labContextKey(lab.id), false);
    this.walkthrough?.labReset(lab.id);
    this.changed.fire();
    await this.requestState(lab.id);
  }

  /** Asks the server for every started lab's state (server restart, manual refresh). */
  async refreshStates(): Promise<void> {
    await Promise.all(this.started().map((p) => this.requestState(p.id)));
  }

  async refresh(): Promise<void> {
    await this.list(true);
    this.changed.fire();
    await this.refreshStates();
  }

  /** What the tests read: views, stored progress and the context keys set. */
  snapshot(): { labs: LabView[]; progress: LabProgress[]; contexts: Record<string, boolean> } {
    return { labs: this.views(), progress: this.started(), contexts: Object.fromEntries(this.contexts) };
  }

  private async fetch(): Promise<LabSummary[]> {
    if (!this.client.isRunning()) return this.labs ?? [];
    try {
      const next = await this.client.sendRequest(ListLabsRequest);
      const list = Array.isArray(next) ? next : [];
      const before = JSON.stringify(this.labs);
      this.labs = list;
      this.fetchedAt = Date.now();
      if (before !== JSON.stringify(list)) this.changed.fire();
      return list;
    } catch (error) {
      this.log(`labs: listLabs failed: ${String(error)}`);
      return this.labs ?? [];
    }
  }

  private async onServerRunning(): Promise<void> {
    this.fetchedAt = 0;
    await this.list(true);
    this.sendWatch();
    await this.refreshStates();
  }

  private sendWatch(): void {
    if (!this.client.isRunning()) return;
    const labs: LabTarget[] = this.started().map((p) => ({ labId: p.id, folderUri: p.folderUri }));
    this.client.sendNotification(WatchLabsNotification, { labs }).catch((error: unknown) => this.log(`labs: watchLabs failed: ${String(error)}`));
  }

  private async requestState(labId: string): Promise<void> {
    const target = this.progress.get(labId);
    if (!target || !this.client.isRunning()) return;
    try {
      const state = await this.client.sendRequest(LabStateRequest, { labId, folderUri: target.folderUri });
      if (state) await this.accept(state);
      else this.log(`labs: the server does not know the lab ${labId}`);
    } catch (error) {
      this.log(`labs: labState ${labId} failed: ${String(error)}`);
    }
  }

  /** One state from the server (answer or push): stored, context keys set, finish announced once. */
  private async accept(state: LabState): Promise<void> {
    try {
      if (!isLabState(state)) return;
      const change = await this.progress.applyState(state);
      if (!change) return; // not started here, or another folder
      this.states.set(state.labId, state);
      this.setContexts(state);
      this.changed.fire();
      if (change.announce) {
        const lab = await this.find(state.labId);
        if (lab) this.completed.fire(lab);
      }
    } catch (error) {
      this.log(`labs: state of ${String(state?.labId)} not applied: ${String(error)}`);
    }
  }

  private setContexts(state: LabState): void {
    for (const step of state.steps) this.setContext(labContextKey(state.labId, step.id), step.passed);
    this.setContext(labContextKey(state.labId), state.complete);
  }

  private setContext(key: string, value: boolean): void {
    if (this.contexts.get(key) === value) return;
    this.contexts.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
    this.walkthrough?.contextChanged(key, value);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    this.changed.dispose();
    this.completed.dispose();
  }
}

function isLabState(value: unknown): value is LabState {
  if (!value || typeof value !== 'object') return false;
  const s = value as LabState;
  return typeof s.labId === 'string' && typeof s.folderUri === 'string' && Array.isArray(s.steps)
    && s.steps.every((step) => step && typeof step.id === 'string' && typeof step.passed === 'boolean');
}
