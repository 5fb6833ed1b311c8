// @ts-check
/** Realistic starting documents and the fragments random edits are made of. */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './lspClient.mjs';

/** @typedef {{ name: string, text: string, compose: boolean }} CorpusDoc */

/** The fuzz fixtures plus the probe fixtures and the editor-tier workspace files (read only). */
export function loadCorpus() {
  const dirs = ['test/fixtures/fuzz', 'test/fixtures/probes', 'test/editor/workspace'];
  /** @type {CorpusDoc[]} */
  const docs = [];
  for (const dir of dirs) {
    let names = [];
    try {
      names = readdirSync(path.join(repoRoot, dir)).filter((n) => /\.ya?ml$/.test(n)).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      const text = readFileSync(path.join(repoRoot, dir, name), 'utf8');
      docs.push({ name: `${dir.split('/').pop()}-${name}`, text, compose: /compose/.test(name) });
    }
  }
  if (docs.length === 0) throw new Error('fuzz corpus is empty: test/fixtures/fuzz missing?');
  return docs;
}

/** Fragments inserted by random edits: keys and values the rules care about, YAML syntax, awkward characters. */
export const fragments = [
  'securityContext:', 'runAsNonRoot: true', 'runAsNonRoot: false', 'privileged: true', 'hostPID: true', 'hostNetwork: true',
  'allowPrivilegeEscalation: false', 'readOnlyRootFilesystem: true', 'capabilities:\n  drop: ["ALL"]', 'image: nginx:latest',
  'image: nginx@sha256:0000', '- name: sidecar\n  image: busybox', 'resources:\n  limits:\n    cpu: 100m', 'livenessProbe:',
  'containers:', 'spec:', 'template:', 'metadata:', 'kind: Pod', 'kind: Deployment', 'apiVersion: v1', 'apiVersion: apps/v1',
  'services:', 'healthcheck:', 'depends_on: [db]', 'user: root', 'network_mode: host', 'ports: ["80:80"]', 'volumes:',
  '/var/run/docker.sock:/var/run/docker.sock', 'pid: host', 'cap_add: [ALL]', 'privileged: false', 'restart: always',
  ': ', ':', '- ', '-', '  ', '    ', '\t', '\n', '\r\n', '\r', '{', '}', '[', ']', ',', '{}', '[]', '? ', '|\n', '>-\n  folded',
  '&a ', '*a', '&anchor', '*anchor', '<<: *a', '<<: [*a, *b]', '# comment', '#', "'", '"', '"\\u00e9"', "'it''s'", '---\n', '...\n',
  '%YAML 1.2\n---\n', '!!binary ', '!!set ', '!!omap ', '!!str ', '!!int ', '!!timestamp ', '!foo ', '!reset ', '!override ', '!<tag:x>',
  'null', '~', 'true', 'yes', '0o17', '0x1F', '.inf', '-.nan', '1e400', '2001-12-14t21:59:43.10-05:00', '12:30:00',
  '# lesson-aware-disable-next-line k8s-run-as-non-root', '# lesson-aware-disable k8s-run-as-non-root', '# lesson-aware-disable',
  '한글 키: 값', '😀', '\u200b', '\u202e', '\uFEFF', '\u0000', '\u0007', '\ud800', 'key: "unterminated', '@reserved', '`tick',
];

/** A random run of characters that YAML treats specially. */
export const syntaxChars = ' \t\n:-?,[]{}#&*!|>\'"%@`\r';

/** A key followed by a colon; bounded so a 2 MB run of letters costs linear time (an unbounded `[\w]+(?=:)` is quadratic). */
export const keyPattern = /[\w.-]{1,64}(?=[ \t]{0,8}:)/g;
