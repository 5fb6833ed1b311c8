// Whole-server scenarios besides single files: lesson index build time (our server only: no reference has
// lessons) and a workspace folder of many YAML files (indexing time and hover latency meanwhile).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { lineIndex, spread, targets } from './positions.mjs';
import { startServer } from './servers.mjs';
import { summarize } from './stats.mjs';
import { hoverText } from './session.mjs';

/**
 * Lesson index build: a running server with no lessons is pointed at the generated course through the
 * `lessonFolders` setting; measured until `lessonAware/listLessons` returns all of them. Then the first hover on a
 * manifest (the link corpus may be built lazily on first use) is timed as well.
 */
export async function runLessonIndex(kind, { course, count, probe }, o) {
  const r = { server: kind.id, lessons: count, notes: [] };
  let client;
  try {
    const empty = { includeBundledLessons: false, lessonFolders: [] };
    ({ client } = await startServer(kind, { settings: empty, timeoutMs: o.timeouts.start }));
    const list = async () => (await client.request('lessonAware/listLessons', null, o.timeouts.request)).result ?? [];
    const before = await list();
    r.before = before.length;
    client.settings = { includeBundledLessons: false, lessonFolders: [course] };
    const t0 = performance.now();
    client.notify('workspace/didChangeConfiguration', { settings: { lessonAware: client.settings } });
    let listed = 0;
    while (performance.now() - t0 < o.timeouts.index) {
      listed = (await list()).length;
      if (listed >= count) break;
    }
    r.listed = listed;
    r.indexMs = listed >= count ? performance.now() - t0 : null;
    if (r.indexMs === null) r.notes.push(`listed ${listed}/${count} after ${o.timeouts.index} ms`);
    // first hover on a manifest after the index changed: includes any lazy link-corpus build
    const uri = pathToFileURL(probe.path).toString();
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: probe.text } });
    const position = probe.hoverAt[Math.floor(probe.hoverAt.length / 3)];
    const { result, ms } = await client.request('textDocument/hover', { textDocument: { uri }, position }, o.timeouts.request);
    r.firstHoverMs = ms;
    r.firstHoverNonEmpty = hoverText(result) !== '';
    r.peakRssMb = client.peakRssMb();
  } catch (e) {
    r.error = String(e?.message ?? e);
  } finally {
    if (client) {
      r.peakRssMb ??= client.peakRssMb();
      await client.stop();
    }
  }
  return r;
}

/**
 * Workspace: the server starts with the generated folder as its workspace; the probe file (first in sort order)
 * is opened at once and hovered continuously. The index is observed complete when the probe's diagnostics carry
 * relatedInformation pointing at another file (its Namespace lives only in the last file of the folder), or when
 * a `$/progress` end arrives. Without either within the timeout the index is reported absent.
 */
export async function runWorkspace(kind, { dir, probePath, namespaceFile, files }, o) {
  const r = { server: kind.id, files, notes: [] };
  let client;
  try {
    const started = await startServer(kind, { workspaceDir: dir, timeoutMs: o.timeouts.start });
    client = started.client;
    r.startupMs = started.startupMs;
    const text = readFileSync(probePath, 'utf8');
    const uri = pathToFileURL(probePath).toString();
    const nsUri = pathToFileURL(namespaceFile).toString();
    const t0 = client.initializedAt;
    let crossAt = null;
    let progressEndAt = null;
    client.onNotification((method, params, at) => {
      if (method === 'textDocument/publishDiagnostics' && params.uri === uri && crossAt === null) {
        if (params.diagnostics.some((d) => (d.relatedInformation ?? []).some((ri) => ri.location?.uri === nsUri))) crossAt = at;
      }
      if (method === '$/progress' && params?.value?.kind === 'end') progressEndAt = at;
    });
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const positions = spread(targets(text).keys, 64).map(lineIndex(text));
    const ms = [];
    let nonEmpty = 0;
    for (let i = 0; ; i++) {
      const done = crossAt !== null || (kind.reference && ms.length >= o.workspaceHovers);
      if ((done && ms.length >= o.workspaceHovers) || performance.now() - t0 > o.timeouts.workspace) break;
      try {
        const { result, ms: t } = await client.request('textDocument/hover', { textDocument: { uri }, position: positions[i % positions.length] }, o.timeouts.request);
        ms.push(t);
        if (hoverText(result) !== '') nonEmpty++;
      } catch (e) {
        if (!e.timeout) throw e;
        ms.push(o.timeouts.request);
      }
    }
    r.hoverDuringIndex = { ...summarize(ms), nonEmpty };
    r.indexMs = crossAt !== null ? crossAt - t0 : null;
    r.progressEndMs = progressEndAt !== null ? progressEndAt - t0 : null;
    r.indexObserved = crossAt !== null;
    if (!kind.reference && crossAt === null) r.notes.push(`no cross-file diagnostic within ${o.timeouts.workspace} ms: workspace index absent or not wired to diagnostics`);
    r.peakRssMb = client.peakRssMb();
  } catch (e) {
    r.error = String(e?.message ?? e);
  } finally {
    if (client) {
      r.peakRssMb ??= client.peakRssMb();
      await client.stop();
    }
  }
  return r;
}

/** Paths of the workspace scenario inside the generated folder. */
export function workspacePaths(dir, files) {
  return { dir, files, probePath: join(dir, 'apps', 'a-probe', 'probe.yaml'), namespaceFile: join(dir, 'zz-namespaces', 'namespace.yaml') };
}
