/**
 * Gives the memory of closed large documents back to the system. On close, the document's model, rule results
 * and diagnostics are dropped (DocumentModelCache.delete, RuleResultCaches.delete, DiagnosticsScheduler.forget)
 * and nothing else keeps them (test/unit/releaseOnClose), but V8 returns the pages to the system only after
 * full collections, which an idle server may not run for a long time: the fuzz tier measured 286 MB resident
 * 15 s after its hostile files closed (baseline 90 MB; a 25,000-line file with 60,000 findings grows the heap
 * by ~300 MB). So once closed documents add up to `minChars` of text and the server has been idle for
 * `idleMs`, a full collection runs, and a second one `idleMs` later (V8 gives pages back after sweeping).
 *
 * `gc` is not exposed to a server started without `--expose-gc`: it is enabled at run time (V8 flag, then read
 * from a new context). When that is not possible nothing happens (V8 collects on its own schedule).
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

let collector: (() => void) | null | undefined;

/** V8's full garbage collection, or undefined when it cannot be reached. */
export function fullCollection(): (() => void) | undefined {
  if (collector === undefined) {
    try {
      const exposed = (globalThis as { gc?: () => void }).gc;
      if (exposed) collector = exposed;
      else {
        v8.setFlagsFromString('--expose-gc');
        collector = vm.runInNewContext('gc') as () => void;
      }
    } catch {
      collector = null;
    }
  }
  return collector ?? undefined;
}

export class ReleaseAfterClose {
  private closedChars = 0;
  private timer: NodeJS.Timeout | undefined;
  /** Full collections run so far (tests). */
  collections = 0;

  constructor(
    private readonly minChars = 512 * 1024,
    private readonly idleMs = 1000,
    private readonly collect: () => (() => void) | undefined = fullCollection,
  ) {}

  /** A document of `chars` characters was closed (its caches already dropped). */
  closed(chars: number): void {
    this.closedChars += chars;
    if (this.closedChars < this.minChars) return;
    this.schedule(2);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(rounds: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.closedChars = 0;
      const gc = this.collect();
      if (!gc) return;
      gc();
      this.collections++;
      if (rounds > 1) this.schedule(rounds - 1);
    }, this.idleMs);
    this.timer.unref();
  }
}
