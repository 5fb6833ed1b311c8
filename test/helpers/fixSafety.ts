/**
 * Fix safety over a corpus: apply one quick fix of one finding and list every way it is unsafe. Used by
 * test/unit/fixSafety*.test.ts over test/fixtures/fix-safety/ (each file as written and converted to CRLF).
 *
 * A fix is safe when: the bytes outside its edit spans are identical; the minimal changed span lies inside the
 * region the fix claims (the finding's YAML document; for a Compose service finding, that service's entry; for
 * a fix that appends a document, the end of the file); the result parses without errors and keeps its line
 * ends; the targeted finding is gone; and no finding appears that was not there before.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMap, isScalar, isSeq, parseAllDocuments, type Node, type Pair } from 'yaml';
import { parseManifest, type ManifestModel } from '../../server/src/model/manifestModel';
import { pathAt } from '../../server/src/model/pathAt';
import { applyEdits } from '../../server/src/rules/edits';
import type { RuleFinding } from '../../server/src/rules/engine';
import type { Fix } from '../../server/src/rules/types';
import type { PathSegment } from '../../server/src/schema/types';
import { WorkspaceIndex } from '../../server/src/workspace/workspaceIndex';
import { runRules } from '../../server/src/rules/engine';
import { allRules } from '../../server/src/rules/registry';
import { fieldDocs } from './ruleHarness';
import { repoRoot } from './lspClient';

export const fixSafetyDir = path.join(repoRoot, 'test', 'fixtures', 'fix-safety');

export interface CorpusFile {
  /** File name, with ` (CRLF)` for the converted variant. */
  name: string;
  uri: string;
  text: string;
}

/** Every corpus file as written (LF) and converted to CRLF line ends. */
export function corpusFiles(): CorpusFile[] {
  const out: CorpusFile[] = [];
  for (const name of fs.readdirSync(fixSafetyDir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const text = fs.readFileSync(path.join(fixSafetyDir, name), 'utf8');
    const uri = `file:///fix-safety/${name}`;
    out.push({ name, uri, text });
    if (!text.includes('\r\n')) out.push({ name: `${name} (CRLF)`, uri, text: text.replace(/\n/g, '\r\n') });
  }
  return out;
}

/** A parsed text and its findings, every rule run with the file itself as the (complete) workspace. */
export interface Analysis {
  model: ManifestModel;
  regions: [number, number][];
  findings: RuleFinding[];
}

export function analyse(uri: string, text: string): Analysis {
  const model = parseManifest(uri, 1, text);
  const workspace = new WorkspaceIndex();
  workspace.setOpenDocument(model);
  workspace.markComplete();
  const found = runRules(model, {
    rules: allRules,
    fieldDocs,
    workspace,
    onRuleError: (id, e) => {
      throw new Error(`rule ${id} threw: ${(e as Error).stack}`);
    },
  });
  return { model, regions: documentRegions(model), findings: found };
}

/** [start, end] offsets each YAML document may be edited in: after its `---` marker, up to the next marker. */
function documentRegions(model: ManifestModel): [number, number][] {
  return model.docs.map((d, i) => {
    const next = model.docs[i + 1];
    const start = i === 0 ? 0 : d.start + (model.text.startsWith('---', d.start) ? 3 : 0);
    return [start, next ? next.start : model.text.length];
  });
}

function docIndexAt(regions: [number, number][], offset: number): number {
  const i = regions.findIndex(([s, e]) => offset >= s && offset < e);
  return i < 0 ? regions.length - 1 : i;
}

/**
 * A finding's field path with every sequence index replaced by what the item is (a container's or env entry's
 * `name`, a scalar item's value), so a finding keeps its identity when a fix removes an earlier item.
 */
function stablePath(root: Node | null | undefined, segments: readonly PathSegment[]): string {
  let node: unknown = root;
  return segments
    .map((seg) => {
      const cur = node;
      node = typeof seg === 'number' ? (isSeq(cur) ? cur.items[seg] : undefined) : isMap(cur) ? cur.get(seg, true) : undefined;
      if (typeof seg !== 'number') return seg;
      if (isScalar(node)) return `[=${String(node.value)}]`;
      const name = isMap(node) ? node.get('name', true) : undefined;
      return isScalar(name) ? `[${String(name.value)}]` : `[${seg}]`;
    })
    .join('.');
}

/**
 * Identity of a finding across a fix: rule, document and the finding's field path made stable (for a finding
 * without a field path, the key path of the node it underlines).
 */
export function findingKey(model: ManifestModel, regions: [number, number][], f: RuleFinding): string {
  const docIndex = docIndexAt(regions, f.start);
  const root = model.docs[docIndex]?.doc.contents as Node | null | undefined;
  const segments = f.lessonPath ?? pathAt(model, f.start)?.path ?? [];
  return `${f.ruleId} #${docIndex} ${f.lessonPath ? '' : '@'}${stablePath(root, segments)}`;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
}

/**
 * The region of each Compose service: from the line of the service's key to the line of the next service's key
 * (or of the next top-level key after `services`, or the end of the document).
 */
function composeServiceRegions(model: ManifestModel, docIndex: number, docEnd: number): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  const root = model.docs[docIndex]?.doc.contents;
  if (!isMap(root)) return out;
  const top = root.items as Pair<Node, Node | null>[];
  const servicesAt = top.findIndex((p) => isScalar(p.key) && String(p.key.value) === 'services');
  const services = top[servicesAt]?.value;
  if (!isMap(services)) return out;
  const entries = services.items as Pair<Node, Node | null>[];
  entries.forEach((p, i) => {
    if (!isScalar(p.key) || !p.key.range) return;
    const nextKey = entries[i + 1]?.key ?? top[servicesAt + 1]?.key;
    out.set(String(p.key.value), [lineStart(model.text, p.key.range[0]), nextKey?.range ? lineStart(model.text, nextKey.range[0]) : docEnd]);
  });
  return out;
}

export interface FixOutcome {
  /** Everything unsafe about the fix; empty when it is safe. */
  problems: string[];
  /** The findings that are new after the fix (by key), for reporting. */
  newKeys: string[];
  fixed: string;
  /** The minimal changed span [start, endBefore) in the original text. */
  span: [number, number];
}

/**
 * The minimal changed span [start, endBefore) of `before` → `after`. An insertion next to equal text has several
 * minimal spans (inserting "  b: 1\n" before "  c: 2" can also be read as starting two bytes later): `prefixFirst`
 * picks the rightmost reading, otherwise the leftmost.
 */
export function minimalChange(before: string, after: string, prefixFirst = true): [number, number] {
  const max = Math.min(before.length, after.length);
  let s = 0;
  let e = 0;
  if (prefixFirst) {
    while (s < max && before[s] === after[s]) s++;
    while (e < max - s && before[before.length - 1 - e] === after[after.length - 1 - e]) e++;
  } else {
    while (e < max && before[before.length - 1 - e] === after[after.length - 1 - e]) e++;
    while (s < max - e && before[s] === after[s]) s++;
  }
  return [s, before.length - e];
}

/** Applies `fix` of `target` (one of `before.findings`) and checks it. Findings whose key `exempt` accepts may appear. */
export function checkFix(before: Analysis, target: RuleFinding, fix: Fix, exempt: (key: string) => boolean = () => false): FixOutcome {
  const problems: string[] = [];
  const { model, regions } = before;
  const text = model.text;
  const fixed = applyEdits(text, fix.edits);

  // 1. Bytes outside the edit spans are identical.
  const sorted = [...fix.edits].sort((a, b) => a.start - b.start);
  let cursor = 0;
  let outCursor = 0;
  for (const e of sorted) {
    if (e.start < cursor) problems.push(`overlapping edits at ${e.start}`);
    if (fixed.slice(outCursor, outCursor + (e.start - cursor)) !== text.slice(cursor, e.start)) problems.push(`bytes before the edit at ${e.start} changed`);
    outCursor += e.start - cursor + e.newText.length;
    cursor = e.end;
  }
  if (fixed.slice(outCursor) !== text.slice(cursor)) problems.push('bytes after the last edit changed');

  // 2. The minimal changed span lies in the region the fix claims.
  const spans = [minimalChange(text, fixed, true), minimalChange(text, fixed, false)];
  const docIndex = docIndexAt(regions, target.start);
  const [docStart, docEnd] = regions[docIndex];
  const appendsDocument = fix.edits.every((e) => e.start === text.length && e.end === text.length && /^(\r?\n)?---(\r?\n)/.test(e.newText));
  let region: [number, number] = appendsDocument ? [text.length, text.length] : [docStart, docEnd];
  // A Compose finding claims the service it underlines (else the service its field path names).
  let service: string | undefined;
  if (model.flavor === 'compose' && !appendsDocument) {
    const regionsOfServices = composeServiceRegions(model, docIndex, docEnd);
    const named = target.lessonPath?.[0] === 'services' ? String(target.lessonPath[1]) : undefined;
    service = [...regionsOfServices].find(([, [s, e]]) => target.start >= s && target.start < e)?.[0] ?? named;
    region = (service !== undefined && regionsOfServices.get(service)) || region;
  }
  const inside = ([s, e]: [number, number]) => s >= region[0] && e <= region[1];
  const span = spans.find(inside) ?? spans[0];
  if (fixed !== text && !spans.some(inside)) {
    problems.push(`changed span [${span[0]}, ${span[1]}) leaves the claimed region [${region[0]}, ${region[1]}]${service ? ` (service ${service})` : ` (document ${docIndex})`}`);
  }
  if (fixed === text) problems.push('the fix changes nothing');

  // 3. The result parses without errors (duplicate keys included) and keeps the line-end style.
  const parsed = parseAllDocuments(fixed);
  const docs = Array.isArray(parsed) ? parsed : [parsed];
  for (const d of docs) for (const err of d.errors) problems.push(`parse error: ${err.message.split('\n')[0]}`);
  if (!appendsDocument && docs.length !== model.docs.length) problems.push(`document count ${model.docs.length} → ${docs.length}`);
  const crlf = text.includes('\r\n');
  if (crlf && /(^|[^\r])\n/.test(fixed)) problems.push('a CRLF file gained a bare LF line end');
  if (!crlf && fixed.includes('\r')) problems.push('an LF file gained a CR');

  // 4. The targeted finding is gone and nothing new appears.
  const fixedAnalysis = analyse(model.uri, fixed);
  const after = fixedAnalysis.findings;
  const keyBefore = (f: RuleFinding) => findingKey(model, regions, f);
  const keyAfter = (f: RuleFinding) => findingKey(fixedAnalysis.model, fixedAnalysis.regions, f);
  const targetKey = keyBefore(target);
  // Several findings may share a key (two ports of one `ports` list): then one fewer must remain.
  const countBefore = before.findings.filter((f) => keyBefore(f) === targetKey).length;
  const countAfter = after.filter((f) => keyAfter(f) === targetKey).length;
  if (countAfter >= countBefore) problems.push(`the finding ${targetKey} still fires`);
  const beforeKeys = new Set(before.findings.map(keyBefore));
  const newKeys = [...new Set(after.map(keyAfter).filter((k) => !beforeKeys.has(k)))];
  for (const k of newKeys) if (!exempt(k)) problems.push(`new finding ${k}`);
  return { problems, newKeys, fixed, span };
}
