// @ts-check
/**
 * Defects the fuzz tier found in code owned elsewhere (rules, server wiring), not fixed yet. The full tier
 * (`npm run test:fuzz`) still fails on them; the slice in `npm test` reports them as TODO so it stays green
 * for everything else. Remove an entry when its defect is fixed: the slice then guards the fix.
 */

/** @type {{ input: string, where: string, defect: string }[]} */
export const knownDefects = [
  {
    input: '5,000 privileged containers (many diagnostics)',
    where: 'server/src/model (one 25,000-line document parsed in one step)',
    defect:
      'its first parse, and the re-parse after an edit that leaves it with a syntax error (no entry re-parse then), is one step of the ' +
      'yaml library: 0.4-0.7 s of the main thread plus V8\'s parallel GC threads, 0.9-1.3 s of server CPU on this 2-core machine: ' +
      'requests sent meanwhile exceed 1 s when the machine is busy (passes at load ~3 in one full run of two; 0.8 s with --single-threaded-gc). ' +
      'Fixed: rule re-checks no longer hold requests, code actions no longer re-run rules, ~300 MB heap now ~25 MB',
  },
];

/** The known defect a failure label belongs to, if any. @param {string} label */
export function knownDefectFor(label) {
  return knownDefects.find((d) => label.startsWith(`hostile "${d.input}"`));
}
