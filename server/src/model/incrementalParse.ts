/**
 * A new version of a file from the previous model: only the chunks (documents) an edit touched are parsed
 * again — inside one document only the mapping entry around the edit when possible (blockReparse.ts); the
 * documents after the edit are reused with their offsets moved by the edit's length change, the documents
 * before it are reused as they are. The result equals a whole-file parse (test/unit/incrementalParse).
 *
 * Ownership: the previous model's reused documents are moved in place, so the previous model must not be
 * used for offsets afterwards. DocumentModelCache keeps one model per URI and replaces it; a diagnostics run
 * of an older version notices the newer version before it touches the model again.
 */
import { reparseEntry } from './blockReparse';
import { DocModel, ManifestModel, modelOf, parseChunkRange, parseManifest, yamlOptions } from './manifestModel';
import { Chunk, hasDirectiveLines, isSeparatorAt, ParsedDoc, shiftDocument } from './yamlChunks';

/** The part of the text an edit replaced: [start, oldEnd) of the old text is [start, newEnd) of the new one. */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** The smallest single change turning `before` into `after` (common prefix and suffix), undefined if equal. */
export function diffTexts(before: string, after: string): TextChange | undefined {
  if (before === after) return undefined;
  const max = Math.min(before.length, after.length);
  // Equal blocks first (string comparison is a memory compare), then character by character.
  const block = 2048;
  let start = 0;
  while (start + block <= max && before.slice(start, start + block) === after.slice(start, start + block)) start += block;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  const room = max - start;
  while (tail + block <= room && before.slice(before.length - tail - block, before.length - tail) === after.slice(after.length - tail - block, after.length - tail)) tail += block;
  while (tail < room && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start, oldEnd: before.length - tail, newEnd: after.length - tail };
}

/** Where an offset of the old text is in the new text (offsets inside the replaced part move to its end). */
export function mapOffset(change: TextChange | undefined, offset: number): number {
  if (!change || offset <= change.start) return offset;
  if (offset >= change.oldEnd) return offset + change.newEnd - change.oldEnd;
  return change.newEnd;
}

/**
 * Whether every LSP position (line, UTF-16 column) outside the changed part is the same in both texts: the
 * change kept its length and its line breaks where they were (a replaced character, say).
 */
export function keepsPositions(change: TextChange, before: string, after: string): boolean {
  if (change.newEnd - change.oldEnd !== 0) return false;
  for (let i = change.start; i < change.oldEnd; i++) {
    const a = before.charCodeAt(i);
    const b = after.charCodeAt(i);
    if ((a === 10 || a === 13 || b === 10 || b === 13) && a !== b) return false;
  }
  // A `\r` before the change and a `\n` after it form one line break: keep them untouched too.
  return before.charCodeAt(change.start - 1) !== 13 && before.charCodeAt(change.oldEnd) !== 10;
}

/** The model of `text` at `version`, re-parsing only what changed since `prev`. */
export function updateManifest(prev: ManifestModel, version: number, text: string): ManifestModel {
  const change = diffTexts(prev.text, text);
  if (!change) return { ...prev, version, edit: undefined };
  if (prev.chunks.length === 0 || hasDirectiveLines(prev.text) || hasDirectiveLines(text)) return parseManifest(prev.uri, version, text);
  const chunks = prev.chunks;
  const first = firstAffected(prev.text, chunks, change.start);
  let last = chunkIndexAt(chunks, change.oldEnd);
  const delta = change.newEnd - change.oldEnd;
  let regionEnd = last + 1 < chunks.length ? chunks[last + 1].start + delta : text.length;
  // The chunk after the region must still start a document in the new text (a safety net: the edit ended before it).
  if (regionEnd < text.length && !(text.charCodeAt(regionEnd - 1) === 10 && isSeparatorAt(text, regionEnd))) {
    return parseManifest(prev.uri, version, text);
  }
  // An edit inside one document: re-parse only the mapping entry around it when that is provably the same.
  const single = first === last && chunks[first].docs.length === 1 ? chunks[first] : undefined;
  const entry = single && reparseEntry(single.docs[0], prev.text, text, change, yamlOptions);
  let region = entry ? { chunks: [{ start: single.start, end: single.end + delta, docs: [entry] }], toEnd: false, openAtEnd: false } : parseChunkRange(text, chunks[first].start, regionEnd);
  // A flow collection left open at the region's end runs into the next chunk: take that one in too.
  while (region.openAtEnd && last + 1 < chunks.length) {
    last++;
    regionEnd = last + 1 < chunks.length ? chunks[last + 1].start + delta : text.length;
    region = parseChunkRange(text, chunks[first].start, regionEnd);
  }
  keepUnchangedDocuments(region.chunks, chunks.slice(first, last + 1), change, prev.text, text);
  const after: Chunk[] = [];
  if (!region.toEnd) {
    for (let i = last + 1; i < chunks.length; i++) {
      const c = chunks[i];
      for (const d of c.docs) shiftDocument(d, delta);
      after.push({ start: c.start + delta, end: c.end + delta, docs: c.docs });
    }
  }
  const next = [...chunks.slice(0, first), ...region.chunks, ...after];
  // Documents before the edit keep their DocModel (same offsets, same index): identity-keyed caches stay valid;
  // so do the documents after it when the edit kept the length (a replaced character).
  const unchanged = new Map<unknown, DocModel>();
  let kept = 0;
  for (let i = 0; i < first; i++) kept += chunks[i].docs.length;
  for (let i = 0; i < kept; i++) unchanged.set(prev.docs[i].doc, prev.docs[i]);
  if (delta === 0 && after.length) {
    let index = prev.docs.length - after.reduce((n, c) => n + c.docs.length, 0);
    for (const c of after) for (const d of c.docs) unchanged.set(d, prev.docs[index++]);
  }
  const model = modelOf(prev.uri, version, text, next, (doc, index) => {
    const d = unchanged.get(doc);
    return d && d.index === index ? d : undefined;
  });
  model.edit = { from: prev.text, fromId: prev.textId, change };
  return model;
}

/**
 * A re-parsed chunk may hold documents the edit did not touch (small documents share a chunk): a new document
 * that is an old one of the replaced chunks — outside the edit, at its mapped offset, with the same text — is
 * replaced by the old one (moved), so caches keyed by the document stay valid for it.
 */
function keepUnchangedDocuments(parsed: Chunk[], replaced: Chunk[], change: TextChange, before: string, after: string): void {
  const old = new Map<number, ParsedDoc>();
  for (const c of replaced) {
    for (const d of c.docs) {
      if (d.range && (d.range[2] <= change.start || d.range[0] >= change.oldEnd)) old.set(mapOffset(change, d.range[0]), d);
    }
  }
  if (!old.size) return;
  for (const c of parsed) {
    c.docs = c.docs.map((d) => {
      const same = d.range && !d.errors.length && !d.warnings.length ? old.get(d.range[0]) : undefined;
      if (!same?.range || !d.range || before.slice(same.range[0], same.range[2]) !== after.slice(d.range[0], d.range[2])) return d;
      shiftDocument(same, d.range[0] - same.range[0]);
      return same;
    });
  }
}

/** Index of the chunk containing `offset` (the last chunk starting at or before it). */
function chunkIndexAt(chunks: readonly Chunk[], offset: number): number {
  let lo = 0;
  let hi = chunks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (chunks[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The first chunk an edit at `offset` can change: the chunk containing it, or the one before when the edit
 * touches the chunk's `---` line or the line break before it (the separator may stop being one).
 */
function firstAffected(text: string, chunks: readonly Chunk[], offset: number): number {
  const i = chunkIndexAt(chunks, offset);
  if (i === 0) return 0;
  const lineEnd = text.indexOf('\n', chunks[i].start);
  const separatorEnd = lineEnd < 0 ? text.length : lineEnd + 1;
  return offset <= separatorEnd ? i - 1 : i;
}
