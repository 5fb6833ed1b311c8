// @ts-check
/** What the fuzz tier counts and checks: request timings, error answers, contract violations, crashes, memory. */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { knownDefectFor } from './knownDefects.mjs';
import { repoRoot } from './lspClient.mjs';

/** A request slower than this fails the run. */
export const maxAnswerMs = 1000;
export const artifactsDir = path.join(repoRoot, 'test-results', 'fuzz');

/** @typedef {{ kind: string, label: string, detail: string }} Failure */

export class FuzzStats {
  constructor() {
    /** @type {Record<string, number>} */
    this.requests = {};
    this.slowest = { ms: 0, cpuMs: 0, method: '', label: '' };
    /** The request during which the server burned the most CPU. */
    this.busiest = { ms: 0, cpuMs: 0, method: '', label: '' };
    /** Answers over 1 s of wall time while the server used under 1 s of CPU (a loaded machine, not a slow server). */
    this.slowOnBusyMachine = 0;
    /** @type {Record<string, number>} inputs tried, by kind */
    this.inputs = {};
    /** @type {Failure[]} */
    this.failures = [];
    /** @type {Map<string, { count: number, first: string, label: string }>} handler errors the server caught and logged */
    this.loggedErrors = new Map();
    this.crashes = 0;
    this.diagnosticsPublished = 0;
    this.codeActions = 0;
    this.fixesApplied = 0;
    this.slowestDiagnostics = { ms: 0, label: '' };
    this.peakRss = 0;
    /** Slowest start-up (initialize → lessons indexed, field docs loaded, first hover answered), in ms. */
    this.startupMs = 0;
    /** @type {{ baseline: number, peak: number, after: number, limit: number } | undefined} */
    this.memory = undefined;
    this.startedAt = performance.now();
    /** Label of the input being driven now (for timings and failures). */
    this.current = '';
  }

  /**
   * A request is slow when it waited more than 1 s and the server burned more than 1 s of CPU meanwhile;
   * a long wait with little server CPU means the machine was busy, counted apart (not a failure).
   * @param {{ method: string, ms: number, cpuMs: number, label: string }} t
   */
  timing(t) {
    if (t.label === 'warm-up' || t.method === 'initialize' || t.method === 'shutdown') return;
    this.requests[t.method] = (this.requests[t.method] ?? 0) + 1;
    const label = t.label || this.current;
    if (t.ms > this.slowest.ms) this.slowest = { ms: t.ms, cpuMs: t.cpuMs, method: t.method, label };
    if (t.cpuMs > this.busiest.cpuMs) this.busiest = { ms: t.ms, cpuMs: t.cpuMs, method: t.method, label };
    if (t.ms > maxAnswerMs && t.cpuMs > maxAnswerMs) {
      this.fail('slow', label, `${t.method} answered in ${t.ms.toFixed(0)} ms (server CPU ${t.cpuMs.toFixed(0)} ms; limit ${maxAnswerMs} ms)`);
    } else if (t.ms > maxAnswerMs) this.slowOnBusyMachine++;
  }

  /** @param {string} kind @param {number} [n] */
  tried(kind, n = 1) {
    this.inputs[kind] = (this.inputs[kind] ?? 0) + n;
  }

  /** @param {string} kind @param {string} label @param {string} detail */
  fail(kind, label, detail) {
    if (this.failures.length < 200) this.failures.push({ kind, label, detail });
  }

  /** Moves the server's logged handler errors into the stats (grouped by their first stack line). @param {{ loggedErrors: { message: string }[] }} client */
  drainLogged(client) {
    for (const e of client.loggedErrors.splice(0)) {
      const key = e.message.split('\n').slice(0, 2).join(' | ').replace(/\d+/g, 'N');
      const seen = this.loggedErrors.get(key);
      if (seen) seen.count++;
      else this.loggedErrors.set(key, { count: 1, first: e.message, label: this.current });
    }
  }

  /** Keeps the text that made a failure, so it can be opened and replayed by hand. @param {string} label @param {string} text */
  saveInput(label, text) {
    try {
      mkdirSync(artifactsDir, { recursive: true });
      const file = path.join(artifactsDir, `${label.replace(/[^\w.-]+/g, '_').slice(0, 80)}.yaml`);
      writeFileSync(file, text.length > 20_000_000 ? text.slice(0, 20_000_000) : text);
      return file;
    } catch {
      return '';
    }
  }

  get ok() {
    return this.failures.every((f) => f.kind === 'note') && this.crashes === 0;
  }

  /** The summary table (Markdown, so it can go straight into the README). */
  table() {
    const mb = (/** @type {number} */ b) => `${(b / 1048576).toFixed(0)} MB`;
    const reqTotal = Object.values(this.requests).reduce((s, n) => s + n, 0);
    const rows = [
      ['inputs tried', Object.entries(this.inputs).map(([k, n]) => `${n} ${k}`).join(', ')],
      ['requests answered', `${reqTotal} (${Object.entries(this.requests).map(([k, n]) => `${k.replace(/^textDocument\//, '')} ${n}`).join(', ')})`],
      ['diagnostics published / code actions / fixes applied', `${this.diagnosticsPublished} / ${this.codeActions} / ${this.fixesApplied}`],
      ['slowest answer (wall clock)', `${this.slowest.ms.toFixed(0)} ms (server CPU ${this.slowest.cpuMs.toFixed(0)} ms) — ${this.slowest.method.replace(/^textDocument\//, '')} on ${this.slowest.label}`],
      ['most server CPU while one request waited', `${this.busiest.cpuMs.toFixed(0)} ms (wall ${this.busiest.ms.toFixed(0)} ms) — ${this.busiest.method.replace(/^textDocument\//, '')} on ${this.busiest.label}`],
      ['answers over 1 s only because the machine was busy', `${this.slowOnBusyMachine} (load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs at the end)`],
      ['slowest diagnostics (change → publish)', `${this.slowestDiagnostics.ms.toFixed(0)} ms — ${this.slowestDiagnostics.label}`],
      ['server start-up (initialize → first hover, not under the 1 s budget)', `${this.startupMs.toFixed(0)} ms (slowest of the servers started)`],
      ['peak memory (VmHWM)', mb(this.peakRss)],
      ...(this.memory
        ? [['memory after hostile documents closed', `${mb(this.memory.after)} (baseline ${mb(this.memory.baseline)}, limit ${mb(this.memory.limit)} = 1.5 × baseline + 50 MB)`]]
        : []),
      ['error answers / slow answers / timed-out requests / hangs / contract violations', `${count(this.failures, 'error')} / ${count(this.failures, 'slow')} / ${count(this.failures, 'timeout')} / ${count(this.failures, 'hang')} / ${count(this.failures, 'contract')}`],
      ['handler errors logged by the server', String([...this.loggedErrors.values()].reduce((s, e) => s + e.count, 0))],
      ['crashes (server exits)', String(this.crashes)],
      ['wall time', `${((performance.now() - this.startedAt) / 1000).toFixed(1)} s`],
    ];
    return ['| measure | result |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
  }

  report() {
    const out = [this.table()];
    if (this.loggedErrors.size) {
      out.push('', 'Handler errors the server caught and logged (first of each kind):');
      for (const e of this.loggedErrors.values()) out.push(`- ×${e.count} on ${e.label}: ${e.first.split('\n').slice(0, 4).join('\n    ')}`);
    }
    const known = new Set(this.failures.map((f) => knownDefectFor(f.label)).filter((d) => d !== undefined));
    if (known.size) {
      out.push('', 'Known defects hit (test/fuzz/knownDefects.mjs):');
      for (const d of known) out.push(`- ${d.input}: ${d.where}: ${d.defect}`);
    }
    if (this.failures.length) {
      /** @type {Map<string, { count: number, first: string }>} */
      const groups = new Map();
      for (const f of this.failures) {
        if (f.kind === 'note') continue;
        const key = `[${f.kind}] ${f.label.replace(/ (@|codeAction |edit \d).*$/, '')}`;
        const g = groups.get(key);
        if (g) g.count++;
        else groups.set(key, { count: 1, first: f.detail });
      }
      out.push('', 'Failures by input:');
      for (const [key, g] of groups) out.push(`- ${key} ×${g.count}, e.g. ${g.first}`);
    }
    if (this.failures.length) {
      out.push('', `FAILURES (${this.failures.length}${this.failures.length >= 200 ? '+' : ''}):`);
      for (const f of this.failures.slice(0, 40)) out.push(`- [${f.kind}] ${f.label}: ${f.detail}`);
    }
    return out.join('\n');
  }
}

/** @param {Failure[]} failures @param {string} kind */
function count(failures, kind) {
  return failures.filter((f) => f.kind === kind).length;
}
