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
 * Collects the requests of a browser context (attach before the first navigation): URL, frame, and whether the
 * webview service worker answered it (asked right away: once the page is closed nobody can tell any more).
 */
export function requestRecorder() {
  const requests = [];
  const onRequest = (request) => {
    const url = request.url();
    const servedByWorker = webviewResource.test(url)
      ? request.response().then((response) => !!response && response.fromServiceWorker(), () => false)
      : Promise.resolve(false);
    requests.push({ url, frame: frameUrl(request), servedByWorker });
  };
  return { requests, onRequest };
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

/**
 * Every request went to the code-server origin (127.0.0.1:port), was data:/blob:, or was a webview resource
 * answered by the service worker (never the network); webview frames made no other request. The workbench's
 * own gallery lookup for a development extension is listed apart.
 */
export async function requestResults(requests, { origin, locale, what }) {
  const seen = [];
  for (const { url, frame, servedByWorker } of requests) {
    const local = url.startsWith(`${origin}/`) || url === origin || /^(data|blob):/.test(url) || (webviewResource.test(url) && (await servedByWorker));
    seen.push({ url, frame, local, webview: /webview/i.test(frame) || webviewResource.test(url) });
  }
  const foreign = seen.filter((r) => !r.local && !workbenchOwn.some((re) => re.test(r.url)));
  const workbench = [...new Set(seen.filter((r) => !r.local && workbenchOwn.some((re) => re.test(r.url))).map((r) => r.url))];
  const webview = seen.filter((r) => r.webview);
  const title = `[net ${locale}] ${what}: every browser request (${seen.length}; ${webview.length} by webviews, ${webview.filter((r) => webviewResource.test(r.url)).length} of them webview resources served by the service worker) stayed on ${origin}${workbench.length ? ` (apart from the workbench's own ${workbench.join(', ')})` : ''}`;
  return foreign.length
    ? { title, state: 'failed', kind: 'net', error: { message: `requests elsewhere: ${[...new Set(foreign.map((f) => `${f.url} (frame ${f.frame})`))].slice(0, 20).join(', ')}` } }
    : { title, state: 'passed', kind: 'net' };
}
