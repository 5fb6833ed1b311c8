/** Glob patterns as regular expressions over forward-slash paths (the CLI's inputs, other tools' file associations). */

/**
 * `**` any depth (`**\/` also none), `*` and `?` within a segment, `{a,b}` (nesting allowed, globs inside),
 * `[…]` / `[!…]` character classes. Null when the pattern is empty or unbalanced, so a bad pattern matches nothing.
 */
export function globToRegExp(glob: string): RegExp | null {
  if (!glob) return null;
  let out = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slashAfter = glob[i + 2] === '/';
        out += slashAfter ? '(?:.*/)?' : '.*';
        i += slashAfter ? 2 : 1;
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '{') {
      braces++;
      out += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (c === ',' && braces > 0) out += '|';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) out += '\\[';
      else {
        const inner = glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        out += `[${inner}]`;
        i = close;
      }
    } else out += c.replace(/[.+^$()|\\/}\]]/g, (x) => `\\${x}`);
  }
  if (braces > 0) return null;
  try {
    return new RegExp(`^${out}$`);
  } catch {
    return null;
  }
}
