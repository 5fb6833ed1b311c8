/** Mermaid, bundled into the webview (no CDN): strict security, theme from VS Code, errors with lines. */
import mermaid from 'mermaid';

let initialisedDark: boolean | undefined;
let seq = 0;

function ensureInitialised(dark: boolean): void {
  if (initialisedDark === dark) return;
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    theme: dark ? 'dark' : 'default',
    fontFamily: 'var(--vscode-font-family, sans-serif)',
    flowchart: { htmlLabels: true },
  });
  initialisedDark = dark;
}

export interface DiagramResult {
  svg?: string;
  error?: string;
  /** 1-based line inside the diagram source where parsing failed, when Mermaid says so. */
  line?: number;
}

/** Parse error line from Mermaid's message (`Parse error on line 3:` or `line 3`). */
export function errorLine(message: string): number | undefined {
  const m = /line (\d+)/i.exec(message);
  return m ? Number(m[1]) : undefined;
}

export async function renderDiagram(source: string, dark: boolean): Promise<DiagramResult> {
  ensureInitialised(dark);
  const id = `lesson-aware-mermaid-${++seq}`;
  try {
    await mermaid.parse(source);
    const { svg } = await mermaid.render(id, source);
    return { svg };
  } catch (error) {
    // Mermaid leaves a half-built element behind on failure.
    document.getElementById(id)?.remove();
    document.getElementById(`d${id}`)?.remove();
    const message = error instanceof Error ? error.message : String(error);
    const line = errorLine(message);
    return { error: message, ...(line !== undefined ? { line } : {}) };
  }
}
