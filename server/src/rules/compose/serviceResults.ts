/**
 * Per-service results of the Compose rules that judge each service on its own: its mapping, the anchors it
 * merges in and the file's top-level sections, never another service. A Compose file is one document, so the
 * engine's per-document cache re-runs every such rule on each edit; `perService(rule)` re-checks only the
 * services whose inputs changed and reports the other services' findings again at their current offsets.
 *
 * A service's results are kept with what they were computed from, compared by identity (incremental parsing
 * gives an edited service, and the path down to the edit, new nodes; everything else keeps its objects and
 * only moves): the service's mapping, the node every alias reachable from it resolves to, every top-level
 * value other than `services`, and the file's URI. Findings are kept relative to the service's key, and only
 * when all of them lie inside the service and point nowhere else; otherwise the service is checked again next
 * time. Quick fixes of a reused finding are built on demand by checking that service again against the
 * current text.
 */
import type { YAMLMap } from 'yaml';
import type { DocContext, Finding, Fix, Rule } from '../types';
import { restrictServices, sameInputs, serviceInputs, servicesOf, ServiceView } from './composeModel';

type Reported = Omit<Finding, 'ruleId'>;

interface Kept {
  /** What the results were computed from (compared element by element, by identity). */
  inputs: readonly unknown[];
  /** Findings with offsets relative to the service key's start. */
  findings: Reported[];
}

/** Results per service mapping, per rule. */
const kept = new WeakMap<YAMLMap, Map<string, Kept>>();

/**
 * `rule` with results kept per service. `summary` names what else of the file the rule reads (which services
 * others wait for, which are healthy): a service's results are reused only while it is the same.
 */
export function perService(rule: Rule, summary?: (ctx: DocContext) => string): Rule {
  return {
    ...rule,
    check(ctx) {
      const services = servicesOf(ctx);
      const about = summary?.(ctx);
      const stale: { service: ServiceView; inputs: readonly unknown[] }[] = [];
      for (const service of services) {
        const own = serviceInputs(service, ctx);
        const inputs = about === undefined ? own : [...own, about];
        const entry = kept.get(service.node)?.get(rule.meta.id);
        if (!entry || !sameInputs(entry.inputs, inputs)) {
          stale.push({ service, inputs });
          continue;
        }
        const base = service.keyNode.range![0];
        for (const f of entry.findings) ctx.report(withFixesOnDemand(rule, ctx, service, { ...f, start: f.start + base, end: f.end + base }));
      }
      if (!stale.length) return;
      const found: Reported[] = [];
      rule.check(restrictServices({ ...ctx, report: (f) => found.push(f) }, stale.map((s) => s.service)));
      const byService = new Map<ServiceView, Reported[]>(stale.map((s) => [s.service, []]));
      const unplaced = new Set<ServiceView>();
      for (const f of found) {
        ctx.report(f);
        const owner = stale.find((s) => s.service.keyNode.range![0] <= f.start && f.end <= spanEnd(s.service))?.service;
        if (!owner || f.related?.length) {
          // A finding outside any checked service (at an anchor, say): those services are checked again next time.
          for (const s of stale) unplaced.add(s.service);
          continue;
        }
        byService.get(owner)!.push(f);
      }
      for (const { service, inputs } of stale) {
        let perRule = kept.get(service.node);
        if (unplaced.has(service)) {
          perRule?.delete(rule.meta.id);
          continue;
        }
        if (!perRule) kept.set(service.node, (perRule = new Map()));
        const base = service.keyNode.range![0];
        perRule.set(rule.meta.id, { inputs, findings: byService.get(service)!.map((f) => relative(f, base)) });
      }
    },
  };
}

/** Where a service's text ends: its mapping's end. */
function spanEnd(service: ServiceView): number {
  const r = service.node.range;
  return r ? r[2] : service.keyNode.range![1];
}

/** A kept finding without its fixes (they point at the text they were built for), offsets relative to `base`. */
function relative(f: Reported, base: number): Reported {
  const out: Reported = { start: f.start - base, end: f.end - base };
  if (f.args) out.args = f.args;
  if (f.lessonPath) out.lessonPath = f.lessonPath;
  return out;
}

/** A reused finding whose fixes, when read, come from checking its service again against the current text. */
function withFixesOnDemand(rule: Rule, ctx: DocContext, service: ServiceView, f: Reported): Reported {
  let built: { fixes: Fix[] | undefined } | undefined;
  return Object.defineProperty(f, 'fixes', {
    get: () => {
      if (!built) {
        const again: Reported[] = [];
        rule.check(restrictServices({ ...ctx, report: (x) => again.push(x) }, [service]));
        const same = again.find((x) => x.start === f.start && x.end === f.end && (x.args ?? []).join('\u0000') === (f.args ?? []).join('\u0000'));
        built = { fixes: same?.fixes };
      }
      return built.fixes;
    },
    enumerable: true,
    configurable: true,
  });
}
