/** Runs inside the Mermaid preview: renders each diagram, shows syntax errors with their line, pan/zoom, SVG export. */
import './mermaidPreview.css';
import type { HostToPreviewMessage, MermaidDiagramsMessage, PreviewToHostMessage } from '../webviews/messages';
import { isDarkTheme, vscodeApi } from './vscodeApi';
import { renderDiagram } from './mermaidRender';

const vscode = vscodeApi<unknown, PreviewToHostMessage>();
const root = document.getElementById('root') as HTMLElement;
let run = 0;
const svgs = new Map<number, string>();

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Wheel zooms around the pointer, drag pans, double-click resets. */
function panZoom(viewport: HTMLElement, content: HTMLElement, reset: HTMLButtonElement): void {
  let scale = 1;
  let x = 0;
  let y = 0;
  const apply = () => (content.style.transform = `translate(${x}px, ${y}px) scale(${scale})`);
  viewport.addEventListener(
    'wheel',
    (e) => {
      e.preventDefault();
      const rect = viewport.getBoundingClientRect();
      const px = e.clientX - rect.left;
      const py = e.clientY - rect.top;
      const next = Math.min(8, Math.max(0.2, scale * (e.deltaY < 0 ? 1.1 : 1 / 1.1)));
      x = px - ((px - x) * next) / scale;
      y = py - ((py - y) * next) / scale;
      scale = next;
      apply();
    },
    { passive: false },
  );
  let drag: { sx: number; sy: number; x: number; y: number } | undefined;
  viewport.addEventListener('pointerdown', (e) => {
    drag = { sx: e.clientX, sy: e.clientY, x, y };
    viewport.setPointerCapture(e.pointerId);
    viewport.classList.add('dragging');
  });
  viewport.addEventListener('pointermove', (e) => {
    if (!drag) return;
    x = drag.x + e.clientX - drag.sx;
    y = drag.y + e.clientY - drag.sy;
    apply();
  });
  const end = () => {
    drag = undefined;
    viewport.classList.remove('dragging');
  };
  viewport.addEventListener('pointerup', end);
  viewport.addEventListener('pointercancel', end);
  const doReset = () => {
    scale = 1;
    x = 0;
    y = 0;
    apply();
  };
  viewport.addEventListener('dblclick', doReset);
  reset.addEventListener('click', doReset);
}

async function show(msg: MermaidDiagramsMessage): Promise<void> {
  const mine = ++run;
  const results: Awaited<ReturnType<typeof renderDiagram>>[] = [];
  for (const d of msg.diagrams) {
    results.push(await renderDiagram(d.source, msg.dark || isDarkTheme()));
    if (mine !== run) return;
  }
  if (mine !== run) return; // a newer text arrived while rendering
  root.textContent = '';
  svgs.clear();
  if (msg.diagrams.length === 0) root.append(el('p', 'empty', msg.labels.empty));
  const errors: { index: number; line?: number; message: string }[] = [];
  let count = 0;
  msg.diagrams.forEach((diagram, index) => {
    const result = results[index];
    const section = el('section', 'diagram');
    section.dataset.index = String(index);
    const bar = el('div', 'diagram-bar');
    bar.append(el('span', 'diagram-title', `#${index + 1} · ${msg.labels.line.replace('{0}', String(diagram.line + 1))}`));
    if (result.svg) {
      const exportButton = el('button', 'export', msg.labels.exportSvg);
      exportButton.type = 'button';
      exportButton.addEventListener('click', () => {
        const svg = svgs.get(index);
        if (svg) vscode.postMessage({ type: 'exportSvg', index, svg });
      });
      const reset = el('button', 'reset', msg.labels.resetZoom);
      reset.type = 'button';
      bar.append(reset, exportButton);
      const viewport = el('div', 'viewport');
      const content = el('div', 'content');
      content.innerHTML = result.svg; // Mermaid output, securityLevel 'strict'
      viewport.append(content);
      section.append(bar, viewport);
      panZoom(viewport, content, reset);
      svgs.set(index, result.svg);
      count++;
    } else {
      const docLine = result.line !== undefined ? diagram.line + result.line : undefined;
      const text = `${msg.labels.error}${docLine !== undefined ? ` (${msg.labels.line.replace('{0}', String(docLine))})` : ''}`;
      const error = el('div', 'error');
      error.append(el('strong', undefined, text), el('pre', undefined, result.error ?? ''));
      section.append(bar, error);
      errors.push({ index, ...(docLine !== undefined ? { line: docLine } : {}), message: result.error ?? '' });
    }
    root.append(section);
  });
  vscode.postMessage({ type: 'previewRendered', svgs: count, errors });
}

// A diagram's links (`click X href …`) lead nowhere from the preview: no navigation, and VS Code's own click
// handler of the frame never sees them (on an SVG link it throws, and the workbench went slow to take input).
document.addEventListener('click', (event) => {
  if (!(event.target instanceof Element) || !event.target.closest('a')) return;
  event.preventDefault();
  event.stopPropagation();
});

window.addEventListener('message', (event: MessageEvent<HostToPreviewMessage>) => {
  const msg = event.data;
  if (msg && typeof msg === 'object' && msg.type === 'diagrams') void show(msg);
});

vscode.postMessage({ type: 'ready' });
