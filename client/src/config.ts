/**
 * Client-side settings. The server reads `lessonAware.*` through `workspace/configuration`; the client
 * adjusts two things on the way, both about not repeating what Red Hat YAML / Docker DX already show:
 * - `hover.fieldDocs` turns off while either is installed (they describe fields), unless
 *   `hover.fieldDocsWithOtherExtensions` is on;
 * - `diagnostics.schemaValidatedElsewhere` tells the server which files Red Hat YAML schema-validates (see
 *   schemaOverlap.ts), unless `diagnostics.schemaWithOtherExtensions` is on.
 */
import * as vscode from 'vscode';
import { DidChangeConfigurationNotification, type LanguageClient } from 'vscode-languageclient/node';
import { effectiveFieldDocs } from './configModel';
import { OtherExtensionsState, schemaValidatedElsewhere } from './schemaOverlap';

export const redHatYamlId = 'redhat.vscode-yaml';
export const dockerDxId = 'docker.docker';

/** Extensions whose hovers already show the Kubernetes / Compose schema description. */
export const schemaHoverExtensions = [redHatYamlId, dockerDxId] as const;

export function installedSchemaExtensions(): string[] {
  return schemaHoverExtensions.filter((id) => !!vscode.extensions.getExtension(id));
}

/** What the other extensions are set up to validate, read from VS Code. */
export function otherExtensionsState(scope?: vscode.Uri): OtherExtensionsState {
  const yaml = vscode.workspace.getConfiguration('yaml', scope);
  return {
    redHatYaml: {
      installed: !!vscode.extensions.getExtension(redHatYamlId),
      yaml: {
        validate: yaml.get('validate'),
        schemaStoreEnable: yaml.get('schemaStore.enable'),
        schemas: yaml.get('schemas'),
        disableSchemaDetection: yaml.get('disableSchemaDetection'),
      },
    },
    dockerDx: { installed: !!vscode.extensions.getExtension(dockerDxId) },
    keepOurs: vscode.workspace.getConfiguration('lessonAware', scope).get<boolean>('diagnostics.schemaWithOtherExtensions', false),
  };
}

/** Rewrites a `lessonAware` settings object as the server will see it. */
export function adjustForServer(raw: unknown, scope?: vscode.Uri): unknown {
  if (!raw || typeof raw !== 'object') return raw;
  const config = vscode.workspace.getConfiguration('lessonAware', scope);
  const settings = { ...(raw as Record<string, unknown>) };
  const hover = { ...((settings.hover as Record<string, unknown> | undefined) ?? {}) };
  const fieldDocs = config.get<boolean>('hover.fieldDocs', true);
  const withOthers = config.get<boolean>('hover.fieldDocsWithOtherExtensions', false);
  hover.fieldDocs = effectiveFieldDocs(fieldDocs, withOthers, installedSchemaExtensions().length > 0);
  settings.hover = hover;
  const diagnostics = { ...((settings.diagnostics as Record<string, unknown> | undefined) ?? {}) };
  diagnostics.schemaValidatedElsewhere = schemaValidatedElsewhere(otherExtensionsState(scope));
  settings.diagnostics = diagnostics;
  return settings;
}

/** Initialization options: the settings as a plain object, adjusted. */
export function initialSettings(): unknown {
  const config = vscode.workspace.getConfiguration('lessonAware');
  const plain = JSON.parse(JSON.stringify(config)) as Record<string, unknown>;
  return adjustForServer(plain);
}

/** Settings outside `lessonAware` (or client-only ones) that change what adjustForServer sends. */
const affectingSettings = [
  'lessonAware.hover.fieldDocsWithOtherExtensions',
  'lessonAware.diagnostics.schemaWithOtherExtensions',
  'yaml.validate',
  'yaml.schemas',
  'yaml.schemaStore.enable',
  'yaml.disableSchemaDetection',
];

/** Makes the server re-read its settings when another extension comes or goes, or when one of those settings changes. */
export function watchOtherExtensions(getClient: () => LanguageClient | undefined): vscode.Disposable {
  const reread = () => {
    const client = getClient();
    if (client?.isRunning()) void client.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  };
  return vscode.Disposable.from(
    vscode.extensions.onDidChange(reread),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectingSettings.some((key) => e.affectsConfiguration(key))) reread();
    }),
  );
}
