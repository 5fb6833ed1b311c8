/**
 * The lesson check, part 1: structure of the bundled lessons (`lessons/*.md`).
 * Every lesson parses without problems and sits at a course position in Korean; the five course sessions
 * are there; heading slugs are unique per lesson; every link, anchor and image resolves; every Mermaid
 * block is valid Mermaid (mermaid's own parser, offline, with a jsdom window).
 *
 * Point LESSON_AWARE_LESSONS_DIR at a copy of the lessons folder to run the check on other lessons.
 * Failures name `file:line` and what is wrong.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { JSDOM } from 'jsdom';
import { splitFrontMatter } from '../../server/src/lessons/frontMatter';
import type { Lesson } from '../../server/src/lessons/lessonModel';
import { parseLesson } from '../../server/src/lessons/parseLesson';
import { githubSlug } from '../../server/src/lessons/slug';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const lessonsDir = path.resolve(process.env.LESSON_AWARE_LESSONS_DIR ?? path.join(repoRoot, 'lessons'));
const lessonFileRe = /^w\d+-d\d+-s\d+-[a-z0-9-]+\.md$/;

interface LessonFile {
  file: string;
  /** Path shown in messages: relative to the repository when inside it. */
  shown: string;
  text: string;
  lesson: Lesson;
}

function shownPath(file: string): string {
  const rel = path.relative(repoRoot, file);
  return rel.startsWith('..') ? file : rel;
}

function loadLessons(): LessonFile[] {
  return fs
    .readdirSync(lessonsDir)
    .filter((f) => /\.(md|markdown)$/i.test(f))
    .sort()
    .map((name) => {
      const file = path.join(lessonsDir, name);
      const text = fs.readFileSync(file, 'utf8');
      return { file, shown: shownPath(file), text, lesson: parseLesson(text, { uri: `file://${file}`, fsPath: file, bundled: true }) };
    });
}

/** Fails with one line per problem (so every problem is seen at once, not only the first). */
function report(what: string, problems: string[]): void {
  if (problems.length) assert.fail(`${problems.length} ${what}:\n  ${problems.join('\n  ')}`);
}

const lessons = loadLessons();

test('the lessons folder holds course lessons named w<week>-d<day>-s<session>-<topic>.md', () => {
  assert.ok(lessons.length > 0, `no lessons in ${lessonsDir}`);
  report(
    'badly named lesson files',
    lessons.filter((l) => !lessonFileRe.test(path.basename(l.file))).map((l) => `${l.shown}: expected w<week>-d<day>-s<session>-<topic>.md`),
  );
});

test('every lesson parses without problems, has a full course position, lang ko, title and tags', () => {
  const problems: string[] = [];
  for (const { shown, text, lesson } of lessons) {
    for (const p of lesson.problems) problems.push(`${shown}:1: ${p}`);
    const fm = splitFrontMatter(text);
    if (!/^---\r?\n/.test(text)) problems.push(`${shown}:1: no front matter (title, week, day, session, lang, tags)`);
    const c = lesson.course;
    if (c?.week === undefined || c.day === undefined || c.session === undefined) {
      problems.push(`${shown}:1: incomplete course position ${JSON.stringify(c ?? null)} (front matter needs week, day and session)`);
    }
    if (lesson.lang !== 'ko') problems.push(`${shown}:1: lang is ${JSON.stringify(lesson.lang)}, expected "ko"`);
    if (!fm.frontMatter.title) problems.push(`${shown}:1: front matter has no title`);
    if (!fm.frontMatter.tags?.length) problems.push(`${shown}:1: front matter has no tags`);
    const m = /^w(\d+)-d(\d+)-s(\d+)-/.exec(path.basename(shown));
    if (m && c && (Number(m[1]) !== c.week || Number(m[2]) !== c.day || Number(m[3]) !== c.session)) {
      problems.push(`${shown}:1: file name says W${m[1]}D${m[2]}S${m[3]} but front matter says W${c.week ?? '?'}D${c.day ?? '?'}S${c.session ?? '?'}`);
    }
    if (!lesson.sections.some((s) => s.level === 1)) problems.push(`${shown}:1: no level-1 heading`);
  }
  report('lesson header problems', problems);
});

test('the five course sessions are all there: W1D2S1, W1D5S6, W2D1S8, W2D2S8, W2D3S8', () => {
  const key = (l: Lesson) => `W${l.course?.week ?? '?'}D${l.course?.day ?? '?'}S${l.course?.session ?? '?'}`;
  const found = new Map<string, string[]>();
  for (const l of lessons) found.set(key(l.lesson), [...(found.get(key(l.lesson)) ?? []), l.shown]);
  const problems: string[] = [];
  for (const want of ['W1D2S1', 'W1D5S6', 'W2D1S8', 'W2D2S8', 'W2D3S8']) {
    const files = found.get(want) ?? [];
    if (files.length === 0) problems.push(`no lesson at ${want} (found: ${[...found.keys()].join(', ')})`);
    if (files.length > 1) problems.push(`${want} is claimed by several lessons: ${files.join(', ')}`);
  }
  report('course position problems', problems);
});

test('every heading slug is unique within its lesson (no -1 suffix shifts an anchor)', () => {
  const problems: string[] = [];
  for (const { shown, lesson } of lessons) {
    const first = new Map<string, number>();
    for (const s of lesson.sections) {
      const base = githubSlug(s.plainTitle);
      if (base === '') problems.push(`${shown}:${s.line + 1}: heading "${s.title}" has an empty slug`);
      const seen = first.get(base);
      if (seen !== undefined) problems.push(`${shown}:${s.line + 1}: heading "${s.title}" repeats slug #${base} of line ${seen + 1}`);
      else first.set(base, s.line);
    }
  }
  report('duplicate heading slugs', problems);
});

// ---- links, anchors and images -------------------------------------------------------------------------

interface LinkUse {
  line: number;
  target: string;
  image: boolean;
}

const md = new MarkdownIt({ html: true, linkify: false });

/** Every link and image target of a lesson with its 0-based line (Markdown syntax and raw HTML). */
function linksOf(text: string): LinkUse[] {
  const body = splitFrontMatter(text).body;
  const out: LinkUse[] = [];
  const fromHtml = (html: string, line: number) => {
    for (const m of html.matchAll(/\b(href|src)\s*=\s*["']([^"']*)["']/gi)) out.push({ line, target: m[2], image: m[1].toLowerCase() === 'src' });
  };
  const visit = (tokens: Token[], startLine: number) => {
    let line = startLine;
    for (const t of tokens) {
      if (t.type === 'softbreak' || t.type === 'hardbreak') line++;
      else if (t.type === 'link_open') out.push({ line, target: String(t.attrGet('href') ?? ''), image: false });
      else if (t.type === 'image') out.push({ line, target: String(t.attrGet('src') ?? ''), image: true });
      else if (t.type === 'html_inline') fromHtml(t.content, line);
    }
  };
  // Inline tokens of table cells carry no map: they take the line of the enclosing row.
  let blockLine = 0;
  for (const t of md.parse(body, {})) {
    if (t.map) blockLine = t.map[0];
    if (t.type === 'inline' && t.children) visit(t.children, blockLine);
    else if (t.type === 'html_block') fromHtml(t.content, blockLine);
  }
  return out;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

test('every internal link and anchor resolves; images exist; external links are http(s)', () => {
  const bySlugs = new Map(lessons.map((l) => [path.resolve(l.file), new Set(l.lesson.sections.map((s) => s.slug))]));
  const problems: string[] = [];
  let checked = 0;
  for (const { file, shown, text } of lessons) {
    for (const use of linksOf(text)) {
      checked++;
      const where = `${shown}:${use.line + 1}`;
      const target = use.target.trim();
      if (target === '') {
        problems.push(`${where}: empty ${use.image ? 'image source' : 'link target'}`);
        continue;
      }
      if (/^https?:\/\//i.test(target)) continue;
      if (/^mailto:/i.test(target) && !use.image) continue;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
        problems.push(`${where}: link scheme not allowed in a lesson: ${target}`);
        continue;
      }
      const hash = target.indexOf('#');
      const filePart = decode(hash >= 0 ? target.slice(0, hash) : target);
      const anchor = hash >= 0 ? decode(target.slice(hash + 1)) : undefined;
      const resolved = filePart === '' ? path.resolve(file) : path.resolve(path.dirname(file), filePart);
      if (filePart !== '' && !fs.existsSync(resolved)) {
        problems.push(`${where}: ${use.image ? 'image' : 'link'} target not found: ${filePart} (resolved to ${shownPath(resolved)})`);
        continue;
      }
      if (use.image && anchor === undefined && fs.statSync(resolved).isDirectory()) problems.push(`${where}: image source is a folder: ${filePart}`);
      if (anchor === undefined) continue;
      const slugs = bySlugs.get(resolved);
      if (!slugs) {
        problems.push(`${where}: anchor #${anchor} points into ${shownPath(resolved)}, which is not a lesson`);
        continue;
      }
      if (!slugs.has(anchor)) {
        const near = [...slugs].filter((s) => s.includes(anchor.slice(0, 6)) || anchor.includes(s.slice(0, 6))).slice(0, 3);
        problems.push(`${where}: anchor #${anchor} does not exist in ${shownPath(resolved)}${near.length ? ` (did you mean #${near.join(', #')}?)` : ''}`);
      }
    }
  }
  assert.ok(checked > 0, 'no links found at all: the link extraction is broken');
  report('broken links', problems);
});

// ---- Mermaid ----------------------------------------------------------------------------------------------

interface MermaidApi {
  initialize(config: Record<string, unknown>): void;
  parse(text: string): Promise<unknown>;
}

let mermaid: MermaidApi;

before(async () => {
  // Mermaid's parser sanitises labels with DOMPurify, which needs a window: give it a jsdom one.
  const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
  const g = globalThis as Record<string, unknown>;
  g.window ??= dom.window;
  g.document ??= dom.window.document;
  mermaid = ((await import('mermaid')) as unknown as { default: MermaidApi }).default;
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
});

test('mermaid parser is strict enough to notice a broken diagram (self-test)', async () => {
  await mermaid.parse('graph TD\n  A[시작] --> B{선택}\n');
  await assert.rejects(mermaid.parse('graph TD\n  A[시작 --> B\n'));
  await assert.rejects(mermaid.parse('not a diagram\n'));
});

test('every Mermaid block is valid Mermaid syntax', async () => {
  const problems: string[] = [];
  let blocks = 0;
  for (const { shown, lesson } of lessons) {
    for (const s of lesson.sections) {
      for (const b of s.codeBlocks) {
        if (b.lang !== 'mermaid') continue;
        blocks++;
        try {
          await mermaid.parse(b.content);
        } catch (error) {
          const message = String((error as Error).message ?? error);
          // "Parse error on line N" counts lines of the block; the fence line comes first.
          const m = /on line (\d+)/.exec(message);
          const line = b.line + 1 + (m ? Number(m[1]) : 1);
          problems.push(`${shown}:${line}: invalid Mermaid (block at line ${b.line + 1}): ${message.split('\n').slice(0, 4).join(' | ')}`);
        }
      }
    }
  }
  assert.ok(blocks > 0, 'no Mermaid blocks found');
  report('invalid Mermaid blocks', problems);
});

test('code fences name their language (yaml, mermaid, text, bash …) so examples are checked', () => {
  const problems: string[] = [];
  for (const { shown, lesson } of lessons) {
    for (const s of lesson.sections) for (const b of s.codeBlocks) if (b.lang === '') problems.push(`${shown}:${b.line + 1}: code block without a language`);
  }
  report('unlabelled code blocks', problems);
});
