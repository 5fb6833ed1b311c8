// @ts-check
/**
 * The fuzz tier's LSP client: spawns the built server over stdio, times every request, records error
 * answers, logged handler errors and the server's exit, and reads its memory from /proc.
 * Unlike test/helpers/lspClient.ts it keeps only the latest diagnostics per document (thousands of edits)
 * and can write raw bytes (invalid UTF-8) into a message body.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const serverPath = path.join(repoRoot, 'dist', 'server.js');

/**
 * @typedef {{ method: string, ms: number, cpuMs: number, label: string }} Timing
 * @typedef {{ uri: string, version?: number, diagnostics: any[] }} PublishParams
 */

export class FuzzClient {
  /** @param {{ settings?: Record<string, unknown>, onTiming?: (t: Timing) => void }} [options] */
  constructor(options = {}) {
    this.settings = options.settings ?? {};
    this.onTiming = options.onTiming ?? (() => undefined);
    // FUZZ_SERVER_NODE_ARGS: node options for the server, e.g. "--cpu-prof --cpu-prof-dir=prof" (profile a failing input).
    const nodeArgs = (process.env.FUZZ_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
    this.proc = spawn(process.execPath, [...nodeArgs, serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    /** @type {Buffer} */
    this.buffer = Buffer.alloc(0);
    this.nextId = 1;
    /** @type {Map<number, { resolve: (v: any) => void, reject: (e: Error) => void }>} */
    this.pending = new Map();
    /** @type {number | null | undefined} exit code (or null when killed by a signal); undefined while running */
    this.exited = undefined;
    /** @type {string | null} */
    this.exitSignal = null;
    /** Set when the fuzzer killed a hung server on purpose. */
    this.abandoned = false;
    /** @type {string[]} last lines of stderr */
    this.stderr = [];
    /** @type {{ type: number, message: string }[]} window/logMessage of type Error (handler errors the server caught) */
    this.loggedErrors = [];
    /** @type {Map<string, PublishParams>} latest publishDiagnostics per uri */
    this.diagnostics = new Map();
    /** @type {{ uri: string, predicate: (p: PublishParams) => boolean, resolve: (p: PublishParams) => void }[]} */
    this.diagnosticWaiters = [];
    /** @type {{ type: number, message: string }[]} */
    this.shownMessages = [];
    this.proc.stdout?.on('data', (/** @type {Buffer} */ chunk) => this.onData(chunk));
    this.proc.stderr?.on('data', (/** @type {Buffer} */ chunk) => {
      this.stderr.push(chunk.toString());
      if (this.stderr.length > 200) this.stderr.shift();
    });
    this.proc.stdin?.on('error', () => undefined);
    this.proc.on('exit', (code, signal) => {
      this.exited = code;
      this.exitSignal = signal;
      for (const p of this.pending.values()) p.reject(Object.assign(new Error(`server exited (code ${code}, signal ${signal})`), { abandoned: this.abandoned }));
      this.pending.clear();
    });
  }

  get pid() {
    return /** @type {number} */ (this.proc.pid);
  }

  get alive() {
    return this.exited === undefined;
  }

  async initialize() {
    const result = await this.request('initialize', {
      processId: process.pid,
      locale: 'en',
      rootUri: null,
      workspaceFolders: null,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
          hover: { contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
        },
      },
    }, 'initialize', 30_000);
    this.notify('initialized', {});
    return result;
  }

  /**
   * Waits until the lesson index and the field docs are loaded (both are built on first use), so the 1 s
   * budget measures answers, not start-up. Returns the start-up time in ms (initialize → first hover answered).
   */
  async warmUp() {
    const started = performance.now();
    await this.initialize();
    await this.request('lessonAware/listLessons', null, 'warm-up');
    const uri = 'file:///fuzz/warm-up/compose.yaml';
    for (const [u, text] of [[uri, 'services:\n  web:\n    image: nginx\n'], ['file:///fuzz/warm-up/pod.yaml', 'apiVersion: v1\nkind: Pod\nspec:\n  hostPID: true\n']]) {
      this.notify('textDocument/didOpen', { textDocument: { uri: u, languageId: 'yaml', version: 1, text } });
      await this.request('textDocument/hover', { textDocument: { uri: u }, position: { line: 2, character: 4 } }, 'warm-up');
      await this.waitForDiagnostics(u, (p) => p.version === 1, 30_000);
      this.notify('textDocument/didClose', { textDocument: { uri: u } });
    }
    return performance.now() - started;
  }

  /**
   * Sends a request and resolves with its result; rejects on an error answer (message prefixed by the code).
   * @template T @param {string} method @param {unknown} params @param {string} [label] @param {number} [timeoutMs]
   * @returns {Promise<T>}
   */
  request(method, params, label = '', timeoutMs = 30_000) {
    const id = this.nextId++;
    const started = performance.now();
    const cpuStarted = this.cpuMs();
    this.send({ jsonrpc: '2.0', id, method, params });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          this.onTiming({ method, ms: performance.now() - started, cpuMs: this.cpuMs() - cpuStarted, label });
          resolve(v);
        },
        reject: (e) => {
          clearTimeout(timer);
          // A request the server never answered (it exited or was killed as hung) has no answer time.
          if (this.alive) this.onTiming({ method, ms: performance.now() - started, cpuMs: this.cpuMs() - cpuStarted, label });
          reject(e);
        },
      });
    });
  }

  /** @param {string} method @param {unknown} params */
  notify(method, params) {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /**
   * Resolves with the diagnostics of `uri` once a publish satisfies `predicate` (already received or future).
   * @param {string} uri @param {(p: PublishParams) => boolean} predicate @param {number} timeoutMs
   * @returns {Promise<PublishParams>}
   */
  waitForDiagnostics(uri, predicate, timeoutMs = 10_000) {
    const seen = this.diagnostics.get(uri);
    if (seen && predicate(seen)) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter = {
        uri,
        predicate,
        resolve: (/** @type {PublishParams} */ p) => {
          clearTimeout(timer);
          resolve(p);
        },
      };
      const timer = setTimeout(() => {
        this.diagnosticWaiters.splice(this.diagnosticWaiters.indexOf(waiter), 1);
        reject(new Error(`no publishDiagnostics for ${uri} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.diagnosticWaiters.push(waiter);
    });
  }

  /**
   * CPU time (user + system, all threads) the server has used so far, in ms. The CPU the server burns while a
   * request waits tells a slow server from a busy machine (wall-clock time alone flakes on a loaded CI box).
   */
  cpuMs() {
    try {
      const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      return 0;
    }
  }

  /** Kills the server (a hung one) and fails its pending requests as abandoned, not as answers. */
  abandon() {
    this.abandoned = true;
    this.proc.kill('SIGKILL');
  }

  /** Resident and peak resident memory of the server in bytes (Linux /proc). */
  memory() {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kb = (/** @type {string} */ key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
      return { rss: kb('VmRSS'), peak: kb('VmHWM') };
    } catch {
      return { rss: 0, peak: 0 };
    }
  }

  async stop() {
    if (this.alive) {
      try {
        await this.request('shutdown', null, 'shutdown', 5000);
        this.notify('exit', null);
      } catch {
        // already gone
      }
      await new Promise((resolve) => {
        const timer = setTimeout(() => {
          this.proc.kill('SIGKILL');
          resolve(undefined);
        }, 3000);
        this.proc.once('exit', () => {
          clearTimeout(timer);
          resolve(undefined);
        });
        if (!this.alive) {
          clearTimeout(timer);
          resolve(undefined);
        }
      });
    }
  }

  /**
   * Writes one message. `rawPatch` replaces the JSON string "placeholder" (with its quotes kept) by raw
   * bytes, so a body can carry bytes that are not valid UTF-8.
   * @param {unknown} message @param {{ placeholder: string, bytes: Buffer }} [rawPatch]
   */
  send(message, rawPatch) {
    if (!this.alive) return;
    let body = Buffer.from(JSON.stringify(message), 'utf8');
    if (rawPatch) {
      const at = body.indexOf(rawPatch.placeholder);
      if (at < 0) throw new Error('placeholder not in message');
      body = Buffer.concat([body.subarray(0, at), rawPatch.bytes, body.subarray(at + Buffer.byteLength(rawPatch.placeholder))]);
    }
    this.proc.stdin?.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  /** @param {Buffer} chunk */
  onData(chunk) {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
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

  /** @param {{ id?: number, method?: string, params?: any, result?: unknown, error?: { code: number, message: string } }} msg */
  dispatch(msg) {
    if (msg.method !== undefined && msg.id !== undefined) {
      /** @type {unknown} */
      let result = null;
      if (msg.method === 'workspace/configuration') {
        result = (msg.params?.items ?? []).map((/** @type {{ section?: string }} */ item) => (item.section === 'lessonAware' ? this.settings : null));
      }
      this.send({ jsonrpc: '2.0', id: msg.id, result });
    } else if (msg.method === 'textDocument/publishDiagnostics') {
      const params = /** @type {PublishParams} */ (msg.params);
      this.diagnostics.set(params.uri, params);
      for (let i = this.diagnosticWaiters.length - 1; i >= 0; i--) {
        const w = this.diagnosticWaiters[i];
        if (w.uri === params.uri && w.predicate(params)) {
          this.diagnosticWaiters.splice(i, 1);
          w.resolve(params);
        }
      }
    } else if (msg.method === 'window/logMessage') {
      if (msg.params?.type === 1) this.loggedErrors.push(msg.params);
    } else if (msg.method === 'window/showMessage') {
      this.shownMessages.push(msg.params);
    } else if (msg.id !== undefined) {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(Object.assign(new Error(`${msg.error.code}: ${msg.error.message}`), { lspError: msg.error }));
      else p.resolve(msg.result);
    }
  }
}
