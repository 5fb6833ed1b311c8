/**
 * The parsed model of one YAML file: its documents, their flavour (Kubernetes, Compose, plain YAML)
 * and the identity of each Kubernetes resource. Built once per (uri, version) and shared by every feature;
 * a new version re-parses only the documents an edit touched (incrementalParse.ts).
 */
import { Document, isMap, isScalar, LineCounter, ParsedNode, Scalar, ScalarTag, CollectionTag } from 'yaml';
import type { AnalysisLimit } from './analysisLimit';
import { Chunk, hasDirectiveLines, parseChunks, parseSpan, YamlOptions } from './yamlChunks';

export type Flavor = 'kubernetes' | 'compose' | 'yaml';

export interface DocModel {
  index: number;
  doc: Document.Parsed<ParsedNode>;
  /** [start, end) offsets of the document inside the file. */
  start: number;
  end: number;
  flavor: Flavor;
  apiVersion?: string;
  kind?: string;
  name?: string;
  namespace?: string;
}

export interface ManifestModel {
  uri: string;
  version: number;
  text: string;
  /** The file's flavour: Compose when named like a Compose file or holding a Compose document. */
  flavor: Flavor;
  docs: DocModel[];
  /** 1-based line/column of an offset; lines end at `\n` (as the suppression comments count them). */
  lineCounter: LineCounter;
  /** How the text was split for parsing: incremental re-parse reuses the chunks an edit did not touch. */
  chunks: Chunk[];
  /** Stands for this text (compared instead of the text: comparing two long strings costs their length). */
  textId: object;
  /** Set when the file is over an analysis limit (analysisLimit.ts): nothing was parsed, `docs` is empty. */
  limited?: AnalysisLimit;
  /**
   * Set on a model of the documents parsed so far while a large file's first parse runs (slicedParse.ts): exact
   * for hover and lesson links at offsets before its last chunk's end, never cached, never given to rules.
   */
  partial?: true;
  /** When built incrementally: the previous text (and its id) and what changed; caches made for it reuse the diff. */
  edit?: { from: string; fromId: object; change: { start: number; oldEnd: number; newEnd: number } };
}

/** Compose accepts `!reset` and `!override` on any node; the Kubernetes side never uses them. */
const composeTags: (ScalarTag | CollectionTag)[] = ['!reset', '!override'].flatMap((tag) => [
  { tag, resolve: (value: string) => value } as ScalarTag,
  { tag, collection: 'map', resolve: (value: unknown) => value } as unknown as CollectionTag,
  { tag, collection: 'seq', resolve: (value: unknown) => value } as unknown as CollectionTag,
]);

const composeFileName = /(^|[\\/])(docker-)?compose[^\\/]*\.ya?ml$/i;

export function isComposeFileName(uri: string): boolean {
  return composeFileName.test(decodeURIComponent(uri));
}

/** How every part of a file is parsed (whole, by chunk or by entry: the same options everywhere). */
export const yamlOptions: YamlOptions = { customTags: composeTags, uniqueKeys: false, keepSourceTokens: false };

/** Parses a whole file. Never throws: parse errors stay on the documents for diagnostics to report. */
export function parseManifest(uri: string, version: number, text: string): ManifestModel {
  return modelOf(uri, version, text, parseAllChunks(text));
}

/** Every chunk of `text` (one chunk when directive lines make documents depend on each other). */
export function parseAllChunks(text: string): Chunk[] {
  try {
    if (hasDirectiveLines(text)) return [{ start: 0, end: text.length, docs: parseSpan(text, 0, text.length, yamlOptions) }];
    return parseChunks(text, 0, text.length, yamlOptions).chunks;
  } catch {
    return [];
  }
}

/** Parses [from, to) chunk by chunk with the model's options (incremental re-parse). */
export function parseChunkRange(text: string, from: number, to: number): { chunks: Chunk[]; toEnd: boolean; openAtEnd?: boolean } {
  return parseChunks(text, from, to, yamlOptions);
}

/**
 * The model of `text` from its parsed chunks. `reuse` maps a parsed document to its DocModel of the previous
 * version when neither its content nor its offsets changed (identity-keyed caches stay valid for it).
 */
export function modelOf(uri: string, version: number, text: string, chunks: Chunk[], reuse?: (doc: Document.Parsed<ParsedNode>, index: number) => DocModel | undefined): ManifestModel {
  const composeByName = isComposeFileName(uri);
  const docs: DocModel[] = [];
  for (const chunk of chunks) {
    for (const doc of chunk.docs) {
      const index = docs.length;
      docs.push(reuse?.(doc, index) ?? describeDocument(doc, index, composeByName));
    }
  }
  return { uri, version, text, flavor: flavorOf(docs, composeByName), docs, lineCounter: lineCounterOf(text), chunks, textId: {} };
}

/** The file's flavour from its documents: Compose when named so or holding a Compose document. */
export function flavorOf(docs: readonly DocModel[], composeByName: boolean): Flavor {
  return composeByName || docs.some((d) => d.flavor === 'compose') ? 'compose' : docs.some((d) => d.flavor === 'kubernetes') ? 'kubernetes' : 'yaml';
}

/** The model of a file over an analysis limit: no documents; the flavour comes from the file name alone. */
export function limitedModel(uri: string, version: number, text: string, limited: AnalysisLimit): ManifestModel {
  return { uri, version, text, flavor: isComposeFileName(uri) ? 'compose' : 'yaml', docs: [], lineCounter: lineCounterOf(text), chunks: [], textId: {}, limited };
}

export function lineCounterOf(text: string): LineCounter {
  const counter = new LineCounter();
  counter.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) counter.addNewLine(i + 1);
  return counter;
}

/** A parsed document's flavour and resource identity (apiVersion, kind, name, namespace). */
export function describeDocument(doc: Document.Parsed<ParsedNode>, index: number, composeByName: boolean): DocModel {
  const [start, , end] = doc.range ?? [0, 0, 0];
  const model: DocModel = { index, doc, start, end, flavor: 'yaml' };
  const root = doc.contents;
  if (!isMap(root)) return model;
  const apiVersion = scalarString(root.get('apiVersion', true));
  const kind = scalarString(root.get('kind', true));
  if (apiVersion !== undefined && kind !== undefined) {
    model.flavor = 'kubernetes';
    model.apiVersion = apiVersion;
    model.kind = kind;
    const metadata = root.get('metadata', true);
    if (isMap(metadata)) {
      model.name = scalarString(metadata.get('name', true));
      model.namespace = scalarString(metadata.get('namespace', true));
    }
  } else if (composeByName || (apiVersion === undefined && isMap(root.get('services', true)))) {
    model.flavor = 'compose';
  }
  return model;
}

export function scalarString(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const value = (node as Scalar).value;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** The document that contains `offset` (the last one starting at or before it). */
export function docAt(model: ManifestModel, offset: number): DocModel | undefined {
  const docs = model.docs;
  let lo = 0;
  let hi = docs.length - 1;
  let found: DocModel | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (docs[mid].start <= offset) {
      found = docs[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

const templateMarkers = new WeakMap<ManifestModel, boolean>();

/** Whether the file is a Helm/Go template (`{{ … }}` anywhere): reference checks stay quiet for it. */
export function hasTemplateMarkers(model: ManifestModel): boolean {
  let has = templateMarkers.get(model);
  if (has === undefined) templateMarkers.set(model, (has = model.text.includes('{{')));
  return has;
}
