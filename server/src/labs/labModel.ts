/** The lab model: a `lab.md` (lessons/labs/README.md) as a definition with typed, validated checks. */
import type { Severity } from '../rules/types';

/** One segment of a field path: a key, every key of a mapping (`*`), every item (`[]`) or one item (`[n]`). */
export type FieldSegment = { key: string } | { anyKey: true } | { everyItem: true } | { item: number };

/** A `min`/`max` bound as written in lab.md: a number or a quantity (`256Mi`, `500m`, `512m`, `1g`). */
export type Bound = number | string;

export type FieldPredicate =
  | { op: 'present' }
  | { op: 'absent' }
  | { op: 'equals'; value: unknown }
  | { op: 'oneOf'; values: unknown[] }
  | { op: 'matches'; pattern: string }
  | { op: 'contains'; value: unknown }
  | { op: 'range'; min?: Bound; max?: Bound };

export interface FieldCheck {
  type: 'field';
  /** The path as written, for messages. */
  field: string;
  path: FieldSegment[];
  /** A Kubernetes kind, or `service` / `compose` for Compose files. */
  kind: string;
  name?: string;
  file?: string;
  predicate: FieldPredicate;
}

export type RelationCheck =
  | { type: 'relation'; relation: 'service-selects'; service: string; workload: string; file?: string }
  | { type: 'relation'; relation: 'policy-selects'; policy: string; workload: string; file?: string }
  | { type: 'relation'; relation: 'binding-grants'; binding: string; role: string; serviceAccount: string; file?: string }
  | { type: 'relation'; relation: 'hpa-targets'; hpa: string; workload: string; file?: string };

export type LabCheck =
  | { type: 'rule'; rule: string; file?: string }
  | { type: 'noFindings'; severity: Severity; file?: string }
  | FieldCheck
  | { type: 'count'; kind: string; file?: string; min?: number; max?: number; equals?: number }
  | RelationCheck
  | { type: 'all'; checks: LabCheck[] }
  | { type: 'any'; checks: LabCheck[] };

/** A lesson section named as `file.md#slug`, relative to the lesson folder holding the lab. */
export interface LabRef {
  file: string;
  slug: string;
  /** 1-based line in lab.md, for problems. */
  line: number;
}

export interface LabStep {
  id: string;
  title: string;
  /** The `##` section's Markdown (without its heading). */
  instructions: string;
  hint?: LabRef;
  check: LabCheck;
  /** 1-based line of the step in lab.md. */
  line: number;
}

export interface LabDefinition {
  id: string;
  title: string;
  lesson?: LabRef;
  minutes?: number;
  order: number;
  introduction: string;
  closing?: string;
  steps: LabStep[];
}

/** A problem in a lab file: 1-based line and an English message (shown like lesson-folder problems). */
export interface LabProblem {
  line: number;
  message: string;
  /** The lab cannot be used (it is left out of the list); other problems only leave something out. */
  fatal: boolean;
}

/** Every check file named by a check (and its sub-checks). */
export function checkFiles(check: LabCheck): string[] {
  if (check.type === 'all' || check.type === 'any') return [...new Set(check.checks.flatMap(checkFiles))];
  return check.file ? [check.file] : [];
}

/** The closing section's heading: an extra trailing `##` section with this title is the closing text. */
export const closingHeading = '마치며';
