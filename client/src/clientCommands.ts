/** Command ids the client adds besides the contract ids in the protocol module. */
export const ClientCommands = {
  refreshLessons: 'lessonAware.refreshLessons',
  toggleFollowCursor: 'lessonAware.toggleFollowCursor',
  /** Test hooks: what the lesson pane / Mermaid preview show (not in the palette). */
  paneState: 'lessonAware.internal.paneState',
  previewState: 'lessonAware.internal.previewState',
} as const;
