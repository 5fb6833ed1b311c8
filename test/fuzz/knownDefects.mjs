// @ts-check
/**
 * Defects the fuzz tier found in code owned elsewhere (rules, server wiring), not fixed yet. The full tier
 * (`npm run test:fuzz`) still fails on them; the slice in `npm test` reports them as TODO so it stays green
 * for everything else. Remove an entry when its defect is fixed: the slice then guards the fix.
 */

/** @type {{ input: string, where: string, defect: string }[]} */
export const knownDefects = [
  {
    input: '100,000-line flow sequence of containers',
    where: 'server/src/rules/k8s/securityContext.ts withHarden → rules/k8s/hardenAll.ts hardenWorkloadFix',
    defect:
      'every container finding gets a "harden the whole workload" fix built over all containers of the pod (yaml stringify per container, ' +
      'rules/edits.ts eolOf(text) scanning the whole file per insert): O(containers²) per rule, ~2.3 s of rules for 100 containers in a flow sequence, over 100 s for 1,000',
  },


  {
    input: '10 MB multi-document manifest',
    where: 'server/src/server.ts + diagnosticsScheduler.ts, rules engine, model/manifestModel.ts',
    defect:
      'the whole 10 MB file (~21,000 documents) is parsed and every rule runs in one synchronous pass per version: a linksAt waited 12 s ' +
      '(10 s of server CPU), later requests got no answer within 120 s, RSS peaked at 1.4 GB; no size limit or time budget',
  },
  {
    input: '100,000-line flow sequence',
    where: 'server/src/model/manifestModel.ts (parseAllDocuments of the whole file per version)',
    defect: 'a 1.8 MB flow sequence takes 2-4 s to parse with the yaml library (most of it GC) on every version: hover and linksAt after an edit wait over 1 s',
  },
  {
    input: 'anchor redefined 20,000 times',
    where: 'server/src/model/manifestModel.ts (parseAllDocuments of the whole file per version)',
    defect: 'a 0.5 MB file of 40,000 flow-map items and aliases takes ~3 s to parse (yaml library, mostly GC) on every version: requests after an edit wait over 1 s',
  },
  {
    input: '1 MB single line flow map',
    where: 'server/src/model/manifestModel.ts (parseAllDocuments of the whole file per version)',
    defect: 'a flow map of 60,000 keys on one line takes over 1 s of CPU to parse on every version: hover after an edit waits ~2 s',
  },
];

/** The known defect a failure label belongs to, if any. @param {string} label */
export function knownDefectFor(label) {
  return knownDefects.find((d) => label.startsWith(`hostile "${d.input}"`));
}
