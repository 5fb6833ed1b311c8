/** What the schema validators report, and the glue that turns one validation pass into several rules. */
import type { DocModel } from '../../model/manifestModel';
import type { PathSegment } from '../../schema/types';
import type { DocContext, Fix, Rule, RuleMeta } from '../types';

export type SchemaIssueKind = 'unknown' | 'type' | 'required' | 'enum' | 'apiVersion';

export interface SchemaIssue {
  kind: SchemaIssueKind;
  start: number;
  end: number;
  args: string[];
  /** Key path of the field concerned (for the lesson link). */
  path: PathSegment[];
  fixes?: Fix[];
}

/** `V1PodSecurityContext` → `PodSecurityContext`, `RbacV1Subject` → `Subject`, `V2MetricSpec` → `MetricSpec`. */
export function typeLabel(typeName: string): string {
  return typeName.replace(/^[A-Z][a-z]+V\d+(?:(?:alpha|beta)\d+)?(?=[A-Z])/, '').replace(/^V\d+(?:(?:alpha|beta)\d+)?(?=[A-Z])/, '');
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

/** The one known name close to `name` (same letters ignoring case, `_`/`-`, or a small typo); undefined when none or ambiguous. */
export function closestName(name: string, known: readonly string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[_-]/g, '');
  const same = known.filter((k) => norm(k) === norm(name));
  if (same.length === 1) return same[0];
  const limit = name.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  let tie = false;
  for (const k of known) {
    const d = editDistance(norm(name), norm(k));
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance) tie = true;
  }
  return best && !tie ? best : undefined;
}

/** A rule reporting one kind of issue from a validation pass that runs once per document. */
export function schemaRule(meta: RuleMeta, kinds: readonly SchemaIssueKind[], validate: (ctx: DocContext) => SchemaIssue[]): Rule {
  return {
    meta,
    check(ctx) {
      for (const issue of issuesFor(ctx, validate)) {
        if (!kinds.includes(issue.kind)) continue;
        ctx.report({ start: issue.start, end: issue.end, args: issue.args, lessonPath: issue.path, fixes: issue.fixes ?? [] });
      }
    },
  };
}

const cache = new WeakMap<(ctx: DocContext) => SchemaIssue[], WeakMap<DocModel, SchemaIssue[]>>();

function issuesFor(ctx: DocContext, validate: (ctx: DocContext) => SchemaIssue[]): SchemaIssue[] {
  let perDoc = cache.get(validate);
  if (!perDoc) cache.set(validate, (perDoc = new WeakMap()));
  let issues = perDoc.get(ctx.doc);
  if (!issues) {
    issues = validate(ctx);
    perDoc.set(ctx.doc, issues);
  }
  return issues;
}
