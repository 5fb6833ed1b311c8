/**
 * The server core: the composition root of every feature and its handlers (features live in features/). The
 * entry point (server.ts) answers `initialize` and loads this module (dist/server-core.js) before it handles any
 * other message, passing the connection, the open documents and the `initialize` parameters.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DidChangeConfigurationNotification, MarkupKind, MessageType, ShowMessageNotification } from 'vscode-languageserver/node';
import type { ClientActivity } from './clientActivity';
import type { Connection, Hover, InitializeParams, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { hoverAt } from './features/hover';
import { linksAt } from './features/linksAt';
import { Lang, resolveLang, t } from './i18n';
import { LinksAtRequest, ListLessonsRequest, ResolveSectionRequest } from './protocol';
import { createServices, lessonFolders } from './services';
import { defaultSettings, LessonAwareSettings, normalizeSettings } from './settings';
import { listLessons } from './features/listLessons';
import { codeActionsFor } from './features/codeActions';
import { LinkedFinding, toDiagnostics } from './features/diagnostics';
import { DiagnosticsScheduler } from './diagnosticsScheduler';
import { EngineOptions, fixesFor, RuleFinding, runRules, runRulesSliced } from './rules/engine';
import { RuleResultCaches } from './rules/resultCache';
import type { ManifestModel } from './model/manifestModel';
import { TimeSlicer } from './model/timeSlices';
import { ReleaseAfterClose } from './model/releaseAfterClose';
import { allRules } from './rules/registry';
import { wireWorkspaceIndex } from './workspace/serverWiring';
import { wireLabs } from './labs/serverWiring';
import { IdleWork } from './idleWork';
import { wireCodeLens } from './codeLensWiring';
import { familiesValidatedElsewhere, severitiesForFile } from './features/schemaElsewhere';

export interface ServerCoreOptions {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  /** What the client sent with `initialize` (already answered). */
  params: InitializeParams;
  /** The folder of the bundles: field docs and the lesson index lie next to them. */
  distDir: string;
  /** Every message from the client, marked by the entry as it is dispatched. */
  activity: ClientActivity;
}

/** Wires every service and handler on the connection once `initialize` was answered. */
export function startServerCore({ connection, documents, params, distDir, activity }: ServerCoreOptions): void {
  const services = createServices({
    activity,
    extensionRoot: path.join(distDir, '..'),
    fieldDocsDir: path.join(distDir, 'field-docs'),
    lessonIndexFile: path.join(distDir, 'lesson-index.json'),
    warn: (message) => {
      connection.console.warn(message);
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: t(lang, 'lessonFolderProblem', message) });
    },
    log: (message) => connection.console.log(message),
  });

  // What `initialize` told: the client's locale, workspace folder, settings and capabilities.
  const clientLocale = params.locale;
  const folderUri = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
  const workspaceDir = folderUri?.startsWith('file:') ? fileURLToPath(folderUri) : (params.rootPath ?? undefined);
  const pullConfiguration = !!params.capabilities.workspace?.configuration;
  const initialSettings = normalizeSettings(((params.initializationOptions ?? {}) as { lessonAware?: unknown }).lessonAware);
  let settings: LessonAwareSettings = defaultSettings;
  let lang: Lang = 'en';
  /** Settles once the first settings are known: features wait for it so they never answer from defaults. */
  let markSettingsReady: () => void = () => undefined;
  const settingsReady = new Promise<void>((resolve) => (markSettingsReady = resolve));
  /** All Kubernetes resources of the workspace folders, for cross-resource rules; re-runs diagnostics when it changes. */
  const workspace = wireWorkspaceIndex(connection, documents, services.models, (selfChanged) => refreshAllDiagnostics(selfChanged));
  /** Start-up work nobody waits for runs while the client is quiet. */
  const idle = new IdleWork({ lastActivity: () => activity.lastAt, onError: (error) => connection.console.error(`background work failed: ${(error as Error).stack ?? error}`) });
  /** Labs: list, state, live ticks of watched lab folders (server/src/labs). */
  const labs = wireLabs(connection, documents, { lessons: services.lessons, fieldDocs: services.fieldDocs, lang: () => lang, ready: settingsReady, workspace, idle });

  connection.onInitialized(() => {
    workspace.initialized();
    // Lessons and labs are indexed once the client has the initialize answer: start-up never waits for them.
    if (!pullConfiguration) applySettings(initialSettings);
    if (pullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'lessonAware' }).catch(() => undefined);
      void refreshSettings();
    }
  });

  connection.onDidChangeConfiguration((change) => {
    if (pullConfiguration) void refreshSettings();
    else applySettings(normalizeSettings((change.settings as { lessonAware?: unknown } | null)?.lessonAware));
  });

  async function refreshSettings(): Promise<void> {
    try {
      const [raw] = await connection.workspace.getConfiguration([{ section: 'lessonAware' }]);
      applySettings(normalizeSettings(raw ?? initialSettings));
    } catch (error) {
      connection.console.error(`reading settings failed: ${(error as Error).message}`);
      applySettings(initialSettings);
    }
  }

  function applySettings(next: LessonAwareSettings): void {
    settings = next;
    lang = resolveLang(settings.locale, clientLocale);
    try {
      services.lessons.configure(lessonFolders(settings, services.bundledLessonsDir, workspaceDir));
    } finally {
      markSettingsReady();
    }
    refreshAllDiagnostics();
    codeLens.refresh();
    labs.refresh();
  }

  /** Rule results per open file: an edit re-runs only the checks it can change. */
  const ruleCaches = new RuleResultCaches();

  function engineOptions(uri: string): EngineOptions {
    return {
      cache: ruleCaches.for(uri),
      rules: allRules,
      fieldDocs: services.fieldDocs,
      // schema-* rules stay quiet in files another tool (Red Hat YAML) already validates against a schema.
      severities: severitiesForFile(settings.rules, allRules, familiesValidatedElsewhere(uri, documents.get(uri)?.getText() ?? '', settings.diagnostics.schemaValidatedElsewhere)),
      workspace: workspace.index,
      onRuleError: (id, error) => connection.console.error(`rule ${id} failed on ${uri}: ${(error as Error).stack ?? error}`),
    };
  }

  function linkFindings(model: ManifestModel, findings: RuleFinding[]): LinkedFinding[] {
    return toDiagnostics(model, findings, { corpus: services.lessons.corpus(), fieldDocs: services.fieldDocs, lang });
  }

  const diagnostics = new DiagnosticsScheduler(
    {
      versionOf: (uri) => documents.get(uri)?.version,
      async computeSliced(uri, isStale) {
        const doc = documents.get(uri);
        if (!doc) return undefined;
        const model = await services.models.complete(doc);
        if (isStale()) return undefined;
        const findings = await runRulesSliced(model, engineOptions(uri), isStale, new TimeSlicer(8, services.models.activity));
        if (!findings) return undefined;
        return { version: model.version, linked: linkFindings(model, findings) };
      },
      computeNow(uri) {
        const doc = documents.get(uri);
        if (!doc) return undefined;
        const model = services.models.get(doc);
        return { version: doc.version, linked: linkFindings(model, runRules(model, engineOptions(uri))) };
      },
      publish(uri, result) {
        void connection.sendDiagnostics({ uri, version: result.version, diagnostics: result.linked.map((l) => l.diagnostic) });
        codeLens.diagnosticsPublished(uri, result.version, result.linked);
      },
    },
    25,
    (error) => connection.console.error(`diagnostics failed: ${(error as Error).stack ?? error}`),
  );

  /** Re-runs diagnostics of every open document except `skip` (documents whose own edit already ran them). */
  function refreshAllDiagnostics(skip: ReadonlySet<string> = new Set()): void {
    for (const doc of documents.all()) if (!skip.has(doc.uri)) diagnostics.schedule(doc);
  }

  services.lessons.onDidChange(() => refreshAllDiagnostics());
  const codeLens = wireCodeLens(connection, { documents, services, settings: () => settings, lang: () => lang, settingsReady });

  workspace.initialize(params);
  codeLens.initialize(params);

  documents.onDidChangeContent((e) => {
    void settingsReady.then(() => diagnostics.schedule(e.document));
  });

  connection.onCodeAction(async (params) => {
    await settingsReady;
    try {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      const model = await services.models.complete(doc);
      const linked = diagnostics.resultFor(doc.uri, doc.version);
      return codeActionsFor(model, linked, params.range, lang, (finding) => fixesFor(model, finding, engineOptions(doc.uri)));
    } catch (error) {
      connection.console.error(`codeAction failed: ${(error as Error).stack ?? error}`);
      return [];
    }
  });

  connection.onHover(async (params): Promise<Hover | null> => {
    await settingsReady;
    try {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return null;
      const { model, offset } = await services.models.at(doc, params.position);
      const result = hoverAt(model, offset, {
        fieldDocs: services.fieldDocs,
        lessons: services.lessons,
        lang,
        showFieldDocs: settings.hover.fieldDocs,
      });
      if (!result) return null;
      return {
        contents: { kind: MarkupKind.Markdown, value: result.markdown },
        range: { start: doc.positionAt(result.start), end: doc.positionAt(result.end) },
      };
    } catch (error) {
      connection.console.error(`hover failed: ${(error as Error).stack ?? error}`);
      return null;
    }
  });

  connection.onRequest(LinksAtRequest, async (params) => {
    await settingsReady;
    try {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      const { model, offset } = await services.models.at(doc, params.position);
      return linksAt(model, offset, services.fieldDocs, services.lessons);
    } catch (error) {
      connection.console.error(`linksAt failed: ${(error as Error).stack ?? error}`);
      return [];
    }
  });

  connection.onRequest(ListLessonsRequest, async () => {
    await settingsReady;
    try {
      return listLessons(services.lessons);
    } catch (error) {
      connection.console.error(`listLessons failed: ${(error as Error).stack ?? error}`);
      return [];
    }
  });

  connection.onRequest(ResolveSectionRequest, async (params) => {
    await settingsReady;
    const lesson = services.lessons.lessonByUri(params.lessonUri);
    const section = lesson?.sections.find((s) => s.slug === params.sectionSlug);
    return section ? { line: section.line } : null;
  });

  /** Returns the memory of closed large documents to the system (model/releaseAfterClose.ts). */
  const releaseAfterClose = new ReleaseAfterClose();

  documents.onDidClose((e) => {
    services.models.delete(e.document.uri);
    ruleCaches.delete(e.document.uri);
    diagnostics.forget(e.document.uri);
    releaseAfterClose.closed(e.document.getText().length);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
  connection.onShutdown(() => {
    idle.dispose();
    services.lessons.dispose();
  });
}
