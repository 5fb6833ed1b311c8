/** `lesson-aware check <paths…>`: the language server's rules from the command line (bundled to dist/cli.js). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { LessonFolder, LessonIndex } from '../lessons/lessonIndex';
import { allRules } from '../rules/registry';
import { createFieldDocs } from '../schema/fieldDocs';
import { normalizeSettings, RuleSeveritySetting } from '../settings';
import { CheckOptions, parseArgs, usage, UsageError } from './args';
import { checkFiles, severityRank } from './check';
import { expandPaths } from './files';
import { formatJson, formatText } from './formatters';
import { formatSarif } from './sarif';

const version = '0.1.0';

function readRulesFile(file: string): Record<string, RuleSeveritySetting> {
  let raw: unknown;
  try {
    raw = parseYaml(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`--rules ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const settings = raw && typeof raw === 'object' && 'rules' in raw ? raw : { rules: raw };
  const rules = normalizeSettings(settings).rules;
  const known = new Set(allRules.map((r) => r.meta.id));
  for (const id of Object.keys(rules)) if (!known.has(id)) process.stderr.write(`lesson-aware: --rules: unknown rule id "${id}"\n`);
  return rules;
}

export function run(argv: readonly string[], cwd = process.cwd()): number {
  let opts: CheckOptions;
  try {
    opts = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`lesson-aware: ${error.message}\n\n${usage}\n`);
      return 2;
    }
    throw error;
  }
  if (opts.command === 'help') {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (opts.command === 'version') {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  let severities: Record<string, RuleSeveritySetting> = {};
  try {
    if (opts.rulesFile) severities = readRulesFile(path.resolve(cwd, opts.rulesFile));
  } catch (error) {
    process.stderr.write(`lesson-aware: ${(error as Error).message}\n`);
    return 2;
  }
  const { files, missing } = expandPaths(opts.paths, cwd);
  for (const m of missing) process.stderr.write(`lesson-aware: no such file, folder or match: ${m}\n`);
  if (!files.length) {
    process.stderr.write('lesson-aware: nothing to check\n');
    return 2;
  }

  const fieldDocs = createFieldDocs(path.join(__dirname, 'field-docs'));
  const bundledDir = path.join(__dirname, '..', 'lessons');
  const lessons = new LessonIndex({
    fieldDocs,
    bundledConceptsFile: opts.bundledLessons ? path.join(bundledDir, 'concepts.yaml') : undefined,
    warn: (m) => process.stderr.write(`lesson-aware: ${m}\n`),
    log: () => undefined,
  });
  const folders: LessonFolder[] = [
    ...(opts.bundledLessons ? [{ dir: bundledDir, bundled: true }] : []),
    ...opts.lessonDirs.map((d) => ({ dir: path.resolve(cwd, d), bundled: false })),
  ];
  let corpus;
  try {
    lessons.configure(folders);
    corpus = lessons.corpus();
  } finally {
    lessons.dispose();
  }

  const result = checkFiles({ files, cwd, rules: allRules, fieldDocs, corpus, severities, lang: opts.locale });
  const report =
    opts.format === 'json'
      ? formatJson(result)
      : opts.format === 'sarif'
        ? formatSarif({ result, rules: allRules, severities, corpus, lang: opts.locale, cwd, version })
        : formatText(result, opts.locale);
  if (opts.output) fs.writeFileSync(path.resolve(cwd, opts.output), report);
  else process.stdout.write(report);

  if (result.unreadable.length && !result.findings.length && !result.checkedFiles.length) return 2;
  if (opts.failOn === 'none') return 0;
  const threshold = severityRank[opts.failOn];
  return result.findings.some((f) => severityRank[f.severity] >= threshold) ? 1 : 0;
}

if (require.main === module) {
  try {
    process.exitCode = run(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`lesson-aware: ${(error as Error).stack ?? error}\n`);
    process.exitCode = 2;
  }
}
