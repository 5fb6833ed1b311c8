/**
 * Messages from the client as they are dispatched: how many, and when the last one came. The server's entry
 * marks every message (its message strategy); a request handler that waits for a model marks too (so the count
 * also moves where no entry dispatches, as in tests). Sliced work keeps yielding while the count moves
 * (model/timeSlices.ts); background work waits until the client has been quiet for a while (idleWork.ts).
 */
export class ClientActivity {
  private count = 0;
  private last = 0;

  mark(now = performance.now()): void {
    this.count++;
    this.last = now;
  }

  /** How many messages were marked so far. */
  get handled(): number {
    return this.count;
  }

  /** When the last one was marked (performance.now() clock; 0 before any). */
  get lastAt(): number {
    return this.last;
  }
}
