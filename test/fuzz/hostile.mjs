// @ts-check
/**
 * Hostile YAML: documents built to hurt a YAML tool (alias bombs, deep nesting, huge files and scalars,
 * odd bytes, every tag). Each generator is deterministic; `big` marks the inputs left out of the slice.
 */
import { loadCorpus } from './corpus.mjs';
import { Rng } from './prng.mjs';

/**
 * @typedef {{ name: string, file: string, text?: string, bytes?: Buffer, big?: boolean, languageId?: string }} HostileInput
 * `bytes` (instead of `text`) is written raw into the didOpen message: it may be invalid UTF-8.
 */

const pod = (spec) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: hostile\nspec:\n${spec}`;

/** Billion laughs: 9 levels of 9 aliases each (10^9 leaves if anything expands it). @param {string} prefix @param {string} use */
function laughs(prefix, use) {
  const lines = [`${prefix}l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]`];
  for (let i = 1; i <= 9; i++) lines.push(`${prefix}l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(',')}]`);
  return `${lines.join('\n')}\n${use}`;
}

/**
 * @param {{ scale?: number, knownScale?: number }} [options] `scale` shrinks the counts and sizes (not the nesting depth) for the
 * slice in `npm test`; the full tier uses 1 (the sizes named in each input).
 * @returns {HostileInput[]}
 */
export function hostileInputs(options = {}) {
  const scale = options.scale ?? 1;
  let k = (/** @type {number} */ n) => Math.max(1, Math.round(n * scale));
  /** Inputs of a known defect (knownDefects.mjs) shrink by `knownScale` more, so the slice does not wait on them. */
  const known = (/** @type {() => void} */ build) => {
    const plain = k;
    k = (n) => Math.max(1, Math.round(n * scale * (options.knownScale ?? 1)));
    build();
    k = plain;
  };
  const corpus = loadCorpus();
  const deployment = corpus.find((d) => d.name.endsWith('deployment.yaml'))?.text ?? corpus[0].text;
  const compose = corpus.find((d) => d.compose)?.text ?? 'services:\n  web:\n    image: nginx\n';
  /** @type {HostileInput[]} */
  const inputs = [];
  const add = (/** @type {HostileInput} */ i) => inputs.push(i);

  // Alias and anchor bombs.
  add({ name: 'billion laughs (plain YAML)', file: 'laughs.yaml', text: laughs('', 'top: *l9\n') });
  add({
    name: 'billion laughs under a Pod spec',
    file: 'laughs-pod.yaml',
    text: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: lol\n${laughs('x-', '')}spec:\n  containers: *l9\n  volumes: *l9\n  securityContext: {runAsUser: *l9}\n`,
  });
  add({ name: 'billion laughs in Compose', file: 'compose.yaml', text: `${laughs('x-', '')}services:\n  web:\n    image: nginx\n    environment: *l9\n    ports: *l9\n    volumes: *l9\n` });
  add({
    name: 'merge-key bomb',
    file: 'merge-bomb.yaml',
    text: (() => {
      const lines = ['m0: &m0 {a: 1, b: 2, c: 3}'];
      for (let i = 1; i <= 20; i++) lines.push(`m${i}: &m${i} {<<: [${Array(5).fill(`*m${i - 1}`).join(', ')}], k${i}: ${i}}`);
      return `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: merge}\n${lines.join('\n')}\nspec:\n  template:\n    spec:\n      securityContext: {<<: *m20}\n      containers:\n        - <<: *m20\n          name: c\n`;
    })(),
  });
  add({
    name: 'alias to its own ancestor (cycle)',
    file: 'cycle.yaml',
    text: `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: cycle}\nspec: &spec\n  template:\n    spec: *spec\n    metadata: &meta\n      labels: *meta\n  selector: *spec\nself: &self [*self]\nundefined: *nowhere\n`,
  });
  add({ name: 'anchor redefined 20,000 times', file: 'anchors.yaml', text: `items:\n${Array.from({ length: k(20_000) }, (_, i) => `  - &a {n: ${i}}\n  - *a`).join('\n')}\n` });

  // Deep nesting, block and flow.
  add({ name: '10,000-deep block sequences', file: 'deep-block.yaml', text: `${'- '.repeat(10_000)}x\n` });
  add({ name: '10,000-deep block sequences under containers', file: 'deep-block-pod.yaml', text: pod(`  containers:\n  ${'- '.repeat(10_000)}name: x\n    image: y\n`) });
  add({ name: '2,000-deep block mappings', file: 'deep-map.yaml', text: Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' leaf\n' });
  add({ name: '10,000-deep flow sequences', file: 'deep-flow-seq.yaml', text: `a: ${'['.repeat(10_000)}1${']'.repeat(10_000)}\n` });
  add({ name: '10,000-deep flow mappings under spec', file: 'deep-flow-map.yaml', text: pod(`  securityContext: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`) });
  add({ name: '10,000 unclosed flow brackets', file: 'unclosed.yaml', text: pod(`  containers: ${'[{'.repeat(5000)}\n`) });

  // Size.
  add({ name: '100,000-line flow sequence', file: 'flow-100k.yaml', text: `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  list: [\n${Array.from({ length: k(100_000) }, (_, i) => `    "item-${i}",`).join('\n')}\n  ]\n` });
  known(() => add({
    name: '100,000-line flow sequence of containers',
    file: 'flow-containers.yaml',
    text: pod(`  containers: [\n${Array.from({ length: k(100_000) }, (_, i) => `    {name: c${i}, image: "nginx:latest", securityContext: {privileged: ${i % 2 === 0}}},`).join('\n')}\n  ]\n`),
  }));
  add({ name: '10 MB multi-document manifest', file: 'ten-mb.yaml', big: true, text: tenMegabytes(corpus) });
  add({ name: '20,000 empty documents', file: 'many-docs.yaml', text: '---\n'.repeat(k(20_000)) });
  known(() => add({ name: '5,000 documents', file: 'five-thousand.yaml', text: Array.from({ length: k(5000) }, (_, i) => pod(`  hostPID: ${i % 2 === 0}\n  containers: [{name: c, image: x}]\n`)).join('---\n') }));

  // Huge scalars.
  add({ name: '2 MB plain scalar', file: 'huge-plain.yaml', text: pod(`  containers:\n    - name: x\n      image: ${'a'.repeat(k(2_000_000))}\n`) });
  add({ name: '1 MB double-quoted scalar with escapes', file: 'huge-quoted.yaml', text: `key: "${'\\u00e9\\n\\t\\x41'.repeat(k(100_000))}"\n` });
  add({ name: '1 MB block scalar', file: 'huge-block.yaml', text: `script: |\n${Array.from({ length: k(20_000) }, () => `  ${'echo hi; '.repeat(5)}`).join('\n')}\n` });
  add({ name: '100 KB key', file: 'huge-key.yaml', text: `${'k'.repeat(k(100_000))}: v\nspec:\n  ${'x'.repeat(k(100_000))}: 1\n` });
  add({ name: '1 MB single line flow map', file: 'long-line.yaml', text: `m: {${Array.from({ length: k(60_000) }, (_, i) => `k${i}: ${i}`).join(', ')}}\n` });
  add({ name: '1 MB comment', file: 'huge-comment.yaml', text: `# ${'c'.repeat(k(1_000_000))}\napiVersion: v1\nkind: Pod\n` });

  // Bytes and characters.
  add({ name: 'tab indentation', file: 'tabs.yaml', text: pod('\tcontainers:\n\t- name: x\n\t\timage:\tnginx\n  hostPID:\ttrue\n').replace(/  name:/, '\tname:') });
  add({ name: 'BOM at the start and after ---', file: 'bom.yaml', text: `\uFEFF${deployment}---\n\uFEFF${deployment}` });
  add({ name: 'NUL and control characters', file: 'nul.yaml', text: deployment.replace(/e/g, 'e\u0000').replace(/: /g, ':\u0007 ') });
  add({ name: 'invalid UTF-8 bytes', file: 'invalid-utf8.yaml', bytes: invalidUtf8(deployment) });
  add({ name: 'lone surrogates', file: 'surrogates.yaml', text: pod(`  containers:\n    - name: "\ud800"\n      image: \udfff\udfff\n  \ud83d: x\n`) });
  add({ name: 'astral, combining, RTL and zero-width characters', file: 'unicode.yaml', text: `😀😀: 😀\n${pod(`  containers:\n    - name: "a\u0301\u0301\u0301"\n      image: \u202enginx\u202c\n  \u200bhostPID: true\n  hostNetwork: true # 🚀🚀\n`)}`.replace('spec:', '스펙: 값\nspec:') });
  add({ name: 'CR-only line endings', file: 'cr.yaml', text: deployment.replace(/\n/g, '\r') });
  add({ name: 'mixed CRLF, LF and CR', file: 'mixed-eol.yaml', text: deployment.split('\n').map((l, i) => l + ['\r\n', '\n', '\r'][i % 3]).join('') });

  // Keys and tags.
  add({ name: 'duplicate keys', file: 'dupes.yaml', text: pod(`  hostPID: true\n  hostPID: false\n  containers: []\n  containers:\n    - name: a\n      securityContext: {privileged: true}\n      securityContext: {privileged: false}\nspec: again\nkind: Service\n`) + Array.from({ length: k(5000) }, () => 'dup: 1').join('\n') + '\n' });
  add({ name: 'every YAML tag', file: 'tags.yaml', text: everyTag() });
  add({ name: 'tags on Kubernetes fields', file: 'tags-pod.yaml', text: `apiVersion: !!str v1\nkind: !foo Pod\nmetadata: !!map {name: !!binary aGVsbG8=}\nspec: !!omap\n  - hostPID: !!bool true\n  - containers: !!set {? a, ? b}\n---\napiVersion: v1\nkind: Pod\nspec:\n  containers: !!seq\n    - !!map\n      name: !<tag:yaml.org,2002:str> x\n      securityContext: !custom {privileged: !!bool "true"}\n` });
  add({ name: 'Compose !reset and !override', file: 'compose.yaml', text: `${compose}\nx-base: &base\n  image: busybox\nservices:\n  reset:\n    <<: *base\n    ports: !reset []\n    environment: !reset null\n    command: !reset\n    volumes: !override\n      - ./a:/a\n    healthcheck: !reset {}\n  override: !override\n    image: !reset nginx\n    privileged: !override true\n` });
  add({ name: 'directives and document markers', file: 'directives.yaml', text: `%YAML 1.1\n%TAG ! tag:example.com,2000:\n%TAG !e! tag:e.com:\n%FOO bar baz\n--- !e!root\napiVersion: v1\nkind: Pod\n...\n%YAML 9.9\n---\nkey: yes\n...\n...\n--- |\n  literal doc\n--- >\n  folded\n` });
  add({ name: 'complex keys', file: 'complex-keys.yaml', text: pod(`  ? [a, b]\n  : c\n  ? {containers: x}\n  : y\n  ? |\n    block key\n  : z\n  containers:\n    - ? name\n      : x\n`) });
  add({ name: 'Kubernetes manifest as JSON', file: 'json.yaml', text: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'j' }, spec: { hostPID: true, containers: [{ name: 'a', image: 'x', securityContext: { privileged: true } }] } }, null, 2) });
  known(() => add({ name: '5,000 privileged containers (many diagnostics)', file: 'many-findings.yaml', text: pod(`  hostPID: true\n  containers:\n${Array.from({ length: k(5000) }, (_, i) => `    - name: c${i}\n      image: nginx:latest\n      securityContext:\n        privileged: true\n        runAsUser: 0\n`).join('')}`) }));
  add({ name: 'suppression comments everywhere', file: 'suppress.yaml', text: deployment.replace(/\n/g, '\n# lesson-aware-disable-next-line k8s-run-as-non-root, ,,, x\n').replace(/^/, '# lesson-aware-disable\n# lesson-aware-disable-next-line\n') });
  add({ name: 'empty and comment-only documents', file: 'empty.yaml', text: '# only a comment\n---\n...\n---\n#\n---\n' });

  // Mutated realistic files: random byte-level damage, seeded.
  const rng = new Rng(4242);
  for (const doc of corpus.slice(0, 6)) {
    let text = doc.text;
    for (let m = 0; m < 200; m++) {
      const at = rng.int(0, text.length);
      const op = rng.int(0, 3);
      const ch = ' \t\n:-[]{}#&*!|>\'"%@,?'[rng.int(0, 21)];
      if (op === 0) text = text.slice(0, at) + ch + text.slice(at);
      else if (op === 1) text = text.slice(0, at) + text.slice(at + 1);
      else if (op === 2) text = text.slice(0, at) + ch + text.slice(at + 1);
      else text = text.slice(0, at) + text.slice(at, at + rng.int(1, 30)) + text.slice(at);
    }
    add({ name: `mutated ${doc.name}`, file: doc.compose ? 'compose.yaml' : `mutated-${doc.name}`, text });
  }
  return inputs;
}

/** @param {{ text: string }[]} corpus */
function tenMegabytes(corpus) {
  const parts = [];
  let size = 0;
  for (let i = 0; size < 10 * 1024 * 1024; i++) {
    const doc = corpus[i % corpus.length].text.replace(/name: (\S+)/g, `name: $1-${i}`);
    parts.push(doc);
    size += doc.length + 4;
  }
  return parts.join('\n---\n');
}

function everyTag() {
  return [
    'binary: !!binary |', '  R0lGODlhDAAMAIQAAP//9/X17unp5WZmZgAAAOfn515eXvPz7Y6OjuDg4J+fn5', 'bad_binary: !!binary "not base64 ***"',
    'set: !!set {? a, ? b, ? c}', 'omap: !!omap [a: 1, b: 2]', 'bad_omap: !!omap {a: 1}', 'pairs: !!pairs [a: 1, a: 2]',
    'timestamp: !!timestamp 2001-12-14t21:59:43.10-05:00', 'bad_timestamp: !!timestamp yesterday', 'date: !!timestamp 2002-12-14',
    'str: !!str 123', 'int: !!int "42"', 'bad_int: !!int forty-two', 'float: !!float 1e400', 'bool: !!bool yes', 'null: !!null ""',
    'map: !!map {a: 1}', 'seq: !!seq [1, 2]', 'bad_seq: !!seq {a: 1}', 'merge: {<<: !!merge {a: 1}}', 'value: !!value =',
    'custom: !foo bar', 'custom_map: !foo {a: 1}', 'custom_seq: !foo [1]', 'verbatim: !<tag:yaml.org,2002:str> v', 'local: !<!bar> x',
    'unknown_handle: !x!y z', 'empty_tag: ! plain', 'reset: !reset x', 'override: !override {a: 1}',
  ].join('\n') + '\n';
}

/** The deployment with invalid UTF-8 sequences (lone continuation, overlong, truncated, encoded surrogate, 0xFF). @param {string} text */
function invalidUtf8(text) {
  const bad = [Buffer.from([0x80]), Buffer.from([0xc0, 0xaf]), Buffer.from([0xe2, 0x82]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xff, 0xfe]), Buffer.from([0xf4, 0x90, 0x80, 0x80])];
  const lines = text.split('\n');
  const out = [];
  lines.forEach((line, i) => {
    const cut = Math.min(line.length, 8);
    // JSON-escape the line so it can sit inside the message body as is.
    const esc = (/** @type {string} */ s) => Buffer.from(JSON.stringify(s).slice(1, -1), 'utf8');
    out.push(esc(line.slice(0, cut)), bad[i % bad.length], esc(line.slice(cut)), Buffer.from('\\n', 'ascii'));
  });
  return Buffer.concat(out);
}
