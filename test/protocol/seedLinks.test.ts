/**
 * With only the five raw seed sessions as the course folder, fields link first to the seed section that
 * teaches them. Each probe lists the sections a course author would accept (seed file prefix + heading text).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { stopAllClients, LspClient, positionOf, repoRoot } from '../helpers/lspClient';
import { fencedLines, seedCourseFolder } from '../helpers/seeds';

interface LessonLink { lessonUri: string; sectionTitle: string; line: number; score: number; reasons: string[] }
type Accept = [seed: string, heading: string];
interface Probe { file: string; needle: string; nth?: number; expect: Accept[] }

const S0 = '000', S1 = '001', S2 = '002', S3 = '003', S4 = '004';
const compliance: Accept = [S2, '컴플라이언스 자동화 구현'];
const architecture: Accept = [S2, '오케스트레이션 아키텍처 설계'];
const netpol: Accept = [S2, '보안 및 네트워크 정책'];
const kernel: Accept = [S3, 'Linux 커널 기능 활용 상세 분석'];
const isolation: Accept = [S3, '격리성(Isolation)'];
const quickWins: Accept = [S1, '최적화 우선순위 매트릭스'];
const phases: Accept = [S1, '단계별 최적화 구현'];
const scenario1: Accept = [S0, '시나리오 1'];
const needs: Accept = [S4, '오케스트레이션 필요성'];
const principles: Accept = [S2, '설계 원칙 및 패턴'];

const probes: Probe[] = [
  { file: 'workloads.yaml', needle: 'runAsNonRoot', expect: [compliance] },
  { file: 'workloads.yaml', needle: 'runAsUser', expect: [compliance] },
  { file: 'workloads.yaml', needle: 'fsGroup', expect: [compliance] },
  { file: 'workloads.yaml', needle: 'seccompProfile', expect: [compliance] },
  { file: 'workloads.yaml', needle: 'allowPrivilegeEscalation', expect: [compliance] },
  { file: 'workloads.yaml', needle: 'readOnlyRootFilesystem', expect: [compliance] },
  { file: 'workloads.yaml', needle: 'drop', expect: [compliance] },
  { file: 'workloads.yaml', needle: 'readinessProbe', expect: [architecture, compliance] },
  { file: 'workloads.yaml', needle: 'path: /healthz', expect: [architecture, compliance] },
  { file: 'workloads.yaml', needle: 'memory: 512Mi', expect: [architecture, compliance, kernel, phases] },
  { file: 'workloads.yaml', needle: 'cpu: 250m', expect: [architecture, compliance, kernel, phases] },
  { file: 'workloads.yaml', needle: 'maxSurge', expect: [architecture] },
  { file: 'workloads.yaml', needle: 'topologyKey', expect: [architecture] },
  { file: 'workloads.yaml', needle: 'replicas: 3', expect: [architecture, compliance] },
  { file: 'workloads.yaml', needle: 'secretKeyRef', expect: [architecture, compliance] },
  { file: 'workloads.yaml', needle: 'serviceAccountName', expect: [compliance] },
  { file: 'workloads.yaml', needle: 'emptyDir', expect: [compliance] },
  { file: 'workloads.yaml', needle: 'claimName', expect: [compliance] },
  { file: 'workloads.yaml', needle: 'serviceName', expect: [architecture] },
  { file: 'workloads.yaml', needle: 'storageClassName', expect: [architecture] },
  { file: 'workloads.yaml', needle: 'hostPath', expect: [compliance] },
  { file: 'policies.yaml', needle: 'pod-security.kubernetes.io/enforce', expect: [architecture, compliance] },
  { file: 'policies.yaml', needle: 'scaleDown', expect: [architecture] },
  { file: 'policies.yaml', needle: 'minReplicas', expect: [architecture] },
  { file: 'policies.yaml', needle: 'averageUtilization', expect: [architecture] },
  { file: 'policies.yaml', needle: 'policyTypes', expect: [netpol] },
  { file: 'policies.yaml', needle: 'egress', expect: [netpol] },
  { file: 'policies.yaml', needle: 'namespaceSelector', expect: [netpol] },
  { file: 'policies.yaml', needle: 'verbs', expect: [netpol] },
  { file: 'policies.yaml', needle: 'roleRef', expect: [netpol] },
  { file: 'policies.yaml', needle: 'subjects', expect: [netpol] },
  { file: 'policies.yaml', needle: 'hostPID', expect: [kernel, isolation] },
  { file: 'policies.yaml', needle: 'hostNetwork', expect: [kernel, isolation] },
  { file: 'policies.yaml', needle: 'hostIPC', expect: [kernel] },
  { file: 'policies.yaml', needle: 'privileged', expect: [kernel] },
  { file: 'compose.yaml', needle: 'healthcheck', expect: [quickWins, scenario1, [S3, '환경 표준화']] },
  { file: 'compose.yaml', needle: 'memory: 512M', expect: [kernel, quickWins, phases, needs] },
  { file: 'compose.yaml', needle: 'condition', expect: [quickWins, scenario1, [S3, '환경 표준화'], [S0, '핵심 개념 간 상호작용']] },
  { file: 'compose.yaml', needle: 'privileged', expect: [kernel] },
  { file: 'compose.yaml', needle: 'pid: host', expect: [kernel, isolation] },
  { file: 'compose.yaml', needle: 'restart', expect: [needs, [S4, '분산 시스템 설계 원칙'], [S2, '오케스트레이션 핵심 개념 통합']] },
  { file: 'compose.yaml', needle: 'cap_drop', expect: [scenario1, principles] },
  { file: 'compose.yaml', needle: 'security_opt', expect: [kernel, [S3, '완전한 애플리케이션 격리']] },
];

let client: LspClient;
let seeds: string;
const fixtures = path.join(repoRoot, 'test', 'fixtures', 'probes');

before(async () => {
  seeds = seedCourseFolder();
  client = new LspClient({ settings: { includeBundledLessons: false, lessonFolders: [seeds] } });
  await client.initialize();
  for (const file of new Set(probes.map((p) => p.file))) {
    client.open(pathToFileURL(path.join(fixtures, file)).toString(), fs.readFileSync(path.join(fixtures, file), 'utf8'));
  }
});

after(async () => {
  await client.stop();
  fs.rmSync(seeds, { recursive: true, force: true });
});

function accepted(link: LessonLink, expect: Accept[]): boolean {
  const base = path.basename(fileURLToPath(link.lessonUri));
  return expect.some(([seed, heading]) => base.startsWith(seed) && link.sectionTitle.includes(heading));
}

async function linksFor(probe: Probe): Promise<LessonLink[]> {
  const text = fs.readFileSync(path.join(fixtures, probe.file), 'utf8');
  const position = positionOf(text, probe.needle, 1, probe.nth ?? 0);
  const uri = pathToFileURL(path.join(fixtures, probe.file)).toString();
  return client.request<LessonLink[]>('lessonAware/linksAt', { textDocument: { uri }, position });
}

test('seed probes: first link right for >= 90%, a right one in the first three for all, never inside a fence', async () => {
  const rows: string[] = [];
  let top1 = 0;
  const misses: string[] = [];
  const fenceCache = new Map<string, Set<number>>();
  for (const probe of probes) {
    const links = await linksFor(probe);
    const first = links[0];
    const ok1 = !!first && accepted(first, probe.expect);
    const ok3 = links.slice(0, 3).some((l) => accepted(l, probe.expect));
    if (ok1) top1++;
    if (!ok3) misses.push(probe.needle);
    rows.push(`${ok1 ? 'OK ' : ok3 ? 'top3' : 'MISS'} ${probe.file}:${probe.needle} → ${first ? `${path.basename(first.lessonUri)} › ${first.sectionTitle} (${first.score}; ${first.reasons.join(',')})` : 'none'}`);
    for (const link of links) {
      const file = fileURLToPath(link.lessonUri);
      if (!fenceCache.has(file)) fenceCache.set(file, fencedLines(fs.readFileSync(file, 'utf8')));
      assert.ok(!fenceCache.get(file)!.has(link.line), `${probe.needle}: link to line ${link.line} inside a code fence of ${file}`);
      const heading = fs.readFileSync(file, 'utf8').split(/\r?\n/)[link.line];
      assert.match(heading, /^#{1,6}\s/, `${probe.needle}: line ${link.line} is not a heading`);
      assert.ok(link.score > 0 && link.score <= 1);
    }
  }
  const ratio = top1 / probes.length;
  console.log(rows.join('\n'));
  console.log(`seed probes: ${top1}/${probes.length} first links right (${(ratio * 100).toFixed(1)}%)`);
  assert.deepEqual(misses, [], 'probes without a right link in the first three');
  assert.ok(ratio >= 0.9, `first-link accuracy ${(ratio * 100).toFixed(1)}% < 90%`);
});

after(stopAllClients);
