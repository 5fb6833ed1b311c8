/**
 * Which files another installed extension already validates against a Kubernetes or Compose schema, so
 * our schema-* rules stay quiet there (pure: no `vscode` import; config.ts gathers the state).
 *
 * What each extension really reports (checked against their sources, 2026):
 * - Red Hat YAML (`redhat.vscode-yaml`, yaml-language-server) validates a file against a JSON schema only
 *   when one is associated with it. Kubernetes: only through `yaml.schemas` (the `kubernetes` keyword or a
 *   yannh/kubernetes-json-schema URL) or a `# yaml-language-server: $schema=` modeline — nothing by default.
 *   Compose: the SchemaStore catalog (`yaml.schemaStore.enable`, on by default) associates the Compose
 *   schema with the usual Compose file names, unless `yaml.disableSchemaDetection` lists them (vscode-yaml
 *   ≥ 1.24 adds them itself when Docker DX is installed) or an explicit `yaml.schemas` entry claims the file.
 *   `yaml.validate: false` turns all of it off. It serves `yaml` and `dockercompose` documents alike.
 * - Docker DX (`docker.docker`, docker-language-server) reports YAML syntax errors in Compose files, not
 *   schema problems (docker/docker-language-server#167), and nothing for Kubernetes: it never replaces ours.
 */
import type { SchemaValidatedElsewhere } from '../../server/src/settings';

/** The Compose file names SchemaStore associates with the Compose schema (as vscode-yaml lists them). */
export const composeSchemaStorePatterns: readonly string[] = [
  'docker-compose.yml',
  'docker-compose.yaml',
  'docker-compose.*.yml',
  'docker-compose.*.yaml',
  'compose.yml',
  'compose.yaml',
  'compose.*.yml',
  'compose.*.yaml',
];

export interface OtherExtensionsState {
  redHatYaml: {
    installed: boolean;
    /** The `yaml.*` settings that decide what it validates (as read from the configuration). */
    yaml: { validate?: unknown; schemaStoreEnable?: unknown; schemas?: unknown; disableSchemaDetection?: unknown };
  };
  dockerDx: { installed: boolean };
  /** `lessonAware.diagnostics.schemaWithOtherExtensions`: keep our schema rules everywhere. */
  keepOurs: boolean;
}

const nothingElsewhere = (): SchemaValidatedElsewhere => ({ kubernetes: [], compose: [], modelines: false });

export function schemaValidatedElsewhere(state: OtherExtensionsState): SchemaValidatedElsewhere {
  const yaml = state.redHatYaml.yaml;
  if (state.keepOurs || !state.redHatYaml.installed || yaml.validate === false) return nothingElsewhere();
  const result: SchemaValidatedElsewhere = { kubernetes: [], compose: [], modelines: true };
  const explicit: string[] = [];
  const schemas = typeof yaml.schemas === 'object' && yaml.schemas !== null && !Array.isArray(yaml.schemas) ? (yaml.schemas as Record<string, unknown>) : {};
  for (const [schema, raw] of Object.entries(schemas)) {
    const globs = stringList(raw);
    if (globs.length === 0) continue;
    explicit.push(...globs);
    if (isKubernetesSchema(schema)) result.kubernetes.push(globs);
    else if (/compose/i.test(schema)) result.compose.push(globs);
  }
  if (yaml.schemaStoreEnable !== false) {
    // SchemaStore's association is the weakest: explicit yaml.schemas entries and disableSchemaDetection win.
    const negated = [...explicit, ...stringList(yaml.disableSchemaDetection)].map((g) => `!${g}`);
    result.compose.unshift([...composeSchemaStorePatterns, ...negated]);
  }
  return result;
}

/** yaml-language-server's test: the `kubernetes` keyword or a yannh/kubernetes-json-schema URL. */
function isKubernetesSchema(schema: string): boolean {
  return schema.trim().toLowerCase() === 'kubernetes' || /kubernetes-json-schema/i.test(schema);
}

function stringList(raw: unknown): string[] {
  if (typeof raw === 'string') return raw.trim() ? [raw] : [];
  return Array.isArray(raw) ? raw.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : [];
}
