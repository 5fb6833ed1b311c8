/**
 * What the server does not analyse: files it cannot parse and check within about a second. The `yaml` parser
 * costs about a second per 1.5–2 MB of block YAML, and much more for flow collections (`[a, b]`, `{a: 1}`) and
 * aliases, which a large file may hold by the tens of thousands (a one-line JSON map, generated lists). Over
 * either limit a file is not parsed at all: no rules, hover or lesson links for it, and one information
 * diagnostic that says which limit and by how much (like yaml-language-server's `maxItemsComputed`). The CLI
 * checks every file whatever its size: it answers no one while it works.
 */

/** Files larger than this are not analysed (the workspace index skips them on disk too). */
export const MAX_ANALYSED_BYTES = 2 * 1024 * 1024;

/** Flow-collection separators and brackets (`,` `[` `{`) and alias/anchor marks (`*` `&`) counted in one pass. */
export const MAX_FLOW_MARKS = 30_000;

export interface AnalysisLimit {
  reason: 'size' | 'structure';
  /** What was measured (bytes, or flow and alias marks) and the limit it passed. */
  measured: number;
  limit: number;
}

/** Why `text` is not analysed, or undefined when it is. One pass over the text, no parsing. */
export function analysisLimit(text: string): AnalysisLimit | undefined {
  // UTF-16 length × 3 bounds the UTF-8 size; only count bytes exactly when it matters.
  if (text.length > MAX_ANALYSED_BYTES || (text.length * 3 > MAX_ANALYSED_BYTES && Buffer.byteLength(text, 'utf8') > MAX_ANALYSED_BYTES)) {
    return { reason: 'size', measured: Buffer.byteLength(text, 'utf8'), limit: MAX_ANALYSED_BYTES };
  }
  let marks = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44 || c === 91 || c === 123 || c === 42 || c === 38) marks++;
  }
  return marks > MAX_FLOW_MARKS ? { reason: 'structure', measured: marks, limit: MAX_FLOW_MARKS } : undefined;
}
