// Bundles the extension, the language server (three files: lib/serverBundles.mjs) and the CLI with esbuild, after generating the offline field docs.
// Usage: node scripts/build.mjs [--watch] [--minify]
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeWalkthroughMedia } from './lib/labWalkthroughs.mjs';
import { serverBundles } from './lib/serverBundles.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');

// Field docs first: the precomputed lesson index (gen-lesson-index) depends on them.
for (const generator of ['scripts/gen-field-docs.mjs', 'scripts/gen-lesson-index.mjs']) {
  if (!existsSync(join(root, generator))) continue;
  const result = spawnSync(process.execPath, [join(root, generator)], { stdio: 'inherit', cwd: root });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: true,
  minify,
  logLevel: 'warning',
  absWorkingDir: root,
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  // The language server: lsp.js (LSP libraries), server.js (entry), server-core.js (loaded after `initialize`).
  ...serverBundles(common),
  { ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // Webview bundles (code that runs inside the lesson pane and the Mermaid preview; Mermaid bundled, no CDN).
  ...['lesson', 'mermaidPreview'].map((name) => ({
    ...common,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    entryPoints: [`client/src/webview-src/${name}.ts`],
    outfile: `dist/webview/${name}.js`,
    sourcemap: false,
    minify: true,
  })),
].filter((b) => existsSync(join(root, b.entryPoints[0])));

if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
  console.log('esbuild: watching');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
// The Markdown the labs' walkthrough steps show (package.json walkthroughs point at dist/walkthroughs/).
try {
  writeWalkthroughMedia(root);
} catch (error) {
  console.error(`build: walkthrough pages: ${error.message}`);
  process.exit(1);
}
