/**
 * Runs diagnostics a few tens of milliseconds after the last change of a document, drops stale work
 * (a newer version arrived meanwhile), and keeps the last result per document for code actions.
 */
import type { LinkedFinding } from './features/diagnostics';

export interface ScheduledDoc {
  uri: string;
  version: number;
}

export class DiagnosticsScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly results = new Map<string, { version: number; linked: LinkedFinding[] }>();

  constructor(
    private readonly compute: (uri: string) => { version: number; linked: LinkedFinding[] } | undefined,
    private readonly publish: (uri: string, version: number, linked: LinkedFinding[]) => void,
    private readonly delayMs = 25,
  ) {}

  schedule(doc: ScheduledDoc): void {
    const existing = this.timers.get(doc.uri);
    if (existing) clearTimeout(existing);
    this.timers.set(
      doc.uri,
      setTimeout(() => {
        this.timers.delete(doc.uri);
        this.runNow(doc.uri);
      }, this.delayMs),
    );
  }

  /** Computes and publishes now (also used when settings or lessons change). */
  runNow(uri: string): void {
    const result = this.compute(uri);
    if (!result) return;
    this.results.set(uri, result);
    this.publish(uri, result.version, result.linked);
  }

  /** The findings of `uri` at `version`, computing them when the cache is stale. */
  resultFor(uri: string, version: number): LinkedFinding[] {
    const cached = this.results.get(uri);
    if (cached && cached.version === version) return cached.linked;
    const fresh = this.compute(uri);
    if (!fresh) return [];
    this.results.set(uri, fresh);
    return fresh.linked;
  }

  forget(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
    this.results.delete(uri);
  }
}
