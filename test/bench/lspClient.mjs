// The benchmark's own LSP client over stdio: spawns any server command, times requests with performance.now(),
// answers server→client requests from a handler table, and samples the peak RSS (VmHWM) of the server's
// process tree from /proc. Kept separate from test/helpers/lspClient.ts: it must start other servers too,
// never fails on unknown messages, and keeps no history it does not need (10k-line files are big).
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

/** Direct children of `pid` (Linux: /proc/<pid>/task/<tid>/children). */
function childrenOf(pid) {
  const out = [];
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        for (const c of readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(/\s+/)) if (c) out.push(Number(c));
      } catch {
        // thread gone
      }
    }
  } catch {
    // process gone
  }
  return out;
}

/** VmHWM (peak resident set) of one process in kB, or 0 when it is gone. */
function vmHwmKb(pid) {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

export class BenchClient {
  /**
   * @param {{ command: string, args: string[], cwd?: string, env?: Record<string,string> }} spec
   * @param {Record<string, (params: any) => any>} handlers server→client request handlers by method
   */
  constructor(spec, handlers = {}) {
    this.handlers = { 'client/registerCapability': () => null, 'client/unregisterCapability': () => null, 'window/workDoneProgress/create': () => null, 'window/showMessageRequest': () => null, 'workspace/configuration': (p) => p.items.map(() => null), ...handlers };
    this.nextId = 1;
    this.pending = new Map();
    /** @type {{ method: string, predicate: (p: any) => boolean, resolve: (v: any) => void }[]} */
    this.waiters = [];
    /** Every server→client notification/request method seen, with its count (for signals like progress). */
    this.seen = new Map();
    this.listeners = [];
    this.stderr = '';
    this.chunks = [];
    this.chunkBytes = 0;
    this.peakKb = new Map();
    this.spawnedAt = performance.now();
    this.proc = spawn(spec.command, spec.args, { cwd: spec.cwd, env: { ...process.env, ...spec.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    this.exited = new Promise((resolve) => this.proc.once('exit', (code, signal) => resolve({ code, signal })));
    this.exited.then(({ code, signal }) => {
      this.gone = true;
      for (const p of this.pending.values()) p.reject(new Error(`server exited (${code ?? signal})`));
      this.pending.clear();
    });
    this.proc.stdout.on('data', (chunk) => this.onData(chunk));
    this.proc.stderr.on('data', (chunk) => {
      if (this.stderr.length < 20_000) this.stderr += chunk.toString();
    });
    this.proc.stdin.on('error', () => undefined);
    this.sampler = setInterval(() => this.sampleRss(), 100);
    this.sampler.unref();
  }

  get pid() {
    return this.proc.pid;
  }

  /** Records VmHWM of every process of the tree seen so far (VmHWM is already a peak per process). */
  sampleRss() {
    if (this.gone || !this.proc.pid) return;
    const stack = [this.proc.pid];
    while (stack.length) {
      const pid = stack.pop();
      const kb = vmHwmKb(pid);
      if (kb > (this.peakKb.get(pid) ?? 0)) this.peakKb.set(pid, kb);
      stack.push(...childrenOf(pid));
    }
  }

  /** Peak RSS of the process tree in MB: the sum of each process's own peak (exact for one process). */
  peakRssMb() {
    this.sampleRss();
    let kb = 0;
    for (const v of this.peakKb.values()) kb += v;
    return kb / 1024;
  }

  request(method, params, timeoutMs = 30_000) {
    const id = this.nextId++;
    const sentAt = performance.now();
    this.send({ jsonrpc: '2.0', id, method, params });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(Object.assign(new Error(`${method} timed out after ${timeoutMs} ms`), { timeout: true }));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (result) => {
          clearTimeout(timer);
          resolve({ result, ms: performance.now() - sentAt });
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
    });
  }

  notify(method, params) {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Resolves with { params, at } for the next notification of `method` matching `predicate` (future ones only). */
  next(method, predicate = () => true, timeoutMs = 30_000) {
    const promise = new Promise((resolve, reject) => {
      const waiter = { method, predicate, resolve: null };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(Object.assign(new Error(`no ${method} within ${timeoutMs} ms`), { timeout: true }));
      }, timeoutMs);
      waiter.resolve = (v) => {
        clearTimeout(timer);
        resolve(v);
      };
      this.waiters.push(waiter);
    });
    // a caller that stopped waiting (budget spent, other timeout) must not crash the run with an unhandled rejection
    promise.catch(() => undefined);
    return promise;
  }

  /** Calls `listener(method, params, at)` for every notification (used to watch for index/progress signals). */
  onNotification(listener) {
    this.listeners.push(listener);
  }

  /** Shuts the server down politely, then kills it if it lingers. Never throws. */
  async stop() {
    clearInterval(this.sampler);
    if (!this.gone) {
      try {
        await this.request('shutdown', null, 2000);
        this.notify('exit', null);
      } catch {
        // busy or gone: killed below
      }
      const timer = setTimeout(() => this.proc.kill('SIGKILL'), 2000);
      await this.exited;
      clearTimeout(timer);
    }
  }

  send(message) {
    if (this.gone) return;
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.proc.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  onData(chunk) {
    this.chunks.push(chunk);
    this.chunkBytes += chunk.length;
    let buf = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.chunkBytes);
    for (;;) {
      const headerEnd = buf.indexOf('\r\n\r\n');
      if (headerEnd < 0) break;
      const m = /Content-Length: (\d+)/i.exec(buf.subarray(0, headerEnd).toString('ascii'));
      const length = Number(m?.[1] ?? 0);
      if (buf.length < headerEnd + 4 + length) break;
      const body = buf.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      buf = buf.subarray(headerEnd + 4 + length);
      this.dispatch(JSON.parse(body), performance.now());
    }
    this.chunks = buf.length ? [buf] : [];
    this.chunkBytes = buf.length;
  }

  dispatch(msg, at) {
    if (msg.method !== undefined) this.seen.set(msg.method, (this.seen.get(msg.method) ?? 0) + 1);
    if (msg.method !== undefined && msg.id !== undefined) {
      const handler = this.handlers[msg.method];
      Promise.resolve()
        .then(() => (handler ? handler(msg.params) : null))
        .then(
          (result) => this.send({ jsonrpc: '2.0', id: msg.id, result: result ?? null }),
          (error) => this.send({ jsonrpc: '2.0', id: msg.id, error: { code: -32603, message: String(error?.message ?? error) } }),
        );
    } else if (msg.method !== undefined) {
      for (const l of this.listeners) l(msg.method, msg.params, at);
      for (let i = 0; i < this.waiters.length; i++) {
        const w = this.waiters[i];
        if (w.method === msg.method && w.predicate(msg.params)) {
          this.waiters.splice(i--, 1);
          w.resolve({ params: msg.params, at });
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
