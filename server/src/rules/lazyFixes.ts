/**
 * Quick fixes built only when someone reads them (a code action, the CLI's JSON/SARIF output, a test), never
 * while diagnostics run: building an edit (YAML stringify, indentation and line-ending scans) costs more than
 * the check that found the problem, and most findings are never fixed.
 *
 *   ctx.report(lazyFixes({ start, end, args }, () => [fix(...)]));
 *
 * The engine copies findings without reading `fixes` (engine.ts copyFinding); the first read builds and keeps them.
 */
import type { Finding, Fix } from './types';

export function lazyFixes<T extends Omit<Finding, 'ruleId' | 'fixes'>>(finding: T, build: () => Fix[] | undefined): T & Pick<Finding, 'fixes'> {
  let built: { fixes: Fix[] | undefined } | undefined;
  Object.defineProperty(finding, 'fixes', {
    get: () => (built ??= { fixes: build() }).fixes,
    enumerable: true,
    configurable: true,
  });
  return finding as T & Pick<Finding, 'fixes'>;
}
