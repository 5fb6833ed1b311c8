/**
 * `field:` checks: find the resources (`kind` [+ `name`]; Compose `service` / `compose`), walk the path through
 * aliases and `<<` merges (the Compose read view), and test every reached value. A path with `*`/`[]` passes
 * only when it reaches at least one value and every reached value passes.
 */
import { isMap, isScalar, isSeq, Node, Scalar } from 'yaml';
import { allKeys, deref, lookup, seqItems } from '../rules/compose/composeModel';
import type { CheckResult } from './evaluateCheck';
import { formatPath } from './fieldPath';
import { LabFileSet } from './labFileSet';
import type { FieldCheck, FieldPredicate } from './labModel';
import { reason, showValue } from './labReasons';
import { parseBound } from './quantities';

type ParsedDoc = Parameters<typeof deref>[1];

interface Target {
  file: string;
  /** `Deployment/web`, `services.web`, or `Compose` for `kind: compose`. */
  label: string;
  flavor: 'kubernetes' | 'compose';
  root: Node;
  doc: ParsedDoc;
}

/** One branch of the walk: the concrete path and the value reached (undefined when missing there). */
interface Reached {
  path: (string | number)[];
  node?: Node;
}

export function evaluateField(check: FieldCheck, set: LabFileSet): CheckResult {
  const lang = set.ctx.lang;
  const files = set.select(check.file);
  if (!Array.isArray(files)) return { passed: false, reason: files.reason };
  const targets = findTargets(check, set, files);
  if (!targets.length) {
    const what = check.name !== undefined ? (check.kind === 'service' ? `services.${check.name}` : `${check.kind}/${check.name}`) : check.kind;
    return { passed: false, reason: reason(lang, 'labResourceMissing', check.file ?? reason(lang, 'labTheLabFolder'), what) };
  }
  for (const target of targets) {
    const failure = testTarget(check, target, set);
    if (failure) return { passed: false, reason: failure };
  }
  return { passed: true };
}

function findTargets(check: FieldCheck, set: LabFileSet, files: string[]): Target[] {
  const out: Target[] = [];
  for (const file of files) {
    const model = set.model(file);
    for (const d of model.docs) {
      const root = d.doc.contents as Node | null;
      if (!root || !isMap(root)) continue;
      const isCompose = model.flavor === 'compose' || d.flavor === 'compose';
      if (check.kind === 'compose') {
        if (isCompose) out.push({ file, label: 'Compose', flavor: 'compose', root, doc: d.doc });
      } else if (check.kind === 'service') {
        if (!isCompose) continue;
        const services = lookup(root, 'services', d.doc).value;
        for (const name of allKeys(services, d.doc)) {
          if (name.startsWith('x-') || (check.name !== undefined && name !== check.name)) continue;
          const node = lookup(services, name, d.doc).value;
          if (isMap(node)) out.push({ file, label: `services.${name}`, flavor: 'compose', root: node, doc: d.doc });
        }
      } else if (d.flavor === 'kubernetes' && d.kind === check.kind && (check.name === undefined || d.name === check.name)) {
        out.push({ file, label: `${d.kind}/${d.name ?? '?'}`, flavor: 'kubernetes', root, doc: d.doc });
      }
    }
  }
  return out;
}

/** Follows the path from the target's root: one branch per reached value or per place where it stops. */
function walk(check: FieldCheck, target: Target): Reached[] {
  let branches: Reached[] = [{ path: [], node: target.root }];
  for (const seg of check.path) {
    const next: Reached[] = [];
    for (const b of branches) {
      if (!b.node) {
        // Missing higher up: keep the rest of the path as written, so the reason names the whole field.
        next.push({ path: [...b.path, 'key' in seg ? seg.key : 'anyKey' in seg ? '*' : 'everyItem' in seg ? '[]' : seg.item] });
        continue;
      }
      if ('key' in seg) next.push({ path: [...b.path, seg.key], node: present(lookup(b.node, seg.key, target.doc).value) });
      else if ('anyKey' in seg) {
        const keys = isMap(deref(b.node, target.doc)) ? allKeys(b.node, target.doc) : [];
        if (!keys.length) next.push({ path: [...b.path, '*'] });
        for (const k of keys) next.push({ path: [...b.path, k], node: present(lookup(b.node, k, target.doc).value) });
      } else if ('everyItem' in seg) {
        const list = isSeq(deref(b.node, target.doc)) ? seqItems(b.node, target.doc) : [];
        if (!list.length) next.push({ path: [...b.path, '[]'] });
        list.forEach((n, i) => next.push({ path: [...b.path, i], node: present(n) }));
      } else {
        const list = isSeq(deref(b.node, target.doc)) ? seqItems(b.node, target.doc) : [];
        next.push({ path: [...b.path, seg.item], node: present(list[seg.item]) });
      }
    }
    branches = next;
  }
  return branches;
}

/** A null scalar (`key:` with no value) counts as not set. */
function present(node: Node | undefined): Node | undefined {
  return isScalar(node) && (node as Scalar).value === null ? undefined : node;
}

function valueOf(node: Node, doc: ParsedDoc): unknown {
  const n = deref(node, doc);
  if (!n) return undefined;
  if (isScalar(n)) return (n as Scalar).value;
  try {
    return (n as unknown as { toJSON(): unknown }).toJSON();
  } catch {
    return String(n);
  }
}

function pathText(r: Reached): string {
  return formatPath(r.path);
}

/** The reason the target fails, or undefined when it passes. */
function testTarget(check: FieldCheck, target: Target, set: LabFileSet): string | undefined {
  const lang = set.ctx.lang;
  const branches = walk(check, target);
  const p = check.predicate;
  const args = (r: Reached) => [target.file, target.label, pathText(r)] as const;
  if (p.op === 'absent') {
    const found = branches.find((b) => b.node);
    return found ? reason(lang, 'labFieldPresent', ...args(found), showValue(valueOf(found.node!, target.doc))) : undefined;
  }
  for (const b of branches) {
    if (!b.node) return reason(lang, 'labFieldMissing', ...args(b));
    const failure = testValue(p, valueOf(b.node, target.doc), target.flavor);
    if (failure) return reason(lang, failure.key, ...args(b), ...failure.args);
  }
  return undefined;
}

type ValueFailure = { key: 'labFieldNotEqual' | 'labFieldNotOneOf' | 'labFieldNoMatch' | 'labFieldNotContains' | 'labFieldBelowMin' | 'labFieldAboveMax' | 'labFieldNotNumber'; args: string[] };

export function testValue(p: FieldPredicate, actual: unknown, flavor: 'kubernetes' | 'compose'): ValueFailure | undefined {
  const now = showValue(actual);
  switch (p.op) {
    case 'present':
    case 'absent':
      return undefined;
    case 'equals':
      return sameValue(actual, p.value) ? undefined : { key: 'labFieldNotEqual', args: [showValue(p.value), now] };
    case 'oneOf':
      return p.values.some((v) => sameValue(actual, v)) ? undefined : { key: 'labFieldNotOneOf', args: [p.values.map(showValue).join(', '), now] };
    case 'matches':
      return isScalarValue(actual) && new RegExp(p.pattern, 'u').test(String(actual)) ? undefined : { key: 'labFieldNoMatch', args: [p.pattern, now] };
    case 'contains': {
      const ok = Array.isArray(actual)
        ? actual.some((item) => sameValue(item, p.value))
        : typeof actual === 'string'
          ? actual.includes(String(p.value))
          : actual !== null && typeof actual === 'object'
            ? Object.prototype.hasOwnProperty.call(actual, String(p.value))
            : false;
      return ok ? undefined : { key: 'labFieldNotContains', args: [showValue(p.value), now] };
    }
    case 'range': {
      const n = parseBound(actual, flavor);
      if (n === undefined) return { key: 'labFieldNotNumber', args: [now] };
      const min = p.min !== undefined ? parseBound(p.min, flavor) : undefined;
      const max = p.max !== undefined ? parseBound(p.max, flavor) : undefined;
      if (min !== undefined && n < min) return { key: 'labFieldBelowMin', args: [String(p.min), now] };
      if (max !== undefined && n > max) return { key: 'labFieldAboveMax', args: [String(p.max), now] };
      return undefined;
    }
  }
}

function isScalarValue(v: unknown): v is string | number | boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/** YAML value equality: deep for collections; a number and its decimal string are equal, booleans are strict. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((typeof a === 'number' && typeof b === 'string') || (typeof a === 'string' && typeof b === 'number')) return String(a) === String(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a as object);
    const kb = Object.keys(b as object);
    return ka.length === kb.length && ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return false;
}

