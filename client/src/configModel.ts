/** Pure pieces of the client settings and UI strings (no `vscode` import, unit-tested). */

/** The `hover.fieldDocs` value the server should use: off beside Red Hat YAML / Docker DX unless asked for. */
export function effectiveFieldDocs(fieldDocs: boolean, withOthers: boolean, othersInstalled: boolean): boolean {
  return fieldDocs && (withOthers || !othersInstalled);
}

/** `{0}`-style formatting as `vscode.l10n.t` does it. */
export function formatMessage(message: string, args: readonly unknown[]): string {
  return message.replace(/\{(\d+)\}/g, (whole, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : whole));
}
