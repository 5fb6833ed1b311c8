/**
 * Client-side settings. The server reads `lessonAware.*` through `workspace/configuration`; the client
 * adjusts one value on the way: `hover.fieldDocs` turns off while Red Hat YAML or Docker DX is installed
 * (they already describe fields), unless `hover.fieldDocsWithOtherExtensions` is on.
 */
import * as vscode from 'vscode';
import { effectiveFieldDocs } from './configModel';

/** Extensions whose hovers already show the Kubernetes / Compose schema description. */
export const schemaHoverExtensions = ['redhat.vscode-yaml', 'docker.docker'] as const;

export function installedSchemaExtensions(): string[] {
  return schemaHoverExtensions.filter((id) => !!vscode.extensions.getExtension(id));
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
  return settings;
}

/** Initialization options: the settings as a plain object, adjusted. */
export function initialSettings(): unknown {
  const config = vscode.workspace.getConfiguration('lessonAware');
  const plain = JSON.parse(JSON.stringify(config)) as Record<string, unknown>;
  return adjustForServer(plain);
}
