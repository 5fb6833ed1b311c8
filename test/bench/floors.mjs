// The floors: what the bare libraries cost in this process, no server, no protocol.
//   YAML    median time of `yaml` parseAllDocuments over one file
//   lessons median time to read every lesson file and tokenize it with markdown-it
//   workspace median time to read and parseAllDocuments every YAML file of the folder
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { median } from './stats.mjs';

function timeMedian(fn, runs, warm = 2) {
  for (let i = 0; i < warm; i++) fn();
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    ms.push(performance.now() - t);
  }
  return median(ms);
}

function filesBelow(dir, ext) {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => ext.test(f))
    .sort()
    .map((f) => join(dir, f));
}

export function parseFloorMs(text, runs = 9) {
  return timeMedian(() => parseAllDocuments(text), runs);
}

export function lessonFloorMs(dir, runs = 5) {
  const MarkdownIt = createRequire(import.meta.url)('markdown-it');
  const md = new MarkdownIt();
  const files = filesBelow(dir, /\.md$/);
  return timeMedian(() => {
    for (const f of files) md.parse(readFileSync(f, 'utf8'), {});
  }, runs, 1);
}

export function workspaceFloorMs(dir, runs = 3) {
  const files = filesBelow(dir, /\.ya?ml$/);
  return timeMedian(() => {
    for (const f of files) parseAllDocuments(readFileSync(f, 'utf8'));
  }, runs, 1);
}
