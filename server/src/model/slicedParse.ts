/**
 * The first parse of a large file, one chunk (yamlChunks.ts) at a time, so the server can pause between chunks
 * and answer requests meanwhile. The result equals parseManifest (the same chunk steps run, only with pauses).
 *
 * While the parse runs, a request at an offset the parse has passed can be answered from the documents parsed
 * so far (`partialAt`): every parsed chunk is final, and `docAt` finds the same document as in the whole model.
 * Hover and lesson links also read the file's flavour (is it Compose?), which depends on every document: the
 * partial model is only given out when that is settled — the file is named like a Compose file, a Compose
 * document was already parsed, or nothing after the parsed part can spell a `services` key (neither the word
 * nor a backslash escape occurs there).
 *
 * A request past the parsed part need not wait for everything before it: the lexer alone finds the lines a
 * whole-file parse starts documents at (documentStarts.ts, much cheaper than parsing), and the span between
 * the two around the request parses alone to the same documents (`spanAt`). Used only when no document of the
 * file can be Compose (by name, or no `services`/backslash anywhere): the flavour needs no other document.
 */
import type { LineCounter } from 'yaml';
import { DocModel, describeDocument, flavorOf, isComposeFileName, lineCounterOf, ManifestModel, modelOf, parseAllChunks, yamlOptions } from './manifestModel';
import { DocumentStartScan } from './documentStarts';
import { Chunk, ChunksResult, chunkSteps, hasDirectiveLines, LARGE_SPAN, missesClosingQuote, parseSpanState } from './yamlChunks';

export class SlicedParse {
  private readonly steps: Generator<readonly Chunk[], ChunksResult> | undefined;
  private model: ManifestModel | undefined;
  /** The chunks parsed so far (final). */
  private parsed: readonly Chunk[] = [];
  /** Described documents of the first `describedChunks` parsed chunks. */
  private readonly docs: DocModel[] = [];
  private describedChunks = 0;
  private composeFound = false;
  private lineCounter: LineCounter | undefined;
  private readonly composeByName: boolean;
  /** The last offset where a `services` key could be spelled: after it, no document can be Compose. */
  private readonly lastComposeHint: number;
  /** Whether a `---` line follows the first line: with one document, a span is the whole file (no gain). */
  private readonly severalDocuments: boolean;

  /** Document starts found by the lexer (for requests past the parsed part), once such a request came. */
  private scan: DocumentStartScan | undefined;
  /** Spans parsed for such requests, by start offset. */
  private readonly spans = new Map<number, ManifestModel | null>();

  constructor(
    readonly uri: string,
    readonly version: number,
    readonly text: string,
  ) {
    this.composeByName = isComposeFileName(uri);
    this.lastComposeHint = Math.max(text.lastIndexOf('services'), text.lastIndexOf('\\'));
    this.severalDocuments = text.includes('\n---');
    // Directive lines make documents depend on each other: one step, as parseManifest does it.
    this.steps = hasDirectiveLines(text) ? undefined : chunkSteps(text, 0, text.length, yamlOptions);
  }

  get done(): boolean {
    return this.model !== undefined;
  }

  /** Parses chunks until `due()` says the slice is used up (at least one chunk) or the file is done. */
  step(due: () => boolean): void {
    while (!this.model) {
      if (!this.steps) {
        this.complete(parseAllChunks(this.text));
        return;
      }
      let next: IteratorResult<readonly Chunk[], ChunksResult>;
      try {
        next = this.steps.next();
      } catch {
        // As parseAllChunks: a parser failure leaves the file without documents (never a crash).
        this.complete([]);
        return;
      }
      if (next.done) {
        this.complete(next.value.chunks);
        return;
      }
      this.parsed = next.value;
      if (due()) return;
    }
  }

  /**
   * Whether requests past the parsed part can be answered from a span (`spanAt`) once the scan passes them: no
   * directive lines, and the flavour settled without the other documents.
   */
  get spansPossible(): boolean {
    return !!this.steps && this.severalDocuments && (this.composeByName || this.lastComposeHint < 0);
  }

  /** Scans on for document starts (see documentStarts.ts) until `due()` or the end of the text. */
  scanStep(due: () => boolean): void {
    if (!this.scan) this.scan = new DocumentStartScan(this.text);
    this.scan.step(due);
  }

  get scanDone(): boolean {
    return !!this.scan?.done;
  }

  /**
   * A model of the documents between the two document starts around `offset`, exact there (see above), once
   * the scan has passed `offset`; undefined otherwise.
   */
  spanAt(offset: number): ManifestModel | undefined {
    if (!this.scan || !this.spansPossible) return undefined;
    const span = this.scan.spanAround(offset);
    // A span is parsed in one step: a large one (a huge document) would hold every request up for as long as
    // the sliced parse takes; a request there waits for the sliced parse instead.
    if (!span || span.end - span.start > LARGE_SPAN) return undefined;
    let model = this.spans.get(span.start);
    if (model === undefined) {
      const parsed = parseSpanState(this.text, span.start, span.end, yamlOptions);
      // Never the case between two true document starts; checked anyway (the answer must be exact).
      const exact = !(span.end < this.text.length && (parsed.flowOpen || missesClosingQuote(parsed.docs)));
      const docs = exact ? parsed.docs.map((doc, index) => describeDocument(doc, index, this.composeByName)) : [];
      model = exact
        ? { uri: this.uri, version: this.version, text: this.text, flavor: flavorOf(docs, this.composeByName), docs, lineCounter: (this.lineCounter ??= lineCounterOf(this.text)), chunks: [{ start: span.start, end: span.end, docs: parsed.docs }], textId: {}, partial: true }
        : null;
      this.spans.set(span.start, model);
    }
    return model ?? undefined;
  }

  /** The whole model (the rest parsed at once). */
  finish(): ManifestModel {
    this.step(() => false);
    return this.model!;
  }

  /** The whole model when done; else a model that answers exactly at `offset`, if the parse has passed it. */
  partialAt(offset: number): ManifestModel | undefined {
    if (this.model) return this.model;
    const chunks = this.parsed;
    const count = chunks.length;
    if (!count || offset >= chunks[count - 1].end) return undefined;
    for (; this.describedChunks < count; this.describedChunks++) {
      for (const doc of chunks[this.describedChunks].docs) {
        const described = describeDocument(doc, this.docs.length, this.composeByName);
        if (described.flavor === 'compose') this.composeFound = true;
        this.docs.push(described);
      }
    }
    const parsedEnd = chunks[count - 1].end;
    if (!this.composeByName && !this.composeFound && parsedEnd <= this.lastComposeHint) return undefined;
    return {
      uri: this.uri,
      version: this.version,
      text: this.text,
      flavor: flavorOf(this.docs, this.composeByName),
      docs: this.docs.slice(),
      lineCounter: (this.lineCounter ??= lineCounterOf(this.text)),
      chunks: chunks.slice(0, count),
      textId: {},
      partial: true,
    };
  }

  private complete(chunks: Chunk[]): void {
    const described = this.docs;
    this.model = modelOf(this.uri, this.version, this.text, chunks, (doc, index) => (described[index]?.doc === doc ? described[index] : undefined));
  }
}
