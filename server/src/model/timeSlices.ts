/**
 * Long work (the first parse of a large file, rules over a huge document) runs in slices of a few milliseconds
 * and yields to the event loop between them, so requests are answered meanwhile.
 *
 * vscode-jsonrpc dispatches one message per event-loop turn. A worker that yielded one turn per slice would let
 * one request through per slice: twenty queued hovers would wait for twenty slices. So after a slice the worker
 * keeps yielding while messages are still arriving (ClientActivity counts them), up to MAX_TURNS turns: the
 * queue drains before the next slice.
 */

import type { ClientActivity } from '../clientActivity';

/** At most this many turns per pause (a flood of requests must not starve the work either). */
export const MAX_TURNS = 64;

/** A pause ends after this many turns in a row without a request. */
export const IDLE_TURNS = 2;

/** One turn of the event loop (I/O and queued messages run first). */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class TimeSlicer {
  private sliceStart = performance.now();

  constructor(
    private readonly sliceMs: number,
    private readonly activity?: ClientActivity,
  ) {}

  /** Whether the current slice has used its time. */
  due(): boolean {
    return performance.now() - this.sliceStart >= this.sliceMs;
  }

  /**
   * Yields one turn, then more while requests keep being handled (until IDLE_TURNS turns in a row handled none:
   * a message still being read from the pipe is dispatched a turn later); starts a new slice. Returns the turns.
   */
  async pause(): Promise<number> {
    let turns = 0;
    let idle = 0;
    for (;;) {
      const before = this.activity?.handled ?? 0;
      await nextTurn();
      turns++;
      idle = this.activity && this.activity.handled !== before ? 0 : idle + 1;
      if (!this.activity || idle >= IDLE_TURNS || turns >= MAX_TURNS) break;
    }
    this.sliceStart = performance.now();
    return turns;
  }
}
