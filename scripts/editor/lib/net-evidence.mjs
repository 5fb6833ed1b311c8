// "No network" evidence for an editor-tier session:
//  - Node side: net-probe.cjs is preloaded into code-server, its extension host and our language server
//    (NODE_OPTIONS, and LESSON_AWARE_SERVER_EXEC_ARGV which the client passes to the server outside production);
//    every connect, DNS lookup and UDP send lands in a log. Our server must make none at all, the extension host
//    none beyond loopback.
//  - Browser side: every request of the workbench page and its frames (webviews included) is recorded; all must
//    go to the code-server origin on 127.0.0.1 (or be data:/blob:).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const probe = join(dirname(fileURLToPath(import.meta.url)), 'net-probe.cjs');

/** Environment for code-server (and so its extension host and our server) that loads the probe. */
export function netProbeEnv(logFile) {
  return {
    LESSON_AWARE_NET_LOG: logFile,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${probe}`.trim(),
    LESSON_AWARE_SERVER_EXEC_ARGV: JSON.stringify(['--require', probe]),
  };
}

export function readNetLog(file) {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

const loopbackHost = (host) => /^(localhost|127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+|0\.0\.0\.0)$/i.test(String(host ?? ''));

/** Whether a recorded attempt stays on this machine (loopback address or a Unix socket). */
export function isLocal(entry) {
  if (entry.kind === 'start') return true;
  const t = entry.target ?? {};
  if (t.path !== undefined) return true;
  if (entry.kind.startsWith('udp')) return false;
  return loopbackHost(t.host);
}

const describe = (e) => `${e.kind} ${e.target?.path ?? `${e.target?.host ?? ''}${e.target?.port !== undefined ? `:${e.target.port}` : ''}`}${e.target?.args ?? ''}`;

/**
 * Results (runner format) for the Node-side log: our server (argv names dist/server.js) made no attempt at all,
 * the extension host none beyond loopback. Also returns the facts for the README.
 */
export function netResults(entries, { locale }) {
  const started = entries.filter((e) => e.kind === 'start');
  const serverPids = new Set(started.filter((e) => /dist[\\/]server\.js/.test(e.argv)).map((e) => e.pid));
  const hostPids = new Set(started.filter((e) => /extensionHost/.test(e.argv)).map((e) => e.pid));
  const attempts = entries.filter((e) => e.kind !== 'start');
  const ofServer = attempts.filter((e) => serverPids.has(e.pid));
  const ofHostRemote = attempts.filter((e) => hostPids.has(e.pid) && !isLocal(e));
  const elsewhereRemote = attempts.filter((e) => !serverPids.has(e.pid) && !hostPids.has(e.pid) && !isLocal(e));
  const results = [];
  const result = (title, problem) => results.push({ title: `[net ${locale}] ${title}`, state: problem ? 'failed' : 'passed', kind: 'net', ...(problem ? { error: { message: problem } } : {}) });
  result(
    `our language server made no network attempt (${serverPids.size} server process(es) probed)`,
    serverPids.size === 0
      ? 'the probe never loaded in a dist/server.js process: no evidence (is LESSON_AWARE_SERVER_EXEC_ARGV passed on?)'
      : ofServer.length ? `attempts: ${ofServer.map(describe).join(', ')}` : undefined,
  );
  result(
    `the extension host connected to nothing but loopback (${hostPids.size} extension host(s) probed, ${attempts.filter((e) => hostPids.has(e.pid)).length} local attempts)`,
    hostPids.size === 0 ? 'the probe never loaded in the extension host: no evidence' : ofHostRemote.length ? `non-loopback: ${ofHostRemote.map(describe).join(', ')}` : undefined,
  );
  const facts = {
    processes: started.length,
    serverProcesses: serverPids.size,
    extensionHosts: hostPids.size,
    serverAttempts: ofServer.length,
    hostLocalAttempts: attempts.filter((e) => hostPids.has(e.pid)).length,
    hostRemoteAttempts: ofHostRemote.length,
    otherRemoteAttempts: elsewhereRemote.map(describe),
  };
  return { results, facts };
}

/** Webview resources: `https://<authority>.vscode-resource.vscode-cdn.net/…`, answered by the webview's service worker. */
const webviewResource = /^https:\/\/[^/]+\.vscode-resource\.vscode-cdn\.net\//;

/**
 * Records the requests of a browser context (pass `watch` to openPage, before the first navigation): URL, frame,
 * and how each ended — answered by the webview service worker, by the network, failed (with Chromium's reason),
 * or still pending when the page closed.
 */
export function requestRecorder() {
  const requests = [];
  const byRequest = new Map();
  const watch = (context) => {
    context.on('request', (request) => {
      const entry = { url: request.url(), frame: frameUrl(request), outcome: 'pending' };
      byRequest.set(request, entry);
      requests.push(entry);
    });
    context.on('requestfinished', async (request) => {
      const entry = byRequest.get(request);
      if (!entry) return;
      entry.outcome = 'finishing';
      const response = await request.response().catch(() => null);
      entry.outcome = response?.fromServiceWorker() ? 'service worker' : 'network';
    });
    context.on('requestfailed', (request) => {
      const entry = byRequest.get(request);
      if (entry) entry.outcome = `failed: ${request.failure()?.errorText ?? 'unknown'}`;
    });
  };
  return { requests, watch };
}

function frameUrl(request) {
  try {
    return request.frame()?.url() ?? '';
  } catch {
    return ''; // service worker requests have no frame
  }
}

/**
 * VS Code itself asks the extension gallery about an extension loaded in development mode (an empty
 * development extension triggers the same request); it is the workbench's, not the extension's.
 */
const workbenchOwn = [/^https:\/\/open-vsx\.org\/vscode\/gallery\/extensionquery$/];

/** Chromium's reasons for a request that never reached the network (the page or frame went away first). */
const neverSent = /^failed: net::ERR_ABORTED$/;

/**
 * Every request went to the code-server origin (127.0.0.1:port) or was data:/blob:; a webview resource was
 * answered by the webview's service worker (never the network) or cancelled before it was sent. The workbench's
 * own gallery lookup for a development extension is listed apart.
 */
export async function requestResults(requests, { origin, locale, what }) {
  const seen = requests.map((r) => {
    const local =
      r.url.startsWith(`${origin}/`) || r.url === origin || /^(data|blob):/.test(r.url) ||
      (webviewResource.test(r.url) && (r.outcome === 'service worker' || neverSent.test(r.outcome) || r.outcome === 'pending'));
    return { ...r, local, webview: /webview/i.test(r.frame) || webviewResource.test(r.url) };
  });
  const foreign = seen.filter((r) => !r.local && !workbenchOwn.some((re) => re.test(r.url)));
  const workbench = [...new Set(seen.filter((r) => !r.local && workbenchOwn.some((re) => re.test(r.url))).map((r) => r.url))];
  const resources = seen.filter((r) => webviewResource.test(r.url));
  const byWorker = resources.filter((r) => r.outcome === 'service worker').length;
  const title = `[net ${locale}] ${what}: every browser request (${seen.length}; ${seen.filter((r) => r.webview).length} by webviews, ${resources.length} webview resources: ${byWorker} served by the service worker, ${resources.length - byWorker} cancelled or pending at close) stayed on ${origin}${workbench.length ? ` (apart from the workbench's own ${workbench.join(', ')})` : ''}`;
  return foreign.length
    ? { title, state: 'failed', kind: 'net', error: { message: `requests elsewhere: ${[...new Set(foreign.map((f) => `${f.url} (${f.outcome}; frame ${f.frame})`))].slice(0, 20).join(', ')}` } }
    : { title, state: 'passed', kind: 'net' };
}
