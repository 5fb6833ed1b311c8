/** Live Mermaid preview beside the editor for a `.mmd`/`.mermaid` file or every Mermaid block of a Markdown file. */
import * as vscode from 'vscode';
import { t } from '../l10n';
import { isMarkdown, isMermaidFile, mermaidDiagrams } from './mermaidBlocks';
import { parseMermaidPreviewMessage, PreviewRenderedMessage, PreviewToHostMessage, HostToPreviewMessage } from './messages';
import { bundledPage } from './webviewPage';

export interface PreviewState {
  documentUri?: string;
  diagrams: number;
  svgs: number;
  errors: PreviewRenderedMessage['errors'];
  updates: number;
}

export class MermaidPreviewPanel implements vscode.Disposable {
  static readonly viewType = 'lessonAware.mermaidPreview';
  private panel: vscode.WebviewPanel | undefined;
  private document: vscode.TextDocument | undefined;
  private ready: Promise<void> | undefined;
  private markReady: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private state: PreviewState = { diagrams: 0, svgs: 0, errors: [], updates: 0 };

  constructor(private readonly extensionUri: vscode.Uri, private readonly debounceMs = 300) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.panel && this.document && e.document.uri.toString() === this.document.uri.toString()) this.schedule();
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (this.panel && editor && canPreview(editor.document) && editor.document !== this.document) {
          this.document = editor.document;
          this.schedule(0);
        }
      }),
    );
  }

  get current(): PreviewState {
    return { ...this.state };
  }

  async show(document: vscode.TextDocument): Promise<void> {
    this.document = document;
    if (!this.panel) {
      const root = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
      const panel = vscode.window.createWebviewPanel(
        MermaidPreviewPanel.viewType,
        t('Mermaid Preview'),
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: true, retainContextWhenHidden: true, localResourceRoots: [root] },
      );
      this.panel = panel;
      this.ready = new Promise<void>((resolve) => (this.markReady = resolve));
      panel.onDidDispose(() => {
        this.panel = undefined;
        this.state = { diagrams: 0, svgs: 0, errors: [], updates: 0 };
      });
      panel.webview.onDidReceiveMessage((raw) => {
        const message = parseMermaidPreviewMessage(raw);
        if (message) void this.onMessage(message);
      });
      panel.webview.html = bundledPage(panel.webview, this.extensionUri, 'mermaidPreview', t('Mermaid Preview'));
    } else {
      this.panel.reveal(undefined, true);
    }
    await this.update();
  }

  private schedule(delay = this.debounceMs): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), delay);
  }

  private async update(): Promise<void> {
    if (!this.panel || !this.document) return;
    await this.ready;
    const doc = this.document;
    const diagrams = mermaidDiagrams(doc.getText(), doc.fileName, doc.languageId);
    this.state = { ...this.state, documentUri: doc.uri.toString(), diagrams: diagrams.length };
    const name = doc.uri.path.split('/').pop() ?? '';
    this.panel.title = t('Mermaid: {0}', name);
    const message: HostToPreviewMessage = {
      type: 'diagrams',
      documentUri: doc.uri.toString(),
      title: name,
      diagrams,
      dark: vscode.window.activeColorTheme.kind === vscode.ColorThemeKind.Dark || vscode.window.activeColorTheme.kind === vscode.ColorThemeKind.HighContrast,
      labels: {
        exportSvg: t('Export SVG'),
        resetZoom: t('Reset Zoom'),
        error: t('Syntax error'),
        line: t('line {0}'),
        empty: t('No Mermaid diagrams in this document.'),
      },
    };
    void this.panel.webview.postMessage(message);
  }

  private async onMessage(message: PreviewToHostMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.markReady?.();
        return;
      case 'previewRendered':
        this.state = { ...this.state, svgs: message.svgs, errors: message.errors, updates: this.state.updates + 1 };
        return;
      case 'exportSvg': {
        const base = this.document ? vscode.Uri.joinPath(this.document.uri, '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
        const stem = (this.document?.uri.path.split('/').pop() ?? 'diagram').replace(/\.[^.]+$/, '');
        const suggested = base ? vscode.Uri.joinPath(base, `${stem}-${message.index + 1}.svg`) : undefined;
        const target = await vscode.window.showSaveDialog({ ...(suggested ? { defaultUri: suggested } : {}), filters: { SVG: ['svg'] } });
        if (!target) return;
        await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(message.svg));
        void vscode.window.showInformationMessage(t('Diagram saved to {0}', vscode.workspace.asRelativePath(target)));
        return;
      }
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.panel?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

export function canPreview(document: vscode.TextDocument): boolean {
  return isMermaidFile(document.fileName, document.languageId) || isMarkdown(document.fileName, document.languageId);
}
