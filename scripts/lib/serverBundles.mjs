// The language server's bundles (scripts/build.mjs; checked by test/unit/serverBundles.test.ts):
// dist/lsp.js holds the LSP libraries; dist/server.js is the entry, which answers `initialize` with only lsp.js
// loaded; dist/server-core.js is everything else (rules, YAML model, field docs, lessons, labs), loaded by the
// entry right after that answer. Entry and core take the LSP packages from lsp.js at run time (a plugin maps
// their imports to it), so the two share one copy: the same connection, request types and enums.

/** Imports of these packages in the entry and the core resolve to dist/lsp.js. */
export const sharedLspPackages = /^vscode-languageserver(-protocol)?(\/node)?$/;

export const sharedLspPlugin = {
  name: 'shared-lsp-libraries',
  setup(build) {
    build.onResolve({ filter: sharedLspPackages }, () => ({ path: './lsp.js', external: true }));
  },
};

/** The three server bundle configurations on top of `common` (bundle, platform, format, minify…). */
export function serverBundles(common) {
  return [
    { ...common, entryPoints: ['server/src/lspLibraries.ts'], outfile: 'dist/lsp.js' },
    { ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', plugins: [sharedLspPlugin] },
    { ...common, entryPoints: ['server/src/serverCore.ts'], outfile: 'dist/server-core.js', plugins: [sharedLspPlugin] },
  ];
}
