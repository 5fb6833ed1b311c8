// Precomputes the bundled lessons for start-up (server/src/lessons/bundledIndex.ts): parses lessons/ with the
// server's own lesson index and writes dist/lesson-index.json. Runs after scripts/gen-field-docs.mjs (the
// example facts depend on the field docs). Usage: node scripts/gen-lesson-index.mjs
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const started = performance.now();
const bundle = await esbuild.build({
  entryPoints: [join(root, 'server/src/lessons/bundledIndexBuild.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  write: false,
  logLevel: 'warning',
  absWorkingDir: root,
});
const module = { exports: {} };
new Function('module', 'exports', 'require', '__filename', '__dirname', bundle.outputFiles[0].text)(module, module.exports, createRequire(join(root, 'package.json')), join(root, 'scripts', 'gen-lesson-index.js'), join(root, 'scripts'));
const bytes = module.exports.writeLessonIndexFile(
  { lessonsDir: join(root, 'lessons'), conceptsFile: join(root, 'lessons', 'concepts.yaml'), fieldDocsDir: join(root, 'dist', 'field-docs') },
  join(root, 'dist', 'lesson-index.json'),
);
console.log(`lesson-index: ${(bytes / 1024).toFixed(0)} KiB; ${(performance.now() - started).toFixed(0)} ms`);
