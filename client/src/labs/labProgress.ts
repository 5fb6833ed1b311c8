/**
 * Lab progress kept per workspace (pure; the extension passes `context.workspaceState`): which labs were
 * started where and when, the last state of each, when each step first passed, when the lab was first
 * complete and whether its finish message was shown. Also builds the JSON an instructor collects.
 */
import type { LabState, LabSummary } from '../../../server/src/protocol';

export interface StepProgress {
  /** ISO time the step first passed (kept when it fails again later). */
  passedAt?: string;
}

export interface LabProgress {
  id: string;
  /** file: URI of the learner's copy (`<workspace>/labs/<id>`). */
  folderUri: string;
  startedAt: string;
  /** ISO time every step first passed at once. */
  completedAt?: string;
  finishAnnounced?: boolean;
  steps: Record<string, StepProgress>;
  lastState?: LabState;
}

interface StoredProgress {
  version: 1;
  labs: Record<string, LabProgress>;
}

/** The part of `vscode.Memento` the store needs. */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void> | Promise<void>;
}

export interface StateChange {
  /** Steps that passed for the first time with this state. */
  newlyPassed: string[];
  /** The lab is complete and its finish message was never shown: show it now (the store marks it shown). */
  announce: boolean;
}

export class LabProgressStore {
  static readonly storageKey = 'lessonAware.labs.progress';

  constructor(private readonly store: KeyValueStore, private readonly now: () => Date = () => new Date()) {}

  all(): LabProgress[] {
    return Object.values(this.read().labs);
  }

  get(labId: string): LabProgress | undefined {
    return this.read().labs[labId];
  }

  /** Records a start; starting again keeps the first start time and the steps' first-pass times. */
  async start(labId: string, folderUri: string): Promise<LabProgress> {
    const data = this.read();
    const before = data.labs[labId];
    const sameFolder = before !== undefined && sameUri(before.folderUri, folderUri);
    const next: LabProgress = sameFolder
      ? { ...before }
      : { id: labId, folderUri, startedAt: this.now().toISOString(), steps: {} };
    data.labs[labId] = next;
    await this.write(data);
    return next;
  }

  /** A reset starts the attempt over: step times, completion and the finish message are cleared. */
  async reset(labId: string): Promise<void> {
    const data = this.read();
    const before = data.labs[labId];
    if (!before) return;
    data.labs[labId] = { id: before.id, folderUri: before.folderUri, startedAt: before.startedAt, steps: {} };
    await this.write(data);
  }

  async forget(labId: string): Promise<void> {
    const data = this.read();
    if (!(labId in data.labs)) return;
    delete data.labs[labId];
    await this.write(data);
  }

  /** Takes a state from the server; states of labs not started, or of another folder, are ignored (null). */
  async applyState(state: LabState): Promise<StateChange | null> {
    const data = this.read();
    const lab = data.labs[state.labId];
    if (!lab || !sameUri(lab.folderUri, state.folderUri)) return null;
    const at = this.now().toISOString();
    const steps = { ...lab.steps };
    const newlyPassed: string[] = [];
    for (const step of state.steps) {
      if (step.passed && !steps[step.id]?.passedAt) {
        steps[step.id] = { ...steps[step.id], passedAt: at };
        newlyPassed.push(step.id);
      }
    }
    const complete = state.complete && state.steps.length > 0 && state.steps.every((s) => s.passed);
    const announce = complete && !lab.finishAnnounced;
    data.labs[state.labId] = {
      ...lab,
      steps,
      lastState: state,
      ...(complete && !lab.completedAt ? { completedAt: at } : {}),
      ...(announce ? { finishAnnounced: true } : {}),
    };
    await this.write(data);
    return { newlyPassed, announce };
  }

  private read(): StoredProgress {
    const raw = this.store.get<unknown>(LabProgressStore.storageKey);
    if (!raw || typeof raw !== 'object' || (raw as StoredProgress).version !== 1 || typeof (raw as StoredProgress).labs !== 'object') {
      return { version: 1, labs: {} };
    }
    const labs: Record<string, LabProgress> = {};
    for (const [id, lab] of Object.entries((raw as StoredProgress).labs ?? {})) {
      if (lab && typeof lab.folderUri === 'string' && typeof lab.startedAt === 'string') labs[id] = { ...lab, id, steps: { ...(lab.steps ?? {}) } };
    }
    return { version: 1, labs };
  }

  private async write(data: StoredProgress): Promise<void> {
    await this.store.update(LabProgressStore.storageKey, data);
  }
}

/** Two spellings of one URI (percent-encoding, drive letter case, trailing slash) compare equal. */
export function sameUri(a: string, b: string): boolean {
  const norm = (uri: string) => {
    let text = uri;
    try {
      text = decodeURIComponent(uri);
    } catch {
      /* keep as written */
    }
    return text.replace(/^file:\/\/\/([a-zA-Z]):/, (_m, d: string) => `file:///${d.toLowerCase()}:`).replace(/\/+$/, '');
  };
  return norm(a) === norm(b);
}

/** The JSON an instructor collects (`lessonAware.exportLabProgress`). */
export interface ProgressExport {
  extensionVersion: string;
  exportedAt: string;
  workspace: string;
  labs: Array<{
    id: string;
    title: string;
    startedAt: string;
    completedAt?: string;
    steps: Array<{ id: string; title: string; passed: boolean; passedAt?: string }>;
  }>;
}

/**
 * Every started lab with its steps in lab.md order. `passed` is the last state's verdict; `passedAt` the
 * first time the step passed. A lab that is no longer listed keeps the steps its progress knows.
 */
export function buildProgressExport(input: {
  extensionVersion: string;
  workspace: string;
  exportedAt: Date;
  labs: readonly LabSummary[];
  progress: readonly LabProgress[];
}): ProgressExport {
  const ordered = [...input.progress].sort((a, b) => {
    const ia = input.labs.findIndex((l) => l.id === a.id);
    const ib = input.labs.findIndex((l) => l.id === b.id);
    return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib) || a.startedAt.localeCompare(b.startedAt);
  });
  return {
    extensionVersion: input.extensionVersion,
    exportedAt: input.exportedAt.toISOString(),
    workspace: input.workspace,
    labs: ordered.map((progress) => {
      const summary = input.labs.find((l) => l.id === progress.id);
      const stepList = summary
        ? summary.steps.map((s) => ({ id: s.id, title: s.title }))
        : (progress.lastState?.steps ?? []).map((s) => ({ id: s.id, title: s.id }));
      return {
        id: progress.id,
        title: summary?.title ?? progress.id,
        startedAt: progress.startedAt,
        ...(progress.completedAt ? { completedAt: progress.completedAt } : {}),
        steps: stepList.map((step) => {
          const passedAt = progress.steps[step.id]?.passedAt;
          const passed = progress.lastState?.steps.find((s) => s.id === step.id)?.passed === true;
          return { id: step.id, title: step.title, passed, ...(passedAt ? { passedAt } : {}) };
        }),
      };
    }),
  };
}
