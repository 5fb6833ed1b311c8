/** A small LSP client that spawns the built server over stdio, for protocol tests and benchmarks. */
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const serverPath = path.join(repoRoot, 'dist', 'server.js');

type Handler = (params: unknown) => unknown;

export interface StartOptions {
  /** `lessonAware` settings returned for workspace/configuration (or sent as initializationOptions). */
  settings?: Record<string, unknown>;
  /** When false the client does not announce workspace/configuration: settings go through initializationOptions. */
  pullConfiguration?: boolean;
  workspaceDir?: string;
  locale?: string;
}

const liveClients = new Set<LspClient>();

/** Stops every client still running (use in `after` so a failed test never leaves a server behind). */
export async function stopAllClients(): Promise<void> {
  await Promise.all([...liveClients].map((c) => c.stop()));
}

export class LspClient {
  private readonly proc: ChildProcess;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly notificationWaiters: { method: string; predicate: (p: unknown) => boolean; resolve: (p: unknown) => void }[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly stderr: string[] = [];
  settings: Record<string, unknown>;
  exited: number | null | undefined;
  private readonly requestHandlers = new Map<string, Handler>();

  constructor(private readonly options: StartOptions = {}) {
    this.settings = options.settings ?? {};
    liveClients.add(this);
    this.proc = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stdout!.on('data', (chunk: Buffer) => this.onData(chunk));
    this.proc.stderr!.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.proc.on('exit', (code) => {
      this.exited = code;
      for (const p of this.pending.values()) p.reject(new Error(`server exited with ${code}`));
      this.pending.clear();
    });
    this.requestHandlers.set('workspace/configuration', (params) =>
      ((params as { items: { section?: string }[] }).items ?? []).map((item) => (item.section === 'lessonAware' ? this.settings : null)),
    );
    this.requestHandlers.set('client/registerCapability', () => null);
    this.requestHandlers.set('window/workDoneProgress/create', () => null);
    this.requestHandlers.set('window/showMessageRequest', () => null);
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  async initialize(): Promise<unknown> {
    const pull = this.options.pullConfiguration ?? true;
    const root = this.options.workspaceDir;
    const result = await this.request('initialize', {
      processId: process.pid,
      locale: this.options.locale ?? 'en',
      rootUri: root ? pathToFileURL(root).toString() : null,
      workspaceFolders: root ? [{ uri: pathToFileURL(root).toString(), name: path.basename(root) }] : null,
      capabilities: {
        workspace: { configuration: pull, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] }, publishDiagnostics: { relatedInformation: true } },
      },
      initializationOptions: pull ? undefined : { lessonAware: this.settings },
    });
    this.notify('initialized', {});
    return result;
  }

  onRequest(method: string, handler: Handler): void {
    this.requestHandlers.set(method, handler);
  }

  request<T = unknown>(method: string, params: unknown, timeoutMs = 10_000): Promise<T> {
    const id = this.nextId++;
    this.send({ jsonrpc: '2.0', id, method, params });
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Resolves with the first notification of `method` (already received or future) that satisfies the predicate. */
  waitForNotification<T = unknown>(method: string, predicate: (p: T) => boolean = () => true, timeoutMs = 10_000): Promise<T> {
    const seen = this.notifications.find((n) => n.method === method && predicate(n.params as T));
    if (seen) return Promise.resolve(seen.params as T);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${method} within ${timeoutMs} ms`)), timeoutMs);
      this.notificationWaiters.push({
        method,
        predicate: predicate as (p: unknown) => boolean,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p as T);
        },
      });
    });
  }

  open(uri: string, text: string, languageId = 'yaml', version = 1): void {
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  async stop(): Promise<void> {
    liveClients.delete(this);
    if (this.exited === undefined) {
      try {
        await this.request('shutdown', null, 3000);
        this.notify('exit', null);
      } catch {
        // already gone
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.proc.kill('SIGKILL');
          resolve();
        }, 2000);
        this.proc.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        if (this.exited !== undefined) {
          clearTimeout(timer);
          resolve();
        }
      });
    }
  }

  private send(message: unknown): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.proc.stdin!.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin!.write(body);
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const m = /Content-Length: (\d+)/i.exec(header);
      if (!m) throw new Error(`bad header: ${header}`);
      const length = Number(m[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(JSON.parse(body));
    }
  }

  private dispatch(msg: { id?: number; method?: string; params?: unknown; result?: unknown; error?: { message: string } }): void {
    if (msg.method !== undefined && msg.id !== undefined) {
      const handler = this.requestHandlers.get(msg.method);
      const result = handler ? handler(msg.params) : null;
      this.send({ jsonrpc: '2.0', id: msg.id, result: result ?? null });
    } else if (msg.method !== undefined) {
      this.notifications.push({ method: msg.method, params: msg.params });
      for (let i = this.notificationWaiters.length - 1; i >= 0; i--) {
        const w = this.notificationWaiters[i];
        if (w.method === msg.method && w.predicate(msg.params)) {
          this.notificationWaiters.splice(i, 1);
          w.resolve(msg.params);
        }
      }
    } else if (msg.id !== undefined) {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(new Error(msg.error.message));
      else p.resolve(msg.result);
    }
  }
}

/** Position of the first occurrence of `needle` in `text` (plus `delta` characters), as an LSP position. */
export function positionOf(text: string, needle: string, delta = 0, occurrence = 0): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" (#${occurrence}) not in text`);
  }
  const offset = at + delta;
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** Polls `probe` every 50 ms until `ok` accepts its value; fails after `timeoutMs` naming `what` and the last value. */
export async function eventually<T>(probe: () => Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
