// The servers under test and how a client talks to each: our server (dist/server.js), and the reference
// yaml-language-server 2.x from node_modules with an offline Kubernetes + Compose schema, and with no schema.
// Network is never used: every schema is answered from memory through `vscode/content`, the schema store and
// the CRD catalog are disabled, and the reference's HTTP proxy points at a closed local port as a last guard.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BenchClient } from './lspClient.mjs';

export const kubernetesVersion = '1.34.1';
const k8sSchemaBase = `https://raw.githubusercontent.com/yannh/kubernetes-json-schema/master/v${kubernetesVersion}-standalone-strict/`;
const composeSchemaUrl = 'https://raw.githubusercontent.com/compose-spec/compose-spec/master/schema/compose-spec.json';

export function ylsEntry(root) {
  for (const p of ['node_modules/yaml-language-server/bin/yaml-language-server', 'node_modules/yaml-language-server/out/src/server.js']) {
    if (existsSync(join(root, p))) return join(root, p);
  }
  throw new Error('yaml-language-server is not installed (devDependency)');
}

/**
 * @param {string} root repository root
 * @param {{ allJson: string, definitionsJson: string }} k8s generated Kubernetes schema texts
 * @param {string} compose Compose schema text
 */
export function serverKinds(root, k8s, compose) {
  const contents = new Map([
    [`${k8sSchemaBase}all.json`, k8s.allJson],
    [`${k8sSchemaBase}_definitions.json`, k8s.definitionsJson],
    [composeSchemaUrl, compose],
  ]);
  const yls = (withSchema) => ({
    id: withSchema ? 'yls-schema' : 'yls-noschema',
    label: withSchema ? 'yaml-language-server + k8s/compose schema' : 'yaml-language-server, no schema',
    reference: true,
    spec: { command: process.execPath, args: [ylsEntry(root), '--stdio'], cwd: root },
    settings: () => ({
      validate: true,
      hover: true,
      completion: true,
      format: { enable: false },
      schemaStore: { enable: false },
      kubernetesCRDStore: { enable: false },
      kubernetesVersion,
      schemas: withSchema ? { kubernetes: ['k8s-*.yaml', 'workspace/**/*.yaml'], [composeSchemaUrl]: ['compose*.yaml'] } : {},
    }),
    handlers(client, settings) {
      client.schemaRequests = [];
      return {
        'workspace/configuration': (p) =>
          p.items.map((item) =>
            item.section === 'yaml' ? settings : item.section === 'http' ? { proxy: 'http://127.0.0.1:9', proxyStrictSSL: false } : item.section === 'editor' ? { tabSize: 2 } : null,
          ),
        'vscode/content': (params) => {
          const uri = Array.isArray(params) ? params[0] : params;
          client.schemaRequests.push(uri);
          const text = contents.get(uri);
          if (text === undefined) throw new Error(`offline benchmark: no content for ${uri}`);
          return text;
        },
      };
    },
    afterInitialized(client) {
      client.notify('yaml/registerContentRequest', null);
      client.notify('workspace/didChangeConfiguration', { settings: null });
    },
  });
  return [
    {
      id: 'ours',
      label: 'lesson-aware-ls (dist/server.js)',
      reference: false,
      spec: { command: process.execPath, args: [join(root, 'dist', 'server.js'), '--stdio'], cwd: root },
      settings: (extra = {}) => ({ ...extra }),
      handlers(client, settings) {
        client.settings = settings;
        return { 'workspace/configuration': (p) => p.items.map((item) => (item.section === 'lessonAware' ? client.settings : null)) };
      },
      afterInitialized() {},
    },
    yls(true),
    yls(false),
  ];
}

/** Spawns `kind`, runs initialize/initialized and returns { client, startupMs }. */
export async function startServer(kind, { workspaceDir, settings, timeoutMs = 30_000 } = {}) {
  const s = settings ?? kind.settings();
  const handlers = {};
  const client = new BenchClient(kind.spec, handlers);
  Object.assign(client.handlers, kind.handlers(client, s));
  const folder = workspaceDir ? pathToFileURL(workspaceDir).toString() : null;
  const { result } = await client.request(
    'initialize',
    {
      processId: process.pid,
      locale: 'en',
      rootUri: folder,
      rootPath: workspaceDir ?? null,
      workspaceFolders: folder ? [{ uri: folder, name: 'bench' }] : null,
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: {
          synchronization: { dynamicRegistration: true, didSave: true },
          hover: { dynamicRegistration: true, contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
          completion: { dynamicRegistration: true },
        },
        window: { workDoneProgress: true, showMessage: {} },
      },
      initializationOptions: kind.id === 'ours' ? { lessonAware: s } : undefined,
    },
    timeoutMs,
  );
  const startupMs = performance.now() - client.spawnedAt;
  client.capabilities = result?.capabilities;
  client.notify('initialized', {});
  client.initializedAt = performance.now();
  kind.afterInitialized(client);
  return { client, startupMs };
}
