/**
 * Suppression comments inside YAML:
 *   `# lesson-aware-disable-next-line <rule>[, <rule>]`  (no rule list = every rule)
 *   `# lesson-aware-disable <rule>[, <rule>]`            (whole file; no list = every rule)
 */
export interface Suppressions {
  file: Set<string>;
  fileAll: boolean;
  /** 0-based line → rule ids suppressed on it ('*' for all). */
  lines: Map<number, Set<string>>;
}

const directive = /#\s*lesson-aware-(disable-next-line|disable)\b([^\n]*)/;

export function parseSuppressions(text: string): Suppressions {
  const result: Suppressions = { file: new Set(), fileAll: false, lines: new Map() };
  if (!text.includes('lesson-aware-disable')) return result;
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const m = directive.exec(line);
    if (!m) return;
    // Only a comment: the `#` must start the line's content or follow whitespace.
    const hash = line.indexOf(m[0]);
    if (hash > 0 && !/\s/.test(line[hash - 1])) return;
    const ids = m[2].split(/[,\s]+/).map((s) => s.trim()).filter((s) => s && !s.startsWith('--'));
    if (m[1] === 'disable') {
      if (ids.length === 0) result.fileAll = true;
      ids.forEach((id) => result.file.add(id));
    } else {
      let target = i + 1;
      while (target < lines.length && /^\s*(#.*)?\r?$/.test(lines[target]) && !directive.test(lines[target])) target++;
      const set = result.lines.get(target) ?? new Set<string>();
      if (ids.length === 0) set.add('*');
      ids.forEach((id) => set.add(id));
      result.lines.set(target, set);
    }
  });
  return result;
}

export function isSuppressed(s: Suppressions, ruleId: string, line: number): boolean {
  if (s.fileAll || s.file.has(ruleId)) return true;
  const set = s.lines.get(line);
  return !!set && (set.has('*') || set.has(ruleId));
}
