/**
 * What to do when the language server process dies (pure; serverLifecycle.ts applies it): restart it up to
 * `maxRestarts` times within `windowMs`, telling the user once; at the next crash inside the window, stop and
 * say so. Restarting by hand gives a fresh budget.
 */
export interface RestartPolicyOptions {
  maxRestarts: number;
  windowMs: number;
}

/** vscode-languageclient's own default, made explicit: 4 restarts in 3 minutes. */
export const defaultRestartPolicy: RestartPolicyOptions = { maxRestarts: 4, windowMs: 3 * 60_000 };

export type CrashDecision =
  | { action: 'restart'; /** True only for the first restart since the budget was (re)set: tell the user. */ notify: boolean; crashesInWindow: number }
  | { action: 'stop'; crashesInWindow: number };

export class RestartPolicy {
  private crashes: number[] = [];
  private notified = false;

  constructor(readonly options: RestartPolicyOptions = defaultRestartPolicy) {}

  /** A crash at `now` (ms): restart, or stop when more than `maxRestarts` crashes fall inside the window. */
  onCrash(now: number): CrashDecision {
    this.crashes = [...this.crashes.filter((t) => now - t < this.options.windowMs), now];
    const crashesInWindow = this.crashes.length;
    if (crashesInWindow > this.options.maxRestarts) return { action: 'stop', crashesInWindow };
    const notify = !this.notified;
    this.notified = true;
    return { action: 'restart', notify, crashesInWindow };
  }

  /** The user restarted the server: forget earlier crashes (a later crash is told again). */
  reset(): void {
    this.crashes = [];
    this.notified = false;
  }
}
