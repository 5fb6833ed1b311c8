/** Offsets inside, positions at the edge: LSP positions (UTF-16 line/character) from offsets. */
export interface Position {
  line: number;
  character: number;
}

/** Line start offsets of a text (computed once per text). */
export class LineIndex {
  private readonly starts: number[] = [0];

  /** Line breaks are `\r\n`, `\r` and `\n`, as in LSP (and vscode-languageserver-textdocument): a lone `\r` ends a line too. */
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      } else if (c === 10) this.starts.push(i + 1);
    }
  }

  positionAt(offset: number): Position {
    let o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    o = this.beforeEol(o, this.starts[lo]);
    return { line: lo, character: o - this.starts[lo] };
  }

  offsetAt(p: Position): number {
    if (p.line >= this.starts.length) return this.text.length;
    if (p.line < 0) return 0;
    const start = this.starts[p.line];
    const next = p.line + 1 < this.starts.length ? this.starts[p.line + 1] : this.text.length;
    return this.beforeEol(Math.min(start + Math.max(0, p.character), next), start);
  }

  /** An offset inside or after a line break moves to the end of the line's content (never between `\r` and `\n`). */
  private beforeEol(offset: number, lineStart: number): number {
    let o = offset;
    while (o > lineStart && (this.text.charCodeAt(o - 1) === 10 || this.text.charCodeAt(o - 1) === 13)) o--;
    return o;
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
