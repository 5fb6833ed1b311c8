import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFixSafely, findingsOf } from '../../helpers/ruleHarness';

const uri = 'file:///w/compose.yaml';
const svc = (body: string) => `services:\n  app:\n    image: nginx:1.27\n${body}`;

test('compose-privileged: fires on true and "true", quiet on false/absent', () => {
  assert.equal(findingsOf('compose-privileged', svc('    privileged: true\n'), { uri }).length, 1);
  assert.equal(findingsOf('compose-privileged', svc('    privileged: "true"\n'), { uri }).length, 1);
  assert.equal(findingsOf('compose-privileged', svc('    privileged: false\n'), { uri }).length, 0);
  assert.equal(findingsOf('compose-privileged', svc(''), { uri }).length, 0);
  assert.equal(findingsOf('compose-privileged', svc('    privileged: true\n'), { uri })[0].severity, 'error');
});

test('compose-privileged: a value merged from an anchor counts, and the fix edits only own keys', () => {
  const text = 'x-base: &base\n  privileged: true\nservices:\n  app:\n    <<: *base\n    image: a:1\n';
  const f = findingsOf('compose-privileged', text, { uri });
  assert.equal(f.length, 1);
  assert.equal(f[0].fixes?.length, 0);
  assert.equal(text.slice(f[0].start, f[0].end), 'app');
});

test('compose-privileged fixes: remove the line (preferred) or set false, comment kept', () => {
  const text = svc('    privileged: true # needed?\n    restart: always\n');
  assert.equal(applyFixSafely('compose-privileged', text, 0, { uri }), svc('    restart: always\n'));
  assert.match(applyFixSafely('compose-privileged', text, 1, { uri }), /privileged: false # needed\?/);
  const flow = 'services:\n  app: {image: "a:1", privileged: true}\n';
  const f = findingsOf('compose-privileged', flow, { uri });
  assert.deepEqual(f[0].fixes?.map((x) => x.title.en), ['Set privileged: false'], 'no line removal inside a flow mapping');
});

test('compose-host-pid-ipc (error) and compose-host-namespace (warning)', () => {
  const text = svc('    pid: host\n    ipc: "host"\n    network_mode: host\n    userns_mode: host\n');
  const errors = findingsOf('compose-host-pid-ipc', text, { uri });
  assert.deepEqual(errors.map((f) => f.args?.[1]), ['pid', 'ipc']);
  assert.equal(errors[0].severity, 'error');
  const warnings = findingsOf('compose-host-namespace', text, { uri });
  assert.deepEqual(warnings.map((f) => f.args?.[1]), ['network_mode', 'userns_mode']);
  assert.equal(warnings[0].severity, 'warning');
  const fine = svc('    pid: "service:db"\n    ipc: shareable\n    network_mode: "service:vpn"\n');
  assert.equal(findingsOf('compose-host-pid-ipc', fine, { uri }).length, 0);
  assert.equal(findingsOf('compose-host-namespace', fine, { uri }).length, 0);
});

test('compose-docker-socket-mount: short and long syntax, :ro does not help', () => {
  const short = svc('    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n');
  const f = findingsOf('compose-docker-socket-mount', short, { uri });
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'error');
  assert.deepEqual(f[0].args, ['app', '/var/run/docker.sock']);
  const long = svc('    volumes:\n      - type: bind\n        source: //run/docker.sock\n        target: /var/run/docker.sock\n');
  assert.equal(findingsOf('compose-docker-socket-mount', long, { uri }).length, 1);
  assert.equal(findingsOf('compose-docker-socket-mount', svc('    volumes:\n      - docker-data:/var/lib/docker\n      - ./docker.sock.txt:/x\n'), { uri }).length, 0);
  // the socket is not also reported as a sensitive mount
  assert.equal(findingsOf('compose-sensitive-host-mount', short, { uri }).length, 0);
});

test('compose-sensitive-host-mount: system directories, not project paths or routine read-only files', () => {
  const text = svc(
    [
      '    volumes:',
      '      - /:/rootfs:ro',
      '      - /etc:/host/etc',
      '      - /proc:/host/proc:ro',
      '      - /etc/localtime:/etc/localtime:ro',
      '      - /etc/localtime:/etc/localtime',
      '      - ./conf:/etc/nginx/conf.d:ro',
      '      - data:/var/lib/data',
      '      - /srv/app/data:/data',
      '      - ${HOME}/.cache:/cache',
      '      - type: volume',
      '        source: etc',
      '        target: /etc/x',
      '',
    ].join('\n'),
  );
  const f = findingsOf('compose-sensitive-host-mount', text, { uri });
  assert.deepEqual(f.map((x) => `${x.args?.[1]} ${x.args?.[2]}`), ['/ ro', '/etc rw', '/proc ro', '/etc/localtime rw']);
  assert.equal(f[0].severity, 'warning');
});

test('host access rules never throw on odd shapes', () => {
  for (const text of [
    'services:\n  a:\n    volumes: 3\n',
    'services:\n  a:\n    volumes:\n      - null\n      - {source: 7}\n      - [x]\n',
    'services:\n  a: 5\n  b: [1]\n',
    'services: []\n',
    'services:\n  a:\n    <<: *missing\n',
    'services:\n  a:\n    pid: {host: 1}\n    privileged: [true]\n',
  ]) {
    for (const id of ['compose-privileged', 'compose-host-pid-ipc', 'compose-host-namespace', 'compose-docker-socket-mount', 'compose-sensitive-host-mount']) findingsOf(id, text, { uri });
  }
});
