/** Finds the Mermaid diagrams of a document: a whole `.mmd` file, or every ```mermaid fence in Markdown. Pure. */
import MarkdownIt from 'markdown-it';
import type { MermaidDiagram } from './messages';

const md = new MarkdownIt({ html: true });

export function isMermaidFile(fileName: string, languageId: string): boolean {
  return languageId === 'mermaid' || /\.(mmd|mermaid)$/i.test(fileName);
}

export function isMarkdown(fileName: string, languageId: string): boolean {
  return languageId === 'markdown' || /\.(md|markdown)$/i.test(fileName);
}

/** Diagrams with the 0-based document line of their first source line. */
export function mermaidDiagrams(text: string, fileName: string, languageId: string): MermaidDiagram[] {
  if (isMermaidFile(fileName, languageId)) return text.trim() ? [{ source: text, line: 0 }] : [];
  if (!isMarkdown(fileName, languageId)) return [];
  const diagrams: MermaidDiagram[] = [];
  for (const token of md.parse(text, {})) {
    if (token.type !== 'fence' || !token.map) continue;
    if (token.info.trim().split(/\s+/)[0]?.toLowerCase() !== 'mermaid') continue;
    diagrams.push({ source: token.content, line: token.map[0] + 1 });
  }
  return diagrams;
}

/** Document line (0-based) of a 1-based line inside a diagram. */
export function documentLine(diagram: MermaidDiagram, diagramLine: number): number {
  return diagram.line + Math.max(0, diagramLine - 1);
}
