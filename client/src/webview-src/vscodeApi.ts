/** The `acquireVsCodeApi()` handle, typed; callable once per webview. */
export interface VsCodeApi<State, Out> {
  postMessage(message: Out): void;
  getState(): State | undefined;
  setState(state: State): void;
}

declare function acquireVsCodeApi<State, Out>(): VsCodeApi<State, Out>;

export function vscodeApi<State, Out>(): VsCodeApi<State, Out> {
  return acquireVsCodeApi<State, Out>();
}

/** True when the workbench theme is dark or high-contrast dark (VS Code sets the body class). */
export function isDarkTheme(): boolean {
  const c = document.body.classList;
  return c.contains('vscode-dark') || c.contains('vscode-high-contrast');
}
