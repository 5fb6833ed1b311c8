/** Korean particles after interpolated words (koParticles.ts) and the message formatter that applies them. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { particleFor, withParticle, wordEnding } from '../../server/src/koParticles';
import { fillTemplate } from '../../server/src/messageTemplate';

test('Hangul: by the final consonant of the last syllable', () => {
  assert.equal(withParticle('컨테이너', '이/가'), '컨테이너가');
  assert.equal(withParticle('서비스', '을/를'), '서비스를');
  assert.equal(withParticle('파일', '을/를'), '파일을');
  assert.equal(withParticle('볼륨', '은/는'), '볼륨은');
  assert.equal(withParticle('레슨', '과/와'), '레슨과');
  assert.equal(withParticle('포트', '과/와'), '포트와');
  assert.equal(withParticle('네임스페이스', '이/가'), '네임스페이스가');
});

test('으로/로: a final ㄹ takes 로 like a vowel, other 받침 take 으로', () => {
  assert.equal(withParticle('파일', '으로/로'), '파일로');
  assert.equal(withParticle('레이블', '으로/로'), '레이블로');
  assert.equal(withParticle('볼륨', '으로/로'), '볼륨으로');
  assert.equal(withParticle('서비스', '으로/로'), '서비스로');
  assert.equal(withParticle('yaml', '으로/로'), 'yaml로');
  assert.equal(withParticle('web', '으로/로'), 'web으로');
  assert.equal(withParticle('nginx', '으로/로'), 'nginx로');
});

test('digits: by the Korean reading of the number (일 칠 팔 end in ㄹ, 삼 육 영/십/백 in another 받침)', () => {
  const cases: [string, string, string][] = [
    ['0', '이', '으로'], ['1', '이', '로'], ['2', '가', '로'], ['3', '이', '으로'], ['4', '가', '로'],
    ['5', '가', '로'], ['6', '이', '으로'], ['7', '이', '로'], ['8', '이', '로'], ['9', '가', '로'],
    ['10', '이', '으로'], ['8080', '이', '으로'], ['10001', '이', '로'], ['512', '가', '로'], ['1.25', '가', '로'],
  ];
  for (const [n, subject, direction] of cases) {
    assert.equal(particleFor(n, '이/가'), subject, `${n}${subject}`);
    assert.equal(particleFor(n, '으로/로'), direction, `${n}${direction}`);
  }
  assert.equal(withParticle('replicas: 2', '을/를'), 'replicas: 2를');
  assert.equal(withParticle('nginx:1.25', '을/를'), 'nginx:1.25를');
});

test('a digit right after a letter may be read in English (v1 브이원 or 브이일): particles only when both agree', () => {
  assert.equal(withParticle('apps/v1', '을/를'), 'apps/v1을'); // 원 and 일 both have 받침
  assert.equal(withParticle('apps/v1', '으로/로'), 'apps/v1(으)로'); // 원으로 but 일로
  assert.equal(withParticle('v2', '이/가'), 'v2가');
  assert.equal(withParticle('v1.30', '이/가'), 'v1.30이'); // 삼십 / thirty: the digits are not right after the letter
});

test('Latin words as Korean engineers read them', () => {
  const cases: [string, string][] = [
    ['web', '이'], ['api', '가'], ['db', '가'], ['nginx', '가'], ['redis', '가'], ['app', '이'], ['frontend', '가'],
    ['backend', '가'], ['postgres', '가'], ['deployment.yaml', '이'], ['compose.yml', '이'], ['README.md', '가'],
    ['livenessProbe', '가'], ['readOnlyRootFilesystem', '이'], ['StatefulSet', '이'], ['ConfigMap', '이'],
    ['ServiceAccount', '가'], ['Role', '이'], ['ClusterRole', '이'], ['Job', '이'], ['Namespace', '가'], ['Pod', '가'],
    ['PersistentVolumeClaim', '이'], ['RoleBinding', '이'], ['Secret', '이'], ['containerPort', '가'], ['host', '가'],
    ['root', '가'], ['admin', '이'], ['helm', '이'], ['network', '가'], ['stack', '이'], ['check', '가'], ['type', '이'],
    ['None', '이'], ['docker', '가'], ['proxy', '가'], ['image', '가'], ['volume', '이'],
    ['spec', '이'], ['/proc', '이'], ['/etc', '가'], ['sync', '가'], ['/run', '이'], ['/var/run/docker.sock', '이'],
  ];
  for (const [word, particle] of cases) assert.equal(particleFor(word, '이/가'), particle, `${word}${particle}`);
});

test('acronyms are spelled out: only L 엘, R 알, M 엠, N 엔 end in a consonant', () => {
  assert.equal(withParticle('API', '이/가'), 'API가');
  assert.equal(withParticle('CPU', '을/를'), 'CPU를');
  assert.equal(withParticle('HPA', '은/는'), 'HPA는');
  assert.equal(withParticle('YAML', '을/를'), 'YAML을');
  assert.equal(withParticle('YAML', '으로/로'), 'YAML로');
  assert.equal(withParticle('ALL', '을/를'), 'ALL을');
  assert.equal(withParticle('SYS_ADMIN', '을/를'), 'SYS_ADMIN을');
  assert.equal(withParticle('NET_BIND_SERVICE', '을/를'), 'NET_BIND_SERVICE를');
  assert.equal(withParticle('clusterIP', '이/가'), 'clusterIP가');
  assert.equal(withParticle('k8s', '이/가'), 'k8s가');
  assert.equal(withParticle('tcp', '으로/로'), 'tcp로');
  assert.equal(withParticle('ip', '이/가'), 'ip가');
  // Four or five capitals may be a word (TIME 타임) or letters (티아이엠이): unsure, both forms.
  assert.equal(withParticle('SYS_TIME', '을/를'), 'SYS_TIME을(를)');
});

test('quotes, brackets and a trailing aside are skipped; mixed text goes by its last word', () => {
  assert.equal(withParticle('"web"', '이/가'), '"web"이');
  assert.equal(withParticle('`db`', '이/가'), '`db`가');
  assert.equal(withParticle('[ALL]', '을/를'), '[ALL]을');
  assert.equal(withParticle('/etc (호스트 설정)', '을/를'), '/etc (호스트 설정)를');
  assert.equal(withParticle('spec.selector({tier In (a, b)})', '이/가'), 'spec.selector({tier In (a, b)})가');
  assert.equal(withParticle('maxReplicas(3)', '이/가'), 'maxReplicas(3)가');
  assert.equal(withParticle('/var/run/docker.sock/', '을/를'), '/var/run/docker.sock/을');
  assert.equal(withParticle('PID 네임스페이스', '을/를'), 'PID 네임스페이스를');
  assert.equal(withParticle('web 서비스', '과/와'), 'web 서비스와');
  assert.equal(withParticle('Deployment/web', '을/를'), 'Deployment/web을');
  assert.equal(withParticle('50%', '이/가'), '50%가');
  assert.equal(withParticle('/', '을/를'), '/를');
});

test('unsure words get the combined form, which is always correct', () => {
  assert.equal(withParticle('', '이/가'), '이(가)');
  assert.equal(withParticle('   ', '을/를'), '   을(를)');
  assert.equal(withParticle('system:*', '은/는'), 'system:*은(는)');
  assert.equal(withParticle('…', '과/와'), '…과(와)');
  assert.equal(withParticle('loop', '으로/로'), 'loop(으)로');
  assert.equal(wordEnding('sleep'), undefined);
  assert.equal(wordEnding('웹'), 'consonant');
  assert.equal(wordEnding('길'), 'rieul');
  assert.equal(wordEnding('키'), 'vowel');
});

test('fillTemplate: {n}, {n:pair} and a lone {pair} after a quote', () => {
  assert.equal(fillTemplate('{0:이/가} 없습니다', ['web']), 'web이 없습니다');
  assert.equal(fillTemplate('{0:이/가} 없습니다', ['db']), 'db가 없습니다');
  assert.equal(fillTemplate('컨테이너 "{0}"{이/가} root로 실행됩니다', ['web']), '컨테이너 "web"이 root로 실행됩니다');
  assert.equal(fillTemplate('컨테이너 "{0}"{이/가} root로 실행됩니다', ['api']), '컨테이너 "api"가 root로 실행됩니다');
  assert.equal(fillTemplate('{1}{을/를} {0:으로/로} 바꾸세요', ['8080', 'hostPort']), 'hostPort를 8080으로 바꾸세요');
  assert.equal(fillTemplate('포트 {0:과/와} {1:은/는}', ['80', '443']), '포트 80과 443은');
  assert.equal(fillTemplate('{0}, {1}', ['a']), 'a, ');
  assert.equal(fillTemplate('{0:이/가}', []), '이(가)');
});

test('fillTemplate leaves other braces alone', () => {
  assert.equal(fillTemplate('pod-security.kubernetes.io/{enforce,audit,warn}', []), 'pod-security.kubernetes.io/{enforce,audit,warn}');
  assert.equal(fillTemplate('{name: backend} 같은 selector, 빈 selector {}', []), '{name: backend} 같은 selector, 빈 selector {}');
  assert.equal(fillTemplate('"${{1}}"', ['db', 'DB_PASSWORD']), '"${DB_PASSWORD}"');
  assert.equal(fillTemplate('{0:이나/나}', ['x']), '{0:이나/나}');
  assert.equal(fillTemplate('English {0} text', ['is untouched']), 'English is untouched text');
});
