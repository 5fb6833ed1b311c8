/**
 * The `---` lines a whole-file parse starts a document at, found by the `yaml` lexer alone (a fraction of the
 * cost of a parse, and resumable). The lexer yields `---` as a lexeme of its own exactly where it starts a
 * document: at a line start in block context. Inside a quoted or block scalar the line is part of the scalar's
 * lexeme; inside a flow collection the lexer first breaks the collection off (a FLOW_END marker, an error
 * the parser reports on the document before), and such a line is not counted: yamlChunks parses it with the
 * document before, as a whole-file parse sees it.
 *
 * Between two such lines (or one and the end of the file) the text parses alone to the documents a whole-file
 * parse finds there (the property chunked parsing rests on, yamlChunks.ts), so a request there can be answered
 * before the parse of everything before it is done (slicedParse.ts).
 */
import { CST, Lexer } from 'yaml';
import { isSeparatorAt } from './yamlChunks';

export class DocumentStartScan {
  private readonly lexemes: Generator<string>;
  /** Offset of the next lexeme in the text. */
  private offset = 0;
  private afterFlowEnd = false;
  /** Offsets of the lines a document starts at, ascending, up to `scanned` (0: the stream starts there). */
  readonly starts: number[] = [0];
  done = false;

  constructor(private readonly text: string) {
    this.lexemes = new Lexer().lex(text);
  }

  /** Every document start before this offset is in `starts`. */
  get scanned(): number {
    return this.done ? this.text.length : this.offset;
  }

  /** Lexes on until `due()` says the slice is used up (checked every 1,024 lexemes) or the text ends. */
  step(due: () => boolean): void {
    let count = 0;
    while (!this.done) {
      const next = this.lexemes.next();
      if (next.done) {
        this.done = true;
        return;
      }
      const lexeme = next.value;
      // Markers carry no source characters (the parser does not move its offset for them either).
      if (lexeme === CST.FLOW_END) {
        this.afterFlowEnd = true;
        continue;
      }
      if (lexeme === CST.DOCUMENT || lexeme === CST.SCALAR) continue;
      const at = this.offset;
      if (lexeme === '---' && !this.afterFlowEnd && at > 0 && this.text.charCodeAt(at - 1) === 10 && isSeparatorAt(this.text, at)) this.starts.push(at);
      this.afterFlowEnd = false;
      this.offset += lexeme.length;
      if ((++count & 1023) === 0 && due()) return;
    }
  }

  /**
   * The span of document starts around `offset`: the last start at or before it and the first one after it (or
   * the end of the text); undefined while the scan has not passed `offset`.
   */
  spanAround(offset: number): { start: number; end: number } | undefined {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    if (lo + 1 < starts.length) return { start: starts[lo], end: starts[lo + 1] };
    return this.done ? { start: starts[lo], end: this.text.length } : undefined;
  }
}
