/** Settings of section `lessonAware` (DESIGN.md contract): one typed shape, defaults, and a normalising step. */
export type RuleSeveritySetting = 'off' | 'error' | 'warning' | 'information' | 'hint';
export type LocaleSetting = 'auto' | 'ko' | 'en';

export interface LessonAwareSettings {
  lessonFolders: string[];
  includeBundledLessons: boolean;
  rules: Record<string, RuleSeveritySetting>;
  hover: { fieldDocs: boolean };
  locale: LocaleSetting;
}

export const defaultSettings: LessonAwareSettings = {
  lessonFolders: [],
  includeBundledLessons: true,
  rules: {},
  hover: { fieldDocs: true },
  locale: 'auto',
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
  return {
    lessonFolders,
    includeBundledLessons: typeof value.includeBundledLessons === 'boolean' ? value.includeBundledLessons : true,
    rules,
    hover: { fieldDocs: typeof fieldDocsRaw === 'boolean' ? fieldDocsRaw : true },
    locale,
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
