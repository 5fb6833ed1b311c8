/** Defects the fuzz tier (test/fuzz/) found in the server's own model code, each pinned by a test. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex } from '../../server/src/model/positions';

/** Deterministic text made of short words, spaces and every kind of line break. */
function mixedText(seed: number, length: number): string {
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) >>> 0) >>> 16) / 65536;
  const pieces = ['a', 'key: v', ' ', '\n', '\r\n', '\r', '\r\r', '\n\r', '- ', '한', '😀'];
  let text = '';
  while (text.length < length) text += pieces[Math.floor(next() * pieces.length)];
  return text;
}

test('seed 101/202: a lone \\r ends a line in diagnostics and code action ranges, as it does for the editor', () => {
  // Fuzz seed 202 (seq 0, edit 14) left one CR-only line break in a CRLF Compose file: every diagnostic below it
  // was published one line too high, and some ranges fell outside the document.
  const text = 'services:\r\n  web:\r  image: nginx\r\n  oops: 1\n';
  const doc = TextDocument.create('file:///c.yaml', 'yaml', 1, text);
  const lines = new LineIndex(text);
  const at = text.indexOf('oops');
  assert.deepEqual(lines.positionAt(at), doc.positionAt(at));
  assert.deepEqual(lines.positionAt(at), { line: 3, character: 2 });
});

test('LineIndex agrees with the LSP text document on every offset and position of mixed-EOL texts', () => {
  for (let seed = 1; seed <= 40; seed++) {
    const text = mixedText(seed, 300);
    const doc = TextDocument.create('file:///m.yaml', 'yaml', 1, text);
    const lines = new LineIndex(text);
    for (let offset = -1; offset <= text.length + 1; offset++) {
      assert.deepEqual(lines.positionAt(offset), doc.positionAt(offset), `seed ${seed} offset ${offset}`);
    }
    for (let line = -1; line <= doc.lineCount + 1; line++) {
      for (let character = 0; character < 12; character++) {
        assert.equal(lines.offsetAt({ line, character }), doc.offsetAt({ line, character }), `seed ${seed} ${line}:${character}`);
      }
    }
  }
});
