/** Command-line arguments of `lesson-aware check`: parsed into one typed shape, with usage errors as text. */
import type { Lang } from '../i18n';
import type { Severity } from '../rules/types';

export type OutputFormat = 'text' | 'json' | 'sarif';
export type FailOn = Severity | 'none';

export interface CheckOptions {
  command: 'check' | 'help' | 'version';
  paths: string[];
  format: OutputFormat;
  lessonDirs: string[];
  bundledLessons: boolean;
  rulesFile?: string;
  failOn: FailOn;
  locale: Lang;
  output?: string;
}

export const usage = `Usage: lesson-aware check [options] <files|dirs|globs...>

Checks Kubernetes manifests and Docker Compose files with the Lesson-Aware rules
(single-document and cross-resource) and links every finding to the lesson that explains it.

Options:
  --format text|json|sarif   output format (default: text)
  --output <file>            write the report to a file instead of stdout
  --lessons <dir>            extra lesson folder (repeatable); the bundled lessons are always included
  --no-bundled-lessons       do not use the bundled lessons
  --rules <file>             JSON or YAML: rule id -> off|error|warning|information|hint
  --fail-on <level>          error|warning|information|hint|none: exit 1 when a finding is at least this
                             severe (default: error)
  --locale ko|en             language of the messages (default: from LANG, else en)
  -h, --help                 show this help
  -v, --version              show the version

Globs: * matches within a folder, ** across folders, {a,b} alternatives; quote them in the shell.
Folders are searched for *.yaml and *.yml (node_modules and .git are skipped).
Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it, 2 usage or input error.`;

const formats = new Set<OutputFormat>(['text', 'json', 'sarif']);
const failOns = new Set<FailOn>(['error', 'warning', 'information', 'hint', 'none']);

export class UsageError extends Error {}

export function defaultLocale(env: NodeJS.ProcessEnv = process.env): Lang {
  const lang = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return lang.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CheckOptions {
  const opts: CheckOptions = { command: 'check', paths: [], format: 'text', lessonDirs: [], bundledLessons: true, failOn: 'error', locale: defaultLocale(env) };
  const args = [...argv];
  if (args[0] === 'check') args.shift();
  else if (args[0] === 'help' || args.length === 0) return { ...opts, command: 'help' };
  const value = (name: string, inline: string | undefined): string => {
    const v = inline ?? args.shift();
    if (v === undefined || v === '') throw new UsageError(`${name} needs a value`);
    return v;
  };
  while (args.length) {
    const arg = args.shift()!;
    if (arg === '--') {
      opts.paths.push(...args.splice(0));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      opts.paths.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    switch (name) {
      case '-h':
      case '--help':
        return { ...opts, command: 'help' };
      case '-v':
      case '--version':
        return { ...opts, command: 'version' };
      case '--format': {
        const f = value(name, inline) as OutputFormat;
        if (!formats.has(f)) throw new UsageError(`--format must be text, json or sarif (got "${f}")`);
        opts.format = f;
        break;
      }
      case '--lessons':
        opts.lessonDirs.push(value(name, inline));
        break;
      case '--no-bundled-lessons':
        opts.bundledLessons = false;
        break;
      case '--rules':
        opts.rulesFile = value(name, inline);
        break;
      case '--output':
      case '-o':
        opts.output = value(name, inline);
        break;
      case '--fail-on': {
        const f = value(name, inline) as FailOn;
        if (!failOns.has(f)) throw new UsageError(`--fail-on must be error, warning, information, hint or none (got "${f}")`);
        opts.failOn = f;
        break;
      }
      case '--locale': {
        const l = value(name, inline);
        if (l !== 'ko' && l !== 'en') throw new UsageError(`--locale must be ko or en (got "${l}")`);
        opts.locale = l;
        break;
      }
      default:
        throw new UsageError(`unknown option ${name}`);
    }
  }
  if (!opts.paths.length) throw new UsageError('no files, folders or globs to check');
  return opts;
}
