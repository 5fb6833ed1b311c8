/**
 * The one formatter of server messages (rule titles, messages, help, fix titles, i18n strings). Template syntax:
 *
 * - `{0}`, `{1}` … — the argument, as given (a missing argument is empty).
 * - `{0:이/가}` — the argument followed by the Korean particle that fits how it is read (`web이`, `db가`);
 *   pairs: `이/가`, `은/는`, `을/를`, `과/와`, `으로/로` (see koParticles.ts).
 * - `{이/가}` alone — the particle for the text just before it, for when a quote or bracket stands between the
 *   argument and the particle: `컨테이너 "{0}"{이/가}` → `컨테이너 "web"이`.
 *
 * Any other brace text (`{enforce,audit,warn}`, `{name: backend}`, `{}`) is left as written.
 */
import { isParticlePair, particleFor } from './koParticles';

const token = /\{(?:(\d+)(?::([^{}]+))?|([^{}\d][^{}]*))\}/g;

export function fillTemplate(template: string, args: readonly string[] = []): string {
  let out = '';
  let from = 0;
  for (const m of template.matchAll(token)) {
    const [whole, index, argPair, alonePair] = m;
    out += template.slice(from, m.index);
    from = m.index + whole.length;
    if (index !== undefined) {
      if (argPair !== undefined && !isParticlePair(argPair)) {
        out += whole;
        continue;
      }
      const arg = args[Number(index)] ?? '';
      out += argPair === undefined ? arg : arg + particleFor(arg, argPair);
    } else if (isParticlePair(alonePair)) {
      out += particleFor(out, alonePair);
    } else {
      out += whole;
    }
  }
  return out + template.slice(from);
}
