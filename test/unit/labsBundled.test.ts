/**
 * The lab check over every bundled lab (lessons/labs/<id>/): format valid, `lesson`/`hint` resolve to real
 * sections of the bundled lessons, every check file exists in starter/ and solution/, the starter fails every
 * step, the solution passes every step and has no finding of severity error. Failures name lab.md:line, the
 * lab and the step. The course ships at least six labs.
 *
 * Point LESSON_AWARE_LESSONS_DIR at another lesson folder to run the same check on its labs.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { auditLabs } from '../helpers/labAudit';
import { repoRoot } from '../helpers/lspClient';

const lessonsDir = path.resolve(process.env.LESSON_AWARE_LESSONS_DIR ?? path.join(repoRoot, 'lessons'));
const audit = auditLabs(lessonsDir);

test('the course ships at least six labs under lessons/labs/<id>/lab.md', () => {
  assert.ok(audit.labs.length >= 6, `expected at least 6 bundled labs, found ${audit.labs.length}: ${audit.labs.join(', ') || 'none'}`);
});

test('every bundled lab is valid, linked, and real work: the starter fails and the solution passes every step', () => {
  if (audit.problems.length) assert.fail(`${audit.problems.length} lab problems:\n  ${audit.problems.join('\n  ')}`);
});
