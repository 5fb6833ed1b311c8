/** Offsets inside, positions at the edge: LSP positions (UTF-16 line/character) from offsets. */
export interface Position {
  line: number;
  character: number;
}

/** Line start offsets of a text (computed once per text). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  offsetAt(p: Position): number {
    if (p.line >= this.starts.length) return this.text.length;
    const start = this.starts[Math.max(0, p.line)];
    const next = p.line + 1 < this.starts.length ? this.starts[p.line + 1] : this.text.length;
    return Math.min(start + Math.max(0, p.character), next);
  }
}

const cache = new WeakMap<object, LineIndex>();

/** A LineIndex shared per model object (keyed by identity). */
export function lineIndexFor(owner: object, text: string): LineIndex {
  let idx = cache.get(owner);
  if (!idx || idx.text !== text) {
    idx = new LineIndex(text);
    cache.set(owner, idx);
  }
  return idx;
}
