/**
 * The benchmark's smoke version (issue 8), so `npm run bench` never rots: small generated inputs, one run, our
 * server on every input and yaml-language-server with the offline schema on the small manifest. No performance
 * target is asserted; the test fails when any measurement of the benchmark breaks.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { repoRoot } from '../helpers/lspClient';

interface Stat {
  n: number;
  p50: number | null;
  p99: number | null;
}
interface Session {
  server: string;
  input: string;
  error?: string;
  skipped?: string;
  startupMs?: number;
  readyMs?: number | null;
  openToDiagnosticsMs?: number | null;
  hover?: Stat & { nonEmpty: number };
  edit?: Stat;
  peakRssMb?: number;
  schemaRequests?: number;
}
interface Results {
  mode: string;
  floors: Record<string, number>;
  inputs: { id: string; lines: number }[];
  sessions: Session[];
  lessons: { lessons: number; listed: number; indexMs: number | null; error?: string }[];
  workspace: { server: string; error?: string; hoverDuringIndex: Stat }[];
}

describe('benchmark smoke (npm run bench:smoke)', { timeout: 240_000 }, () => {
  let out: string;
  let stdout = '';
  let results: Results;

  before(() => {
    out = mkdtempSync(path.join(tmpdir(), 'bench-smoke-'));
    const run = spawnSync(process.execPath, [path.join(repoRoot, 'test', 'bench', 'run.mjs'), '--smoke', '--out', out], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 230_000,
    });
    stdout = run.stdout;
    assert.equal(run.status, 0, `bench --smoke exited with ${run.status ?? run.signal}\n${run.stderr.slice(-3000)}`);
    const file = path.join(out, 'latest-smoke.json');
    assert.ok(existsSync(file), 'latest-smoke.json written');
    results = JSON.parse(readFileSync(file, 'utf8')) as Results;
  });

  after(() => rmSync(out, { recursive: true, force: true }));

  it('prints one table with a row per figure', () => {
    assert.match(stdout, /\| input \| metric \| ours \|/);
    for (const metric of ['start-up', 'didOpen → first diagnostics', 'hover p99', 'edit → diagnostics p95', 'peak RSS', 'listLessons', 'hover p99 while indexing']) {
      assert.ok(stdout.includes(metric), `table has "${metric}"`);
    }
  });

  it('measures the parse floor of every input', () => {
    for (const input of results.inputs) assert.ok(results.floors[input.id] > 0, `floor of ${input.id}`);
    assert.ok(results.floors.lessons > 0 && results.floors.workspace > 0);
  });

  it('measures our server on every input', () => {
    for (const input of results.inputs) {
      const s = results.sessions.find((x) => x.server === 'ours' && x.input === input.id);
      assert.ok(s, `session for ${input.id}`);
      assert.equal(s.error, undefined, `no error on ${input.id}`);
      assert.ok(s.startupMs! > 0 && s.readyMs! > 0 && s.openToDiagnosticsMs! > 0, `timings on ${input.id}`);
      assert.ok(s.hover!.n > 0 && s.hover!.p99! > 0 && s.hover!.nonEmpty > 0, `hovers on ${input.id}`);
      assert.ok(s.edit!.n > 0 && s.edit!.p50! > 0, `edits on ${input.id}`);
      assert.ok(s.peakRssMb! > 10, `peak RSS on ${input.id}`);
    }
  });

  it('runs the reference with its offline schema (served through vscode/content, hovers answered from it)', () => {
    const s = results.sessions.find((x) => x.server === 'yls-schema' && x.input === 'k8s-small');
    assert.ok(s, 'reference session');
    assert.equal(s.error, undefined);
    assert.ok(s.schemaRequests! >= 2, 'all.json and _definitions.json requested');
    assert.ok(s.openToDiagnosticsMs! > 0 && s.hover!.nonEmpty > 0 && s.edit!.n > 0);
  });

  it('builds the lesson index and indexes the workspace folder', () => {
    const l = results.lessons[0];
    assert.equal(l.error, undefined);
    assert.equal(l.listed, l.lessons);
    assert.ok(l.indexMs! > 0);
    const w = results.workspace.find((x) => x.server === 'ours');
    assert.ok(w && w.error === undefined && w.hoverDuringIndex.n > 0);
  });
});
