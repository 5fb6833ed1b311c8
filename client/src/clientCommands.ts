/** Command ids the client adds besides the contract ids in the protocol module. */
export const ClientCommands = {
  refreshLessons: 'lessonAware.refreshLessons',
  toggleFollowCursor: 'lessonAware.toggleFollowCursor',
  /** Test hooks: what the lesson pane / Mermaid preview show (not in the palette). */
  paneState: 'lessonAware.internal.paneState',
  previewState: 'lessonAware.internal.previewState',
  /** Test hook: server pid, state, crash counts and the crash messages shown (client/src/serverLifecycle.ts). */
  serverState: 'lessonAware.internal.serverState',
  /** Labs (client/src/labs/); `lessonAware.startLab` is a contract id in the protocol module. */
  labHint: 'lessonAware.labHint',
  resetLab: 'lessonAware.resetLab',
  exportLabProgress: 'lessonAware.exportLabProgress',
  openLabInstructions: 'lessonAware.openLabInstructions',
  refreshLabs: 'lessonAware.refreshLabs',
  /** Test hook: lab views, stored progress and the context keys set (not in the palette). */
  labsState: 'lessonAware.internal.labsState',
} as const;
