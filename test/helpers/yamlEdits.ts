/**
 * Seeded random multi-document YAML files and random edits for the incremental tests: documents with block
 * scalars, multi-line quoted and flow scalars, comments, anchors and aliases, `...` and `---` lines with
 * content, plus edits biased towards the places incremental parsing must get right (separator lines, quotes).
 */
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, Node } from 'yaml';
import type { ManifestModel } from '../../server/src/model/manifestModel';

/** mulberry32: a tiny deterministic PRNG. */
export class Rng {
  private a: number;
  constructor(seed: number) {
    this.a = seed >>> 0;
  }
  next(): number {
    this.a = (this.a + 0x6d2b79f5) >>> 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const apps = ['web', 'api', 'db', 'cache', 'worker'];

function deployment(r: Rng, i: number): string {
  const app = `${r.pick(apps)}-${i}`;
  const lines = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${app}`,
    `  namespace: ${r.pick(['shop', 'default', 'ops'])}`,
    'spec:',
    `  replicas: ${r.int(1, 3)}`,
    '  selector:',
    `    matchLabels: {app: ${app}}`,
    '  template:',
    '    metadata:',
    `      labels: &labels-${i}`,
    `        app: ${app}`,
    '    spec:',
  ];
  if (r.chance(0.5)) lines.push('      securityContext:', '        runAsNonRoot: true');
  lines.push('      containers:', `        - name: ${app}`, `          image: ${r.pick(['nginx:1.27', 'redis', 'ghcr.io/acme/app:latest'])}`);
  if (r.chance(0.5)) lines.push('          ports:', `            - containerPort: ${r.pick([80, 8080])}`, '              name: http');
  if (r.chance(0.4)) lines.push('          securityContext: {privileged: true}');
  if (r.chance(0.4)) lines.push('          command: ["sh", "-c",', '            "echo hi"]');
  return lines.join('\n');
}

function service(r: Rng, i: number): string {
  return [
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    `  name: svc-${i}`,
    'spec:',
    `  selector: {app: ${r.pick(apps)}-${r.int(0, 5)}}`,
    '  ports:',
    `    - port: 80`,
    `      targetPort: ${r.pick(['http', '8080', 'web'])}`,
  ].join('\n');
}

function configMap(r: Rng, i: number): string {
  return [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    `  name: cfg-${i}`,
    'data:',
    '  script: |',
    '    echo start',
    '    --- not a separator (indented)',
    `    echo ${r.pick(['a', 'b'])}`,
    "  quoted: 'it''s",
    "    two lines'",
    '  double: "first',
    '    second"',
  ].join('\n');
}

function oddDocument(r: Rng): string {
  return r.pick([
    '--- |\n  literal document\n',
    '--- >\n  folded\n  text\n',
    '# just a comment\n',
    '...\n# after an end marker\n',
    'plain: value\n...\n',
    'list:\n  - &a one\n  - *a\n  - [x, y,\n     z]\n',
    'key: {a: 1,\n  b: 2}\n',
    '--- # comment on the marker\nkind: Namespace\napiVersion: v1\nmetadata: {name: shop}\n',
    '\n\n',
    'services:\n  web:\n    image: nginx\n',
  ]);
}

/** A Compose file: anchors and merge keys, sequences at the key's column, block scalars, comments at column 0. */
export function randomCompose(r: Rng): string {
  const lines = ['name: demo', 'x-common: &common', '  restart: unless-stopped', '  logging:', '    driver: json-file', 'services:'];
  const n = r.int(2, 6);
  for (let i = 0; i < n; i++) {
    lines.push(`  svc-${i}:`, '    <<: *common', `    image: ${r.pick(['nginx:1.27', 'redis', 'postgres:16'])}`);
    if (r.chance(0.5)) lines.push('    ports:', `    - "${8000 + i}:80"`, '    - 9000');
    if (r.chance(0.5)) lines.push('    environment:', '      A: "1"', `      B: ${r.pick(['x', 'y z', "'q'"])}`);
    if (r.chance(0.3)) lines.push('# a comment at column 0');
    if (r.chance(0.3)) lines.push('    command: |', '      echo one', '      echo two');
    if (r.chance(0.3)) lines.push('    healthcheck: {test: [CMD, true], interval: 5s}');
    if (r.chance(0.3)) lines.push('');
    if (r.chance(0.3)) lines.push(`    depends_on:`, `      - svc-${r.int(0, n - 1)}`);
    // Schema mistakes, so findings sit after the edits: a misspelled key, a value outside its set.
    if (r.chance(0.4)) lines.push(r.pick(['    restrat: always', '    restart: sometimes', '    imagee: busybox']));
  }
  lines.push('volumes:', '  data: {}');
  return `${lines.join('\n')}\n`;
}

/** A multi-document file of 2–8 documents. */
export function randomManifest(r: Rng): string {
  const parts: string[] = [];
  const n = r.int(2, 8);
  for (let i = 0; i < n; i++) {
    const kind = r.int(0, 4);
    parts.push(kind === 0 ? deployment(r, i) : kind === 1 ? service(r, i) : kind === 2 ? configMap(r, i) : kind === 3 ? oddDocument(r) : deployment(r, i));
  }
  let text = (r.chance(0.3) ? '---\n' : '') + parts.map((p) => (p.endsWith('\n') ? p : `${p}\n`)).join(r.chance(0.2) ? '---\n\n' : '---\n');
  if (r.chance(0.15)) text = text.replace(/\n/g, '\r\n');
  return text;
}

const snippets = ['-', '---', '---\n', '\n---\n', '\n', '"', "'", '[', ']', '{', '}', ':', ': ', ' ', '  ', '#', '|', '>', '.', '...', '...\n', '&a ', '*a', 'x', 'name: z\n', '\r\n', '\t', ',', '- item\n', '? ', '\\'];

export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** A random edit: insertion, deletion or replacement, often right at a line start or a `---` line. */
export function randomEdit(r: Rng, text: string): TextEdit {
  let at = r.int(0, text.length);
  if (r.chance(0.35)) {
    const seps = [...text.matchAll(/^---/gm)].map((m) => m.index ?? 0);
    if (seps.length) at = Math.min(text.length, r.pick(seps) + r.int(-2, 4));
  } else if (r.chance(0.3)) {
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    at = lineStart;
  }
  at = Math.max(0, at);
  const op = r.int(0, 2);
  const len = r.chance(0.8) ? r.int(1, 3) : r.int(4, 60);
  const end = op === 0 ? at : Math.min(text.length, at + len);
  const insert = op === 1 ? '' : Array.from({ length: r.chance(0.8) ? 1 : r.int(2, 4) }, () => r.pick(snippets)).join('');
  return { start: at, end, text: insert };
}

export function applyEdit(text: string, e: TextEdit): string {
  return text.slice(0, e.start) + e.text + text.slice(e.end);
}

/** Everything a consumer can read from a model, as plain data: documents, nodes with ranges, errors. */
export function dumpModel(model: ManifestModel): unknown {
  return {
    flavor: model.flavor,
    lines: model.lineCounter.lineStarts,
    docs: model.docs.map((d) => ({
      index: d.index,
      start: d.start,
      end: d.end,
      flavor: d.flavor,
      apiVersion: d.apiVersion,
      kind: d.kind,
      name: d.name,
      namespace: d.namespace,
      range: d.doc.range,
      errors: d.doc.errors.map((e) => [e.code, ...e.pos]),
      warnings: d.doc.warnings.map((e) => [e.code, ...e.pos]),
      contents: dumpNode(d.doc.contents),
    })),
  };
}

function dumpNode(root: unknown): unknown[] {
  const out: unknown[] = [];
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (node === null || node === undefined) {
      out.push(null);
      continue;
    }
    if (isPair(node)) {
      out.push('pair');
      stack.push(node.value, node.key);
      continue;
    }
    const n = node as Node & { anchor?: string; tag?: string; flow?: boolean; type?: string };
    const head = [n.range, n.anchor ?? '', n.tag ?? ''];
    if (isScalar(node)) out.push(['scalar', ...head, n.type, String(node.value)]);
    else if (isAlias(node)) out.push(['alias', ...head, node.source]);
    else if (isCollection(node)) {
      out.push([isMap(node) ? 'map' : isSeq(node) ? 'seq' : 'collection', ...head, !!n.flow, node.items.length]);
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    } else out.push(['other', String(node)]);
  }
  return out;
}
