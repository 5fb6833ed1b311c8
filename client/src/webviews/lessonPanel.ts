/**
 * The lesson pane: one reused webview panel beside the editor that shows a lesson rendered with
 * markdown-it, scrolled to and highlighting a section. Restored after a reload by its serializer.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { t } from '../l10n';
import { courseNeighbours } from '../lessons/catalogModel';
import { LessonCatalog, normaliseUri } from '../lessons/lessonCatalog';
import { classifyHref, courseLabel, RenderedLesson, renderLesson, sectionAtLine, splitLessonHref } from './lessonRender';
import { LessonPaneState, PaneLabels, parseLessonPaneMessage, PaneToHostMessage, RenderedMessage, DiagramsDoneMessage, HostToPaneMessage } from './messages';
import { bundledPage } from './webviewPage';

export interface ShowLessonArgs {
  lessonUri: string;
  slug?: string;
  line?: number;
}

/** What the pane last showed: for follow-cursor, tests and timing. */
export interface PaneState {
  lessonUri?: string;
  slug?: string;
  highlighted: string[];
  mermaidBlocks: number;
  svgs?: number;
  diagramErrors?: number;
  /** Milliseconds from the open request to the section shown, for the last open. */
  lastOpenMs?: number;
  /** Of `lastOpenMs`, the part spent in the extension host before the message left. */
  lastHostMs?: number;
  /** Of `lastOpenMs`, the part spent inside the webview (DOM and layout). */
  lastWebviewMs?: number;
  /** Milliseconds from the open request to every diagram rendered. */
  lastDiagramsMs?: number;
  visible: boolean;
  follow: boolean;
}

interface Pending {
  started: number;
  resolve: (m: RenderedMessage) => void;
}

const codeLanguages: Record<string, string> = { yml: 'yaml', yaml: 'yaml', sh: 'shellscript', bash: 'shellscript', shell: 'shellscript', dockerfile: 'dockerfile', json: 'json', js: 'javascript', ts: 'typescript', py: 'python', mermaid: 'mermaid', mmd: 'mermaid' };

export class LessonPanel implements vscode.Disposable {
  static readonly viewType = 'lessonAware.lessonPane';

  private panel: vscode.WebviewPanel | undefined;
  private ready: Promise<void> | undefined;
  private markReady: (() => void) | undefined;
  private roots: vscode.Uri[] = [];
  private shown: { lessonUri: string; rendered: RenderedLesson; version: string } | undefined;
  private readonly cache = new Map<string, { mtime: number; rendered: RenderedLesson; version: string }>();
  private readonly pending = new Map<number, Pending>();
  private readonly disposables: vscode.Disposable[] = [];
  private requestSeq = 0;
  private versionSeq = 0;
  /** Versions whose HTML this webview has received (it keeps the built lessons). */
  private readonly sent = new Set<string>();
  private readonly lastRender = new Map<number, { lessonUri: string; args: ShowLessonArgs }>();
  private hostMs: number | undefined;
  private follow = false;
  private state: PaneState = { highlighted: [], mermaidBlocks: 0, visible: false, follow: false };
  private readonly followChanged = new vscode.EventEmitter<boolean>();
  readonly onDidChangeFollow = this.followChanged.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly catalog: LessonCatalog,
    private readonly log: (message: string) => void,
  ) {}

  get isOpen(): boolean {
    return !!this.panel;
  }
  get following(): boolean {
    return this.follow && !!this.panel;
  }
  get current(): PaneState {
    return { ...this.state, visible: !!this.panel?.visible, follow: this.follow };
  }

  /** Serializer: adopt a panel VS Code restored after a reload and show what it showed. */
  registerSerializer(): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(LessonPanel.viewType, {
      deserializeWebviewPanel: async (panel, raw: unknown) => {
        const state = raw as Partial<LessonPaneState> | undefined;
        if (this.panel) {
          panel.dispose();
          return;
        }
        this.follow = state?.follow === true;
        await this.adopt(panel);
        if (typeof state?.lessonUri === 'string') {
          await this.show({ lessonUri: state.lessonUri, ...(typeof state.slug === 'string' ? { slug: state.slug } : {}) }, { preserveFocus: true });
        }
      },
    });
  }

  /** Opens (or reuses) the pane at a lesson section; resolves once the section is on screen. */
  async show(args: ShowLessonArgs, options: { preserveFocus?: boolean } = {}): Promise<RenderedMessage> {
    const started = Date.now();
    const lessonUri = normaliseUri(args.lessonUri);
    const uri = vscode.Uri.parse(lessonUri, true);
    const rootsChanged = await this.ensureRoots(uri);
    if (!this.panel) {
      const panel = vscode.window.createWebviewPanel(
        LessonPanel.viewType,
        t('Lesson'),
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: options.preserveFocus ?? false },
        { enableScripts: true, enableFindWidget: true, retainContextWhenHidden: true, localResourceRoots: this.roots },
      );
      await this.adopt(panel);
    } else {
      if (rootsChanged) this.resetHtml();
      if (!this.panel.visible) this.panel.reveal(undefined, options.preserveFocus ?? false);
    }
    await this.ready;
    const requestId = ++this.requestSeq;
    const done = new Promise<RenderedMessage>((resolve) => this.pending.set(requestId, { started, resolve }));
    if (this.shown && this.shown.lessonUri === lessonUri && !(await this.isStale(uri))) {
      const slug = this.pickSlug(this.shown.rendered, args);
      this.hostMs = Date.now() - started;
      this.post({ type: 'reveal', ...(slug ? { slug } : {}), ...(args.line !== undefined ? { line: args.line } : {}), requestId });
    } else {
      const { rendered, version } = await this.render(uri);
      this.shown = { lessonUri, rendered, version };
      await this.postRender(lessonUri, this.shown, args, requestId);
      this.hostMs = Date.now() - started;
    }
    return done;
  }

  setFollow(on: boolean): void {
    if (this.follow === on) return;
    this.follow = on;
    this.post({ type: 'follow', follow: on });
    this.followChanged.fire(on);
  }

  /** Re-renders the lesson on screen (theme or lesson text changed). */
  async refresh(): Promise<void> {
    if (!this.panel || !this.shown) return;
    this.cache.clear();
    const { lessonUri } = this.shown;
    this.shown = undefined;
    await this.show({ lessonUri, ...(this.state.slug ? { slug: this.state.slug } : {}) }, { preserveFocus: true });
  }

  private pickSlug(rendered: RenderedLesson, args: ShowLessonArgs): string | undefined {
    if (args.slug && rendered.sections.some((s) => s.slug === args.slug)) return args.slug;
    if (args.line !== undefined) return sectionAtLine(rendered.sections, args.line)?.slug;
    return args.slug;
  }

  private async adopt(panel: vscode.WebviewPanel): Promise<void> {
    this.panel = panel;
    if (this.roots.length === 0) this.roots = this.defaultRoots();
    this.disposables.push(
      panel.onDidDispose(() => this.onDisposed()),
      panel.webview.onDidReceiveMessage((raw) => {
        const message = parseLessonPaneMessage(raw);
        if (!message) {
          this.log(`lesson pane: ignored a malformed message ${JSON.stringify(raw)?.slice(0, 200)}`);
          return;
        }
        void this.onMessage(message).catch((error) => this.log(`lesson pane: ${String(error)}`));
      }),
      vscode.window.onDidChangeActiveColorTheme(() => void this.refresh()),
      vscode.workspace.onDidSaveTextDocument((document) => {
        if (this.shown && normaliseUri(document.uri.toString()) === this.shown.lessonUri) void this.refresh();
      }),
    );
    this.resetHtml();
  }

  private resetHtml(): void {
    if (!this.panel) return;
    const webview = this.panel.webview;
    webview.options = { enableScripts: true, localResourceRoots: this.roots };
    this.ready = new Promise<void>((resolve) => (this.markReady = resolve));
    this.shown = undefined;
    this.sent.clear();
    this.cache.clear(); // image URIs belong to one webview
    webview.html = bundledPage(webview, this.extensionUri, 'lesson', t('Lesson'));
  }

  private defaultRoots(): vscode.Uri[] {
    return [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(this.extensionUri, 'lessons')];
  }

  /** Lesson folders are the only roots besides our own bundle; returns true when one was added. */
  private async ensureRoots(lessonUri: vscode.Uri): Promise<boolean> {
    if (this.roots.length === 0) this.roots = this.defaultRoots();
    const folder = vscode.Uri.joinPath(lessonUri, '..');
    const inside = (root: vscode.Uri) => folder.scheme === root.scheme && (folder.path === root.path || folder.path.startsWith(`${root.path}/`));
    if (this.roots.some(inside)) return false;
    this.roots = [...this.roots, folder];
    return !!this.panel;
  }

  private async isStale(uri: vscode.Uri): Promise<boolean> {
    const cached = this.cache.get(uri.toString());
    if (!cached) return true;
    try {
      return (await vscode.workspace.fs.stat(uri)).mtime !== cached.mtime;
    } catch {
      return true;
    }
  }

  private async render(uri: vscode.Uri): Promise<{ rendered: RenderedLesson; version: string }> {
    const stat = await vscode.workspace.fs.stat(uri);
    const cached = this.cache.get(uri.toString());
    if (cached && cached.mtime === stat.mtime) return cached;
    const text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
    const webview = this.panel!.webview;
    const rendered = renderLesson(text, {
      lessonUri: uri.toString(),
      labels: this.labels(),
      resolveImage: (src) => {
        const { path: rel } = splitLessonHref(src);
        const target = vscode.Uri.joinPath(uri, '..', rel);
        if (target.scheme === 'file' && !fs.existsSync(target.fsPath)) return undefined;
        return webview.asWebviewUri(target).toString();
      },
    });
    const entry = { mtime: stat.mtime, rendered, version: `${stat.mtime}-${stat.size}-${++this.versionSeq}` };
    this.cache.set(uri.toString(), entry);
    return entry;
  }

  private labels(): PaneLabels {
    return {
      copy: t('Copy'),
      copied: t('Copied'),
      openAsFile: t('Open as New File'),
      contents: t('Contents'),
      previous: t('Previous'),
      next: t('Next'),
      followCursor: t('Follow Cursor'),
      diagramError: t('Diagram error'),
      missingImage: t('Image not found'),
    };
  }

  private async postRender(
    lessonUri: string,
    shown: { rendered: RenderedLesson; version: string },
    args: ShowLessonArgs,
    requestId: number,
    forceHtml = false,
  ): Promise<void> {
    const { rendered, version } = shown;
    const withHtml = forceHtml || !this.sent.has(version);
    this.sent.add(version);
    this.lastRender.clear();
    this.lastRender.set(requestId, { lessonUri, args });
    const words = { week: (n: number) => t('Week {0}', n), day: (n: number) => t('Day {0}', n), session: (n: number) => t('Session {0}', n) };
    const lessons = this.catalog.cached() ?? (await this.catalog.list());
    const { previous, next } = courseNeighbours(lessons, lessonUri);
    const label = (l: typeof previous) => (l ? [courseLabel(l.course, words), l.title].filter(Boolean).join(' · ') : '');
    const slug = this.pickSlug(rendered, args);
    if (this.panel) this.panel.title = rendered.title;
    this.post({
      type: 'render',
      lessonUri,
      version,
      title: rendered.title,
      html: withHtml ? rendered.html : '',
      toc: rendered.toc,
      course: courseLabel(rendered.course, words),
      ...(previous ? { previous: { lessonUri: normaliseUri(previous.lessonUri), label: label(previous) } } : {}),
      ...(next ? { next: { lessonUri: normaliseUri(next.lessonUri), label: label(next) } } : {}),
      ...(slug ? { slug } : {}),
      ...(args.line !== undefined ? { line: args.line } : {}),
      follow: this.follow,
      labels: this.labels(),
      dark: vscode.window.activeColorTheme.kind === vscode.ColorThemeKind.Dark || vscode.window.activeColorTheme.kind === vscode.ColorThemeKind.HighContrast,
      requestId,
    });
  }

  private post(message: HostToPaneMessage): void {
    void this.panel?.webview.postMessage(message);
  }

  private async onMessage(message: PaneToHostMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.markReady?.();
        return;
      case 'rendered':
        return this.onRendered(message);
      case 'diagramsDone':
        return this.onDiagramsDone(message);
      case 'needHtml': {
        const last = this.lastRender.get(message.requestId);
        if (last && this.shown && this.shown.lessonUri === last.lessonUri) {
          await this.postRender(last.lessonUri, this.shown, last.args, message.requestId, true);
        }
        return;
      }
      case 'toggleFollow':
        this.setFollow(!this.follow);
        return;
      case 'openLesson':
        if (!(await this.catalog.find(message.lessonUri))) return; // only lessons the server knows
        await this.show({ lessonUri: message.lessonUri, ...(message.slug ? { slug: message.slug } : {}) });
        return;
      case 'openLink':
        return this.openLink(message.href);
      case 'copyCode':
      case 'openCodeAsFile': {
        const block = this.shown?.rendered.codeBlocks[message.index];
        if (!block) return;
        if (message.type === 'copyCode') {
          await vscode.env.clipboard.writeText(block.text);
          return;
        }
        const document = await vscode.workspace.openTextDocument({ language: codeLanguages[block.lang] ?? 'plaintext', content: block.text });
        await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One });
        return;
      }
    }
  }

  private onRendered(message: RenderedMessage): void {
    const pending = this.pending.get(message.requestId);
    const elapsed = pending ? Date.now() - pending.started : undefined;
    this.state = {
      ...this.state,
      lessonUri: message.lessonUri,
      ...(message.slug ? { slug: message.slug } : { slug: undefined }),
      highlighted: message.highlighted,
      mermaidBlocks: message.mermaidBlocks,
      ...(elapsed !== undefined ? { lastOpenMs: elapsed } : {}),
      ...(message.webviewMs !== undefined ? { lastWebviewMs: message.webviewMs } : {}),
      ...(this.hostMs !== undefined ? { lastHostMs: this.hostMs } : {}),
    };
    if (elapsed !== undefined) this.log(`lesson pane: ${path.posix.basename(message.lessonUri)}#${message.slug ?? ''} shown in ${elapsed} ms (webview ${message.webviewMs ?? '?'} ms)`);
    if (pending) pending.resolve(message);
    // Reveals get no `diagramsDone`; keep only the recent requests.
    for (const id of this.pending.keys()) if (id < message.requestId - 20) this.pending.delete(id);
  }

  private onDiagramsDone(message: DiagramsDoneMessage): void {
    const pending = this.pending.get(message.requestId);
    this.pending.delete(message.requestId);
    this.state = {
      ...this.state,
      svgs: message.svgs,
      diagramErrors: message.errors,
      ...(pending ? { lastDiagramsMs: Date.now() - pending.started } : {}),
    };
  }

  private async openLink(href: string): Promise<void> {
    const kind = classifyHref(href);
    if (kind === 'web' || kind === 'mail') {
      await vscode.env.openExternal(vscode.Uri.parse(href, true));
      return;
    }
    if (kind !== 'relative' || !this.shown) return;
    const { path: rel, fragment } = splitLessonHref(href);
    const base = vscode.Uri.parse(this.shown.lessonUri, true);
    const target = rel ? vscode.Uri.joinPath(base, '..', rel) : base;
    // Only indexed lessons open in the pane; any other file opens as a plain editor.
    if (/\.(md|markdown)$/i.test(target.path) && (await this.catalog.find(target.toString()))) {
      await this.show({ lessonUri: target.toString(), ...(fragment ? { slug: fragment } : {}) });
    } else {
      await vscode.commands.executeCommand('vscode.open', target, vscode.ViewColumn.One);
    }
  }

  private onDisposed(): void {
    this.panel = undefined;
    this.shown = undefined;
    this.ready = undefined;
    this.cache.clear();
    for (const d of this.disposables.splice(0)) d.dispose();
    for (const p of this.pending.values()) p.resolve({ type: 'rendered', requestId: -1, lessonUri: '', highlighted: [], mermaidBlocks: 0 });
    this.pending.clear();
    this.state = { highlighted: [], mermaidBlocks: 0, visible: false, follow: this.follow };
  }

  dispose(): void {
    this.panel?.dispose();
    this.followChanged.dispose();
  }
}
