/** The workspace's Kubernetes resources as cross-resource rules see them. Implementations keep it incremental. */
import type { Node } from 'yaml';

export interface ResourceRef {
  uri: string;
  /** Full text of the file (for positions of related information). */
  text: string;
  docIndex: number;
  apiVersion: string;
  kind: string;
  name?: string;
  /** metadata.namespace as written (undefined = the default namespace / not set). */
  namespace?: string;
  root: Node;
}

export interface WorkspaceResources {
  /** Every Kubernetes resource in the workspace (open documents take precedence over disk). */
  all(): readonly ResourceRef[];
  byKind(kind: string): readonly ResourceRef[];
  /** False until the first full scan finished: "missing reference" rules stay quiet until then. */
  readonly complete: boolean;
  /** Bumped on every change; with changedSince a rule cache re-runs only the checks a change can affect. */
  readonly generation?: number;
  /**
   * Dependency keys (see cross/visibility `changeKeys`) of the resources added, removed, changed or moved since
   * `generation` in files other than `exceptUri`; '*' when the log no longer reaches back that far.
   */
  changedSince?(generation: number, exceptUri: string): ReadonlySet<string> | '*';
  /** Notes that the running rule read resources under these dependency keys ('*': any); set up by the rule engine. */
  dependOn?(keys: readonly string[] | '*'): void;
  /** The same resources without noting reads (lookup tables are built from it once per run). */
  unrecorded?(): WorkspaceResources;
}

export const emptyWorkspace: WorkspaceResources = {
  all: () => [],
  byKind: () => [],
  complete: false,
  generation: 0,
  changedSince: () => new Set(),
};
