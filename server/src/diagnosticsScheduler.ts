/**
 * Runs diagnostics shortly after the last change of a document, in time slices so hover is answered
 * meanwhile, drops stale work (a newer version arrived), and keeps the last result per document for code
 * actions. A document whose last run was cheap (incremental re-checks usually are) is checked at once after
 * a change: a run made stale by the next keystroke stops at its next slice. One whose last run was expensive
 * waits as long as that run took (at most `delayMs`) for typing to pause. A first run never waits.
 */
import type { LinkedFinding } from './features/diagnostics';

export interface ScheduledDoc {
  uri: string;
  version: number;
}

export interface DiagnosticsResult {
  version: number;
  linked: LinkedFinding[];
}

export interface DiagnosticsComputation {
  /** The current version of an open document, undefined once it is closed. */
  versionOf(uri: string): number | undefined;
  /** Computes in slices; resolves undefined when `isStale()` turned true on the way. */
  computeSliced(uri: string, isStale: () => boolean): Promise<DiagnosticsResult | undefined>;
  /** Computes at once (code actions on a version diagnostics have not reached yet). */
  computeNow(uri: string): DiagnosticsResult | undefined;
  publish(uri: string, result: DiagnosticsResult): void;
}

/** A run this cheap costs little when the next keystroke makes it stale: no reason to wait before it. */
const CHEAP_RUN_MS = 50;

export class DiagnosticsScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly results = new Map<string, DiagnosticsResult>();
  /** Bumped on every schedule: a running computation of an older generation is stale. */
  private readonly generations = new Map<string, number>();
  /** How long the last completed run of each document took (ms). */
  private readonly costs = new Map<string, number>();

  constructor(
    private readonly work: DiagnosticsComputation,
    private readonly delayMs = 25,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  schedule(doc: ScheduledDoc): void {
    // A result of an older version is never used again (resultFor asks for the current one): let it go now,
    // with the model its findings' lazy fixes keep (a huge file's previous model need not outlive its edit).
    const kept = this.results.get(doc.uri);
    if (kept && kept.version !== doc.version) this.results.delete(doc.uri);
    const generation = (this.generations.get(doc.uri) ?? 0) + 1;
    this.generations.set(doc.uri, generation);
    const existing = this.timers.get(doc.uri);
    if (existing) clearTimeout(existing);
    this.timers.set(
      doc.uri,
      setTimeout(() => {
        this.timers.delete(doc.uri);
        void this.run(doc.uri, generation);
      }, this.delayFor(doc.uri)),
    );
  }

  /** The wait before a run of `uri`: none after a cheap run (or before the first), else its cost up to `delayMs`. */
  delayFor(uri: string): number {
    const cost = this.costs.get(uri) ?? 0;
    return cost < CHEAP_RUN_MS ? 0 : Math.min(this.delayMs, Math.round(cost));
  }

  private async run(uri: string, generation: number): Promise<void> {
    const version = this.work.versionOf(uri);
    if (version === undefined) return;
    const isStale = () => this.generations.get(uri) !== generation || this.work.versionOf(uri) !== version;
    try {
      const started = performance.now();
      const result = await this.work.computeSliced(uri, isStale);
      if (!result || isStale()) return;
      this.costs.set(uri, performance.now() - started);
      this.results.set(uri, result);
      this.work.publish(uri, result);
    } catch (error) {
      this.onError(error);
    }
  }

  /** The findings of `uri` at `version`, computing them when the cache is stale. */
  resultFor(uri: string, version: number): LinkedFinding[] {
    const cached = this.results.get(uri);
    if (cached && cached.version === version) return cached.linked;
    const fresh = this.work.computeNow(uri);
    if (!fresh) return [];
    this.results.set(uri, fresh);
    return fresh.linked;
  }

  forget(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
    this.results.delete(uri);
    this.costs.delete(uri);
    this.generations.set(uri, (this.generations.get(uri) ?? 0) + 1);
  }
}
