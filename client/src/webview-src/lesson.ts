/**
 * Runs inside the lesson pane. Receives sanitized lesson HTML from the host, shows it with a
 * breadcrumb, table of contents and course navigation, scrolls to and highlights the requested
 * section, renders Mermaid blocks to SVG, and reports clicks back as typed messages.
 */
import './lesson.css';
import type { HostToPaneMessage, LessonPaneState, PaneLabels, PaneToHostMessage, RenderLessonMessage } from '../webviews/messages';
import { isDarkTheme, vscodeApi } from './vscodeApi';
import { renderDiagram } from './mermaidRender';

const vscode = vscodeApi<LessonPaneState, PaneToHostMessage>();
const root = document.getElementById('root') as HTMLElement;

let current: RenderLessonMessage | undefined;
let labels: PaneLabels | undefined;
let diagramsRun = 0;
/**
 * The section the pane was asked to show stays where it was revealed while diagrams and images above it
 * change height, until the reader scrolls by themselves.
 */
let pinned: { element: HTMLElement; top: number } | undefined;
for (const type of ['wheel', 'keydown', 'mousedown', 'touchstart']) window.addEventListener(type, () => (pinned = undefined), { passive: true });

function keepPinned(): void {
  if (!pinned?.element.isConnected) return;
  const drift = pinned.element.getBoundingClientRect().top - pinned.top;
  if (Math.abs(drift) >= 1) window.scrollBy({ top: drift });
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function headingLevel(e: Element): number {
  const m = /^H([1-6])$/.exec(e.tagName);
  return m ? Number(m[1]) : 0;
}

function article(): HTMLElement | null {
  return document.querySelector('article.lesson');
}

/** The heading for a slug, else the last block at or above a line. */
function findTarget(slug: string | undefined, line: number | undefined): HTMLElement | undefined {
  const body = article();
  if (!body) return undefined;
  if (slug) {
    const byId = document.getElementById(slug);
    if (byId && body.contains(byId)) return byId;
  }
  if (line === undefined) return undefined;
  let best: HTMLElement | undefined;
  for (const h of Array.from(body.querySelectorAll<HTMLElement>('.lesson-heading[data-line]'))) {
    if (Number(h.dataset.line) <= line) best = h;
    else break;
  }
  return best;
}

/** Highlights a heading and every block up to the next heading of the same or a higher level. */
function highlight(heading: HTMLElement): string[] {
  for (const old of Array.from(document.querySelectorAll('.section-highlight'))) old.classList.remove('section-highlight', 'section-start');
  const level = headingLevel(heading);
  const marked: string[] = [];
  heading.classList.add('section-highlight', 'section-start');
  if (heading.id) marked.push(heading.id);
  for (let n = heading.nextElementSibling; n; n = n.nextElementSibling) {
    const l = headingLevel(n);
    if (l > 0 && l <= level) break;
    n.classList.add('section-highlight');
    if (l > 0 && n.id) marked.push(n.id);
  }
  return marked;
}

function setBreadcrumb(section: string | undefined): void {
  const nav = document.querySelector('.breadcrumb');
  if (!nav || !current) return;
  nav.textContent = '';
  const parts = [current.course || current.title, section].filter((p): p is string => !!p);
  if (parts.length > 1 && parts[parts.length - 1] === parts[parts.length - 2]) parts.pop();
  parts.forEach((p, i) => {
    if (i > 0) nav.append(el('span', 'sep', ' › '));
    nav.append(el('span', i === parts.length - 1 ? 'crumb current' : 'crumb', p));
  });
}

function reveal(slug: string | undefined, line: number | undefined): { slug?: string; highlighted: string[] } {
  const target = findTarget(slug, line);
  if (!target) {
    pinned = undefined;
    window.scrollTo({ top: 0 });
    setBreadcrumb(undefined);
    return { highlighted: [] };
  }
  const highlighted = highlight(target);
  target.scrollIntoView({ block: 'start' });
  pinned = { element: target, top: target.getBoundingClientRect().top };
  setBreadcrumb(target.textContent ?? undefined);
  for (const a of Array.from(document.querySelectorAll('.toc a'))) a.classList.toggle('active', (a as HTMLElement).dataset.slug === target.id);
  if (current) vscode.setState({ lessonUri: current.lessonUri, ...(target.id ? { slug: target.id } : {}), follow: current.follow });
  return { ...(target.id ? { slug: target.id } : {}), highlighted };
}

function buildToc(msg: RenderLessonMessage): HTMLElement {
  const aside = el('aside', 'toc');
  const details = el('details');
  details.open = true;
  details.append(el('summary', undefined, msg.labels.contents));
  const list = el('ul');
  const top = Math.min(...msg.toc.map((t) => t.level));
  for (const entry of msg.toc) {
    const li = el('li', `toc-level-${entry.level - top}`);
    const a = el('a', undefined, entry.title);
    a.href = `#${entry.slug}`;
    a.dataset.slug = entry.slug;
    li.append(a);
    list.append(li);
  }
  details.append(list);
  aside.append(details);
  return aside;
}

function courseNav(msg: RenderLessonMessage): HTMLElement {
  const nav = el('nav', 'course-nav');
  const link = (which: 'previous' | 'next') => {
    const target = msg[which];
    const span = el('span', `course-${which}`);
    if (!target) return span;
    const a = el('a', undefined, `${which === 'previous' ? '← ' : ''}${which === 'previous' ? msg.labels.previous : msg.labels.next}: ${target.label}${which === 'next' ? ' →' : ''}`);
    a.href = '#';
    a.dataset.lessonUri = target.lessonUri;
    span.append(a);
    return span;
  };
  nav.append(link('previous'), link('next'));
  return nav;
}

/** Built lesson views by `lessonUri@version`, so re-opening a lesson swaps a node instead of rebuilding it (and its SVGs). */
const built = new Map<string, HTMLElement>();
const MAX_BUILT = 8;

function build(msg: RenderLessonMessage): HTMLElement {
  const container = el('div', 'pane-content');
  const header = el('header', 'pane-header');
  const crumbs = el('nav', 'breadcrumb');
  const tools = el('div', 'pane-tools');
  const follow = el('button', 'follow-toggle', msg.labels.followCursor);
  follow.type = 'button';
  tools.append(follow);
  header.append(crumbs, tools);
  const body = el('div', 'pane-body');
  const lesson = el('article', 'lesson');
  lesson.innerHTML = msg.html; // rendered and sanitized by the host (no raw lesson HTML, no scripts)
  body.append(buildToc(msg), lesson);
  container.append(header, courseNav(msg), body, courseNav(msg));
  return container;
}

function render(msg: RenderLessonMessage): void {
  const started = performance.now();
  labels = msg.labels;
  const key = `${msg.lessonUri}@${msg.version}`;
  let container = built.get(key);
  if (!container && !msg.html) {
    vscode.postMessage({ type: 'needHtml', requestId: msg.requestId });
    return;
  }
  if (!container) {
    container = build(msg);
    built.set(key, container);
    for (const old of built.keys()) {
      if (built.size <= MAX_BUILT) break;
      if (old !== key) built.delete(old);
    }
  } else {
    built.delete(key);
    built.set(key, container); // most recently used last
  }
  current = msg;
  root.replaceChildren(container);
  container.querySelector('.follow-toggle')?.setAttribute('aria-pressed', String(msg.follow));
  const shown = reveal(msg.slug, msg.line);
  const blocks = Array.from(container.querySelectorAll<HTMLElement>('.mermaid-block'));
  // Reading a layout property forces layout now, so the measured time includes it.
  void container.offsetHeight;
  const webviewMs = Math.round(performance.now() - started);
  vscode.postMessage({ type: 'rendered', requestId: msg.requestId, lessonUri: msg.lessonUri, ...shown, mermaidBlocks: blocks.length, webviewMs });
  void renderDiagrams(blocks, msg.requestId, msg.dark);
}

/** Renders the diagrams not drawn yet, nearest to the screen first, yielding so new messages are served in between. */
async function renderDiagrams(blocks: HTMLElement[], requestId: number, dark: boolean): Promise<void> {
  const run = ++diagramsRun;
  let errors = 0;
  const distance = (b: HTMLElement) => Math.abs(b.getBoundingClientRect().top);
  const todo = blocks.filter((b) => !b.classList.contains('rendered') && !b.classList.contains('failed')).sort((a, b) => distance(a) - distance(b));
  for (const block of todo) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (run !== diagramsRun) return; // a newer lesson replaced this one; its blocks resume when shown again
    const source = block.querySelector('.mermaid-source')?.textContent ?? '';
    const result = await renderDiagram(source, dark || isDarkTheme());
    if (result.svg) {
      const holder = el('div', 'mermaid-svg');
      holder.innerHTML = result.svg; // Mermaid output with securityLevel 'strict' (DOMPurify-sanitized labels)
      block.querySelector('.mermaid-svg, .mermaid-error')?.remove();
      block.append(holder);
      block.classList.add('rendered');
    } else {
      block.querySelector('.mermaid-error')?.remove();
      block.append(el('div', 'mermaid-error', `${labels?.diagramError ?? 'Diagram error'}${result.line ? ` (line ${result.line})` : ''}: ${result.error ?? ''}`));
      block.classList.add('failed');
    }
    keepPinned();
    if (run !== diagramsRun) return;
  }
  const svgs = blocks.filter((b) => b.classList.contains('rendered')).length;
  errors = blocks.filter((b) => b.classList.contains('failed')).length;
  vscode.postMessage({ type: 'diagramsDone', requestId, svgs, errors });
}

document.addEventListener('click', (event) => {
  const target = event.target as HTMLElement | null;
  if (!target) return;
  const button = target.closest<HTMLElement>('button');
  if (button?.classList.contains('follow-toggle')) {
    vscode.postMessage({ type: 'toggleFollow' });
    return;
  }
  const action = button?.dataset.codeAction;
  if (button && (action === 'copyCode' || action === 'openCodeAsFile')) {
    vscode.postMessage({ type: action, index: Number(button.dataset.codeIndex) });
    if (action === 'copyCode' && labels) {
      const before = button.textContent;
      button.textContent = labels.copied;
      setTimeout(() => (button.textContent = before), 1200);
    }
    return;
  }
  const anchor = target.closest<HTMLAnchorElement>('a');
  if (!anchor) return;
  // This handler alone decides what a link does (the extension allow-lists it): VS Code's own click handler of
  // the webview frame must not see it too — it would ask to open the link a second time, and on an SVG link of a
  // Mermaid diagram it throws (an SVG href cannot be posted), which left the workbench slow to take input.
  event.preventDefault();
  event.stopPropagation();
  if (anchor.dataset.lessonUri) {
    vscode.postMessage({ type: 'openLesson', lessonUri: anchor.dataset.lessonUri });
    return;
  }
  const slug = anchor.dataset.slug;
  const href = anchor.dataset.href ?? anchor.getAttribute('href') ?? '';
  if (slug || anchor.dataset.linkKind === 'anchor' || href.startsWith('#')) {
    let wanted = slug ?? href.slice(1);
    try {
      wanted = decodeURIComponent(wanted);
    } catch {
      /* as written */
    }
    reveal(wanted, undefined);
    return;
  }
  if (href) vscode.postMessage({ type: 'openLink', href });
});

// A missing or blocked image shows its alt text, never a broken frame.
document.addEventListener(
  'error',
  (event) => {
    const img = event.target;
    if (!(img instanceof HTMLImageElement)) return;
    const span = el('span', 'missing-image', img.alt || img.getAttribute('src') || '');
    if (labels) span.title = labels.missingImage;
    img.replaceWith(span);
    keepPinned();
  },
  true,
);
// An image that loads above the revealed section must not push it off screen.
document.addEventListener('load', (event) => event.target instanceof HTMLImageElement && keepPinned(), true);

window.addEventListener('message', (event: MessageEvent<HostToPaneMessage>) => {
  const msg = event.data;
  if (!msg || typeof msg !== 'object') return;
  switch (msg.type) {
    case 'render':
      render(msg);
      break;
    case 'reveal': {
      const shown = reveal(msg.slug, msg.line);
      if (current) {
        vscode.postMessage({
          type: 'rendered',
          requestId: msg.requestId,
          lessonUri: current.lessonUri,
          ...shown,
          mermaidBlocks: document.querySelectorAll('.mermaid-block').length,
        });
      }
      break;
    }
    case 'follow':
      if (current) current.follow = msg.follow;
      document.querySelector('.follow-toggle')?.setAttribute('aria-pressed', String(msg.follow));
      break;
  }
});

vscode.postMessage({ type: 'ready' });
