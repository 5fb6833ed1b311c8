/**
 * Connects the code-lens feature (features/codeLens.ts) to the language server (the capability is declared
 * in capabilities.ts): the `textDocument/codeLens` handler, the findings each published diagnostics run leaves
 * per resource, and `workspace/codeLens/refresh` when lenses were served before their findings were known,
 * when lessons change, or when settings change.
 */
import type { CodeLens, Connection, InitializeParams, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { codeLenses, FindingsSummary, resourceAnchors, summarizeFindings } from './features/codeLens';
import type { LinkedFinding } from './features/diagnostics';
import type { Lang } from './i18n';
import { Commands } from './protocol';
import type { Services } from './services';
import type { LessonAwareSettings } from './settings';

export interface CodeLensWiringDeps {
  documents: TextDocuments<TextDocument>;
  services: Services;
  settings: () => LessonAwareSettings;
  lang: () => Lang;
  settingsReady: Promise<void>;
}

export interface CodeLensWiring {
  /** Call from onInitialize (learns whether the client accepts `workspace/codeLens/refresh`). */
  initialize(params: InitializeParams): void;
  /** Call after diagnostics of `uri` at `version` were published. */
  diagnosticsPublished(uri: string, version: number, linked: readonly LinkedFinding[]): void;
  /** Asks the client to re-request every lens (settings changed). */
  refresh(): void;
}

export function wireCodeLens(connection: Connection, deps: CodeLensWiringDeps): CodeLensWiring {
  let canRefresh = false;
  /** Findings per resource from the last published diagnostics of each document. */
  const findings = new Map<string, { version: number; byResource: Map<string, FindingsSummary> }>();
  /** Documents whose lenses were served before the findings of their version were known. */
  const awaitingFindings = new Set<string>();

  const refresh = () => {
    if (!canRefresh) return;
    void connection.sendRequest('workspace/codeLens/refresh').catch((error: Error) => connection.console.error(`codeLens refresh failed: ${error.message}`));
  };

  deps.services.lessons.onDidChange(refresh);
  deps.documents.onDidClose((e) => {
    findings.delete(e.document.uri);
    awaitingFindings.delete(e.document.uri);
  });

  connection.onCodeLens(async (params): Promise<CodeLens[]> => {
    await deps.settingsReady;
    try {
      const doc = deps.documents.get(params.textDocument.uri);
      if (!doc || !deps.settings().codeLens.enabled) return [];
      const model = deps.services.models.get(doc);
      const known = findings.get(doc.uri);
      // Lenses never wait for diagnostics: counts of the last run stand in until this version's run publishes.
      if (!known || known.version !== doc.version) awaitingFindings.add(doc.uri);
      const lenses = codeLenses(model, {
        corpus: deps.services.lessons.corpus(),
        fieldDocs: deps.services.fieldDocs,
        lang: deps.lang(),
        findings: known?.byResource,
      });
      return lenses.map((lens) => ({
        range: { start: doc.positionAt(lens.start), end: doc.positionAt(lens.end) },
        command: { title: lens.title, tooltip: lens.tooltip, command: Commands.openLesson, arguments: [lens.args] },
      }));
    } catch (error) {
      connection.console.error(`codeLens failed: ${(error as Error).stack ?? error}`);
      return [];
    }
  });

  return {
    initialize(params) {
      canRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    },
    diagnosticsPublished(uri, version, linked) {
      try {
        const doc = deps.documents.get(uri);
        if (!doc || doc.version !== version) return;
        const anchors = resourceAnchors(deps.services.models.get(doc));
        const byResource = summarizeFindings(anchors, linked);
        const served = findings.get(uri)?.byResource;
        findings.set(uri, { version, byResource });
        const waiting = awaitingFindings.delete(uri);
        if (waiting && deps.settings().codeLens.enabled && !sameSummaries(served, byResource)) refresh();
      } catch (error) {
        connection.console.error(`codeLens findings failed: ${(error as Error).stack ?? error}`);
      }
    },
    refresh,
  };
}

/** True when both would show the same lenses (same resources, counts and target lessons). */
function sameSummaries(a: ReadonlyMap<string, FindingsSummary> | undefined, b: ReadonlyMap<string, FindingsSummary>): boolean {
  if (!a || a.size !== b.size) return !a && b.size === 0;
  for (const [key, x] of a) {
    const y = b.get(key);
    if (!y || x.count !== y.count || x.worst.title.en !== y.worst.title.en) return false;
    if (x.worst.lesson.lessonUri !== y.worst.lesson.lessonUri || x.worst.lesson.sectionSlug !== y.worst.lesson.sectionSlug) return false;
  }
  return true;
}
