/**
 * The language server's life after start: crash recovery with an explicit policy (restartPolicy.ts), the
 * "Restart Language Server" command, the test-only state hook, and the server's Node flags for test runs.
 * A crash restarts the server and tells the user once; too many crashes in the window stop it with one error
 * message, and the status bar item then reads "stopped — click to restart".
 */
import * as vscode from 'vscode';
import { CloseAction, CloseHandlerResult, ErrorAction, ErrorHandler, LanguageClient, State } from 'vscode-languageclient/node';
import { Commands } from '../../server/src/protocol';
import { ClientCommands } from './clientCommands';
import { t } from './l10n';
import { RestartPolicy, RestartPolicyOptions } from './restartPolicy';

export interface LifecycleNotice {
  kind: 'restarted' | 'stopped';
  message: string;
}

/** What the test hook `lessonAware.internal.serverState` returns. */
export interface ServerLifecycleState {
  pid: number | undefined;
  state: 'starting' | 'running' | 'stopped';
  /** Crashes counted against the current budget (reset by a restart by hand). */
  crashes: number;
  /** Automatic restarts since activation. */
  restarts: number;
  /** Every message shown to the user about crashes, in order. */
  notices: LifecycleNotice[];
  status?: { text: string; tooltip: string };
}

/**
 * Node flags for the server process. Only outside production, and only when the editor-tier runner asks for
 * them through LESSON_AWARE_SERVER_EXEC_ARGV (JSON array), e.g. a `--require` preload that records network use.
 */
export function serverExecArgv(mode: vscode.ExtensionMode, env: NodeJS.ProcessEnv = process.env): string[] {
  const raw = env.LESSON_AWARE_SERVER_EXEC_ARGV;
  if (mode === vscode.ExtensionMode.Production || !raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) && parsed.every((a) => typeof a === 'string') ? parsed : [];
  } catch {
    return [];
  }
}

export class ServerLifecycle implements vscode.Disposable {
  /** Pass as `clientOptions.errorHandler` (the client exists only after its options). */
  readonly errorHandler: ErrorHandler;
  private readonly policy: RestartPolicy;
  private client: LanguageClient | undefined;
  private describeStatus: (() => { text: string; tooltip: string }) | undefined;
  private crashes = 0;
  private restarts = 0;
  private readonly notices: LifecycleNotice[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly log: (message: string) => void, options?: RestartPolicyOptions, private readonly now: () => number = Date.now) {
    this.policy = new RestartPolicy(options);
    this.errorHandler = {
      // Transient write/read errors: keep going for three in a row (the library default), then shut down.
      error: (_error, _message, count) => ({ action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
      closed: () => this.onClosed(),
    };
  }

  /** Registers the restart command and the test hook for `client`. */
  attach(client: LanguageClient, describeStatus?: () => { text: string; tooltip: string }): this {
    this.client = client;
    this.describeStatus = describeStatus;
    this.disposables.push(
      vscode.commands.registerCommand(Commands.restartServer, () => this.restartByHand()),
      // Read-only state for the editor-tier tests (not contributed to the palette).
      vscode.commands.registerCommand(ClientCommands.serverState, () => this.state()),
    );
    return this;
  }

  private async restartByHand(): Promise<void> {
    if (!this.client) return;
    this.policy.reset();
    this.crashes = 0;
    this.log('language server restarted by the user');
    await this.client.restart();
  }

  private onClosed(): CloseHandlerResult {
    const decision = this.policy.onCrash(this.now());
    this.crashes = decision.crashesInWindow;
    const { maxRestarts, windowMs } = this.policy.options;
    const minutes = Math.round(windowMs / 60_000);
    if (decision.action === 'stop') {
      const message = t(
        'Lesson-Aware Infra: the language server crashed {0} times within {1} minutes and was stopped. Hovers and diagnostics stay off until you restart it (click the status bar item or run "Restart Language Server").',
        decision.crashesInWindow,
        minutes,
      );
      this.log(`language server exited (${decision.crashesInWindow} crashes within ${minutes} min): not restarted`);
      this.notify({ kind: 'stopped', message }, true);
      return { action: CloseAction.DoNotRestart, handled: true };
    }
    this.restarts++;
    this.log(`language server exited: restart ${decision.crashesInWindow} of ${maxRestarts} within ${minutes} min`);
    if (decision.notify) {
      this.notify({ kind: 'restarted', message: t('Lesson-Aware Infra: the language server stopped unexpectedly and was restarted. If it keeps crashing it will be stopped; the log has the details.') }, false);
    }
    return { action: CloseAction.Restart, handled: true };
  }

  private notify(notice: LifecycleNotice, error: boolean): void {
    this.notices.push(notice);
    const showLog = t('Show Log');
    const restart = t('Restart');
    const shown = error ? vscode.window.showErrorMessage(notice.message, restart, showLog) : vscode.window.showWarningMessage(notice.message, showLog);
    void Promise.resolve(shown).then((choice) => {
      if (choice === showLog) this.client?.outputChannel.show(true);
      if (choice === restart) void vscode.commands.executeCommand(Commands.restartServer);
    });
  }

  private state(): ServerLifecycleState {
    const state = this.client?.state;
    return {
      pid: this.client?.serverProcess?.pid,
      state: state === State.Running ? 'running' : state === State.Starting ? 'starting' : 'stopped',
      crashes: this.crashes,
      restarts: this.restarts,
      notices: [...this.notices],
      status: this.describeStatus?.(),
    };
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
