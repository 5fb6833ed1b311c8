/**
 * Facts about package.json: every contributed command is registered in client code, every setting is
 * read somewhere, every `%nls%` key exists in English and Korean and every nls key is used, every
 * runtime UI string has a Korean translation, and every contributed grammar/language file exists.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { Commands } from '../../server/src/protocol';
import { ClientCommands } from '../../client/src/clientCommands';

const repo = path.join(__dirname, '..', '..', '..');
const read = (rel: string) => fs.readFileSync(path.join(repo, rel), 'utf8');
const pkg = JSON.parse(read('package.json'));
const nls = { en: JSON.parse(read('package.nls.json')) as Record<string, string>, ko: JSON.parse(read('package.nls.ko.json')) as Record<string, string> };

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(repo, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}
const clientSource = sourceFiles('client/src').filter((f) => !f.includes('webview-src')).map((f) => read(f)).join('\n');

/** Command ids registered with `registerCommand(<literal> | Commands.x | ClientCommands.x, …)`. */
function registeredCommands(): Set<string> {
  const constants: Record<string, Record<string, string>> = { Commands, ClientCommands };
  const ids = new Set<string>();
  for (const m of clientSource.matchAll(/registerCommand\(\s*(?:'([^']+)'|"([^"]+)"|(\w+)\.(\w+))/g)) {
    if (m[1] ?? m[2]) ids.add((m[1] ?? m[2]) as string);
    else if (m[3] && m[4] && constants[m[3]]?.[m[4]]) ids.add(constants[m[3]][m[4]]);
  }
  return ids;
}

test('every contributed command is registered by the client', () => {
  const registered = registeredCommands();
  const contributed: string[] = pkg.contributes.commands.map((c: { command: string }) => c.command);
  assert.ok(contributed.length >= 7);
  for (const id of contributed) assert.ok(registered.has(id), `${id} is contributed but never registered`);
  // Commands used in menus and command links are contributed.
  for (const [menu, items] of Object.entries(pkg.contributes.menus as Record<string, { command: string }[]>)) {
    for (const item of items) assert.ok(contributed.includes(item.command), `${menu} names ${item.command}, which is not contributed`);
  }
  for (const id of [Commands.openLesson, Commands.openLessonAtCursor, Commands.showMermaidPreview, Commands.searchLessons, Commands.restartServer]) {
    assert.ok(contributed.includes(id), `contract command ${id} is contributed`);
  }
});

test('every setting is read by the client or the server', () => {
  const serverSettings = read('server/src/settings.ts');
  const properties = Object.keys(pkg.contributes.configuration.properties as Record<string, unknown>);
  for (const full of properties) {
    assert.ok(full.startsWith('lessonAware.'), `${full} lives in section lessonAware`);
    const key = full.slice('lessonAware.'.length);
    const parts = key.split('.');
    const byClient = new RegExp(`\\.get(?:<[^>]+>)?\\(\\s*'${key.replace(/\./g, '\\.')}'`).test(clientSource);
    const byServer = parts.every((p) => new RegExp(`\\.${p}\\b|\\['${p}'\\]`).test(serverSettings)) && new RegExp(`\\b${parts[parts.length - 1]}\\s*:`).test(serverSettings);
    assert.ok(byClient || byServer, `${full} is contributed but never read`);
  }
});

test('every %nls% key exists in English and Korean, and every nls key is used', () => {
  const manifest = read('package.json');
  const used = new Set([...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]));
  assert.ok(used.size > 10);
  for (const key of used) {
    assert.ok(typeof nls.en[key] === 'string' && nls.en[key].length > 0, `${key} missing in package.nls.json`);
    assert.ok(typeof nls.ko[key] === 'string' && nls.ko[key].length > 0, `${key} missing in package.nls.ko.json`);
  }
  for (const key of Object.keys(nls.en)) assert.ok(used.has(key), `package.nls.json key ${key} is never used`);
  assert.deepEqual(Object.keys(nls.ko).sort(), Object.keys(nls.en).sort(), 'both languages have the same keys');
  for (const key of Object.keys(nls.ko)) {
    if (/^config\.locale\.(ko|en)$/.test(key)) continue;
    assert.match(nls.ko[key], /[\uac00-\ud7a3]/, `${key} is translated to Korean`);
  }
});

test('every runtime UI string has a Korean translation, and the bundle has no stale entries', () => {
  const strings = new Set([...clientSource.matchAll(/\bt\(\s*'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1].replace(/\\'/g, "'")));
  assert.ok(strings.size > 20);
  const ko = JSON.parse(read('l10n/bundle.l10n.ko.json')) as Record<string, string>;
  for (const s of strings) assert.ok(typeof ko[s] === 'string', `l10n/bundle.l10n.ko.json lacks "${s}"`);
  for (const key of Object.keys(ko)) assert.ok(strings.has(key), `l10n/bundle.l10n.ko.json has unused "${key}"`);
  for (const s of strings) {
    const placeholders = (x: string) => [...x.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort().join();
    assert.equal(placeholders(ko[s]), placeholders(s), `placeholders of "${s}"`);
  }
});

test('grammars, languages and views are wired', () => {
  const c = pkg.contributes;
  const scopes = new Set<string>();
  for (const g of c.grammars as { path: string; scopeName: string; language?: string; injectTo?: string[] }[]) {
    const grammar = JSON.parse(read(g.path));
    assert.equal(grammar.scopeName, g.scopeName, g.path);
    scopes.add(g.scopeName);
    if (g.injectTo) assert.ok(grammar.injectionSelector, `${g.path} is an injection`);
  }
  assert.ok(scopes.has('source.mermaid') && scopes.has('markdown.mermaid.codeblock') && scopes.has('yaml.lesson-aware.directives'));
  const mermaid = c.languages.find((l: { id: string }) => l.id === 'mermaid');
  assert.deepEqual(mermaid.extensions, ['.mmd', '.mermaid']);
  JSON.parse(read(mermaid.configuration));
  assert.ok(c.views.explorer.some((v: { id: string }) => v.id === 'lessonAware.lessons'));
  assert.match(clientSource, /viewId = 'lessonAware\.lessons'/);
  for (const viewType of ['lessonAware.lessonPane']) {
    assert.ok(pkg.activationEvents.includes(`onWebviewPanel:${viewType}`), `the ${viewType} serializer can activate the extension`);
  }
});

test('the suppression grammar matches the directives the server understands', () => {
  const grammar = JSON.parse(read('syntaxes/yaml-directives.injection.json'));
  const re = new RegExp(grammar.repository.directive.match);
  for (const line of ['lesson-aware-disable-next-line k8s-run-as-non-root', 'lesson-aware-disable k8s-a, compose-b', 'lesson-aware-disable']) {
    assert.ok(re.test(line), line);
  }
  assert.equal(re.exec('lesson-aware-disable-next-line k8s-a, k8s-b')?.[2]?.trim(), 'k8s-a, k8s-b');
  const mermaid = JSON.parse(read('syntaxes/mermaid.tmLanguage.json'));
  const diagram = new RegExp(mermaid.repository.diagramType.match);
  for (const line of ['graph TB', 'graph LR', 'flowchart TD', 'mindmap', 'sequenceDiagram']) assert.ok(diagram.test(line), line);
});
