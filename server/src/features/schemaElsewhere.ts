/**
 * Our schema-* rules (unknown field, wrong type, missing required, invalid enum…) duplicate what Red Hat YAML
 * reports for a file it validates against a schema. The client tells us which files those are
 * (settings.diagnostics.schemaValidatedElsewhere); here we decide per file which rule family stays quiet.
 *
 * Glob semantics follow yaml-language-server's FilePatternAssociation: a leading `/` is dropped, `**\/` is
 * prefixed, the pattern is matched against the whole document URI, and `!pattern` negates within its group.
 */
import type { RuleMeta } from '../rules/types';
import type { RuleSeveritySetting, SchemaValidatedElsewhere } from '../settings';
import { globToRegExp as anyDepthGlob } from '../glob';

export type SchemaFamily = 'kubernetes' | 'compose';

/** `# yaml-language-server: $schema=<url>` — the modeline yaml-language-server honours before any setting. */
const modelinePattern = /^[ \t]*#[ \t]*yaml-language-server[ \t]*:[^\n]*?\$schema=(\S+)/m;

/** The rule families another tool already schema-validates in this file. */
export function familiesValidatedElsewhere(uri: string, text: string, setting: SchemaValidatedElsewhere): Set<SchemaFamily> {
  const families = new Set<SchemaFamily>();
  if (setting.modelines) {
    const modeline = modelinePattern.exec(text);
    if (modeline) {
      // A modeline wins over every association: the file is validated against that schema only.
      const url = modeline[1];
      if (/kubernetes/i.test(url)) families.add('kubernetes');
      if (/compose/i.test(url)) families.add('compose');
      return families;
    }
  }
  const target = matchableUri(uri);
  if (setting.kubernetes.some((group) => groupMatches(group, target))) families.add('kubernetes');
  if (setting.compose.some((group) => groupMatches(group, target))) families.add('compose');
  return families;
}

/** The rule severities for one file: the user's settings plus `off` for the schema rules validated elsewhere. */
export function severitiesForFile(
  base: Record<string, RuleSeveritySetting>,
  rules: readonly { meta: Pick<RuleMeta, 'id' | 'flavor'> }[],
  families: ReadonlySet<SchemaFamily>,
): Record<string, RuleSeveritySetting> {
  if (families.size === 0) return base;
  const severities = { ...base };
  for (const { meta } of rules) {
    if (meta.id.startsWith('schema-') && families.has(meta.flavor)) severities[meta.id] = 'off';
  }
  return severities;
}

/** The URI as yaml-language-server matches it: query and fragment dropped, percent-escapes decoded. */
function matchableUri(uri: string): string {
  const bare = uri.replace(/[?#].*$/, '');
  try {
    return decodeURIComponent(bare);
  } catch {
    return bare;
  }
}

function groupMatches(group: readonly string[], target: string): boolean {
  let positive = false;
  for (const raw of group) {
    const negated = raw.startsWith('!');
    const pattern = negated ? raw.slice(1) : raw;
    if (!globMatches(pattern, target)) continue;
    if (negated) return false;
    positive = true;
  }
  return positive;
}

const compiled = new Map<string, RegExp | null>();

export function globMatches(pattern: string, target: string): boolean {
  let regex = compiled.get(pattern);
  if (regex === undefined) {
    regex = globToRegExp(pattern);
    if (compiled.size > 500) compiled.clear();
    compiled.set(pattern, regex);
  }
  return regex ? regex.test(target) : false;
}

/** `**\/` + pattern as a RegExp over the whole URI (see glob.ts); null for an empty or unbalanced pattern. */
export function globToRegExp(pattern: string): RegExp | null {
  const body = pattern.replace(/\\/g, '/').replace(/^\//, '');
  return body ? anyDepthGlob(`**/${body}`) : null;
}
