/**
 * Reads one step's `check:` mapping (YAML nodes, for line numbers) into a typed LabCheck, reporting every
 * problem: unknown or missing keys, several check kinds at once, unknown rule ids, bad paths, bad regexes.
 */
import { isMap, isScalar, isSeq, Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Severity } from '../rules/types';
import { parseFieldPath } from './fieldPath';
import type { Bound, FieldPredicate, LabCheck } from './labModel';
import { parseBound } from './quantities';

export interface CheckParseContext {
  /** 1-based line of a node in lab.md. */
  lineOf(node: Node | null | undefined): number;
  /** Known rule ids (`rule:` checks must name one). */
  ruleIds: ReadonlySet<string>;
  problem(line: number, message: string): void;
}

const severities: Severity[] = ['error', 'warning', 'information', 'hint'];
const predicateKeys = ['present', 'absent', 'equals', 'oneOf', 'matches', 'contains', 'min', 'max'] as const;
const relationKeys: Record<string, string[]> = {
  'service-selects': ['service', 'workload'],
  'policy-selects': ['policy', 'workload'],
  'binding-grants': ['binding', 'role', 'serviceAccount'],
  'hpa-targets': ['hpa', 'workload'],
};
const kindKeys = ['rule', 'noFindings', 'field', 'count', 'relation', 'all', 'any'] as const;
const allowedKeys: Record<(typeof kindKeys)[number], string[]> = {
  rule: ['rule', 'file'],
  noFindings: ['noFindings', 'file'],
  field: ['field', 'kind', 'name', 'file', ...predicateKeys],
  count: ['count', 'file', 'min', 'max', 'equals'],
  relation: ['relation', 'file'],
  all: ['all'],
  any: ['any'],
};

/** Entries of a mapping as key → pair (scalar keys only). */
function entries(map: YAMLMap): Map<string, Pair<Node, Node | null>> {
  const out = new Map<string, Pair<Node, Node | null>>();
  for (const p of map.items) if (isScalar(p.key)) out.set(String((p.key as Scalar).value), p as Pair<Node, Node | null>);
  return out;
}

function plain(node: Node | null | undefined): unknown {
  if (!node) return null;
  if (isScalar(node)) return (node as Scalar).value;
  try {
    return (node as { toJSON(): unknown }).toJSON();
  } catch {
    return null; // an alias the node cannot resolve on its own
  }
}

function stringValue(node: Node | null | undefined): string | undefined {
  const v = isScalar(node) ? (node as Scalar).value : undefined;
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : undefined;
}

/** A check `file`: a relative `.yaml`/`.yml` path with `/`, inside the lab folder. */
export function validCheckFile(file: string): boolean {
  return /\.ya?ml$/i.test(file) && !file.startsWith('/') && !/^[a-z]:/i.test(file) && !file.split(/[\\/]/).includes('..') && !file.includes('\\');
}

export function parseCheck(node: Node | null | undefined, ctx: CheckParseContext): LabCheck | undefined {
  const line = ctx.lineOf(node);
  if (!isMap(node)) {
    ctx.problem(line, 'check must be a mapping (rule, noFindings, field, count, relation, all or any)');
    return undefined;
  }
  const map = entries(node as YAMLMap);
  const kinds = kindKeys.filter((k) => map.has(k));
  if (kinds.length !== 1) {
    ctx.problem(line, kinds.length ? `check has several kinds (${kinds.join(', ')}); use all/any to combine` : `check has no kind: use one of ${kindKeys.join(', ')}`);
    return undefined;
  }
  const kind = kinds[0];
  let ok = true;
  const allowed = kind === 'relation' ? [...allowedKeys.relation, ...(relationKeys[stringValue(map.get('relation')?.value) ?? ''] ?? [])] : allowedKeys[kind];
  for (const [key, pair] of map) {
    if (!allowed.includes(key)) {
      ctx.problem(ctx.lineOf(pair.key), `unknown key "${key}" in a ${kind} check (allowed: ${allowed.join(', ')})`);
      ok = false;
    }
  }
  const str = (key: string, required: boolean): string | undefined => {
    const pair = map.get(key);
    if (!pair) {
      if (required) {
        ctx.problem(line, `${kind} check needs "${key}"`);
        ok = false;
      }
      return undefined;
    }
    const v = stringValue(pair.value);
    if (v === undefined) {
      ctx.problem(ctx.lineOf(pair.value ?? pair.key), `"${key}" must be a non-empty string`);
      ok = false;
    }
    return v;
  };
  const file = str('file', false);
  if (file !== undefined && !validCheckFile(file)) {
    ctx.problem(ctx.lineOf(map.get('file')?.value), `file "${file}" must be a .yaml/.yml path relative to the lab folder (forward slashes, no "..")`);
    ok = false;
  }
  const withFile = (c: LabCheck): LabCheck => (file !== undefined ? ({ ...c, file } as LabCheck) : c);
  const result = ((): LabCheck | undefined => {
    switch (kind) {
      case 'rule': {
        const rule = str('rule', true);
        if (rule !== undefined && !ctx.ruleIds.has(rule)) {
          ctx.problem(ctx.lineOf(map.get('rule')?.value), `unknown rule "${rule}"`);
          ok = false;
        }
        return rule === undefined ? undefined : withFile({ type: 'rule', rule });
      }
      case 'noFindings': {
        const severity = str('noFindings', true);
        if (severity !== undefined && !severities.includes(severity as Severity)) {
          ctx.problem(ctx.lineOf(map.get('noFindings')?.value), `noFindings must be one of ${severities.join(', ')}`);
          ok = false;
        }
        return withFile({ type: 'noFindings', severity: severity as Severity });
      }
      case 'field':
        return fieldCheck();
      case 'count': {
        const countKind = str('count', true);
        const bounds: { min?: number; max?: number; equals?: number } = {};
        for (const key of ['min', 'max', 'equals'] as const) {
          const pair = map.get(key);
          if (!pair) continue;
          const v = plain(pair.value);
          if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
            ctx.problem(ctx.lineOf(pair.value ?? pair.key), `count "${key}" must be a whole number ≥ 0`);
            ok = false;
          } else bounds[key] = v;
        }
        if (!map.has('min') && !map.has('max') && !map.has('equals')) {
          ctx.problem(line, 'count check needs min, max or equals');
          ok = false;
        }
        return countKind === undefined ? undefined : withFile({ type: 'count', kind: countKind, ...bounds });
      }
      case 'relation': {
        const relation = str('relation', true);
        const keys = relationKeys[relation ?? ''];
        if (relation !== undefined && !keys) {
          ctx.problem(ctx.lineOf(map.get('relation')?.value), `unknown relation "${relation}" (use ${Object.keys(relationKeys).join(', ')})`);
          return undefined;
        }
        if (!keys) return undefined;
        const names: Record<string, string | undefined> = {};
        for (const key of keys) names[key] = str(key, true);
        return withFile({ type: 'relation', relation, ...names } as LabCheck);
      }
      case 'all':
      case 'any': {
        const seq = map.get(kind)?.value;
        if (!isSeq(seq) || !(seq as YAMLSeq).items.length) {
          ctx.problem(ctx.lineOf(seq ?? node), `${kind} must be a non-empty list of checks`);
          return undefined;
        }
        const checks = (seq as YAMLSeq<Node>).items.map((item) => parseCheck(item, ctx));
        if (checks.some((c) => !c)) return undefined;
        return { type: kind, checks: checks as LabCheck[] };
      }
    }
  })();
  return ok ? result : undefined;

  function fieldCheck(): LabCheck | undefined {
    const field = str('field', true);
    const resourceKind = str('kind', true);
    const name = str('name', false);
    const path = field !== undefined ? parseFieldPath(field) : undefined;
    if (field !== undefined && typeof path === 'string') {
      ctx.problem(ctx.lineOf(map.get('field')?.value), `field path "${field}": ${path}`);
      ok = false;
    }
    const given = predicateKeys.filter((k) => map.has(k));
    const isRange = given.length > 0 && given.every((k) => k === 'min' || k === 'max');
    if (!given.length || (given.length > 1 && !isRange)) {
      ctx.problem(line, given.length ? `field check has several conditions (${given.join(', ')}); only min and max go together` : `field check needs one of ${predicateKeys.join(', ')}`);
      ok = false;
      return undefined;
    }
    const pair = map.get(given[0])!;
    const value = plain(pair.value);
    let predicate: FieldPredicate | undefined;
    switch (given[0]) {
      case 'present':
      case 'absent':
        if (value !== true) {
          ctx.problem(ctx.lineOf(pair.value ?? pair.key), `${given[0]} must be true`);
          ok = false;
        }
        predicate = { op: given[0] };
        break;
      case 'equals':
      case 'contains':
        if (value === null || value === undefined) {
          ctx.problem(ctx.lineOf(pair.key), `${given[0]} needs a value`);
          ok = false;
        }
        predicate = { op: given[0], value };
        break;
      case 'oneOf':
        if (!Array.isArray(value) || !value.length) {
          ctx.problem(ctx.lineOf(pair.value ?? pair.key), 'oneOf must be a non-empty list');
          ok = false;
        }
        predicate = { op: 'oneOf', values: Array.isArray(value) ? value : [] };
        break;
      case 'matches':
        if (typeof value !== 'string' || !validRegex(value)) {
          ctx.problem(ctx.lineOf(pair.value ?? pair.key), `matches must be a valid regular expression`);
          ok = false;
        }
        predicate = { op: 'matches', pattern: String(value) };
        break;
      default: {
        const bounds: { min?: Bound; max?: Bound } = {};
        for (const key of ['min', 'max'] as const) {
          const p = map.get(key);
          if (!p) continue;
          const v = plain(p.value);
          if ((typeof v !== 'number' && typeof v !== 'string') || (parseBound(v, 'kubernetes') === undefined && parseBound(v, 'compose') === undefined)) {
            ctx.problem(ctx.lineOf(p.value ?? p.key), `${key} must be a number or a quantity (256Mi, 500m, 512m, 1g)`);
            ok = false;
          } else bounds[key] = v;
        }
        predicate = { op: 'range', ...bounds };
      }
    }
    if (field === undefined || resourceKind === undefined || typeof path === 'string' || !path || !predicate) return undefined;
    return withFile({ type: 'field', field, path, kind: resourceKind, ...(name !== undefined ? { name } : {}), predicate });
  }
}

function validRegex(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}
