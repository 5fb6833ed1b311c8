// @ts-check
/**
 * The fuzz tier: `npm run test:fuzz [-- options]` drives the built server (dist/server.js) over stdio.
 *   --seed N          replay one seed of the edit fuzz (repeatable; "--seed 3 --seed 9")
 *   --seeds A-B       a range of seeds (default 1-40)
 *   --edits N         edits per sequence (default 40), --sequences N per seed (default 3)
 *   --only edits|hostile   run one half
 *   --slice           the short deterministic slice that also runs in `npm test`: 3 seeds × 100 edits, the
 *                     hostile set without the 10 MB file and with its counts and sizes at 1/50 (same depths; the inputs of known defects at 1/5000)
 *   --no-big          skip the 10 MB file
 *   --input TEXT      only the hostile inputs whose name contains TEXT (repeatable)
 *   --help            print these options and the known defects (knownDefects.mjs) and exit
 * Exit code 0 when the server never exited, never answered an error, answered every request in under 1 s,
 * kept every contract, and returned near its memory baseline after the hostile documents closed.
 */
import { existsSync } from 'node:fs';
import { runEditSeed } from './editFuzz.mjs';
import { runHostile } from './hostileRun.mjs';
import { knownDefects } from './knownDefects.mjs';
import { serverPath } from './lspClient.mjs';
import { FuzzStats } from './stats.mjs';

/** The slice in `npm test`: fixed seeds, a few hundred edits, the hostile set without the 10 MB file. */
export const sliceOptions = { seeds: [101, 202, 303], sequences: 2, edits: 40, big: false, scale: 0.02, knownScale: 0.01, hangAfterMs: 15_000, edit: true, hostile: true };

/** @param {string[]} argv */
export function parseArgs(argv) {
  /** @type {{ seeds: number[], sequences: number, edits: number, big: boolean, scale: number, knownScale: number, hangAfterMs: number, edit: boolean, hostile: boolean, inputs?: string[] }} */
  const options = { seeds: range(1, 40), sequences: 3, edits: 40, big: true, scale: 1, knownScale: 1, hangAfterMs: 60_000, edit: true, hostile: true };
  /** @type {number[]} */
  const explicit = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => argv[++i] ?? '';
    if (a === '--seed') explicit.push(Number(value()));
    else if (a === '--seeds') {
      const [lo, hi] = value().split('-').map(Number);
      options.seeds = range(lo, hi ?? lo);
    } else if (a === '--edits') options.edits = Number(value());
    else if (a === '--sequences') options.sequences = Number(value());
    else if (a === '--only') {
      const which = value();
      options.edit = which === 'edits';
      options.hostile = which === 'hostile';
    } else if (a === '--slice') Object.assign(options, sliceOptions);
    else if (a === '--no-big') options.big = false;
    else if (a === '--input') {
      options.inputs = [...(options.inputs ?? []), value()];
      if (!argv.includes('--only')) options.edit = false;
    }
    else throw new Error(`unknown option ${a}`);
  }
  if (explicit.length) {
    options.seeds = explicit;
    if (!argv.includes('--only')) options.hostile = false;
  }
  return options;
}

/**
 * Runs the fuzz tier and returns its stats.
 * @param {ReturnType<typeof parseArgs>} options @param {(line: string) => void} [log]
 */
export async function runFuzz(options, log = () => undefined) {
  if (!existsSync(serverPath)) throw new Error(`${serverPath} missing: run npm run build first`);
  const stats = new FuzzStats();
  if (options.edit) {
    for (const seed of options.seeds) {
      const before = stats.failures.length;
      const started = performance.now();
      await runEditSeed(seed, options, stats);
      log(`seed ${seed}: ${options.sequences} × ${options.edits} edits, ${(performance.now() - started).toFixed(0)} ms${stats.failures.length > before ? `, FAILED (replay: npm run test:fuzz -- --seed ${seed})` : ''}`);
    }
  }
  if (options.hostile) await runHostile({ big: options.big, scale: options.scale, knownScale: options.knownScale, hangAfterMs: options.hangAfterMs, inputs: options.inputs }, stats, log);
  return stats;
}

/** @param {number} lo @param {number} hi */
function range(lo, hi) {
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

/** The options above and the defects the full tier still fails on. */
export function usage() {
  const lines = [
    'npm run test:fuzz [-- options]   (node test/fuzz/run.mjs; run `npm run build` first)',
    '  --seed N | --seeds A-B   edit fuzz seeds (default 1-40); --edits N (40); --sequences N (3)',
    '  --only edits|hostile     one half of the tier',
    '  --slice                  the short slice that runs in npm test',
    '  --no-big                 without the 10 MB file',
    '  --input TEXT             only the hostile inputs whose name contains TEXT',
    '',
    `Known defects (test/fuzz/knownDefects.mjs): ${knownDefects.length ? '' : 'none'}`,
    ...knownDefects.map((d) => `  - ${d.input}: ${d.where}`),
  ];
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop() ?? '')) {
  if (process.argv.includes('--help')) {
    console.log(usage());
    process.exit(0);
  }
  const options = parseArgs(process.argv.slice(2));
  console.log(`fuzz: seeds ${options.edit ? options.seeds.join(',') : '-'}; ${options.sequences} sequences × ${options.edits} edits per seed; hostile set ${options.hostile ? (options.big ? 'with' : 'without') + ' the 10 MB file' : 'skipped'}`);
  const stats = await runFuzz(options, (line) => console.log(line));
  console.log('');
  console.log(stats.report());
  console.log('');
  console.log(stats.ok ? 'fuzz: PASS' : 'fuzz: FAIL');
  process.exitCode = stats.ok ? 0 : 1;
}
