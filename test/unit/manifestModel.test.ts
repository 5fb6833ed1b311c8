import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isComposeFileName, parseManifest } from '../../server/src/model/manifestModel';
import { pathAt } from '../../server/src/model/pathAt';

/** Parses `text` with a `|` cursor marker and returns the model and the cursor offset. */
function at(text: string, uri = 'file:///m.yaml') {
  const offset = text.indexOf('|');
  assert.ok(offset >= 0, 'cursor marker missing');
  const model = parseManifest(uri, 1, text.slice(0, offset) + text.slice(offset + 1));
  return { model, offset, result: pathAt(model, offset) };
}

test('pathAt on a key in a Deployment pod template', () => {
  const { result } = at('apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      securityContext:\n        runAs|NonRoot: true\n');
  assert.deepEqual(result?.path, ['spec', 'template', 'spec', 'securityContext', 'runAsNonRoot']);
  assert.equal(result?.onKey, true);
  assert.equal(result?.doc.kind, 'Deployment');
});

test('pathAt on a value returns the owning key', () => {
  const { result } = at('spec:\n  replicas: 3|\n');
  assert.deepEqual(result?.path, ['spec', 'replicas']);
  assert.equal(result?.onKey, false);
});

test('pathAt through sequences of maps', () => {
  const { result } = at('spec:\n  containers:\n    - name: a\n      im|age: x:1\n');
  assert.deepEqual(result?.path, ['spec', 'containers', 0, 'image']);
});

test('pathAt on a scalar sequence item keeps the index', () => {
  const { result } = at('capabilities:\n  drop:\n    - AL|L\n');
  assert.deepEqual(result?.path, ['capabilities', 'drop', 0]);
});

test('multi-document files: the document under the cursor', () => {
  const { model, result } = at('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\napiVersion: apps/v1\nkind: StatefulSet\nspec:\n  service|Name: x\n');
  assert.equal(model.docs.length, 2);
  assert.equal(result?.doc.index, 1);
  assert.equal(result?.doc.kind, 'StatefulSet');
  assert.deepEqual(result?.path, ['spec', 'serviceName']);
});

test('flow mappings and sequences', () => {
  const { result } = at('spec:\n  policyTypes: [Ingress, Eg|ress]\n  selector: {matchLabels: {app: w|eb}}\n'.replace('Eg|ress', 'Egress'));
  assert.deepEqual(result?.path, ['spec', 'selector', 'matchLabels', 'app']);
});

test('Compose by file name and by content; !reset and !override accepted', () => {
  assert.equal(isComposeFileName('file:///x/docker-compose.prod.yml'), true);
  assert.equal(isComposeFileName('file:///x/compose.yaml'), true);
  assert.equal(isComposeFileName('file:///x/deploy.yaml'), false);
  const byContent = parseManifest('file:///x/stack.yaml', 1, 'services:\n  web:\n    image: nginx:1\n');
  assert.equal(byContent.flavor, 'compose');
  const tagged = parseManifest('file:///x/compose.yaml', 1, 'services:\n  web:\n    ports: !reset []\n    environment: !override\n      A: b\n');
  assert.equal(tagged.flavor, 'compose');
  assert.deepEqual(tagged.docs[0].doc.errors, []);
});

test('malformed YAML, empty text and comments never throw', () => {
  for (const text of ['', '# only a comment\n', 'a: [1, 2\nb: {', '\t- x: : :', ':\n  - - -', '\uFEFFkey: value']) {
    const model = parseManifest('file:///bad.yaml', 1, text);
    for (let o = 0; o <= text.length; o++) pathAt(model, o);
  }
});

test('unknown kinds are still Kubernetes documents (for CRDs)', () => {
  const m = parseManifest('file:///crd.yaml', 1, 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n');
  assert.equal(m.docs[0].flavor, 'kubernetes');
  assert.equal(m.docs[0].name, 'w');
});
