/**
 * The lesson check, part 2: the YAML examples of the bundled lessons.
 * Every YAML example parses; every key of a Kubernetes or Compose example is a real field; every example
 * passes all registered rules (no error or warning) unless it is marked `<!-- lesson-aware: bad-example -->`,
 * and every bad example triggers at least one finding, so the marker is honest.
 *
 * Rules run with the lesson as the workspace: cross-resource rules see every good example of the same
 * lesson (a Namespace in one section applies to the Deployment of the next), as a learner who copies the
 * lesson's files into one folder would. Point LESSON_AWARE_LESSONS_DIR at a copy to check other lessons.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { isMap, isScalar, isSeq, Node, parseAllDocuments } from 'yaml';
import type { CodeBlock, Lesson } from '../../server/src/lessons/lessonModel';
import { parseLesson } from '../../server/src/lessons/parseLesson';
import { ManifestModel, parseManifest } from '../../server/src/model/manifestModel';
import type { ResourceRef, WorkspaceResources } from '../../server/src/rules/cross/workspaceResources';
import { RuleFinding, runRules } from '../../server/src/rules/engine';
import { allRules } from '../../server/src/rules/registry';
import { createFieldDocs } from '../../server/src/schema/fieldDocs';
import type { PathSegment } from '../../server/src/schema/types';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const lessonsDir = path.resolve(process.env.LESSON_AWARE_LESSONS_DIR ?? path.join(repoRoot, 'lessons'));
const fieldDocs = createFieldDocs(path.join(repoRoot, 'dist', 'field-docs'));

interface Example {
  shown: string;
  block: CodeBlock;
  uri: string;
  model: ManifestModel;
}

interface LessonExamples {
  shown: string;
  lesson: Lesson;
  examples: Example[];
}

function shownPath(file: string): string {
  const rel = path.relative(repoRoot, file);
  return rel.startsWith('..') ? file : rel;
}

const lessons: LessonExamples[] = fs
  .readdirSync(lessonsDir)
  .filter((f) => /\.(md|markdown)$/i.test(f))
  .sort()
  .map((name) => {
    const file = path.join(lessonsDir, name);
    const shown = shownPath(file);
    const lesson = parseLesson(fs.readFileSync(file, 'utf8'), { uri: `file://${file}`, fsPath: file, bundled: true });
    const examples: Example[] = [];
    for (const s of lesson.sections) {
      for (const block of s.codeBlocks) {
        if (block.lang !== 'yaml' && block.lang !== 'yml') continue;
        const probe = parseManifest(`file:///lessons/${name}/L${block.line + 1}.yaml`, 1, block.content);
        // Compose examples get a compose file name, as a learner would save them.
        const uri = probe.flavor === 'compose' ? `file:///lessons/${name}/L${block.line + 1}/compose.yaml` : probe.uri;
        examples.push({ shown, block, uri, model: probe.flavor === 'compose' ? parseManifest(uri, 1, block.content) : probe });
      }
    }
    return { shown, lesson, examples };
  });

/** 1-based file line of an offset inside an example (the fence line comes first). */
function fileLine(ex: Example, offset: number): number {
  return ex.block.line + 1 + ex.model.lineCounter.linePos(offset).line;
}

function report(what: string, problems: string[]): void {
  if (problems.length) assert.fail(`${problems.length} ${what}:\n  ${problems.join('\n  ')}`);
}

function workspaceOf(examples: readonly Example[]): WorkspaceResources {
  const refs: ResourceRef[] = [];
  for (const ex of examples) {
    for (const d of ex.model.docs) {
      if (d.flavor !== 'kubernetes' || !d.apiVersion || !d.kind || !d.doc.contents) continue;
      refs.push({ uri: ex.uri, text: ex.model.text, docIndex: d.index, apiVersion: d.apiVersion, kind: d.kind, name: d.name, namespace: d.namespace, root: d.doc.contents });
    }
  }
  return { all: () => refs, byKind: (kind) => refs.filter((r) => r.kind === kind), complete: true };
}

function describe(ex: Example, f: RuleFinding): string {
  const message = f.meta.message.en.replace(/\{(\d+)\}/g, (_, i: string) => f.args?.[Number(i)] ?? `{${i}}`);
  return `${ex.shown}:${fileLine(ex, f.start)}: [${f.ruleId}] ${f.severity}: ${message}`;
}

const total = lessons.reduce((n, l) => n + l.examples.length, 0);

test('the lessons have YAML examples, and bad examples are marked', () => {
  assert.ok(total > 0, 'no YAML examples found');
  assert.ok(lessons.some((l) => l.examples.some((e) => e.block.badExample)), 'no bad-example marker found: marker detection is broken');
});

test('every YAML example parses', () => {
  const problems: string[] = [];
  for (const l of lessons) {
    for (const ex of l.examples) {
      for (const doc of parseAllDocuments(ex.block.content, { uniqueKeys: true })) {
        // The first error of a document says where it breaks; the rest are usually its echoes.
        for (const e of doc.errors.slice(0, 1)) problems.push(`${ex.shown}:${fileLine(ex, e.pos[0])}: YAML error in the example at line ${ex.block.line + 1}: ${e.message.split('\n')[0]}`);
      }
    }
  }
  report('YAML examples that do not parse', problems);
});

test('every example is a whole Kubernetes or Compose file (so its fields link and its rules run)', () => {
  const problems: string[] = [];
  for (const l of lessons) {
    for (const ex of l.examples) {
      for (const d of ex.model.docs) {
        if (d.flavor === 'yaml' && ex.model.flavor !== 'compose' && d.doc.contents) {
          problems.push(`${ex.shown}:${fileLine(ex, d.start)}: example is neither a Kubernetes document (apiVersion + kind) nor a Compose file (services)`);
        }
        if (d.flavor === 'kubernetes' && d.kind && !fieldDocs.isKnownKind(d.apiVersion, d.kind)) {
          problems.push(`${ex.shown}:${fileLine(ex, d.start)}: ${d.apiVersion} ${d.kind} is not a built-in kind (typo in apiVersion or kind?)`);
        }
      }
    }
  }
  report('examples of unknown shape', problems);
});

/** Visits every mapping key with its path and the key node's offset. */
function walk(node: Node | null | undefined, pathSoFar: PathSegment[], visit: (p: PathSegment[], offset: number) => boolean): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const p = [...pathSoFar, String(pair.key.value)];
      if (visit(p, pair.key.range?.[0] ?? 0)) walk(pair.value as Node, p, visit);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => walk(item as Node, [...pathSoFar, i], visit));
  }
}

test('every key of a good example is a real field of its kind or of the Compose specification', () => {
  const problems: string[] = [];
  for (const l of lessons) {
    // A bad example may misspell a field on purpose (the schema rules then must flag it).
    for (const ex of l.examples.filter((e) => !e.block.badExample)) {
      for (const d of ex.model.docs) {
        const compose = ex.model.flavor === 'compose';
        if (!compose && (d.flavor !== 'kubernetes' || !d.kind || !fieldDocs.isKnownKind(d.apiVersion, d.kind))) continue;
        walk(d.doc.contents as Node, [], (p, offset) => {
          const key = String(p[p.length - 1]);
          if (compose && key.startsWith('x-')) return false;
          const field = compose ? fieldDocs.composeField(p) : fieldDocs.k8sField(d.apiVersion, d.kind!, p);
          if (!field) {
            const where = p.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('').slice(1);
            problems.push(`${ex.shown}:${fileLine(ex, offset)}: "${key}" is not a field of ${compose ? 'the Compose specification' : `${d.apiVersion} ${d.kind}`} (at ${where})`);
            return false;
          }
          // Below a free-form map (labels, annotations, environment …) keys are the user's own.
          return !(field.type === 'map' && !field.refType);
        });
      }
    }
  }
  report('unknown fields in examples', problems);
});

test('every good example passes all registered rules (no error or warning findings)', () => {
  const problems: string[] = [];
  for (const l of lessons) {
    const good = l.examples.filter((e) => !e.block.badExample);
    const workspace = workspaceOf(good);
    for (const ex of good) {
      const findings = runRules(ex.model, {
        rules: allRules,
        fieldDocs,
        workspace,
        onRuleError: (id, e) => problems.push(`${ex.shown}:${ex.block.line + 1}: rule ${id} threw on this example: ${(e as Error).message}`),
      });
      for (const f of findings) if (f.severity === 'error' || f.severity === 'warning') problems.push(`${describe(ex, f)} (example at line ${ex.block.line + 1})`);
    }
  }
  report(`findings in good examples (${allRules.length} rules: ${allRules.map((r) => r.meta.id).join(', ')})`, problems);
});

test('every bad example triggers at least one finding (the bad-example marker is honest)', () => {
  const problems: string[] = [];
  const seen: string[] = [];
  for (const l of lessons) {
    const good = l.examples.filter((e) => !e.block.badExample);
    for (const ex of l.examples.filter((e) => e.block.badExample)) {
      const findings = runRules(ex.model, { rules: allRules, fieldDocs, workspace: workspaceOf([...good, ex]) });
      const claim = /^\s*#\s*(.+)$/m.exec(ex.block.content)?.[1] ?? '';
      if (findings.length === 0) problems.push(`${ex.shown}:${ex.block.line + 1}: bad example triggers no rule${claim ? ` ("${claim}")` : ''}: either a rule is missing or the example is not bad`);
      else seen.push(`${ex.shown}:${ex.block.line + 1}: ${[...new Set(findings.map((f) => `${f.ruleId}(${f.severity})`))].join(', ')}`);
    }
  }
  if (process.env.LESSON_AWARE_VERBOSE) console.log(`bad examples and what they trigger:\n  ${seen.join('\n  ')}`);
  report(`bad examples without findings (${allRules.length} rules registered)`, problems);
});
