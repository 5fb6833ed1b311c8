/**
 * The language server ships as three bundles (scripts/lib/serverBundles.mjs): the entry, built from
 * server/src/server.ts, loads nothing but the LSP libraries before it answers `initialize`; the core holds the
 * rest and shares the entry's LSP libraries (dist/lsp.js); every bundle is packaged in the .vsix.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const repo = path.join(__dirname, '..', '..', '..');

interface BundleConfig extends esbuild.BuildOptions {
  outfile: string;
}

async function bundleConfigs(): Promise<BundleConfig[]> {
  const module = (await import(pathToFileURL(path.join(repo, 'scripts', 'lib', 'serverBundles.mjs')).href)) as { serverBundles(common: esbuild.BuildOptions): BundleConfig[] };
  return module.serverBundles({ bundle: true, platform: 'node', format: 'cjs', target: 'node18', absWorkingDir: repo, logLevel: 'silent' });
}

/** The source files and packages bundled into `outfile`, and what it imports at run time. */
async function bundleInputs(outfile: string): Promise<{ inputs: string[]; imports: string[] }> {
  const config = (await bundleConfigs()).find((b) => b.outfile === outfile);
  assert.ok(config, `no bundle writes ${outfile}`);
  const result = await esbuild.build({ ...config, write: false, metafile: true, sourcemap: false });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint);
  assert.ok(output);
  return { inputs: Object.keys(output.inputs), imports: output.imports.map((i) => i.path) };
}

test('the entry bundle holds only the LSP wiring: no rules, YAML model, lessons, labs, field docs, yaml or markdown-it', async () => {
  const { inputs, imports } = await bundleInputs('dist/server.js');
  const heavy = inputs.filter((f) => /^server\/src\/(rules|model|lessons|labs|features|schema|workspace)\/|node_modules\/(yaml|markdown-it)\//.test(f));
  assert.deepEqual(heavy, []);
  assert.ok(!inputs.some((f) => f.includes('node_modules/vscode-languageserver/') || f.includes('node_modules/vscode-jsonrpc/')), 'LSP libraries come from lsp.js, not bundled in the entry');
  assert.ok(imports.includes('./lsp.js'));
});

test('the core bundle shares the LSP libraries of lsp.js instead of bundling a second copy', async () => {
  const { inputs, imports } = await bundleInputs('dist/server-core.js');
  assert.ok(!inputs.some((f) => /node_modules\/vscode-(languageserver|languageserver-protocol|jsonrpc)\//.test(f)));
  assert.ok(imports.includes('./lsp.js'));
  assert.ok(inputs.includes('server/src/serverCore.ts'));
});

test('the entry loads the core bundle by the name the build writes it under', async () => {
  const entry = fs.readFileSync(path.join(repo, 'server', 'src', 'server.ts'), 'utf8');
  const coreName = /const CORE_BUNDLE = '([^']+)'/.exec(entry)?.[1];
  const outfiles = (await bundleConfigs()).map((b) => b.outfile);
  assert.ok(coreName && outfiles.includes(`dist/${coreName}`), `${coreName} is not among ${outfiles.join(', ')}`);
});

test('every server bundle is packaged: .vscodeignore lets each one into the .vsix', async () => {
  const allowed = fs
    .readFileSync(path.join(repo, '.vscodeignore'), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('!'))
    .map((l) => l.slice(1).trim());
  const shipped = (file: string) => allowed.some((p) => p === file || (p.endsWith('/**') && file.startsWith(p.slice(0, -2))));
  for (const { outfile } of await bundleConfigs()) assert.ok(shipped(outfile), `${outfile} is not in the .vsix`);
});
