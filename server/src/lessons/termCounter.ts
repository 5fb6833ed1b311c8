/**
 * Counts many terms in a text in one pass (Aho–Corasick), with exactly the rule of `countTerm`: occurrences
 * are taken left to right without overlapping, and a Latin term only counts on word boundaries (an occurrence
 * inside a word is skipped but still consumes its length). Used to weigh the course concepts over every
 * lesson section: one scan per section instead of one scan per term and section.
 */

interface State {
  next: Map<number, number>;
  fail: number;
  /** Indexes of the terms ending at this state (its own and those reached through fail links). */
  out: number[];
}

const wordChar = /[a-z0-9_]/;

export class TermCounter {
  private readonly states: State[] = [{ next: new Map(), fail: 0, out: [] }];
  private readonly needles: string[];
  private readonly latin: boolean[];

  /** `terms` as given; matching is on their lower-cased form against an already lower-cased text. */
  constructor(readonly terms: readonly string[]) {
    this.needles = terms.map((t) => t.toLowerCase());
    this.latin = this.needles.map((n) => /^[\x00-\x7f]+$/.test(n));
    this.needles.forEach((needle, index) => {
      if (!needle) return;
      let s = 0;
      for (let i = 0; i < needle.length; i++) {
        const c = needle.charCodeAt(i);
        let t = this.states[s].next.get(c);
        if (t === undefined) {
          t = this.states.length;
          this.states.push({ next: new Map(), fail: 0, out: [] });
          this.states[s].next.set(c, t);
        }
        s = t;
      }
      this.states[s].out.push(index);
    });
    const queue: number[] = [];
    for (const t of this.states[0].next.values()) queue.push(t);
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q];
      for (const [c, t] of this.states[s].next) {
        let f = this.states[s].fail;
        while (f !== 0 && !this.states[f].next.has(c)) f = this.states[f].fail;
        const candidate = this.states[f].next.get(c);
        this.states[t].fail = candidate !== undefined && candidate !== t ? candidate : 0;
        this.states[t].out.push(...this.states[this.states[t].fail].out);
        queue.push(t);
      }
    }
  }

  /** How often each term occurs in `lower` (a lower-cased text), in the order of `terms`. */
  count(lower: string): number[] {
    const counts = new Array<number>(this.needles.length).fill(0);
    const nextAllowed = new Array<number>(this.needles.length).fill(0);
    let s = 0;
    for (let i = 0; i < lower.length; i++) {
      const c = lower.charCodeAt(i);
      while (s !== 0 && !this.states[s].next.has(c)) s = this.states[s].fail;
      s = this.states[s].next.get(c) ?? 0;
      for (const index of this.states[s].out) {
        const length = this.needles[index].length;
        const start = i - length + 1;
        if (start < nextAllowed[index]) continue;
        nextAllowed[index] = start + length;
        if (this.latin[index]) {
          const before = lower[start - 1];
          const after = lower[start + length];
          if ((before && wordChar.test(before)) || (after && wordChar.test(after))) continue;
        }
        counts[index]++;
      }
    }
    return counts;
  }
}
