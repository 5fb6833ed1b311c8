// @ts-check
/**
 * Defects the fuzz tier found in code owned elsewhere (rules, server wiring), not fixed yet. The full tier
 * (`npm run test:fuzz`) still fails on them; the slice in `npm test` reports them as TODO so it stays green
 * for everything else. Remove an entry when its defect is fixed: the slice then guards the fix.
 */

/** @type {{ input: string, where: string, defect: string }[]} */
export const knownDefects = [
  {
    input: '5,000 documents',
    where: 'server/src/model (the first parse of a file)',
    defect:
      '0.57 MB of 5,000 small flow-style documents is under the analysis limits (2 MB, 30,000 flow marks) but its first parse takes ' +
      '0.6-1.5 s in one synchronous pass of the yaml library: requests sent meanwhile wait over 1 s (edits after it re-parse one chunk)',
  },
  {
    input: '5,000 privileged containers (many diagnostics)',
    where: 'server/src/model + rules engine (one 25,000-line document)',
    defect:
      'one document with 60,000 findings: its first parse (0.7 s, one chunk) and each full re-check of the document (about 1 s of rules, ' +
      'paused between rules) hold requests over 1 s; the server keeps ~300 MB of heap it grew to (diagnostics are capped at 1,000 per file)',
  },
];

/** The known defect a failure label belongs to, if any. @param {string} label */
export function knownDefectFor(label) {
  return knownDefects.find((d) => label.startsWith(`hostile "${d.input}"`));
}
