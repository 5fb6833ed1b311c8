import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocument, Node } from 'yaml';
import { applyEdits, ensureEntries, indentStep } from '../../server/src/rules/edits';
import { getIn } from '../../server/src/rules/yamlNodes';

function ensure(text: string, at: (string | number)[], path: string[], entries: Record<string, unknown>): string {
  const doc = parseDocument(text);
  const node = getIn(doc.contents as Node, at) as Node;
  const edit = ensureEntries(text, node, path, entries);
  assert.ok(edit, 'no edit');
  return applyEdits(text, [edit]);
}

test('insert into an existing block map at its key column, comments kept', () => {
  const text = 'spec:\n  securityContext:   # pod level\n    runAsUser: 1000 # uid\n  containers: []\n';
  assert.equal(
    ensure(text, ['spec'], ['securityContext'], { runAsNonRoot: true }),
    'spec:\n  securityContext:   # pod level\n    runAsUser: 1000 # uid\n    runAsNonRoot: true\n  containers: []\n',
  );
});

test('create missing parents with the document indentation step', () => {
  const text = 'spec:\n    containers:\n        - name: a\n          image: a:1\n';
  assert.equal(indentStep(text), 4);
  assert.equal(
    ensure(text, ['spec', 'containers', 0], ['securityContext'], { runAsNonRoot: true }),
    'spec:\n    containers:\n        - name: a\n          image: a:1\n          securityContext:\n            runAsNonRoot: true\n',
  );
});

test('flow maps stay flow maps', () => {
  assert.equal(ensure('sc: {runAsUser: 1}\n', ['sc'], [], { runAsNonRoot: true }), 'sc: {runAsUser: 1, runAsNonRoot: true}\n');
  assert.equal(ensure('c:\n  securityContext: {}\n', ['c'], ['securityContext'], { runAsNonRoot: true }), 'c:\n  securityContext: {runAsNonRoot: true}\n');
});

test('a null value gets a nested block', () => {
  assert.equal(ensure('c:\n  securityContext:\n  image: x\n', ['c'], ['securityContext'], { runAsNonRoot: true }), 'c:\n  securityContext:\n    runAsNonRoot: true\n  image: x\n');
});

test('CRLF files get CRLF lines', () => {
  assert.equal(ensure('a:\r\n  b: 1\r\n', ['a'], [], { c: 2 }), 'a:\r\n  b: 1\r\n  c: 2\r\n');
});

test('no trailing newline at end of file', () => {
  assert.equal(ensure('a:\n  b: 1', ['a'], [], { c: 2 }), 'a:\n  b: 1\n  c: 2');
});

test('nested entries and lists in block style', () => {
  assert.equal(
    ensure('c:\n  name: a\n', ['c'], ['securityContext'], { capabilities: { drop: ['ALL'] } }),
    'c:\n  name: a\n  securityContext:\n    capabilities:\n      drop:\n        - ALL\n',
  );
});

test('a scalar where a map is needed: no edit (a human decides)', () => {
  const doc = parseDocument('c:\n  securityContext: oops\n');
  assert.equal(ensureEntries('c:\n  securityContext: oops\n', getIn(doc.contents as Node, ['c']) as Node, ['securityContext'], { a: 1 }), undefined);
});

test('flow map whose last entry is a nested flow map: insert into the outer map', () => {
  assert.equal(ensure('sc: {a: {b: 1}}\n', ['sc'], [], { c: 2 }), 'sc: {a: {b: 1}, c: 2}\n');
});
