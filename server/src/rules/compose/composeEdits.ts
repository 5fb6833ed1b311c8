/**
 * Formatting-preserving edits the Compose fixes need beyond rules/edits.ts: append an item to a block or
 * flow sequence, turn a short `depends_on` list into the long mapping form. Only the bytes that must
 * change are edited; comments, quoting and indentation elsewhere stay as written.
 */
import { isAlias, isScalar, Node, YAMLSeq } from 'yaml';
import { columnOf, eolOf, indentStep } from '../edits';
import type { OffsetEdit } from '../types';

/** Offset of the `-` indicator of a block sequence item starting at `itemStart`, or -1. */
function dashBefore(text: string, itemStart: number): number {
  let i = itemStart - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return i >= 0 && text[i] === '-' ? i : -1;
}

/** End of the last content character at or before `end` (node ranges may run into the next line). */
function contentEnd(text: string, end: number): number {
  let at = Math.min(end, text.length);
  while (at > 0 && /\s/.test(text[at - 1])) at--;
  return at;
}

/** Start of the line after the one holding `offset` (text.length when it is the last line). */
function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/** Inserts `lines` (each ending with eol) after the line holding `offset`. */
function insertLinesAfter(text: string, offset: number, lines: string): OffsetEdit {
  const at = nextLineStart(text, offset);
  if (at === text.length && !text.endsWith('\n')) {
    const eol = eolOf(text);
    return { start: at, end: at, newText: eol + lines.slice(0, lines.length - eol.length) };
  }
  return { start: at, end: at, newText: lines };
}

/** Appends `itemText` (YAML source of one scalar) to a sequence, block or flow. */
export function appendToSeq(text: string, seqNode: Node, itemText: string): OffsetEdit | undefined {
  const seq = seqNode as YAMLSeq<Node>;
  const range = seq.range;
  if (!range) return undefined;
  if (seq.flow) {
    const close = text.lastIndexOf(']', range[1]);
    if (close < range[0]) return undefined;
    const inner = text.slice(range[0] + 1, close);
    if (inner.trim() === '') return { start: close, end: close, newText: itemText };
    const trimmed = inner.trimEnd();
    const at = range[0] + 1 + trimmed.length;
    return { start: at, end: at, newText: trimmed.endsWith(',') ? ` ${itemText}` : `, ${itemText}` };
  }
  const items = seq.items.filter((n) => n && (n as Node).range);
  if (items.length === 0) return undefined;
  const dash = dashBefore(text, items[0].range![0]);
  if (dash < 0) return undefined;
  const column = columnOf(text, dash);
  const last = items[items.length - 1];
  const end = contentEnd(text, last.range![1]);
  return insertLinesAfter(text, end - 1, `${' '.repeat(column)}- ${itemText}${eolOf(text)}`);
}

/**
 * `depends_on: [a, b]` / `- a` lines → `a:\n  condition: …` entries. `conditionOf` gives each dependency's
 * condition. `parentKey` is the `depends_on` key node (its column decides the indentation when the list is
 * not indented below it). Undefined when an item is not a plain name or a flow list holds comments.
 */
export function dependsOnToLongForm(
  text: string,
  seqNode: Node,
  parentKey: Node,
  conditionOf: (name: string) => string,
): OffsetEdit[] | undefined {
  const seq = seqNode as YAMLSeq<Node>;
  if (!seq.range || !parentKey.range) return undefined;
  const entries: { node: Node; source: string; name: string }[] = [];
  for (const item of seq.items) {
    if (!item || isAlias(item) || !isScalar(item) || !item.range) return undefined;
    const name = String(item.value);
    if (!name) return undefined;
    entries.push({ node: item, source: text.slice(item.range[0], item.range[1]), name });
  }
  if (entries.length === 0) return undefined;
  if (seq.flow) {
    const [s, e] = seq.range;
    if (text.slice(s, e).includes('#')) return undefined;
    const body = entries.map((en) => `${en.source}: {condition: ${conditionOf(en.name)}}`).join(', ');
    return [{ start: s, end: e, newText: `{${body}}` }];
  }
  const step = indentStep(text);
  const eol = eolOf(text);
  const parentColumn = columnOf(text, parentKey.range[0]);
  const edits: OffsetEdit[] = [];
  for (const en of entries) {
    const [s, e] = en.node.range!;
    const dash = dashBefore(text, s);
    if (dash < 0 || text.slice(text.lastIndexOf('\n', dash) + 1, dash).trim() !== '') return undefined;
    const dashColumn = columnOf(text, dash);
    const keyColumn = dashColumn > parentColumn ? dashColumn : parentColumn + step;
    edits.push({ start: dash, end: e, newText: `${' '.repeat(keyColumn - dashColumn)}${en.source}:` });
    edits.push(insertLinesAfter(text, e, `${' '.repeat(keyColumn + step)}condition: ${conditionOf(en.name)}${eol}`));
  }
  return edits;
}
