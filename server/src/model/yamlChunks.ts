/**
 * A YAML file as a list of separately parsed chunks, so an edit re-parses only the documents it touched.
 *
 * A chunk starts at offset 0 or at a `---` line (column 0, then a space, tab, line break or the end), and runs
 * to a later such line: small documents are grouped (about MIN_CHUNK characters or more per chunk). The `yaml` lexer treats those lines as document starts in every context with one
 * exception: a quoted scalar whose closing quote is missing from the chunk (the lexer searches the rest of the
 * whole input for it). A chunk whose parse reports a missing closing quote is therefore parsed again together
 * with everything after it, exactly as a whole-file parse would see it. Files with `%` directive lines are
 * parsed as one chunk (directives carry state across documents). Parsed nodes carry absolute file offsets
 * (the parser starts counting at the chunk's offset), so consumers never see chunk-relative offsets.
 */
import { Composer, Document, Parser, ParsedNode, ParseOptions, DocumentOptions, SchemaOptions } from 'yaml';
import { eachNode } from './eachNode';

export type ParsedDoc = Document.Parsed<ParsedNode>;

export interface Chunk {
  /** [start, end) offsets in the file; `end` is the next chunk's start or the text length. */
  start: number;
  end: number;
  docs: ParsedDoc[];
}

export type YamlOptions = ParseOptions & DocumentOptions & SchemaOptions;

/** Documents shorter than this share a chunk with the next ones. */
export const MIN_CHUNK = 1024;

/** Offsets in [from, to) of every line that starts a document (`---` at column 0, then whitespace or the end). */
export function documentStartLines(text: string, from = 0, to = text.length): number[] {
  const starts: number[] = [];
  let i = from;
  if (i > 0 && text.charCodeAt(i - 1) !== 10) {
    const nl = text.indexOf('\n', i);
    if (nl < 0) return starts;
    i = nl + 1;
  }
  while (i < to) {
    if (isSeparatorAt(text, i)) starts.push(i);
    const next = text.indexOf('\n---', i);
    if (next < 0) break;
    i = next + 1;
  }
  return starts;
}

/** Whether a document-start line begins at `offset` (which must be a line start). */
export function isSeparatorAt(text: string, offset: number): boolean {
  if (!text.startsWith('---', offset)) return false;
  const c = text.charCodeAt(offset + 3);
  return Number.isNaN(c) || c === 32 || c === 9 || c === 10 || c === 13;
}

/** Directive lines (`%YAML`, `%TAG`, …) make documents depend on what came before them. */
export function hasDirectiveLines(text: string): boolean {
  return text.startsWith('%') || text.includes('\n%');
}

/** Parses [start, end) of `text` as a YAML stream whose nodes carry absolute offsets. */
export function parseSpan(text: string, start: number, end: number, options: YamlOptions): ParsedDoc[] {
  return parseSpanState(text, start, end, options).docs;
}

/**
 * parseSpan, and whether a flow collection (`[`, `{`) was still open at `end`: a whole-file parse then lexes
 * the next `---` line inside it (and reports it differently), so such a chunk is parsed with the next one.
 */
export function parseSpanState(text: string, start: number, end: number, options: YamlOptions): { docs: ParsedDoc[]; flowOpen: boolean } {
  const parser = new Parser();
  parser.offset = start;
  const composer = new Composer(options);
  const docs = withPlainEnv(() => Array.from(composer.compose(parser.parse(text.slice(start, end)))) as ParsedDoc[]);
  return { docs, flowOpen: (parser as unknown as { lexer: { flowLevel: number } }).lexer.flowLevel > 0 };
}

/** A chunk longer than this is lexed in slices (parseSpanStateSteps): one huge document holds nothing up. */
export const LARGE_SPAN = 96 * 1024;
/** Characters fed to the lexer per slice of a large chunk. */
export const SPAN_SLICE = 32 * 1024;

/**
 * parseSpanState in steps: the `yaml` lexer and parser take a stream in pieces (`parse(piece, incomplete)` keeps
 * an unfinished line for the next piece), so a large span is fed about `slice` characters at a time, in whole
 * lines, with a yield after each piece; composing the documents from the parsed tokens is the last step. Same documents, offsets, errors
 * and flow state as one parseSpanState call (test/unit/slicedSpan.test.ts compares them).
 */
export function* parseSpanStateSteps(
  text: string,
  start: number,
  end: number,
  options: YamlOptions,
  slice = SPAN_SLICE,
): Generator<void, { docs: ParsedDoc[]; flowOpen: boolean }> {
  if (end - start <= slice) return parseSpanState(text, start, end, options);
  const parser = new Parser();
  parser.offset = start;
  const tokens: ReturnType<Parser['parse']> extends Generator<infer T> ? T[] : never = [];
  // Pieces end at line ends: the lexer's look-ahead within a line (implicit keys, indicators) must see the line.
  for (let at = start; at < end; ) {
    const nl = text.indexOf('\n', Math.min(end, at + slice) - 1);
    const to = nl < 0 || nl + 1 >= end ? end : nl + 1;
    withPlainEnv(() => {
      for (const token of parser.parse(text.slice(at, to), to < end)) tokens.push(token);
    });
    // Inside a flow collection (`[`/`{` over several lines) the lexer reads a piece's end differently from the
    // middle of the text: such a span is parsed again in one step (rare: long flow collections in a huge document).
    if (to < end && lexerOf(parser).flowLevel > 0) return parseSpanState(text, start, end, options);
    at = to;
    if (at < end) yield;
  }
  const composer = new Composer(options);
  const docs = withPlainEnv(() => Array.from(composer.compose(tokens)) as ParsedDoc[]);
  return { docs, flowOpen: lexerOf(parser).flowLevel > 0 };
}

function lexerOf(parser: Parser): { flowLevel: number } {
  return (parser as unknown as { lexer: { flowLevel: number } }).lexer;
}

/**
 * The `yaml` parser reads `process.env.LOG_TOKENS` for every token (its composer `LOG_STREAM` per document), and
 * Node's env object asks the C library on every read: a fifth of a parse's time. While a parse runs (it is
 * synchronous: nothing else can look), `process.env` is a plain object holding those two values.
 */
function withPlainEnv<T>(parse: () => T): T {
  const real = process.env;
  process.env = { LOG_TOKENS: real.LOG_TOKENS, LOG_STREAM: real.LOG_STREAM };
  try {
    return parse();
  } finally {
    process.env = real;
  }
}

/** The lexer looked past this chunk for a closing quote: only a parse to the end of the file is exact. */
export function missesClosingQuote(docs: readonly ParsedDoc[]): boolean {
  return docs.some((d) => d.errors.some((e) => e.code === 'MISSING_CHAR' && /closing .quote/.test(e.message)));
}

export interface ChunksResult {
  chunks: Chunk[];
  /** A chunk had to be parsed to the end of the file (everything after `from` is covered). */
  toEnd: boolean;
  /** The last chunk left a flow collection open at `to` (the caller must include the next chunk). */
  openAtEnd?: boolean;
}

/**
 * Parses the text from `from` (a chunk start) to `to` (a chunk start or the text length) chunk by chunk.
 * The caller parses files with directive lines as one span instead (see hasDirectiveLines).
 */
export function parseChunks(text: string, from: number, to: number, options: YamlOptions): ChunksResult {
  const steps = chunkSteps(text, from, to, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * parseChunks one chunk at a time: yields the chunks parsed so far after each one (they are final: a later
 * chunk never changes an earlier one), returns what parseChunks returns. Long parses pause between the yields.
 */
export function* chunkSteps(text: string, from: number, to: number, options: YamlOptions): Generator<readonly Chunk[], ChunksResult> {
  const chunks: Chunk[] = [];
  const lines = documentStartLines(text, from, to);
  if (lines[0] !== from) lines.unshift(from);
  // Small documents are parsed together (a parse has a fixed cost): a chunk spans at least MIN_CHUNK characters.
  const starts: number[] = [];
  for (const s of lines) if (!starts.length || s - starts[starts.length - 1] >= MIN_CHUNK) starts.push(s);
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i];
    let end = i + 1 < starts.length ? starts[i + 1] : to;
    // A large chunk (one huge document) is lexed in slices, pausing between them (the chunks so far are yielded
    // again: nothing new is final until the chunk is done).
    let parsed: { docs: ParsedDoc[]; flowOpen: boolean };
    if (end - start > LARGE_SPAN) {
      const spanSteps = parseSpanStateSteps(text, start, end, options);
      for (let step = spanSteps.next(); ; step = spanSteps.next()) {
        if (step.done) {
          parsed = step.value;
          break;
        }
        yield chunks;
      }
    } else parsed = parseSpanState(text, start, end, options);
    // An open flow collection runs into the next chunk: parse them together (until it is closed).
    while (parsed.flowOpen && i + 1 < starts.length) {
      i++;
      end = i + 1 < starts.length ? starts[i + 1] : to;
      parsed = parseSpanState(text, start, end, options);
    }
    if (end < text.length && missesClosingQuote(parsed.docs)) {
      chunks.push({ start, end: text.length, docs: parseSpan(text, start, text.length, options) });
      return { chunks, toEnd: true };
    }
    chunks.push({ start, end, docs: parsed.docs });
    if (parsed.flowOpen && end < text.length) return { chunks, toEnd: false, openAtEnd: true };
    if (i + 1 < starts.length) yield chunks;
  }
  return { chunks, toEnd: to >= text.length };
}

/** Moves every offset of a parsed document by `delta` (the text before it grew or shrank). */
export function shiftDocument(doc: ParsedDoc, delta: number): void {
  if (delta === 0) return;
  shiftRange(doc.range, delta);
  for (const e of doc.errors) shiftRange(e.pos, delta);
  for (const w of doc.warnings) shiftRange(w.pos, delta);
  eachNode(doc.contents, (node) => shiftRange(node.range, delta));
}

function shiftRange(range: number[] | null | undefined, delta: number): void {
  if (!range) return;
  for (let i = 0; i < range.length; i++) range[i] += delta;
}
