/** Settings of section `lessonAware` (DESIGN.md contract): one typed shape, defaults, and a normalising step. */
export type RuleSeveritySetting = 'off' | 'error' | 'warning' | 'information' | 'hint';
export type LocaleSetting = 'auto' | 'ko' | 'en';

export interface LessonAwareSettings {
  lessonFolders: string[];
  includeBundledLessons: boolean;
  rules: Record<string, RuleSeveritySetting>;
  hover: { fieldDocs: boolean };
  locale: LocaleSetting;
  /** Lenses above each Kubernetes resource and Compose service naming its lesson. */
  codeLens: { enabled: boolean };
  diagnostics: { schemaValidatedElsewhere: SchemaValidatedElsewhere };
}

/**
 * Files another tool already validates against a schema (set by the VS Code client when Red Hat YAML is
 * installed; see features/schemaElsewhere.ts): our schema-* rules of that family stay quiet there.
 * Each entry is a pattern group in yaml-language-server's glob semantics (`**\/` is prefixed, `!` negates
 * within the group); a file is covered when any group matches it.
 */
export interface SchemaValidatedElsewhere {
  kubernetes: string[][];
  compose: string[][];
  /** The other tool honours `# yaml-language-server: $schema=…` modelines. */
  modelines: boolean;
}

export const defaultSettings: LessonAwareSettings = {
  lessonFolders: [],
  includeBundledLessons: true,
  rules: {},
  hover: { fieldDocs: true },
  locale: 'auto',
  codeLens: { enabled: true },
  diagnostics: { schemaValidatedElsewhere: { kubernetes: [], compose: [], modelines: false } },
};

const severities = new Set<RuleSeveritySetting>(['off', 'error', 'warning', 'information', 'hint']);

/** Turns whatever the client sent (possibly partial, possibly wrong types) into complete settings. */
export function normalizeSettings(raw: unknown): LessonAwareSettings {
  const value = isObject(raw) ? raw : {};
  const lessonFolders = Array.isArray(value.lessonFolders)
    ? value.lessonFolders.filter((f): f is string => typeof f === 'string' && f.trim() !== '')
    : [];
  const rules: Record<string, RuleSeveritySetting> = {};
  if (isObject(value.rules)) {
    for (const [id, sev] of Object.entries(value.rules)) {
      if (typeof sev === 'string' && severities.has(sev as RuleSeveritySetting)) rules[id] = sev as RuleSeveritySetting;
    }
  }
  // Accept both the nested form and VS Code's flattened dotted key.
  const hoverRaw = isObject(value.hover) ? value.hover : {};
  const fieldDocsRaw = hoverRaw.fieldDocs ?? value['hover.fieldDocs'];
  const locale = value.locale === 'ko' || value.locale === 'en' ? value.locale : 'auto';
  const codeLensRaw = isObject(value.codeLens) ? value.codeLens.enabled : value['codeLens.enabled'];
  const diagnosticsRaw = isObject(value.diagnostics) ? value.diagnostics : {};
  const elsewhereRaw = diagnosticsRaw.schemaValidatedElsewhere ?? value['diagnostics.schemaValidatedElsewhere'];
  return {
    lessonFolders,
    includeBundledLessons: typeof value.includeBundledLessons === 'boolean' ? value.includeBundledLessons : true,
    rules,
    hover: { fieldDocs: typeof fieldDocsRaw === 'boolean' ? fieldDocsRaw : true },
    locale,
    codeLens: { enabled: typeof codeLensRaw === 'boolean' ? codeLensRaw : true },
    diagnostics: { schemaValidatedElsewhere: normalizeElsewhere(elsewhereRaw) },
  };
}

function normalizeElsewhere(raw: unknown): SchemaValidatedElsewhere {
  const value = isObject(raw) ? raw : {};
  const groups = (v: unknown): string[][] =>
    Array.isArray(v)
      ? v
          .filter(Array.isArray)
          .map((g: unknown[]) => g.filter((p): p is string => typeof p === 'string' && p.trim() !== '' && p.length <= 1000).slice(0, 200))
          .filter((g) => g.length > 0)
          .slice(0, 100)
      : [];
  return { kubernetes: groups(value.kubernetes), compose: groups(value.compose), modelines: value.modelines === true };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
