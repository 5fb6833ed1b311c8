import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFixSafely, findingsOf } from '../../helpers/ruleHarness';
import { WorkspaceIndex } from '../../../server/src/workspace/workspaceIndex';

const ws = (files: Record<string, string>) => WorkspaceIndex.fromTexts(files);
const uri = 'file:///w/netpol.yaml';
const namespaces = `apiVersion: v1
kind: Namespace
metadata:
  name: backend
  labels:
    tier: backend
---
apiVersion: v1
kind: Namespace
metadata:
  name: frontend
`;
const deployment = (ns = 'frontend', app = 'web') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
  namespace: ${ns}
spec:
  selector: {matchLabels: {app: ${app}}}
  template:
    metadata: {labels: {app: ${app}}}
    spec:
      containers:
        - name: ${app}
          image: example/${app}:1.0
`;
const policy = (podSelector: string, nsSelector: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-netpol
  namespace: frontend
spec:
  podSelector:${podSelector}
  policyTypes: [Egress]
  egress:
    - to:
        - namespaceSelector:
            matchLabels:
              ${nsSelector}   # backend namespace
`;
const files = { '/w/ns.yaml': namespaces, '/w/web.yaml': deployment() };

test('X07: a podSelector matching no pod template in the policy namespace; {} and matches are quiet', () => {
  const f = findingsOf('x-networkpolicy-selects-nothing', policy('\n    matchLabels:\n      app: web-frontend', 'tier: backend'), { uri, workspace: ws(files) });
  assert.equal(f.length, 1);
  assert.deepEqual(f[0].args, ['web-netpol', 'podSelector', '{app: web-frontend}', 'frontend']);
  assert.equal(findingsOf('x-networkpolicy-selects-nothing', policy('\n    matchLabels:\n      app: web', 'tier: backend'), { uri, workspace: ws(files) }).length, 0);
  assert.equal(findingsOf('x-networkpolicy-selects-nothing', policy(' {}', 'tier: backend'), { uri, workspace: ws(files) }).length, 0);
  const expr = '\n    matchExpressions:\n      - {key: app, operator: In, values: [web, api]}';
  assert.equal(findingsOf('x-networkpolicy-selects-nothing', policy(expr, 'tier: backend'), { uri, workspace: ws(files) }).length, 0);
});

test('X08: {name: backend} matches no Namespace while Namespace backend exists (other file), related to its labels', () => {
  const f = findingsOf('x-networkpolicy-namespace-selector-no-match', policy(' {}', 'name: backend'), { uri, workspace: ws(files) });
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'warning');
  assert.deepEqual(f[0].args, ['web-netpol', '{name: backend}', 'backend']);
  assert.equal(f[0].related?.[0].uri, 'file:///w/ns.yaml');
  assert.equal(findingsOf('x-networkpolicy-namespace-selector-by-name', policy(' {}', 'name: backend'), { uri, workspace: ws(files) }).length, 0);
});

test('X08: quiet for real labels and for kubernetes.io/metadata.name', () => {
  for (const sel of ['tier: backend', 'kubernetes.io/metadata.name: backend']) {
    assert.equal(findingsOf('x-networkpolicy-namespace-selector-no-match', policy(' {}', sel), { uri, workspace: ws(files) }).length, 0, sel);
    assert.equal(findingsOf('x-networkpolicy-namespace-selector-by-name', policy(' {}', sel), { uri, workspace: ws(files) }).length, 0, sel);
  }
});

test('X08 (outside the workspace): {name: ingress-nginx} is information', () => {
  const f = findingsOf('x-networkpolicy-namespace-selector-by-name', policy(' {}', 'name: ingress-nginx'), { uri, workspace: ws(files) });
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'information');
  assert.equal(findingsOf('x-networkpolicy-namespace-selector-by-name', policy(' {}', 'team: ops'), { uri, workspace: ws(files) }).length, 0);
});

test('X08 fix: the key becomes kubernetes.io/metadata.name, byte-exact (comment kept, CRLF)', () => {
  const opts = { uri, workspace: ws(files) };
  const out = applyFixSafely('x-networkpolicy-namespace-selector-no-match', policy(' {}', 'name: backend'), 0, opts);
  assert.equal(out, policy(' {}', 'kubernetes.io/metadata.name: backend'));
  const crlf = policy(' {}', 'name: backend').replace(/\n/g, '\r\n');
  assert.equal(applyFixSafely('x-networkpolicy-namespace-selector-no-match', crlf, 0, opts), policy(' {}', 'kubernetes.io/metadata.name: backend').replace(/\n/g, '\r\n'));
  const flow = policy(' {}', 'name: x').replace('matchLabels:\n              name: x   # backend namespace', 'matchLabels: {name: "ingress-nginx"}');
  assert.match(applyFixSafely('x-networkpolicy-namespace-selector-by-name', flow, 0, opts), /matchLabels: \{kubernetes\.io\/metadata\.name: "ingress-nginx"\}/);
});

test('X09: workloads no NetworkPolicy selects, only when the workspace has NetworkPolicies', () => {
  const api = deployment('backend', 'api');
  const netpol = { '/w/netpol.yaml': policy('\n    matchLabels:\n      app: web', 'tier: backend') };
  const f = findingsOf('x-workload-not-isolated', api, { uri: 'file:///w/api.yaml', workspace: ws(netpol) });
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'information');
  assert.equal(findingsOf('x-workload-not-isolated', deployment(), { uri: 'file:///w/web.yaml', workspace: ws(netpol) }).length, 0);
  assert.equal(findingsOf('x-workload-not-isolated', api, { uri: 'file:///w/api.yaml', workspace: ws({}) }).length, 0);
  const denyAll = policy(' {}', 'tier: backend').replace('namespace: frontend', 'namespace: backend');
  assert.equal(findingsOf('x-workload-not-isolated', api, { uri: 'file:///w/api.yaml', workspace: ws({ '/w/deny.yaml': denyAll }) }).length, 0);
});

test('NetworkPolicy rules: broken documents never throw', () => {
  for (const text of ['apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nspec: 2\n', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nspec:\n  podSelector: [1]\n  ingress: [1, {from: 3}, {from: [{namespaceSelector: {matchLabels: [1]}}]}]\n']) {
    for (const id of ['x-networkpolicy-selects-nothing', 'x-networkpolicy-namespace-selector-no-match', 'x-networkpolicy-namespace-selector-by-name', 'x-workload-not-isolated']) findingsOf(id, text, { uri, workspace: ws(files) });
  }
});
