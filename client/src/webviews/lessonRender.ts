/**
 * Renders a lesson's Markdown to the HTML the lesson pane shows. Pure: no `vscode` import.
 * Lesson HTML never executes: raw HTML blocks and inline HTML are shown as text (comments are dropped),
 * links and images are rewritten, and every block carries `data-line` (0-based source line from
 * markdown-it's `token.map`) for scrolling and highlighting. Heading ids are the index's slugs.
 */
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import type { CoursePosition } from '../../../server/src/protocol';
import { parseLesson } from '../../../server/src/lessons/parseLesson';
import { splitFrontMatter } from '../../../server/src/lessons/frontMatter';
import { escapeHtml } from './security';
import type { TocEntry } from './messages';

export interface RenderedSection {
  slug: string;
  title: string;
  level: number;
  line: number;
  /** Enclosing headings, outermost first, ending with this one. */
  path: string[];
}

export interface CodeBlock {
  lang: string;
  text: string;
  line: number;
}

export interface RenderedLesson {
  title: string;
  course?: CoursePosition;
  html: string;
  toc: TocEntry[];
  sections: RenderedSection[];
  codeBlocks: CodeBlock[];
  mermaidBlocks: number;
}

export interface RenderOptions {
  /** The lesson's URI (for parsing). */
  lessonUri: string;
  /**
   * Resolves an image `src` as written in the lesson to a URL the webview may load,
   * or `undefined` when the image is missing or not allowed (then its alt text is shown).
   */
  resolveImage?: (src: string) => string | undefined;
  labels?: { copy: string; openAsFile: string; missingImage: string };
  /** Deepest heading level listed in the table of contents. */
  tocDepth?: number;
}

interface RenderEnv {
  headingSlugs: Map<number, string>;
  codeBlocks: CodeBlock[];
  mermaid: number;
  options: RenderOptions;
}

const defaultLabels = { copy: 'Copy', openAsFile: 'Open as New File', missingImage: 'Image not found' };

/** Link targets the pane may follow; everything else is shown as plain text. */
export function classifyHref(href: string): 'anchor' | 'web' | 'mail' | 'relative' | 'blocked' {
  const h = href.trim();
  if (h.startsWith('#')) return 'anchor';
  if (/^https?:\/\//i.test(h)) return 'web';
  if (/^mailto:/i.test(h)) return 'mail';
  if (/^[a-z][a-z0-9+.-]*:/i.test(h) || h.startsWith('//') || h.startsWith('\\')) return 'blocked';
  return 'relative';
}

type Markdown = InstanceType<typeof MarkdownIt>;

function createMarkdown(): Markdown {
  // html: true only so block structure matches the lesson index (which parses with html on);
  // the html renderers below never emit the HTML itself.
  const md = new MarkdownIt({ html: true, linkify: true, typographer: false });
  const rules = md.renderer.rules;

  md.core.ruler.push('lesson_data_line', (state) => {
    const env = state.env as unknown as RenderEnv;
    for (const token of state.tokens) {
      if (!token.map || token.nesting !== 1) continue;
      token.attrSet('data-line', String(token.map[0]));
      if (token.type === 'heading_open') {
        const slug = env.headingSlugs?.get(token.map[0]);
        if (slug) token.attrSet('id', slug);
        token.attrJoin('class', 'lesson-heading');
      }
    }
  });

  rules.html_block = (tokens, idx) => {
    const content = tokens[idx].content;
    if (/^\s*<!--[\s\S]*-->\s*$/.test(content)) return '';
    return `<p class="raw-html" data-line="${tokens[idx].map?.[0] ?? ''}">${escapeHtml(content)}</p>\n`;
  };
  rules.html_inline = (tokens, idx) => {
    const content = tokens[idx].content;
    if (/^<!--[\s\S]*-->$/.test(content)) return '';
    if (/^<br\s*\/?>$/i.test(content)) return '<br>';
    return escapeHtml(content);
  };

  rules.fence = (tokens, idx, _options, envRaw) => {
    const env = envRaw as unknown as RenderEnv;
    const token = tokens[idx];
    const lang = token.info.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
    const line = token.map?.[0] ?? 0;
    if (lang === 'mermaid') {
      const index = env.mermaid++;
      return `<div class="mermaid-block" data-line="${line}" data-mermaid-index="${index}"><pre class="mermaid-source">${escapeHtml(token.content)}</pre></div>\n`;
    }
    return codeBlockHtml(env, lang, token.content, line);
  };
  rules.code_block = (tokens, idx, _options, envRaw) =>
    codeBlockHtml(envRaw as unknown as RenderEnv, '', tokens[idx].content, tokens[idx].map?.[0] ?? 0);

  rules.image = (tokens, idx, _options, envRaw) => {
    const env = envRaw as unknown as RenderEnv;
    const token = tokens[idx];
    const src = String(token.attrGet('src') ?? '');
    const alt = token.children ? plainText(token.children) : token.content;
    const resolved = classifyHref(src) === 'relative' ? env.options.resolveImage?.(src) : undefined;
    if (!resolved) {
      const labels = env.options.labels ?? defaultLabels;
      return `<span class="missing-image" title="${escapeHtml(`${labels.missingImage}: ${src}`)}">${escapeHtml(alt || src)}</span>`;
    }
    const title = token.attrGet('title') as string | null;
    return `<img src="${escapeHtml(resolved)}" alt="${escapeHtml(alt)}"${title ? ` title="${escapeHtml(title)}"` : ''} loading="lazy">`;
  };

  const defaultLinkOpen = rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    const href = String(token.attrGet('href') ?? '');
    const kind = classifyHref(href);
    if (kind === 'blocked') {
      token.attrs = [];
      token.attrSet('class', 'blocked-link');
      return '<span class="blocked-link">';
    }
    token.attrSet('data-href', href);
    token.attrSet('data-link-kind', kind);
    if (kind !== 'anchor') token.attrSet('title', href);
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  const defaultLinkClose = rules.link_close ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  rules.link_close = (tokens, idx, options, env, self) => {
    // Find the matching open to know whether it was blocked.
    for (let i = idx - 1; i >= 0; i--) {
      if (tokens[i].type === 'link_open') {
        if (tokens[i].attrGet('class') === 'blocked-link') return '</span>';
        break;
      }
    }
    return defaultLinkClose(tokens, idx, options, env, self);
  };
  return md;
}

function codeBlockHtml(env: RenderEnv, lang: string, text: string, line: number): string {
  const index = env.codeBlocks.length;
  env.codeBlocks.push({ lang, text, line });
  const labels = env.options.labels ?? defaultLabels;
  const langClass = lang ? ` class="language-${escapeHtml(lang.replace(/[^\w-]/g, ''))}"` : '';
  const actions =
    `<div class="code-actions">` +
    `<button type="button" data-code-action="copyCode" data-code-index="${index}">${escapeHtml(labels.copy)}</button>` +
    `<button type="button" data-code-action="openCodeAsFile" data-code-index="${index}">${escapeHtml(labels.openAsFile)}</button>` +
    `</div>`;
  const badge = lang ? `<span class="code-lang">${escapeHtml(lang)}</span>` : '';
  return `<div class="code-block" data-line="${line}">${badge}${actions}<pre><code${langClass}>${escapeHtml(text)}</code></pre></div>\n`;
}

function plainText(children: Token[]): string {
  return children.map((c) => (c.children ? plainText(c.children) : c.type === 'text' || c.type === 'code_inline' ? c.content : '')).join('');
}

let shared: Markdown | undefined;

/** Renders a lesson. */
export function renderLesson(text: string, options: RenderOptions): RenderedLesson {
  const lesson = parseLesson(text, { uri: options.lessonUri });
  const { body } = splitFrontMatter(text);
  const env: RenderEnv = {
    headingSlugs: new Map(lesson.sections.map((s) => [s.line, s.slug])),
    codeBlocks: [],
    mermaid: 0,
    options,
  };
  shared ??= createMarkdown();
  const html = shared.render(body, env as unknown as Record<string, unknown>);
  const depth = options.tocDepth ?? 3;
  return {
    title: lesson.title,
    ...(lesson.course ? { course: lesson.course } : {}),
    html,
    toc: lesson.sections.filter((s) => s.level <= depth).map((s) => ({ slug: s.slug, title: s.plainTitle || s.title, level: s.level })),
    sections: lesson.sections.map((s) => ({ slug: s.slug, title: s.plainTitle || s.title, level: s.level, line: s.line, path: s.path })),
    codeBlocks: env.codeBlocks,
    mermaidBlocks: env.mermaid,
  };
}

/** The section that contains a 0-based line (the last heading at or above it). */
export function sectionAtLine(sections: readonly RenderedSection[], line: number): RenderedSection | undefined {
  let found: RenderedSection | undefined;
  for (const s of sections) {
    if (s.line <= line) found = s;
    else break;
  }
  return found;
}

/** `Week 2 › Day 3 › Session 8` in the given words (localised by the caller). */
export function courseLabel(
  course: CoursePosition | undefined,
  words: { week: (n: number) => string; day: (n: number) => string; session: (n: number) => string } = {
    week: (n) => `Week ${n}`,
    day: (n) => `Day ${n}`,
    session: (n) => `Session ${n}`,
  },
): string {
  if (!course) return '';
  const parts: string[] = [];
  if (course.week !== undefined) parts.push(words.week(course.week));
  if (course.day !== undefined) parts.push(words.day(course.day));
  if (course.session !== undefined) parts.push(words.session(course.session));
  return parts.join(' › ');
}

/** Splits `./other.md#section` into the path part and the decoded fragment. */
export function splitLessonHref(href: string): { path: string; fragment?: string } {
  const hash = href.indexOf('#');
  const rawPath = hash < 0 ? href : href.slice(0, hash);
  const rawFragment = hash < 0 ? undefined : href.slice(hash + 1);
  let fragment: string | undefined;
  if (rawFragment !== undefined && rawFragment.length > 0) {
    try {
      fragment = decodeURIComponent(rawFragment);
    } catch {
      fragment = rawFragment;
    }
  }
  let path = rawPath;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    /* keep as written */
  }
  return { path, ...(fragment !== undefined ? { fragment } : {}) };
}
