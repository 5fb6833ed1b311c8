/** Test harness for rules: run rules on a text, apply a fix, and check that the fix is safe. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseConcepts } from '../../server/src/lessons/concepts';
import { buildLinkCorpus, LinkCorpus } from '../../server/src/lessons/linkCorpus';
import { parseLesson } from '../../server/src/lessons/parseLesson';
import { parseAllDocuments } from 'yaml';
import { parseManifest } from '../../server/src/model/manifestModel';
import { RuleFinding, runRules } from '../../server/src/rules/engine';
import { applyEdits } from '../../server/src/rules/edits';
import { allRules } from '../../server/src/rules/registry';
import type { Rule } from '../../server/src/rules/types';
import type { WorkspaceResources } from '../../server/src/rules/cross/workspaceResources';
import { createFieldDocs } from '../../server/src/schema/fieldDocs';
import { repoRoot } from './lspClient';

export const fieldDocs = createFieldDocs(path.join(repoRoot, 'dist', 'field-docs'));

export interface RunOptions {
  uri?: string;
  rules?: readonly Rule[];
  workspace?: WorkspaceResources;
}

export function findings(text: string, options: RunOptions = {}): RuleFinding[] {
  const model = parseManifest(options.uri ?? 'file:///w/manifest.yaml', 1, text);
  return runRules(model, {
    rules: options.rules ?? allRules,
    fieldDocs,
    workspace: options.workspace,
    onRuleError: (id, e) => {
      throw new Error(`rule ${id} threw: ${(e as Error).stack}`);
    },
  });
}

export function ids(text: string, options: RunOptions = {}): string[] {
  return findings(text, options).map((f) => f.ruleId);
}

/** Findings of one rule. */
export function findingsOf(ruleId: string, text: string, options: RunOptions = {}): RuleFinding[] {
  return findings(text, options).filter((f) => f.ruleId === ruleId);
}

function countById(list: RuleFinding[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of list) m.set(f.ruleId, (m.get(f.ruleId) ?? 0) + 1);
  return m;
}

/**
 * Applies fix `fixIndex` of the first finding of `ruleId` and checks it is safe: bytes outside the edited
 * ranges stay identical, the result parses, that finding is gone (one fewer of the rule), and no rule fires
 * more often than before. Returns the fixed text.
 */
export function applyFixSafely(ruleId: string, text: string, fixIndex = 0, options: RunOptions = {}): string {
  const before = findings(text, options);
  const target = before.find((f) => f.ruleId === ruleId);
  assert.ok(target, `${ruleId} did not fire`);
  const fix = target.fixes?.[fixIndex];
  assert.ok(fix, `${ruleId} has no fix #${fixIndex}`);
  const out = applyEdits(text, fix.edits);
  // Bytes outside the edits are identical: rebuild the text from the untouched slices and compare.
  const sorted = [...fix.edits].sort((a, b) => a.start - b.start);
  let cursor = 0;
  let outCursor = 0;
  for (const e of sorted) {
    assert.equal(out.slice(outCursor, outCursor + (e.start - cursor)), text.slice(cursor, e.start), 'bytes before an edit changed');
    outCursor += e.start - cursor + e.newText.length;
    cursor = e.end;
  }
  assert.equal(out.slice(outCursor), text.slice(cursor), 'bytes after the last edit changed');
  for (const doc of parseAllDocuments(out) as { errors: unknown[] }[]) assert.deepEqual(doc.errors, [], `fixed text does not parse:\n${out}`);
  const after = findings(out, options);
  const b = countById(before);
  const a = countById(after);
  assert.ok((a.get(ruleId) ?? 0) < (b.get(ruleId) ?? 0), `${ruleId} still fires as often after the fix:\n${out}`);
  for (const [id, n] of a) assert.ok(n <= (b.get(id) ?? 0), `fix for ${ruleId} made ${id} fire (${b.get(id) ?? 0} → ${n}):\n${out}`);
  return out;
}

/** The link corpus of the bundled lessons and glossary, as the server builds it. */
export function bundledLessonCorpus(): LinkCorpus {
  const lessonsDir = path.join(repoRoot, 'lessons');
  const lessons = fs
    .readdirSync(lessonsDir)
    .filter((f) => f.endsWith('.md'))
    .map((f) => parseLesson(fs.readFileSync(path.join(lessonsDir, f), 'utf8'), { uri: pathToFileURL(path.join(lessonsDir, f)).toString(), fsPath: path.join(lessonsDir, f), bundled: true }));
  const { concepts } = parseConcepts(fs.readFileSync(path.join(lessonsDir, 'concepts.yaml'), 'utf8'));
  return buildLinkCorpus(lessons, concepts, fieldDocs);
}
