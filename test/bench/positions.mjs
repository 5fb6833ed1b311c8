// Where the benchmark hovers and edits: mapping keys spread over the file, and plain string values it can
// change one character at a time without changing the document's shape. Offsets come from the `yaml` CST.
import { isMap, isPair, isScalar, parseAllDocuments, visit } from 'yaml';

/** Offset → LSP position (UTF-16 columns, like the servers). */
export function lineIndex(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo] };
  };
}

/** Picks `count` items spread evenly over `list` (cycling when the list is shorter). */
export function spread(list, count) {
  if (list.length === 0) return [];
  return Array.from({ length: count }, (_, i) => list[Math.floor((i * list.length) / count) % list.length]);
}

const structuralKeys = new Set(['apiVersion', 'kind', 'type', 'protocol', 'imagePullPolicy', 'restart', 'condition', 'driver', 'image']);

/** Offsets of the middle of every block mapping key, and of plain string values safe to edit. */
export function targets(text) {
  const keys = [];
  const values = [];
  for (const doc of parseAllDocuments(text, { uniqueKeys: false })) {
    visit(doc, {
      Pair(_, pair) {
        if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) return;
        const [ks, ke] = pair.key.range;
        if (ke > ks && typeof pair.key.value === 'string' && pair.key.value !== '<<') keys.push(ks + Math.floor((ke - ks) / 2));
        const v = pair.value;
        if (isScalar(v) && v.range && v.type === 'PLAIN' && typeof v.value === 'string' && !structuralKeys.has(String(pair.key.value))) {
          const s = String(v.value);
          if (/^[a-z][a-z0-9-]{3,}$/.test(s) && !/^(true|false|null|yes|no|on|off)$/.test(s)) values.push({ offset: v.range[0] + Math.floor(s.length / 2), char: s[Math.floor(s.length / 2)] });
        }
      },
    });
  }
  void isMap;
  return { keys, values };
}
