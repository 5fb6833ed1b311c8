// Generates package.json `contributes.walkthroughs` from the bundled labs (lessons/labs/<id>/lab.md):
// one walkthrough per lab (id `lessonAware.lab.<id>`), a first step that starts the lab, then one step per lab
// step completed through `onContext:` keys the labs client sets (labContextKey in the shared protocol module).
// Only `contributes.walkthroughs` is written; everything else in package.json stays as it is.
//
// Usage: node scripts/gen-walkthroughs.mjs [--check]
//   --check  exit 1 (and say which labs differ) when package.json is out of date; write nothing.
// Reads lab.md with the server's own parser from out/ (run `npx tsc -b` or `npm run build` first).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import MarkdownIt from 'markdown-it';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const out = join(root, 'out', 'server', 'src');
if (!existsSync(join(out, 'labs', 'parseLab.js'))) {
  console.error('gen-walkthroughs: out/server/src/labs/parseLab.js not found; run `npx tsc -b` (or `npm run build`) first');
  process.exit(2);
}
const { parseLab } = require(join(out, 'labs', 'parseLab.js'));
const { listLabFiles } = require(join(out, 'labs', 'labCatalog.js'));
const { labContextKey, Commands } = require(join(out, 'protocol', 'index.js'));

const md = new MarkdownIt({ html: true });

/** The first paragraph of some Markdown as plain text (code marks, emphasis and links reduced to their text). */
function firstParagraph(markdown) {
  const tokens = md.parse(markdown ?? '', {});
  const at = tokens.findIndex((t) => t.type === 'paragraph_open');
  const inline = at >= 0 ? tokens[at + 1] : undefined;
  if (!inline?.children) return '';
  let text = '';
  for (const c of inline.children) {
    if (c.type === 'text' || c.type === 'code_inline' || c.type === 'html_inline') text += c.type === 'html_inline' ? '' : c.content;
    else if (c.type === 'softbreak' || c.type === 'hardbreak') text += ' ';
    else if (c.type === 'image') text += c.content;
  }
  return text.replace(/\s+/g, ' ').trim();
}

/** The bundled labs with problems-free definitions, by order then id; problems make the script fail. */
function bundledLabs() {
  const labs = [];
  const problems = [];
  for (const file of listLabFiles(join(root, 'lessons'))) {
    const id = file.split(/[\\/]/).at(-2);
    const parsed = parseLab(readFileSync(file, 'utf8'), id);
    for (const p of parsed.problems.filter((x) => x.fatal)) problems.push(`${file}:${p.line}: ${p.message}`);
    if (parsed.lab) labs.push(parsed.lab);
  }
  if (problems.length) {
    console.error(`gen-walkthroughs: labs with problems (run node --test out/test/unit/labsBundled.test.js):\n  ${problems.join('\n  ')}`);
    process.exit(2);
  }
  return labs.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

function walkthroughOf(lab) {
  const media = { markdown: `lessons/labs/${lab.id}/lab.md` };
  const startArgs = encodeURIComponent(JSON.stringify([lab.id]));
  return {
    id: `lessonAware.lab.${lab.id}`,
    title: lab.title,
    description: firstParagraph(lab.introduction) || lab.title,
    steps: [
      {
        id: `lessonAware.lab.${lab.id}.start`,
        title: '실습 시작하기',
        description: `시작 파일을 작업 폴더의 labs/${lab.id}/ 에 복사하고 엽니다.\n[실습 시작](command:${Commands.startLab}?${startArgs})`,
        media,
        completionEvents: [`onCommand:${Commands.startLab}`],
      },
      ...lab.steps.map((step) => ({
        id: `lessonAware.lab.${lab.id}.step.${step.id}`,
        title: step.title,
        description: firstParagraph(step.instructions) || step.title,
        media,
        completionEvents: [`onContext:${labContextKey(lab.id, step.id)}`],
      })),
    ],
  };
}

const packageFile = join(root, 'package.json');
const before = readFileSync(packageFile, 'utf8');
const pkg = JSON.parse(before);
const walkthroughs = bundledLabs().map(walkthroughOf);
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
