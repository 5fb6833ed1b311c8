/**
 * Background work that waits for a quiet client: each step of a queued job runs only once no message arrived
 * for `quietMs`, one step per check, so typing, hovers and diagnostics never queue behind it. For start-up
 * work nobody is waiting for (reading the labs to report their problems).
 */
export interface IdleWorkOptions {
  /** When the last message from the client arrived (performance.now() clock). */
  lastActivity(): number;
  quietMs?: number;
  now?: () => number;
  onError?: (error: unknown) => void;
}

export class IdleWork {
  private readonly jobs: Iterator<unknown>[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly quietMs: number;
  private readonly now: () => number;

  constructor(private readonly options: IdleWorkOptions) {
    this.quietMs = options.quietMs ?? 1000;
    this.now = options.now ?? (() => performance.now());
  }

  /** Queues a job: one step is one `next()` of `steps`; the job ends when the iterator is done. */
  add(steps: Iterator<unknown>): void {
    this.jobs.push(steps);
    this.arm(this.quietMs);
  }

  /** Whether queued work remains. */
  get pending(): boolean {
    return this.jobs.length > 0;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.jobs.length = 0;
  }

  private arm(delayMs: number): void {
    if (this.timer || !this.jobs.length) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.tick();
    }, Math.max(0, delayMs));
    this.timer.unref?.();
  }

  private tick(): void {
    const quietFor = this.now() - this.options.lastActivity();
    if (quietFor < this.quietMs) return this.arm(this.quietMs - quietFor);
    const job = this.jobs[0];
    try {
      if (job.next().done) this.jobs.shift();
    } catch (error) {
      this.jobs.shift();
      this.options.onError?.(error);
    }
    this.arm(0);
  }
}
