/**
 * The rule contract. A rule is a small module: stable id, default severity, Korean and English message,
 * and a check over a typed, partial view of one document. Rules report offsets; LSP positions are made
 * at the edge (features/diagnostics.ts). Rules never throw on missing or odd data: they skip it.
 */
import type { Document, Node, ParsedNode } from 'yaml';
import type { DocModel, ManifestModel } from '../model/manifestModel';
import type { FieldDocs, PathSegment } from '../schema/types';
import type { WorkspaceResources } from './cross/workspaceResources';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface Localized {
  en: string;
  ko: string;
}

export interface RuleMeta {
  /** Stable id, kebab-case, prefixed by family: `k8s-…`, `compose-…`, `schema-…`, `x-…` (cross-resource). */
  id: string;
  flavor: 'kubernetes' | 'compose';
  severity: Severity;
  /** Short title, e.g. "Container may run as root". */
  title: Localized;
  /** Message template; `{0}`, `{1}` … are filled from Finding.args. */
  message: Localized;
  /** Longer help text (SARIF help, README rule table). */
  help: Localized;
  /**
   * The field the rule is about, as a field pattern (see lessons/fieldPattern.ts), used to find the lesson
   * that explains it when a finding carries no lessonPath, e.g. `securityContext.runAsNonRoot`.
   */
  lessonField: string;
  /** Equivalent checks in other tools (kube-linter, kube-score, Polaris, PSS, KICS…), for the docs. */
  anchors?: string[];
}

/** A text edit in offsets of the file (never positions). */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: Localized;
  edits: OffsetEdit[];
  /** The preferred fix is offered first / by "Fix all". */
  preferred?: boolean;
}

export interface RelatedLocation {
  uri: string;
  start: number;
  end: number;
  /** Text of that file, so the edge can compute positions (uri may be another file). */
  text: string;
  message: Localized;
}

export interface Finding {
  ruleId: string;
  /** [start, end) offsets in the file of the node to underline (a key, usually). */
  start: number;
  end: number;
  args?: string[];
  /** The field the finding is about (it may be missing from the document), for the lesson link. */
  lessonPath?: PathSegment[];
  fixes?: Fix[];
  related?: RelatedLocation[];
}

/** What a rule's check receives for one document. */
export interface DocContext {
  model: ManifestModel;
  doc: DocModel;
  /** The parsed YAML document (doc.doc) and its root node, typed for convenience. */
  yaml: Document.Parsed<ParsedNode>;
  root: Node | null;
  fieldDocs: FieldDocs;
  /** All Kubernetes/Compose resources of the workspace (cross-resource rules); may be empty. */
  workspace: WorkspaceResources;
  report(finding: Omit<Finding, 'ruleId'>): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: DocContext): void;
}
