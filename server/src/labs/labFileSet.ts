/**
 * The learner's copy of a lab as the checks see it: relative path → text, each file parsed once with the
 * shared manifest model, rule findings computed once per file (suppression comments ignored: a hidden finding
 * still fails a step) with a workspace made of the lab's own files for the cross-resource rules.
 */
import { isMap, Node, Pair, Scalar, isScalar } from 'yaml';
import { localize } from '../features/diagnostics';
import type { Lang } from '../i18n';
import { docAt, DocModel, ManifestModel, parseManifest } from '../model/manifestModel';
import { resourcesOfModel } from '../rules/cross/resources';
import type { ResourceRef } from '../rules/cross/workspaceResources';
import { RuleFinding, runRules } from '../rules/engine';
import { allRules } from '../rules/registry';
import { isSuppressed, parseSuppressions } from '../rules/suppression';
import type { Rule } from '../rules/types';
import type { FieldDocs } from '../schema/types';
import { WorkspaceIndex } from '../workspace/workspaceIndex';
import { reason } from './labReasons';

/** Relative path with `/` → file text. */
export type LabFiles = Record<string, string>;

export interface CheckContext {
  lang: Lang;
  fieldDocs: FieldDocs;
  /** Rules run for `rule:` and `noFindings:` checks (default: every shipped rule, default severities). */
  rules?: readonly Rule[];
  /** Base URI of the learner's folder, ending with `/` (default `file:///lab/`); file names keep Compose detection. */
  baseUri?: string;
}

/** A failed precondition (missing file, broken YAML, no YAML at all) with its reason. */
export interface Unavailable {
  reason: string;
}

export class LabFileSet {
  private readonly models = new Map<string, ManifestModel>();
  private readonly findingCache = new Map<string, RuleFinding[]>();
  private workspace: WorkspaceIndex | undefined;
  readonly baseUri: string;

  constructor(
    readonly files: LabFiles,
    readonly ctx: CheckContext,
  ) {
    this.baseUri = ctx.baseUri ?? 'file:///lab/';
  }

  /** Every YAML file, sorted. */
  yamlFiles(): string[] {
    return Object.keys(this.files)
      .filter((f) => /\.ya?ml$/i.test(f))
      .sort();
  }

  uriOf(file: string): string {
    return this.baseUri + file.split('/').map(encodeURIComponent).join('/');
  }

  model(file: string): ManifestModel {
    let m = this.models.get(file);
    if (!m) this.models.set(file, (m = parseManifest(this.uriOf(file), 0, this.files[file])));
    return m;
  }

  /**
   * The files a check reads (`file`, or every YAML file), or why it cannot read them: the named file is
   * missing, no YAML file exists, or one of them does not parse.
   */
  select(file: string | undefined): string[] | Unavailable {
    const lang = this.ctx.lang;
    if (file !== undefined && this.files[file] === undefined) return { reason: reason(lang, 'labFileMissing', file) };
    const selected = file !== undefined ? [file] : this.yamlFiles();
    if (!selected.length) return { reason: reason(lang, 'labNoYamlFiles') };
    for (const f of selected) {
      const line = this.syntaxErrorLine(f);
      if (line !== undefined) return { reason: reason(lang, 'labYamlSyntax', f, String(line)) };
    }
    return selected;
  }

  /** 1-based line of the first YAML syntax error of a file, if any. */
  syntaxErrorLine(file: string): number | undefined {
    for (const d of this.model(file).docs) {
      const e = d.doc.errors[0];
      if (e) return e.linePos?.[0].line ?? this.model(file).lineCounter.linePos(e.pos[0]).line;
    }
    return undefined;
  }

  /** Rule findings of a file, suppression comments ignored. */
  findings(file: string): RuleFinding[] {
    let list = this.findingCache.get(file);
    if (!list) {
      this.workspace ??= WorkspaceIndex.fromTexts(Object.fromEntries(this.yamlFiles().map((f) => [this.uriOf(f), this.files[f]])));
      list = runRules(this.model(file), { rules: this.ctx.rules ?? allRules, fieldDocs: this.ctx.fieldDocs, workspace: this.workspace, ignoreSuppressions: true });
      this.findingCache.set(file, list);
    }
    return list;
  }

  /** Kubernetes resources of the given files. */
  resources(files: readonly string[]): ResourceRef[] {
    return files.flatMap((f) => resourcesOfModel(this.model(f)));
  }

  fileOfUri(uri: string): string | undefined {
    return Object.keys(this.files).find((f) => this.uriOf(f) === uri);
  }

  /** A finding as a reason: file, line, resource, localized message, rule id, and a note when it is suppressed. */
  describeFinding(file: string, f: RuleFinding): string {
    const model = this.model(file);
    const line = model.lineCounter.linePos(f.start).line;
    const doc = docAt(model, f.start);
    const text = reason(this.ctx.lang, 'labRuleReported', file, String(line), resourceAt(model, doc, f.start), localize(f.meta.message, this.ctx.lang, f.args), f.ruleId);
    const suppressed = isSuppressed(parseSuppressions(model.text), f.ruleId, line - 1);
    return suppressed ? reason(this.ctx.lang, 'labRuleSuppressed', text) : text;
  }
}

/** `Deployment/web` for a Kubernetes document, `services.web` for a place inside a Compose service. */
export function resourceAt(model: ManifestModel, doc: DocModel | undefined, offset: number): string {
  if (!doc) return '?';
  if (doc.flavor === 'kubernetes') return `${doc.kind}/${doc.name ?? '?'}`;
  const root = doc.doc.contents;
  const services = isMap(root) ? root.get('services', true) : undefined;
  if (isMap(services)) {
    for (const p of services.items as Pair<Node, Node | null>[]) {
      const start = p.key?.range?.[0] ?? Infinity;
      const end = p.value?.range?.[2] ?? p.key?.range?.[2] ?? -1;
      if (offset >= start && offset <= end && isScalar(p.key)) return `services.${String((p.key as Scalar).value)}`;
    }
  }
  return model.flavor === 'compose' ? 'compose' : '?';
}
