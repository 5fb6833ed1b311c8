/**
 * The fuzz tier's deterministic slice (test/fuzz/): fixed seeds, a few hundred incremental edits with hover,
 * linksAt and code actions after each, and the hostile YAML set without the 10 MB file, at 1/10 of the full
 * counts and sizes (same nesting depths). The full tier is `npm run test:fuzz`.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../helpers/lspClient';

interface FuzzStats {
  ok: boolean;
  inputs: Record<string, number>;
  crashes: number;
  report(): string;
}

interface FuzzRunner {
  sliceOptions: Record<string, unknown>;
  runFuzz(options: Record<string, unknown>, log?: (line: string) => void): Promise<FuzzStats>;
}

test('fuzz slice: the server survives random edits and hostile YAML, answers fast, keeps its contracts', { timeout: 180_000 }, async (t) => {
  const runner = (await import(pathToFileURL(path.join(repoRoot, 'test', 'fuzz', 'run.mjs')).href)) as FuzzRunner;
  const stats = await runner.runFuzz({ ...runner.sliceOptions });
  t.diagnostic(`\n${stats.report()}`);
  assert.equal(stats.crashes, 0, stats.report());
  assert.ok((stats.inputs['edits'] ?? 0) >= 300, 'a few hundred edits ran');
  assert.ok((stats.inputs['hostile documents'] ?? 0) >= 40, 'the hostile set ran');
  assert.ok(stats.ok, stats.report());
});
