/**
 * Marks walkthrough steps done (or not) through VS Code's `welcome.markStepComplete` / `markStepIncomplete`
 * commands, next to the `onContext:` keys: see walkthroughModel.ts for why. A step the walkthrough service
 * does not know yet (it registers extension walkthroughs a few seconds after start-up) is retried.
 */
import * as vscode from 'vscode';
import { labIdOfContextKey, WalkthroughStepIndex } from './walkthroughModel';

export class WalkthroughMarks implements vscode.Disposable {
  private readonly pending = new Map<string, boolean>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private retries = 0;

  constructor(
    private readonly index: WalkthroughStepIndex,
    private readonly log: (message: string) => void,
    private readonly retryMs = 5_000,
    private readonly maxRetries = 24,
  ) {}

  /** A lab context key was set: a step it completes is marked done (never undone by a later failure). */
  contextChanged(key: string, value: boolean): void {
    if (value) for (const id of this.index.byContextKey.get(key) ?? []) this.mark(id, true);
  }

  labStarted(labId: string): void {
    for (const id of this.index.startStepsByLab.get(labId) ?? []) this.mark(id, true);
  }

  /** A reset starts the attempt over: the lab's steps are unticked (the start step stays done). */
  labReset(labId: string): void {
    for (const [key, ids] of this.index.byContextKey) if (labIdOfContextKey(key) === labId) for (const id of ids) this.mark(id, false);
  }

  private mark(stepId: string, done: boolean): void {
    this.pending.set(stepId, done);
    void this.flush();
  }

  private async flush(): Promise<void> {
    for (const [stepId, done] of [...this.pending]) {
      try {
        await vscode.commands.executeCommand(done ? 'welcome.markStepComplete' : 'welcome.markStepIncomplete', stepId);
        if (this.pending.get(stepId) === done) this.pending.delete(stepId);
      } catch {
        // Not registered yet (or no walkthrough support in this editor): try again later.
      }
    }
    if (this.pending.size === 0 || this.timer) return;
    if (this.retries >= this.maxRetries) {
      this.log(`labs: walkthrough steps not marked: ${[...this.pending.keys()].join(', ')}`);
      this.pending.clear();
      return;
    }
    this.retries++;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.retryMs);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.pending.clear();
  }
}
