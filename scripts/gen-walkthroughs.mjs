// Generates package.json `contributes.walkthroughs` from the bundled labs (lessons/labs/<id>/lab.md):
// one walkthrough per lab (id `lessonAware.lab.<id>`), a first step that starts the lab, then one step per lab
// step completed through `onContext:` keys the labs client sets (labContextKey in the shared protocol module).
// Each step shows its instructions from dist/walkthroughs/<id>/<step>.md, which `npm run build` writes.
// Only `contributes.walkthroughs` is written; everything else in package.json stays as it is.
//
// Usage: node scripts/gen-walkthroughs.mjs [--check]
//   --check  exit 1 (and say which labs differ) when package.json is out of date; write nothing.
// Reads lab.md with the server's own parser from out/ (run `npx tsc -b` or `npm run build` first).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledLabs, walkthroughOf } from './lib/labWalkthroughs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let found;
try {
  found = bundledLabs(root);
} catch (error) {
  console.error(`gen-walkthroughs: ${error.message}`);
  process.exit(2);
}
if (found.problems.length) {
  console.error(`gen-walkthroughs: labs with problems (run node --test out/test/unit/labsBundled.test.js):\n  ${found.problems.join('\n  ')}`);
  process.exit(2);
}

const packageFile = join(root, 'package.json');
const before = readFileSync(packageFile, 'utf8');
const pkg = JSON.parse(before);
const walkthroughs = found.labs.map((lab) => walkthroughOf(root, lab));
pkg.contributes ??= {};
const previous = pkg.contributes.walkthroughs ?? [];
if (walkthroughs.length) pkg.contributes.walkthroughs = walkthroughs;
else delete pkg.contributes.walkthroughs;
const after = `${JSON.stringify(pkg, null, 2)}\n`;

if (process.argv.includes('--check')) {
  if (JSON.stringify(previous) === JSON.stringify(walkthroughs)) {
    console.log(`gen-walkthroughs: package.json is up to date (${walkthroughs.length} walkthroughs)`);
    process.exit(0);
  }
  const ids = new Set([...previous.map((w) => w.id), ...walkthroughs.map((w) => w.id)]);
  const differing = [...ids].filter((id) => JSON.stringify(previous.find((w) => w.id === id)) !== JSON.stringify(walkthroughs.find((w) => w.id === id)));
  console.error(`gen-walkthroughs: package.json contributes.walkthroughs is out of date (${differing.join(', ') || 'order'}); run node scripts/gen-walkthroughs.mjs`);
  process.exit(1);
}
if (after !== before) {
  writeFileSync(packageFile, after);
  console.log(`gen-walkthroughs: wrote ${walkthroughs.length} walkthroughs to package.json`);
} else console.log(`gen-walkthroughs: package.json already up to date (${walkthroughs.length} walkthroughs)`);
