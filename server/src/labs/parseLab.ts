/**
 * Parses a `lab.md`: YAML front matter (title, lesson, minutes, order, steps with checks) and the Markdown body
 * whose `##` sections are the steps' instructions in step order (plus an optional trailing `## 마치며` closing).
 * Never throws: every problem is returned with its 1-based line; fatal ones make the lab unusable.
 */
import MarkdownIt from 'markdown-it';
import { isMap, isScalar, isSeq, LineCounter, Node, Pair, parseDocument, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { splitFrontMatter } from '../lessons/frontMatter';
import { allRules } from '../rules/registry';
import { closingHeading, LabDefinition, LabProblem, LabRef, LabStep } from './labModel';
import { parseCheck } from './parseCheck';

const md = new MarkdownIt({ html: true, linkify: false });
const openFence = /^\uFEFF?---[ \t]*\r?\n/;
const kebab = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const topKeys = ['title', 'lesson', 'minutes', 'order', 'steps'];
const stepKeys = ['id', 'title', 'hint', 'check'];

export interface ParseLabOptions {
  /** Rule ids a `rule:` check may name (default: every shipped rule). */
  ruleIds?: ReadonlySet<string>;
}

export interface ParsedLab {
  /** Undefined when a fatal problem makes the lab unusable. */
  lab?: LabDefinition;
  problems: LabProblem[];
}

const shippedRuleIds = new Set(allRules.map((r) => r.meta.id));

export function parseLab(text: string, id: string, options: ParseLabOptions = {}): ParsedLab {
  const problems: LabProblem[] = [];
  const problem = (line: number, message: string, fatal = true) => problems.push({ line, message, fatal });
  if (!kebab.test(id)) problem(1, `lab folder name "${id}" is not kebab-case`, false);

  const open = openFence.exec(text);
  const rest = open ? text.slice(open[0].length) : '';
  const close = open ? /^(---|\.\.\.)[ \t]*(\r?\n|$)/m.exec(rest) : null;
  if (!open || !close) {
    problem(1, open ? 'front matter is not closed with ---' : 'lab.md needs front matter (title, steps)');
    return { problems };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(rest.slice(0, close.index), { lineCounter, uniqueKeys: true });
  const lineOf = (node: Node | null | undefined): number => 2 + (node?.range ? lineCounter.linePos(node.range[0]).line - 1 : 0);
  if (doc.errors.length) {
    const e = doc.errors[0];
    problem(2 + (e.linePos?.[0].line ?? 1) - 1, `front matter is not valid YAML: ${e.message.split('\n')[0]}`);
    return { problems };
  }
  const root = doc.contents as Node | null;
  if (!isMap(root)) {
    problem(2, 'front matter must be a mapping (title, steps)');
    return { problems };
  }
  const top = pairsOf(root as YAMLMap);
  for (const [key, pair] of top) if (!topKeys.includes(key)) problem(lineOf(pair.key), `unknown front matter key "${key}" (allowed: ${topKeys.join(', ')})`, false);

  const title = text_(top.get('title')?.value);
  if (!title) problem(lineOf(top.get('title')?.key ?? root), 'front matter needs a title');
  const lesson = readRef(top.get('lesson'), 'lesson');
  const minutes = number_(top.get('minutes'), 'minutes');
  const order = number_(top.get('order'), 'order') ?? 1000;

  const stepsNode = top.get('steps')?.value;
  const steps: LabStep[] = [];
  /** Every step with a title, usable or not: the body's sections are matched against these. */
  const heads: { id: string; title: string; line: number }[] = [];
  if (!isSeq(stepsNode) || !(stepsNode as YAMLSeq).items.length) {
    problem(lineOf(top.get('steps')?.key ?? root), 'front matter needs steps: a non-empty list');
  } else {
    const seen = new Map<string, number>();
    const ruleIds = options.ruleIds ?? shippedRuleIds;
    for (const item of (stepsNode as YAMLSeq<Node>).items) {
      const line = lineOf(item);
      if (!isMap(item)) {
        problem(line, 'a step must be a mapping (id, title, hint, check)');
        continue;
      }
      const s = pairsOf(item as YAMLMap);
      for (const [key, pair] of s) if (!stepKeys.includes(key)) problem(lineOf(pair.key), `unknown step key "${key}" (allowed: ${stepKeys.join(', ')})`);
      const stepId = text_(s.get('id')?.value);
      if (!stepId || !kebab.test(stepId)) problem(lineOf(s.get('id')?.value ?? item), stepId ? `step id "${stepId}" is not kebab-case` : 'a step needs an id');
      else if (seen.has(stepId)) problem(lineOf(s.get('id')?.value), `duplicate step id "${stepId}" (first on line ${seen.get(stepId)})`);
      else seen.set(stepId, lineOf(s.get('id')?.value));
      const stepTitle = text_(s.get('title')?.value);
      if (!stepTitle) problem(lineOf(s.get('title')?.value ?? item), `step ${stepId ?? '?'} needs a title`);
      const hint = readRef(s.get('hint'), 'hint');
      if (!s.has('check')) problem(line, `step ${stepId ?? '?'} needs a check`);
      const check = s.has('check')
        ? parseCheck(s.get('check')!.value, { lineOf, ruleIds, problem: (l, m) => problem(l, `step ${stepId ?? '?'}: ${m}`) })
        : undefined;
      if (stepTitle) heads.push({ id: stepId ?? '?', title: stepTitle, line });
      if (stepId && stepTitle && check) steps.push({ id: stepId, title: stepTitle, instructions: '', ...(hint ? { hint } : {}), check, line });
    }
  }

  const body = splitFrontMatter(text).body;
  const sections = bodySections(body, problems);
  matchSections(sections, heads, problem);
  if (problems.some((p) => p.fatal) || !title) return { problems };
  const closing = sections[steps.length]?.title === closingHeading ? sections[steps.length].content : undefined;
  return {
    lab: {
      id,
      title,
      ...(lesson ? { lesson } : {}),
      ...(minutes !== undefined ? { minutes } : {}),
      order,
      introduction: sections.introduction,
      ...(closing ? { closing } : {}),
      steps: steps.map((s, i) => ({ ...s, instructions: sections[i]?.content ?? '' })),
    },
    problems,
  };

  function readRef(pair: Pair<Node, Node | null> | undefined, key: string): LabRef | undefined {
    if (!pair) return undefined;
    const value = text_(pair.value);
    const m = value ? /^([^#]+\.(?:md|markdown))#(.+)$/i.exec(value) : null;
    if (!m) {
      problem(lineOf(pair.value ?? pair.key), `${key} must be "file.md#section-slug", got ${JSON.stringify(value ?? null)}`, false);
      return undefined;
    }
    return { file: m[1].trim(), slug: m[2].trim(), line: lineOf(pair.value) };
  }

  function number_(pair: Pair<Node, Node | null> | undefined, key: string): number | undefined {
    if (!pair) return undefined;
    const v = isScalar(pair.value) ? (pair.value as Scalar).value : undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      problem(lineOf(pair.value ?? pair.key), `${key} must be a number ≥ 0`, false);
      return undefined;
    }
    return v;
  }
}

function pairsOf(map: YAMLMap): Map<string, Pair<Node, Node | null>> {
  const out = new Map<string, Pair<Node, Node | null>>();
  for (const p of map.items) if (isScalar(p.key)) out.set(String((p.key as Scalar).value), p as Pair<Node, Node | null>);
  return out;
}

function text_(node: Node | null | undefined): string | undefined {
  const v = isScalar(node) ? (node as Scalar).value : undefined;
  return (typeof v === 'string' || typeof v === 'number') && String(v).trim() ? String(v).trim() : undefined;
}

interface BodySection {
  title: string;
  /** 1-based line of the heading. */
  line: number;
  content: string;
}

type BodySections = BodySection[] & { introduction: string };

/** The body's `##` sections (heading text and the Markdown below it) and the introduction before the first. */
function bodySections(body: string, problems: LabProblem[]): BodySections {
  const lines = body.split(/\r?\n/);
  const headings: { level: number; line: number; title: string }[] = [];
  try {
    const tokens = md.parse(body, {});
    tokens.forEach((t, i) => {
      if (t.type === 'heading_open' && t.map) headings.push({ level: Number(t.tag.slice(1)), line: t.map[0], title: tokens[i + 1]?.content.trim() ?? '' });
    });
  } catch (error) {
    problems.push({ line: 1, message: `Markdown could not be parsed: ${(error as Error).message}`, fatal: true });
  }
  const h2 = headings.filter((h) => h.level === 2);
  const slice = (from: number, to: number) => lines.slice(from, to).join('\n').trim();
  const sections = h2.map((h, i) => ({ title: h.title, line: h.line + 1, content: slice(h.line + 1, h2[i + 1]?.line ?? lines.length) })) as BodySections;
  const firstStep = h2[0]?.line ?? lines.length;
  const h1 = headings.find((h) => h.level === 1 && h.line < firstStep);
  sections.introduction = h1 ? [slice(0, h1.line), slice(h1.line + 1, firstStep)].filter(Boolean).join('\n\n') : slice(0, firstStep);
  return sections;
}

/** The n-th `##` heading must be the n-th step's title; one extra trailing `## 마치며` is the closing. */
function matchSections(sections: BodySection[], steps: { id: string; title: string; line: number }[], problem: (line: number, message: string, fatal?: boolean) => void): void {
  steps.forEach((step, i) => {
    const section = sections[i];
    if (!section) problem(step.line, `step ${step.id} has no "## ${step.title}" section in the body (the n-th ## heading is the n-th step's instructions)`, false);
    else if (section.title !== step.title) problem(section.line, `heading "## ${section.title}" should be "## ${step.title}" (the title of step ${i + 1}, ${step.id})`, false);
  });
  sections.slice(steps.length).forEach((section, i) => {
    if (i === 0 && section.title === closingHeading) return;
    problem(section.line, `heading "## ${section.title}" has no step (only one trailing "## ${closingHeading}" section may follow the steps)`, false);
  });
}
