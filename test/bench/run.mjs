// `npm run bench` (issue 8): our language server against yaml-language-server (offline schema, and no schema)
// and the `yaml` parse floor, on the same generated inputs, in the same run. Prints one table and writes
// bench-results/bench-<mode>-<date>.json, latest-<mode>.json and latest-<mode>.md (the table). `npm run bench` first runs
// scripts/bench/prepare.mjs (npm run package → the measured bundle and the .vsix size).
// Usage: node test/bench/run.mjs [--smoke] [--runs N] [--out DIR] [--servers a,b] [--inputs a,b] [--no-vsix]
//                                [--all-definitions] [--budget-min M]
//   --smoke            small inputs, 1 run, short budgets, our server on every input and the schema reference on
//                      the small manifest only (what `npm test` runs so the benchmark never rots)
//   --servers          ours, yls-schema, yls-noschema (default: all);  --inputs  k8s-large, k8s-small, compose
//   --all-definitions  list every definition in the reference's all.json, as upstream does (much slower first load)
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sizes, writeInputs } from '../../scripts/bench/gen-inputs.mjs';
import { composeSchema, kubernetesSchema } from '../../scripts/bench/gen-schemas.mjs';
import { lessonFloorMs, parseFloorMs, workspaceFloorMs } from './floors.mjs';
import { renderTable } from './report.mjs';
import { runLessonIndex, runWorkspace, workspacePaths } from './scenarios.mjs';
import { serverKinds } from './servers.mjs';
import { prepareInput, runSession } from './session.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const smoke = flag('--smoke');
const runs = Number(option('--runs', smoke ? 1 : 3));
const outDir = option('--out', join(root, 'bench-results'));
const size = smoke ? sizes.smoke : sizes.full;
const benchStarted = performance.now();
/** The whole benchmark must end within 15 minutes: later reference runs are skipped when time runs short. */
const globalBudgetMs = Number(option('--budget-min', smoke ? 3 : 12)) * 60_000;
const list = (name, fallback) => option(name, fallback)?.split(',').map((s) => s.trim());
const onlyServers = list('--servers', smoke ? 'ours,yls-schema' : undefined);
const onlyInputs = list('--inputs', undefined);
/** In smoke mode the references run on the small manifest only (enough to prove the offline schema path works). */
const referenceInputs = smoke ? ['k8s-small'] : undefined;

const o = {
  timeouts: { start: 20_000, open: smoke ? 30_000 : 60_000, request: 10_000, diagnostics: smoke ? 10_000 : 20_000, index: 30_000, workspace: smoke ? 15_000 : 25_000 },
  budgets: { hovers: smoke ? 10_000 : 15_000, edits: smoke ? 10_000 : 20_000, hoverAfterEdit: 10_000 },
  hoverAfterEdit: smoke ? 3 : 10,
  workspaceHovers: smoke ? 30 : 500,
};
const counts = { hovers: smoke ? 30 : 500, edits: smoke ? 5 : 50 };

function log(message) {
  const s = ((performance.now() - benchStarted) / 1000).toFixed(0).padStart(4);
  process.stderr.write(`[bench ${s}s] ${message}\n`);
}

function timeLeft() {
  return globalBudgetMs - (performance.now() - benchStarted);
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'lesson-aware-bench-'));
  try {
    if (!existsSync(join(root, 'dist', 'server.js'))) throw new Error('dist/server.js is missing: run `npm run build` first');
    log(`inputs → ${work}`);
    const paths = writeInputs(work, size);
    const k8s = kubernetesSchema({ allKinds: flag('--all-definitions') });
    const kinds = serverKinds(root, k8s, composeSchema()).filter((k) => !onlyServers || onlyServers.includes(k.id));
    const read = (p) => readFileSync(p, 'utf8');
    const inputs = [
      { id: 'k8s-large', label: `Kubernetes ${size.k8sLarge.toLocaleString('en')} lines`, path: paths.k8sLarge, flavor: 'kubernetes' },
      { id: 'k8s-small', label: `Kubernetes ${size.k8sSmall} lines`, path: paths.k8sSmall, flavor: 'kubernetes' },
      { id: 'compose', label: `Compose ${size.composeLines.toLocaleString('en')} lines, ${size.composeServices} services`, path: paths.compose, flavor: 'compose' },
    ]
      .filter((i) => !onlyInputs || onlyInputs.includes(i.id))
      .map((i) => prepareInput({ ...i, text: read(i.path) }, counts));

    const results = {
      date: new Date().toISOString(),
      mode: smoke ? 'smoke' : 'full',
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memGb: Math.round(totalmem() / 2 ** 30), freeGb: Math.round(freemem() / 2 ** 30), node: process.version, platform: `${process.platform} ${process.arch}`, loadAvgAtStart: loadavg() },
      reference: { yamlLanguageServer: readJson(join(root, 'node_modules', 'yaml-language-server', 'package.json'))?.version, kubernetesVersion: '1.34.1', k8sSchema: { definitions: k8s.definitions, kinds: k8s.kinds, listedInAllJson: k8s.listedInAll } },
      settings: { runs, ...o, ...counts },
      inputs: inputs.map((i) => ({ id: i.id, label: i.label, lines: i.lines, bytes: Buffer.byteLength(i.text), hovers: i.hoverAt.length, edits: i.edits.length })),
      floors: {},
      sessions: [],
      lessons: [],
      workspace: [],
      vsix: null,
    };

    log('floors');
    for (const i of inputs) results.floors[i.id] = parseFloorMs(i.text);
    results.floors.lessons = lessonFloorMs(paths.course);
    results.floors.workspace = workspaceFloorMs(paths.workspace);

    // run 1 of every server on every input first, then further runs while the global budget allows (a slow
    // reference then costs runs, never the 15-minute limit); lessons and workspace go with each run of ours
    for (let run = 1; run <= runs; run++) {
      for (const kind of kinds) {
        for (const input of inputs) {
          if (kind.reference && referenceInputs && !referenceInputs.includes(input.id)) continue;
          if (run > 1 && timeLeft() < (kind.reference ? 150_000 : 90_000)) {
            results.sessions.push({ server: kind.id, input: input.id, run, skipped: 'global time budget' });
            log(`${kind.id} ${input.id} run ${run}: skipped (global budget)`);
            continue;
          }
          log(`${kind.id} ${input.id} run ${run}/${runs}`);
          const r = await runSession(kind, input, { ...o, hoverAfterEdit: kind.reference ? 0 : o.hoverAfterEdit });
          results.sessions.push({ ...r, run });
          if (r.error) log(`  error: ${r.error}`);
        }
        if (!kind.reference) {
          log(`${kind.id} lesson index run ${run}/${runs}`);
          results.lessons.push({ ...(await runLessonIndex(kind, { course: paths.course, count: size.lessons, probe: inputs.find((i) => i.id === 'k8s-small') ?? inputs[0] }, o)), run });
        }
        const wsWanted = kind.id === 'ours' || (kind.id === 'yls-schema' && !smoke);
        if (wsWanted && (run === 1 || (!kind.reference && timeLeft() > 240_000))) {
          log(`${kind.id} workspace (${size.workspaceFiles} files) run ${run}`);
          results.workspace.push({ ...(await runWorkspace(kind, workspacePaths(paths.workspace, size.workspaceFiles), o)), run });
        }
      }
    }

    if (!smoke && !flag('--no-vsix')) results.vsix = packageSize();
    results.wallMs = performance.now() - benchStarted;
    results.machine.loadAvgAtEnd = loadavg();

    const table = renderTable(results);
    console.log(table);
    mkdirSync(outDir, { recursive: true });
    const stamp = results.date.replace(/[:.]/g, '-');
    const json = `${JSON.stringify(results, null, 2)}\n`;
    writeFileSync(join(outDir, `bench-${results.mode}-${stamp}.json`), json);
    writeFileSync(join(outDir, `latest-${results.mode}.json`), json);
    writeFileSync(join(outDir, `latest-${results.mode}.md`), `${table}\n`);
    log(`done in ${(results.wallMs / 1000).toFixed(0)} s → ${outDir}`);
    const failed = [...results.sessions, ...results.lessons, ...results.workspace].filter((r) => r.error && r.server === 'ours');
    if (failed.length) {
      console.error(`our server failed in ${failed.length} measurement(s): ${failed.map((f) => f.error).join('; ')}`);
      process.exitCode = 1;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function readJson(p) {
  try {
    return JSON.parse(readFileSync(p, 'utf8'));
  } catch {
    return undefined;
  }
}

/** `.vsix` size measured by scripts/bench/prepare.mjs (the first step of `npm run bench`), when it is fresh. */
function packageSize() {
  const prep = readJson(join(root, 'bench-results', 'prepare.json'));
  if (!prep || Date.now() - Date.parse(prep.at) > 2 * 3600_000) return { skipped: 'not packaged (run `npm run bench`)' };
  return { ...prep.vsix, build: prep.build, note: `measured bundle built by ${prep.build}` };
}

main().catch((e) => {
  console.error(e?.stack ?? e);
  process.exitCode = 1;
});
