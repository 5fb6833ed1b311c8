/**
 * The LSP libraries (vscode-languageserver with its protocol, types and JSON-RPC), bundled once as dist/lsp.js.
 * The server's entry bundle and its core bundle both take them from that file (scripts/build.mjs maps their
 * imports of these packages to it), so the two share one copy: the core's request types, enums and
 * connection are the entry's.
 */
export * from 'vscode-languageserver/node';
