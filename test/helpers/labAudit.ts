/**
 * The lab check (lessons/labs/README.md) over every lab of a lesson folder: format, links to lesson sections,
 * check files present in starter/ and solution/, the starter failing every step, the solution passing every
 * step without a finding of severity error. Problems name `lab.md:line`, the lab and the step.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { evaluateLab } from '../../server/src/labs/evaluateLab';
import { linkProblems, listLabFiles, relativeFiles } from '../../server/src/labs/labCatalog';
import type { LabFiles } from '../../server/src/labs/labFileSet';
import { LabFileSet } from '../../server/src/labs/labFileSet';
import { checkFiles } from '../../server/src/labs/labModel';
import { parseLab } from '../../server/src/labs/parseLab';
import { LessonIndex } from '../../server/src/lessons/lessonIndex';
import { fieldDocs } from './ruleHarness';
import { repoRoot } from './lspClient';

export interface LabAudit {
  /** Ids of the labs found (usable or not). */
  labs: string[];
  problems: string[];
}

function shown(file: string): string {
  const rel = path.relative(repoRoot, file);
  return rel.startsWith('..') ? file : rel;
}

export function readFolder(dir: string): LabFiles {
  const files: LabFiles = {};
  for (const f of relativeFiles(dir)) files[f] = fs.readFileSync(path.join(dir, f), 'utf8');
  return files;
}

export function lessonIndexOf(lessonFolder: string): LessonIndex {
  const warnings: string[] = [];
  const index = new LessonIndex({ fieldDocs, warn: (m) => warnings.push(m), log: () => undefined });
  index.configure([{ dir: lessonFolder, bundled: true }]);
  return index;
}

export function auditLabs(lessonFolder: string): LabAudit {
  const lessons = lessonIndexOf(lessonFolder);
  const labs: string[] = [];
  const problems: string[] = [];
  for (const labFile of listLabFiles(lessonFolder)) {
    const dir = path.dirname(labFile);
    const id = path.basename(dir);
    const at = (line: number) => `${shown(labFile)}:${line}`;
    labs.push(id);
    const parsed = parseLab(fs.readFileSync(labFile, 'utf8'), id);
    for (const p of parsed.problems) problems.push(`${at(p.line)}: ${p.message}`);
    if (!parsed.lab) continue;
    const lab = parsed.lab;
    for (const p of linkProblems({ lab, dir, labFile, lessonFolder }, lessons)) problems.push(`${at(p.line)}: ${p.message}`);
    const starter = readFolder(path.join(dir, 'starter'));
    const solution = readFolder(path.join(dir, 'solution'));
    for (const step of lab.steps) {
      for (const file of checkFiles(step.check)) {
        if (solution[file] === undefined) problems.push(`${at(step.line)}: ${id}/${step.id}: check file ${file} is not in solution/`);
      }
    }
    const ctx = { lang: 'en' as const, fieldDocs };
    const target = { labId: id, folderUri: 'file:///lab' };
    const starterState = evaluateLab(lab, target, starter, ctx);
    const solutionState = evaluateLab(lab, target, solution, ctx);
    lab.steps.forEach((step, i) => {
      if (starterState.steps[i].passed) problems.push(`${at(step.line)}: ${id}/${step.id}: the starter files already pass this step`);
      if (!solutionState.steps[i].passed) problems.push(`${at(step.line)}: ${id}/${step.id}: the solution fails this step: ${solutionState.steps[i].reason}`);
    });
    const set = new LabFileSet(solution, ctx);
    for (const file of set.yamlFiles()) {
      const line = set.syntaxErrorLine(file);
      if (line !== undefined) problems.push(`${shown(path.join(dir, 'solution', file))}:${line}: YAML syntax error`);
      for (const f of set.findings(file).filter((x) => x.severity === 'error')) problems.push(`${id}: solution has an error: ${set.describeFinding(file, f)}`);
    }
  }
  return { labs, problems };
}
