// The language server's bundles (scripts/build.mjs; checked by test/unit/serverBundles.test.ts):
// dist/lsp.js holds the LSP libraries; dist/server.js is the entry, which answers `initialize` with only lsp.js
// loaded; dist/server-core.js is everything else (rules, YAML model, field docs, lessons, labs), loaded by the
// entry right after that answer. Entry and core take the LSP packages from lsp.js at run time (a plugin maps
// their imports to it), so the two share one copy: the same connection, request types and enums.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Imports of these packages in the entry and the core resolve to dist/lsp.js. */
export const sharedLspPackages = /^vscode-languageserver(-protocol)?(\/node)?$/;

export const sharedLspPlugin = {
  name: 'shared-lsp-libraries',
  setup(build) {
    build.onResolve({ filter: sharedLspPackages }, () => ({ path: './lsp.js', external: true }));
  },
};

/**
 * `yaml` as ES modules (its `default` export condition; the `node` one is CommonJS): esbuild then calls its
 * functions directly, where CommonJS interop reads every export (isMap, isScalar… in every rule) through a
 * getter. The two builds are the same source; only warnings (console.warn instead of process.emitWarning) and
 * binary tags (atob instead of Buffer) differ.
 */
export const yamlAsEsm = {
  name: 'yaml-as-esm',
  setup(build) {
    build.onResolve({ filter: /^yaml$/ }, (args) => {
      const pkg = createRequire(join(args.resolveDir, 'index.js')).resolve('yaml/package.json');
      return { path: join(dirname(pkg), 'browser', 'index.js') };
    });
  },
};

/** The three server bundle configurations on top of `common` (bundle, platform, format, minify…). */
export function serverBundles(common) {
  return [
    { ...common, entryPoints: ['server/src/lspLibraries.ts'], outfile: 'dist/lsp.js' },
    { ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', plugins: [sharedLspPlugin] },
    { ...common, entryPoints: ['server/src/serverCore.ts'], outfile: 'dist/server-core.js', plugins: [sharedLspPlugin, yamlAsEsm] },
  ];
}
