/**
 * Fix safety at scale: every quick fix of every finding on every corpus file (test/fixtures/fix-safety/, each
 * as written and converted to CRLF) is applied and checked by test/helpers/fixSafety.ts: bytes outside the
 * edits identical, the change inside the region the fix claims, the result parses and keeps its line ends, the
 * finding is gone, nothing new fires. The few follow-up findings a fix legitimately reveals are listed below
 * with the reason; an exception that no fix uses any more fails the run, so the list cannot go stale.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { analyse, checkFix, corpusFiles, findingKey } from '../helpers/fixSafety';

interface Exception {
  /** The rule whose fix may reveal the follow-up, and the fix (by title). */
  rule: string;
  fix: RegExp;
  /** Whether a new finding (its key) is the documented follow-up of the fixed finding (its key). */
  allows(newKey: ParsedKey, target: ParsedKey): boolean;
  reason: string;
}

interface ParsedKey {
  rule: string;
  doc: string;
  path: string;
}

function parseKey(key: string): ParsedKey {
  const [rule, doc, ...rest] = key.split(' ');
  return { rule, doc, path: rest.join(' ').replace(/^@/, '') };
}

const exceptions: Exception[] = [
  {
    rule: 'schema-api-version-mismatch',
    fix: /^Use (kind|apiVersion): /,
    allows: (n, t) => n.doc === t.doc,
    reason: 'with an unknown kind the document is no workload to the rules; once the kind is right, its own findings can be computed for the first time (nothing the fix wrote causes them)',
  },
  {
    rule: 'k8s-deprecated-api-version',
    fix: /^Use apiVersion /,
    allows: (n, t) => n.doc === t.doc && n.rule.startsWith('schema-'),
    reason: 'no schema is bundled for removed API versions; after the upgrade the schema rules check the document for the first time',
  },
  {
    rule: 'schema-compose-unknown-key',
    fix: /^Rename to (image|build)$/,
    allows: (n, t) => n.rule.startsWith('compose-') && n.path.split('.').slice(0, 2).join('.') === t.path.split('.').slice(0, 2).join('.'),
    reason: 'a service without image or build is incomplete and the hardening rules skip it; renaming the misspelt key completes the service',
  },
  {
    rule: 'k8s-plaintext-secret-env',
    fix: /^Replace with valueFrom\.secretKeyRef/,
    allows: (n, t) => n.rule === 'x-referenced-config-not-found' && n.doc === t.doc && n.path === `${t.path}.name`,
    reason: 'the fix writes a placeholder Secret name the title asks the user to edit; the reference finding is that reminder, on the placeholder itself',
  },
  {
    rule: 'k8s-host-namespace',
    fix: /^Set hostNetwork: false$/,
    allows: (n, t) => n.rule === 'k8s-host-port' && n.doc === t.doc,
    reason: 'with hostNetwork every container port is a host port, so explicit hostPorts are not reported; turning hostNetwork off must not silently drop the author’s port settings, and the revealed hostPort finding offers its own "Remove hostPort" fix',
  },
];

const usedExceptions = new Set<Exception>();
const totals = { files: 0, fixes: 0, findingsWithFixes: 0, revealed: 0 };

for (const file of corpusFiles()) {
  test(`fix safety: every fix on ${file.name}`, () => {
    for (const doc of parseAllDocuments(file.text) as { errors: unknown[] }[]) assert.deepEqual(doc.errors, [], `${file.name} must parse before any fix`);
    const before = analyse(file.uri, file.text);
    const failures: string[] = [];
    totals.files++;
    for (const target of before.findings) {
      if (target.fixes?.length) totals.findingsWithFixes++;
      const targetKey = parseKey(findingKey(before.model, before.regions, target));
      for (const fix of target.fixes ?? []) {
        totals.fixes++;
        const applicable = exceptions.filter((e) => e.rule === target.ruleId && e.fix.test(fix.title.en));
        const outcome = checkFix(before, target, fix, (key) => {
          const used = applicable.find((e) => e.allows(parseKey(key), targetKey));
          if (used) usedExceptions.add(used);
          return !!used;
        });
        totals.revealed += outcome.newKeys.length;
        if (outcome.problems.length) failures.push(`${target.ruleId} — "${fix.title.en}":\n    ${outcome.problems.join('\n    ')}`);
      }
    }
    assert.deepEqual(failures, [], `unsafe fixes on ${file.name}:\n  ${failures.join('\n  ')}`);
  });
}

test('fix safety: every documented exception is still needed, and the corpus exercised fixes', (t) => {
  const unused = exceptions.filter((e) => !usedExceptions.has(e)).map((e) => `${e.rule} ${e.fix}`);
  assert.deepEqual(unused, [], 'exceptions no fix needs any more: remove them');
  assert.ok(totals.fixes > 500, `only ${totals.fixes} fixes applied`);
  t.diagnostic(`${totals.fixes} fix applications (${totals.findingsWithFixes} findings with fixes) over ${totals.files} corpus files (LF + CRLF); ${totals.revealed} documented follow-up findings`);
});
