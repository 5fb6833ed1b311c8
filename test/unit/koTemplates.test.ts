/**
 * Every Korean string the product shows keeps its particles right: no particle is written after an interpolated
 * value (`{0}가`, `"{0}"를`, `${name}을`), where it could only fit some names. Templates use `{0:이/가}` or a lone
 * `{이/가}` after a quote (messageTemplate.ts); code builds strings with withParticle (koParticles.ts); the
 * client's strings (vscode.l10n.t cannot choose) and the manifest are phrased so no particle follows a value.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { allRules } from '../../server/src/rules/registry';
import { isParticlePair } from '../../server/src/koParticles';

const root = path.resolve(__dirname, '..', '..', '..');
const hangul = /[\uac00-\ud7a3]/;
/** A particle (or a combined form like 을(를)) right after a value, possibly after its closing quote. */
const particle = String.raw`(?:이\(가\)|을\(를\)|은\(는\)|과\(와\)|\(으\)로|으로|이|가|은|는|을|를|과|와|로)(?:[^\uac00-\ud7a3]|$|의|도|만|서|써|부터)`;
const closers = String.raw`["'\u201d\u2019\]\)\x60]*`;
const afterPlaceholder = new RegExp(String.raw`\{\d+\}${closers}${particle}`, 'u');
const afterInterpolation = new RegExp(String.raw`\$\{E\}${closers}${particle}`, 'u');
const tokens = /\{(\d+:)?([^{}\d][^{}]*)\}/g;

interface KoString {
  where: string;
  /** The text as written in the source (for the report). */
  text: string;
  /** The text with each `${…}` expression of a template literal written as `${E}` (literal `${` in '…' stays). */
  scan: string;
  /** A template literal with expressions: values are interpolated by `${…}`, not by `{n}`. */
  interpolated: boolean;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** String and template literals with Hangul, as written (template expressions kept as `${…}`). */
function koLiterals(file: string): KoString[] {
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: KoString[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      const interpolated = ts.isTemplateExpression(node);
      const scan = interpolated ? node.head.text + node.templateSpans.map((span) => `\${E}${span.literal.text}`).join('') : node.text;
      if (hangul.test(scan)) {
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        found.push({ where: `${path.relative(root, file)}:${line}`, text: node.getText(source), scan, interpolated });
      }
      if (!interpolated) return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const serverStrings = sourceFiles(path.join(root, 'server', 'src')).flatMap(koLiterals);
const jsonStrings = (file: string): KoString[] =>
  Object.entries(JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Record<string, string>).map(([key, text]) => ({ where: `${file} "${key}"`, text, scan: text, interpolated: false }));
const clientStrings = [...jsonStrings('l10n/bundle.l10n.ko.json'), ...jsonStrings('package.nls.ko.json'), ...sourceFiles(path.join(root, 'client', 'src')).flatMap(koLiterals)];

test('the scan sees the Korean strings (rules, i18n, fixes, client bundle, manifest)', () => {
  assert.ok(serverStrings.length > 300, `only ${serverStrings.length} Korean literals found in server/src`);
  assert.ok(clientStrings.length > 90, `only ${clientStrings.length} Korean client strings found`);
  const all = serverStrings.map((s) => s.scan).join('\n');
  for (const r of allRules) for (const t of [r.meta.title.ko, r.meta.message.ko]) assert.ok(all.includes(t) || /\$\{/.test(t), `${r.meta.id}: "${t}" not seen by the scan`);
});

test('no particle follows a {n} placeholder or a ${…} interpolation in a server string', () => {
  const bad = serverStrings.filter((s) => afterPlaceholder.test(s.scan) || (s.interpolated && afterInterpolation.test(s.scan)));
  assert.deepEqual(bad.map((s) => `${s.where}: ${s.text}`), []);
});

test('particle tokens name a known pair ({0:이/가}, {을/를} …)', () => {
  const bad: string[] = [];
  for (const s of serverStrings) {
    for (const [whole, indexed, body] of s.scan.matchAll(tokens)) {
      if (!hangul.test(body)) continue; // {enforce,audit,warn}, {name: backend}
      if (!isParticlePair(body)) bad.push(`${s.where}: ${whole}${indexed ? '' : ' (lone)'}`);
    }
  }
  assert.deepEqual(bad, []);
});

test('client and manifest strings (filled by vscode.l10n.t, which cannot choose) put no particle after a value', () => {
  const bad = clientStrings.filter((s) => afterPlaceholder.test(s.scan) || (s.interpolated && afterInterpolation.test(s.scan)) || /\{\d+:/.test(s.scan));
  assert.deepEqual(bad.map((s) => `${s.where}: ${s.text}`), []);
});

test('rule metadata: Korean titles are noun phrases, messages and help end as sentences in 합니다/습니다 style', () => {
  const problems: string[] = [];
  for (const r of allRules) {
    const { title, message, help } = r.meta;
    if (/[.다]$/.test(title.ko.trim())) problems.push(`${r.meta.id} title ends like a sentence: ${title.ko}`);
    for (const [what, text] of [['message', message.ko], ['help', help.ko]] as const) {
      if (!/[.)]$/.test(text.trim())) problems.push(`${r.meta.id} ${what} does not end with a period: ${text}`);
      const plain = text.replace(/"[^"]*"|`[^`]*`|\([^()]*\)/g, '');
      for (const m of plain.matchAll(/([가-힣]+)\.(?:\s|$)/g)) {
        if (!/(?:니다|세요|입니다|됩니다)$/.test(m[1])) problems.push(`${r.meta.id} ${what}: sentence ends in "${m[1]}."`);
      }
    }
  }
  assert.deepEqual(problems, []);
});
