/**
 * Coverage acceptance: with only the bundled lessons, hovering every mapping key of realistic fixtures
 * (a hardened Deployment; a StatefulSet + headless Service + HPA + NetworkPolicy + RBAC set; a Compose stack)
 * gives a lesson link for at least 95% of keys. Prints key path → first link (lesson › section, reasons) and
 * the ratio, and writes the same table to out/coverage-table.md for review.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { isMap, isScalar, isSeq, LineCounter, Node, parseAllDocuments } from 'yaml';
import { LspClient, repoRoot, stopAllClients } from '../helpers/lspClient';

interface HoverResult { contents: { kind: string; value: string } }
interface LessonLink { lessonUri: string; sectionTitle: string; sectionSlug: string; line: number; score: number; reasons: string[] }

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'coverage');
const files = [
  { name: 'deployment-hardened.yaml', languageId: 'yaml' },
  { name: 'statefulset-set.yaml', languageId: 'yaml' },
  { name: 'compose.yaml', languageId: 'dockercompose' },
];
const REQUIRED_RATIO = 0.95;
const MIN_KEYS = 150;

interface Key {
  file: string;
  /** `Kind path` (Kubernetes) or `path` (Compose), sequence indices as []. */
  label: string;
  line: number;
  character: number;
}

/** Every mapping key of every document, with its LSP position. */
function keysOf(file: string, text: string): Key[] {
  const lc = new LineCounter();
  const out: Key[] = [];
  for (const doc of parseAllDocuments(text, { lineCounter: lc })) {
    const root = doc.contents as Node | null;
    const kind = isMap(root) ? root.get('kind') : undefined;
    const walk = (node: unknown, p: string) => {
      if (isMap(node)) {
        for (const pair of node.items) {
          if (!isScalar(pair.key)) continue;
          const key = String(pair.key.value);
          const label = p ? `${p}.${key}` : key;
          const pos = lc.linePos(pair.key.range![0]);
          out.push({ file, label: typeof kind === 'string' ? `${kind} ${label}` : label, line: pos.line - 1, character: pos.col - 1 });
          walk(pair.value, label);
        }
      } else if (isSeq(node)) {
        for (const item of node.items) walk(item, `${p}[]`);
      }
    };
    walk(root, '');
  }
  return out;
}

/**
 * Spot checks: the first link of these keys must be the field note (or session section) that explains them.
 * [key label as in the table, lesson file prefix, text the section title contains]
 */
const expectedFirst: [string, string, string][] = [
  ['Deployment spec.replicas', 'w1-d5-s6', 'spec.replicas'],
  ['Deployment spec.strategy.rollingUpdate.maxSurge', 'w1-d5-s6', 'spec.strategy'],
  ['Deployment spec.template.spec.terminationGracePeriodSeconds', 'w1-d5-s6', 'spec.strategy'],
  ['Deployment metadata.name', 'w2-d3-s8', '네임스페이스 구조'],
  ['Deployment spec.template.spec.serviceAccountName', 'w2-d3-s8', 'serviceAccountName'],
  ['Deployment spec.template.spec.securityContext', 'w2-d3-s8', '보안과 워크로드 설계'],
  ['Deployment spec.template.spec.securityContext.runAsNonRoot', 'w2-d3-s8', 'runAsNonRoot'],
  ['Deployment spec.template.spec.securityContext.seccompProfile.type', 'w2-d3-s8', 'seccompProfile'],
  ['Deployment spec.template.spec.topologySpreadConstraints[].topologyKey', 'w2-d3-s8', 'topologySpreadConstraints'],
  ['Deployment spec.template.spec.containers[].image', 'w1-d2-s1', 'image'],
  ['Deployment spec.template.spec.containers[].ports[].containerPort', 'w1-d2-s1', 'hostPort'],
  ['Deployment spec.template.spec.containers[].env[].valueFrom.secretKeyRef', 'w2-d3-s8', 'secretKeyRef'],
  ['Deployment spec.template.spec.containers[].resources.requests.cpu', 'w1-d2-s1', 'CPU'],
  ['Deployment spec.template.spec.containers[].resources.limits.memory', 'w1-d2-s1', 'resources.limits.memory'],
  ['Deployment spec.template.spec.containers[].securityContext.allowPrivilegeEscalation', 'w2-d3-s8', 'allowPrivilegeEscalation'],
  ['Deployment spec.template.spec.containers[].securityContext.readOnlyRootFilesystem', 'w1-d2-s1', 'readOnlyRootFilesystem'],
  ['Deployment spec.template.spec.containers[].securityContext.capabilities.drop', 'w2-d3-s8', 'capabilities'],
  ['Deployment spec.template.spec.containers[].startupProbe', 'w2-d2-s8', 'startupProbe'],
  ['Deployment spec.template.spec.containers[].livenessProbe.failureThreshold', 'w2-d2-s8', 'livenessProbe'],
  ['Deployment spec.template.spec.containers[].readinessProbe.successThreshold', 'w2-d2-s8', 'readinessProbe'],
  ['Deployment spec.template.spec.volumes[].emptyDir', 'w1-d2-s1', 'emptyDir'],
  ['Deployment spec.template.spec.volumes[].secret.secretName', 'w2-d3-s8', '볼륨'],
  ['Namespace metadata.labels.pod-security.kubernetes.io/enforce', 'w2-d3-s8', 'Pod Security Admission'],
  ['ServiceAccount automountServiceAccountToken', 'w2-d3-s8', 'automountServiceAccountToken'],
  ['Role rules[].verbs', 'w2-d3-s8', 'RBAC'],
  ['RoleBinding roleRef.name', 'w2-d3-s8', 'roleRef'],
  ['Service spec.ports[].targetPort', 'w1-d5-s6', 'Service'],
  ['StatefulSet spec.serviceName', 'w2-d3-s8', 'serviceName'],
  ['StatefulSet spec.podManagementPolicy', 'w2-d3-s8', 'StatefulSet'],
  ['StatefulSet spec.volumeClaimTemplates[].spec.storageClassName', 'w2-d3-s8', 'volumeClaimTemplates'],
  ['HorizontalPodAutoscaler spec.behavior.scaleDown.stabilizationWindowSeconds', 'w2-d3-s8', 'HPA'],
  ['NetworkPolicy spec.policyTypes', 'w2-d3-s8', 'NetworkPolicy'],
  ['services.web.healthcheck.test', 'w2-d2-s8', 'healthcheck'],
  ['services.api.deploy.resources.limits.memory', 'w1-d2-s1', 'resources.limits.memory'],
  ['services.api.depends_on.db.condition', 'w2-d1-s8', 'depends_on'],
  ['services.web.cap_drop', 'w2-d1-s8', 'cap_drop'],
  ['services.web.security_opt', 'w2-d1-s8', 'security_opt'],
  ['services.api.user', 'w2-d1-s8', 'user'],
  ['services.web.read_only', 'w1-d2-s1', 'readOnlyRootFilesystem'],
  ['services.web.ports', 'w2-d1-s8', 'ports'],
  ['services.web.restart', 'w1-d5-s6', 'restartPolicy'],
  ['services.api.logging.options.max-size', 'w2-d2-s8', 'logging'],
  ['services.api.secrets', 'w2-d1-s8', 'secrets'],
  ['services.db.volumes', 'w2-d1-s8', 'volumes'],
  ['services.db.shm_size', 'w1-d2-s1', 'hostIPC'],
  ['networks.backend.internal', 'w2-d1-s8', 'networks'],
];

let client: LspClient;
const firstLinks = new Map<string, LessonLink | undefined>();
const texts = new Map<string, string>();
const uri = (name: string) => pathToFileURL(path.join(fixtures, name)).toString();

before(async () => {
  client = new LspClient({ settings: { includeBundledLessons: true, lessonFolders: [] } });
  await client.initialize();
  for (const f of files) {
    const text = fs.readFileSync(path.join(fixtures, f.name), 'utf8');
    texts.set(f.name, text);
    client.open(uri(f.name), text, f.languageId);
  }
});
after(() => client.stop());

function where(link: LessonLink): string {
  return `${path.basename(new URL(link.lessonUri).pathname)} › ${link.sectionTitle}`;
}

test(`hovering every key of the coverage fixtures links a lesson for at least ${REQUIRED_RATIO * 100}% of keys`, async () => {
  const keys = files.flatMap((f) => keysOf(f.name, texts.get(f.name)!));
  assert.ok(keys.length >= MIN_KEYS, `only ${keys.length} keys in the fixtures (at least ${MIN_KEYS} expected)`);
  const rows: string[] = [];
  const unlinked: string[] = [];
  const inconsistent: string[] = [];
  let linked = 0;
  for (const k of keys) {
    // Inside the key, one character in, as a learner's mouse would be.
    const position = { line: k.line, character: k.character + 1 };
    const params = { textDocument: { uri: uri(k.file) }, position };
    const [hover, links] = await Promise.all([
      client.request<HoverResult | null>('textDocument/hover', params),
      client.request<LessonLink[]>('lessonAware/linksAt', params),
    ]);
    const first = links[0];
    if (!firstLinks.has(k.label)) firstLinks.set(k.label, first);
    const hoverHasLesson = !!hover && /\(command:lessonAware\.openLesson\?/.test(hover.contents.value);
    if (first) linked++;
    else unlinked.push(`${k.file}:${k.line + 1} ${k.label}`);
    if (!!first !== hoverHasLesson) inconsistent.push(`${k.file}:${k.line + 1} ${k.label}: linksAt ${first ? 'has' : 'has no'} link, hover ${hoverHasLesson ? 'shows' : 'shows no'} lesson`);
    rows.push(`| ${k.file} | \`${k.label}\` | ${first ? `${where(first)} | ${first.reasons.join(', ')} | ${first.score}` : '— | — | —'} |`);
  }
  const ratio = linked / keys.length;
  const table = [
    '| file | key path | first link (lesson › section) | reasons | score |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    `linked ${linked} / ${keys.length} keys = ${(ratio * 100).toFixed(1)}%`,
  ].join('\n');
  fs.mkdirSync(path.join(repoRoot, 'out'), { recursive: true });
  fs.writeFileSync(path.join(repoRoot, 'out', 'coverage-table.md'), `${table}\n`);
  console.log(table);
  assert.deepEqual(inconsistent, [], 'hover and linksAt disagree');
  assert.ok(ratio >= REQUIRED_RATIO, `only ${(ratio * 100).toFixed(1)}% of keys link a lesson; unlinked:\n  ${unlinked.join('\n  ')}`);
});

test('spot checks: the first link is the field note that explains the field', () => {
  assert.ok(firstLinks.size > 0, 'the coverage test did not run first');
  const problems: string[] = [];
  for (const [label, lesson, title] of expectedFirst) {
    if (!firstLinks.has(label)) {
      problems.push(`${label}: no such key in the fixtures`);
      continue;
    }
    const first = firstLinks.get(label);
    const file = first ? path.basename(new URL(first.lessonUri).pathname) : '';
    if (!first || !file.startsWith(lesson) || !first.sectionTitle.includes(title)) {
      problems.push(`${label}: expected ${lesson} › …${title}…, got ${first ? `${where(first)} (${first.reasons.join(', ')})` : 'no link'}`);
    }
  }
  assert.deepEqual(problems, []);
});

test('the coverage fixtures are hardened: the server reports no error or warning on them', async () => {
  const problems: string[] = [];
  for (const f of files) {
    const params = await client.waitForNotification<{ uri: string; diagnostics: { severity?: number; code?: string; message: string; range: { start: { line: number } } }[] }>(
      'textDocument/publishDiagnostics',
      (p) => p.uri === uri(f.name),
      15_000,
    );
    for (const d of params.diagnostics) {
      if (d.severity === 1 || d.severity === 2) problems.push(`${f.name}:${d.range.start.line + 1}: [${d.code}] ${d.message}`);
    }
  }
  assert.deepEqual(problems, []);
});

after(stopAllClients);
