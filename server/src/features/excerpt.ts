/** A short plain-text excerpt of a lesson section, centred on the term that linked it when there is one. */
import { Section } from '../lessons/lessonModel';

const MAX = 220;

export function sectionExcerpt(section: Section, reasons: readonly string[]): string {
  const lines = [...cleanLines(section.prose), ...cleanLines(section.diagramText)];
  if (lines.length === 0) return '';
  const term = reasons.find((r) => r.startsWith('concept:'))?.slice('concept:'.length);
  let start = 0;
  if (term) {
    const hit = lines.findIndex((l) => l.toLowerCase().includes(term.toLowerCase()));
    if (hit >= 0) start = hit;
  }
  let text = '';
  for (let i = start; i < lines.length && text.length < MAX; i++) text += (text ? ' ' : '') + lines[i];
  return text.length > MAX ? `${text.slice(0, MAX - 1).trimEnd()}…` : text;
}

function cleanLines(text: string): string[] {
  return text
    .replace(/<!--[\s\S]*?-->/g, '')
    .split('\n')
    .map((l) =>
      l
        .replace(/^[\s│├└─|>#*-]+/u, '')
        .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/[*_`]+/g, '')
        .replace(/<[^>]*>/g, '')
        .trim(),
    )
    .filter((l) => l.length > 1 && !/^[|:\- ]+$/.test(l));
}
