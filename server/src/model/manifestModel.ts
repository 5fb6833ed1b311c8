/**
 * The parsed model of one YAML file: its documents, their flavour (Kubernetes, Compose, plain YAML)
 * and the identity of each Kubernetes resource. Built once per (uri, version) and shared by every feature.
 */
import { Document, isMap, isScalar, LineCounter, parseAllDocuments, ParsedNode, Scalar, ScalarTag, CollectionTag } from 'yaml';

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
  lineCounter: LineCounter;
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

/** Parses a whole file. Never throws: parse errors stay on the documents for diagnostics to report. */
export function parseManifest(uri: string, version: number, text: string): ManifestModel {
  const lineCounter = new LineCounter();
  let parsed: Document.Parsed<ParsedNode>[] = [];
  try {
    parsed = parseAllDocuments(text, {
      lineCounter,
      customTags: composeTags,
      uniqueKeys: false,
      keepSourceTokens: false,
    }) as Document.Parsed<ParsedNode>[];
    if (!Array.isArray(parsed)) parsed = [parsed as Document.Parsed<ParsedNode>];
  } catch {
    parsed = [];
  }
  const composeByName = isComposeFileName(uri);
  const docs: DocModel[] = parsed.map((doc, index) => describeDocument(doc, index, composeByName));
  const flavor: Flavor = composeByName || docs.some((d) => d.flavor === 'compose')
    ? 'compose'
    : docs.some((d) => d.flavor === 'kubernetes')
      ? 'kubernetes'
      : 'yaml';
  return { uri, version, text, flavor, docs, lineCounter };
}

function describeDocument(doc: Document.Parsed<ParsedNode>, index: number, composeByName: boolean): DocModel {
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
  let found: DocModel | undefined;
  for (const d of model.docs) {
    if (d.start <= offset) found = d;
    else break;
  }
  return found;
}
