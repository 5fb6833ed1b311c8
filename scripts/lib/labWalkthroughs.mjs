// The bundled labs as VS Code walkthroughs: package.json `contributes.walkthroughs` entries
// (scripts/gen-walkthroughs.mjs) and the Markdown each walkthrough step shows beside its text
// (written to dist/walkthroughs/ by scripts/build.mjs). Reads lab.md with the server's own parser from out/.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import MarkdownIt from 'markdown-it';

const require = createRequire(import.meta.url);
const md = new MarkdownIt({ html: true });

/** Where the step Markdown goes, relative to the extension root (packaged through .vscodeignore). */
export const mediaDir = 'dist/walkthroughs';

function serverModule(root, ...parts) {
  const file = join(root, 'out', 'server', 'src', ...parts);
  if (!existsSync(file)) throw new Error(`${file} not found; run \`npx tsc -b\` (or \`npm run build\`) first`);
  return require(file);
}

/** The first paragraph of some Markdown as plain text (code marks, emphasis and links reduced to their text). */
export function firstParagraph(markdown) {
  const tokens = md.parse(markdown ?? '', {});
  const at = tokens.findIndex((t) => t.type === 'paragraph_open');
  const inline = at >= 0 ? tokens[at + 1] : undefined;
  if (!inline?.children) return '';
  let text = '';
  for (const c of inline.children) {
    if (c.type === 'text' || c.type === 'code_inline') text += c.content;
    else if (c.type === 'softbreak' || c.type === 'hardbreak') text += ' ';
    else if (c.type === 'image') text += c.content;
  }
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Lab Markdown made to stand alone in the walkthrough page: links to lesson files (relative `.md` paths,
 * which only resolve next to lab.md) keep their text in bold; the lab's hint command is offered instead.
 */
export function standaloneMarkdown(markdown) {
  return markdown.replace(/(!?)\[([^\]\n]*)\]\(([^)\s]+)\)/g, (all, bang, text, target) =>
    !bang && /^(?![a-z][a-z0-9+.-]*:)[^#]*\.md(#|$)/i.test(target) ? `**${text}**` : all,
  );
}

function commandLink(command, args) {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

/** Bundled labs without fatal problems, by order then id; `problems` lists `file:line: message` of the others. */
export function bundledLabs(root) {
  const { parseLab } = serverModule(root, 'labs', 'parseLab.js');
  const { listLabFiles } = serverModule(root, 'labs', 'labCatalog.js');
  const labs = [];
  const problems = [];
  for (const file of listLabFiles(join(root, 'lessons'))) {
    const id = file.split(/[\\/]/).at(-2);
    const parsed = parseLab(readFileSync(file, 'utf8'), id);
    for (const p of parsed.problems.filter((x) => x.fatal)) problems.push(`${file}:${p.line}: ${p.message}`);
    if (parsed.lab) labs.push(parsed.lab);
  }
  return { labs: labs.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id)), problems };
}

function mediaPath(labId, name) {
  return `${mediaDir}/${labId}/${name}.md`;
}

/** The package.json walkthrough of one lab: a start step, then one step per lab step ticked by its context key. */
export function walkthroughOf(root, lab) {
  const { labContextKey, Commands } = serverModule(root, 'protocol', 'index.js');
  return {
    id: `lessonAware.lab.${lab.id}`,
    title: lab.title,
    description: firstParagraph(lab.introduction) || lab.title,
    steps: [
      {
        id: `lessonAware.lab.${lab.id}.start`,
        title: '실습 시작하기',
        description: `시작 파일을 작업 폴더의 labs/${lab.id}/ 에 복사하고 엽니다.\n[실습 시작](${commandLink(Commands.startLab, [lab.id])})`,
        media: { markdown: mediaPath(lab.id, 'start') },
        completionEvents: [`onCommand:${Commands.startLab}`],
      },
      ...lab.steps.map((step) => ({
        id: `lessonAware.lab.${lab.id}.step.${step.id}`,
        title: step.title,
        description: `${firstParagraph(step.instructions) || step.title}\n[힌트: 강의 열기](${commandLink('lessonAware.labHint', [{ labId: lab.id, stepId: step.id }])})`,
        media: { markdown: mediaPath(lab.id, step.id) },
        completionEvents: [`onContext:${labContextKey(lab.id, step.id)}`],
      })),
    ],
  };
}

/** The Markdown files the walkthroughs show: the introduction for the start step, each step's instructions. */
export function walkthroughMedia(lab) {
  const files = [{ path: mediaPath(lab.id, 'start'), text: `# ${lab.title}\n\n${standaloneMarkdown(lab.introduction.replace(/^\s*#\s+[^\n]*\n/, ''))}\n` }];
  lab.steps.forEach((step, i) => {
    files.push({ path: mediaPath(lab.id, step.id), text: `# ${i + 1}. ${step.title}\n\n${standaloneMarkdown(step.instructions)}\n` });
  });
  return files;
}

/** Writes every walkthrough's Markdown under dist/walkthroughs/ (replacing what was there); returns the count. */
export function writeWalkthroughMedia(root) {
  const { labs, problems } = bundledLabs(root);
  if (problems.length) throw new Error(`labs with problems:\n  ${problems.join('\n  ')}`);
  rmSync(join(root, mediaDir), { recursive: true, force: true });
  let count = 0;
  for (const lab of labs) {
    for (const file of walkthroughMedia(lab)) {
      mkdirSync(dirname(join(root, file.path)), { recursive: true });
      writeFileSync(join(root, file.path), file.text);
      count++;
    }
  }
  return count;
}
