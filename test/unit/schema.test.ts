// Field docs over the generated index (dist/field-docs, written by scripts/gen-field-docs.mjs).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type * as FieldDocsModule from '../../server/src/schema/fieldDocs';
import type { FieldDoc } from '../../server/src/schema/types';

// The server project compiles server/src to out/server, so the source-relative path does not exist next to
// out/test at run time; try the compiled layout as well.
function loadServerModule<T>(relativeToServerSrc: string): T {
  const candidates = [path.join(__dirname, '../../server/src', relativeToServerSrc), path.join(__dirname, '../../server', relativeToServerSrc)];
  for (const candidate of candidates) {
    if (existsSync(`${candidate}.js`)) return require(candidate) as T;
  }
  throw new Error(`cannot find ${relativeToServerSrc} below ${candidates.join(' or ')}`);
}
const { createFieldDocs } = loadServerModule<typeof FieldDocsModule>('schema/fieldDocs');

const dir = path.join(__dirname, '../../../dist/field-docs');
if (!existsSync(path.join(dir, 'k8s.json'))) {
  throw new Error(`${dir} is missing: run \`node scripts/gen-field-docs.mjs\` first`);
}
const docs = createFieldDocs(dir);

function k8s(apiVersion: string | undefined, kind: string, dotted: string): FieldDoc | undefined {
  return docs.k8sField(apiVersion, kind, parsePath(dotted));
}

/** `spec.containers[0].image` → ['spec', 'containers', 0, 'image'] */
function parsePath(dotted: string): (string | number)[] {
  return dotted.split('.').flatMap((part) => {
    const [key, ...indices] = part.split('[');
    return [...(key ? [key] : []), ...indices.map((i) => Number(i.replace(']', '')))];
  });
}

describe('Kubernetes field docs', () => {
  it('resolves the pod-level security context of a Deployment template', () => {
    const f = k8s('apps/v1', 'Deployment', 'spec.template.spec.securityContext.runAsNonRoot');
    assert.equal(f?.id, 'V1PodSecurityContext.runAsNonRoot');
    assert.equal(f?.name, 'runAsNonRoot');
    assert.equal(f?.ownerType, 'V1PodSecurityContext');
    assert.equal(f?.type, 'boolean');
    assert.match(f?.description ?? '', /UID 0/);
  });

  it('tells the container-level security context apart', () => {
    const f = k8s('apps/v1', 'Deployment', 'spec.template.spec.containers[0].securityContext.runAsNonRoot');
    assert.equal(f?.id, 'V1SecurityContext.runAsNonRoot');
    assert.equal(k8s('v1', 'Pod', 'spec.initContainers[2].securityContext.runAsNonRoot')?.id, 'V1SecurityContext.runAsNonRoot');
  });

  it('resolves Pod spec.hostPID', () => {
    const f = k8s('v1', 'Pod', 'spec.hostPID');
    assert.equal(f?.id, 'V1PodSpec.hostPID');
    assert.equal(f?.type, 'boolean');
    assert.match(f?.description ?? '', /pid namespace/);
  });

  it('walks a CronJob job template down to a container image', () => {
    const f = k8s('batch/v1', 'CronJob', 'spec.jobTemplate.spec.template.spec.containers[0].image');
    assert.equal(f?.id, 'V1Container.image');
    assert.equal(f?.type, 'string');
  });

  it('resolves autoscaling/v2 HPA behavior and falls back to the referenced type description', () => {
    const f = k8s('autoscaling/v2', 'HorizontalPodAutoscaler', 'spec.behavior.scaleDown');
    assert.equal(f?.id, 'V2HorizontalPodAutoscalerBehavior.scaleDown');
    assert.equal(f?.type, 'object');
    assert.equal(f?.refType, 'V2HPAScalingRules');
    assert.equal(f?.description, docs.typeDoc('V2HPAScalingRules')?.description);
    assert.notEqual(f?.description, '');
  });

  it('resolves NetworkPolicy egress peers', () => {
    const f = k8s('networking.k8s.io/v1', 'NetworkPolicy', 'spec.egress[0].to[0].namespaceSelector');
    assert.equal(f?.id, 'V1NetworkPolicyPeer.namespaceSelector');
    assert.equal(f?.refType, 'V1LabelSelector');
  });

  it('marks required fields (RoleBinding roleRef)', () => {
    const f = k8s('rbac.authorization.k8s.io/v1', 'RoleBinding', 'roleRef');
    assert.equal(f?.id, 'V1RoleBinding.roleRef');
    assert.equal(f?.required, true);
    assert.equal(k8s('rbac.authorization.k8s.io/v1', 'RoleBinding', 'subjects')?.required, false);
    assert.equal(k8s('v1', 'Pod', 'spec.containers[0].name')?.required, true);
  });

  it('gives a map entry the doc of the map field itself', () => {
    const labels = k8s('apps/v1', 'Deployment', 'spec.template.metadata.labels.app');
    assert.equal(labels?.id, 'V1ObjectMeta.labels');
    assert.equal(labels?.type, 'map');
    assert.equal(labels?.itemType, 'string');
    assert.equal(k8s('v1', 'Service', 'metadata.annotations.example/key')?.id, 'V1ObjectMeta.annotations');
    assert.equal(k8s('v1', 'Pod', 'spec.nodeSelector.disktype')?.id, 'V1PodSpec.nodeSelector');
    assert.equal(k8s('v1', 'ConfigMap', 'data.app.properties')?.id, undefined, 'a key with dots is one segment, not a path');
    assert.equal(docs.k8sField('v1', 'ConfigMap', ['data', 'app.properties'])?.id, 'V1ConfigMap.data');
    assert.equal(k8s('v1', 'Pod', 'spec.containers[0].resources.limits.memory')?.id, 'V1ResourceRequirements.limits');
  });

  it('resolves apiVersion, kind and metadata at the document root', () => {
    assert.equal(k8s('apps/v1', 'Deployment', 'kind')?.id, 'V1Deployment.kind');
    assert.equal(k8s('apps/v1', 'Deployment', 'apiVersion')?.id, 'V1Deployment.apiVersion');
    const metadata = k8s('apps/v1', 'Deployment', 'metadata');
    assert.equal(metadata?.id, 'V1Deployment.metadata');
    assert.equal(metadata?.refType, 'V1ObjectMeta');
    assert.equal(k8s('apps/v1', 'Deployment', 'metadata.name')?.id, 'V1ObjectMeta.name');
  });

  it('extracts enum values stated in the descriptions', () => {
    assert.deepEqual(k8s('v1', 'Pod', 'spec.containers[0].imagePullPolicy')?.enum, ['Always', 'Never', 'IfNotPresent']);
    assert.deepEqual(k8s('v1', 'Pod', 'spec.restartPolicy')?.enum, ['Always', 'OnFailure', 'Never']);
    assert.deepEqual(k8s('v1', 'Service', 'spec.type')?.enum?.slice().sort(), ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']);
    assert.deepEqual(k8s('v1', 'Pod', 'spec.securityContext.seccompProfile.type')?.enum, ['Localhost', 'RuntimeDefault', 'Unconfined']);
    assert.deepEqual(k8s('batch/v1', 'CronJob', 'spec.concurrencyPolicy')?.enum, ['Allow', 'Forbid', 'Replace']);
    assert.deepEqual(k8s('networking.k8s.io/v1', 'Ingress', 'spec.rules[0].http.paths[0].pathType')?.enum, ['Exact', 'Prefix', 'ImplementationSpecific']);
    assert.equal(k8s('v1', 'Pod', 'spec.containers[0].image')?.enum, undefined);
  });

  it('documents IntOrString fields with their own text', () => {
    const f = k8s('v1', 'Service', 'spec.ports[0].targetPort');
    assert.equal(f?.id, 'V1ServicePort.targetPort');
    assert.equal(f?.format, 'int-or-string');
    assert.match(f?.description ?? '', /^Number or name of the port/);
    assert.match(k8s('apps/v1', 'Deployment', 'spec.strategy.rollingUpdate.maxSurge')?.description ?? '', /above the desired number of pods/);
    assert.equal(k8s('v1', 'Pod', 'spec.containers[0].livenessProbe.httpGet.port')?.id, 'V1HTTPGetAction.port');
  });

  it('maps built-in kinds to their API group and version', () => {
    const cases: [string, string, string][] = [
      ['v1', 'Pod', 'V1Pod'],
      ['v1', 'Service', 'V1Service'],
      ['v1', 'ConfigMap', 'V1ConfigMap'],
      ['v1', 'Secret', 'V1Secret'],
      ['v1', 'Namespace', 'V1Namespace'],
      ['v1', 'ServiceAccount', 'V1ServiceAccount'],
      ['v1', 'PersistentVolumeClaim', 'V1PersistentVolumeClaim'],
      ['v1', 'PersistentVolume', 'V1PersistentVolume'],
      ['v1', 'Node', 'V1Node'],
      ['v1', 'Endpoints', 'V1Endpoints'],
      ['v1', 'LimitRange', 'V1LimitRange'],
      ['v1', 'ResourceQuota', 'V1ResourceQuota'],
      ['v1', 'Event', 'CoreV1Event'],
      ['events.k8s.io/v1', 'Event', 'EventsV1Event'],
      ['apps/v1', 'Deployment', 'V1Deployment'],
      ['apps/v1', 'StatefulSet', 'V1StatefulSet'],
      ['apps/v1', 'DaemonSet', 'V1DaemonSet'],
      ['apps/v1', 'ReplicaSet', 'V1ReplicaSet'],
      ['apps/v1', 'ControllerRevision', 'V1ControllerRevision'],
      ['autoscaling/v1', 'HorizontalPodAutoscaler', 'V1HorizontalPodAutoscaler'],
      ['autoscaling/v2', 'HorizontalPodAutoscaler', 'V2HorizontalPodAutoscaler'],
      ['batch/v1', 'Job', 'V1Job'],
      ['batch/v1', 'CronJob', 'V1CronJob'],
      ['networking.k8s.io/v1', 'NetworkPolicy', 'V1NetworkPolicy'],
      ['networking.k8s.io/v1', 'Ingress', 'V1Ingress'],
      ['networking.k8s.io/v1', 'IngressClass', 'V1IngressClass'],
      ['rbac.authorization.k8s.io/v1', 'Role', 'V1Role'],
      ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', 'V1ClusterRoleBinding'],
      ['policy/v1', 'PodDisruptionBudget', 'V1PodDisruptionBudget'],
      ['storage.k8s.io/v1', 'StorageClass', 'V1StorageClass'],
      ['storage.k8s.io/v1', 'CSIDriver', 'V1CSIDriver'],
      ['apps/v1', 'DeploymentList', 'V1DeploymentList'],
    ];
    for (const [apiVersion, kind, type] of cases) {
      assert.equal(docs.rootType(apiVersion, kind), type, `${apiVersion} ${kind}`);
      assert.equal(docs.isKnownKind(apiVersion, kind), true, `${apiVersion} ${kind}`);
      assert.ok(docs.knownKinds().some((k) => k.apiVersion === apiVersion && k.kind === kind && k.type === type), `${apiVersion} ${kind} listed`);
    }
  });

  it('resolves deprecated or missing apiVersions of a known kind to its newest class', () => {
    assert.equal(docs.isKnownKind('extensions/v1beta1', 'Deployment'), true);
    assert.equal(docs.rootType('extensions/v1beta1', 'Deployment'), 'V1Deployment');
    assert.equal(k8s('extensions/v1beta1', 'Deployment', 'spec.template.spec.hostNetwork')?.id, 'V1PodSpec.hostNetwork');
    assert.equal(docs.rootType('apps/v1beta2', 'StatefulSet'), 'V1StatefulSet');
    assert.equal(docs.rootType('autoscaling/v2beta2', 'HorizontalPodAutoscaler'), 'V2HorizontalPodAutoscaler');
    assert.equal(docs.rootType('batch/v1beta1', 'CronJob'), 'V1CronJob');
    assert.equal(docs.rootType(undefined, 'Pod'), 'V1Pod');
    assert.equal(docs.rootType(' apps/v1 ', 'Deployment'), 'V1Deployment');
  });

  it('treats CRDs and unknown kinds as unknown', () => {
    assert.equal(docs.isKnownKind('monitoring.coreos.com/v1', 'ServiceMonitor'), false);
    assert.equal(docs.rootType('monitoring.coreos.com/v1', 'ServiceMonitor'), undefined);
    assert.equal(docs.k8sField('monitoring.coreos.com/v1', 'ServiceMonitor', ['spec', 'endpoints']), undefined);
    assert.equal(docs.k8sField('monitoring.coreos.com/v1', 'ServiceMonitor', ['metadata', 'name']), undefined);
    assert.equal(docs.isKnownKind('example.com/v1', 'Deployment'), false, 'a custom resource sharing a built-in name');
    assert.equal(docs.isKnownKind(undefined, ''), false);
    assert.equal(docs.isKnownKind('v1', 'pod'), false, 'kinds are case-sensitive');
  });

  it('returns undefined for paths outside the schema', () => {
    assert.equal(k8s('v1', 'Pod', 'spec.containerz'), undefined);
    assert.equal(k8s('v1', 'Pod', 'spec.containers.image'), undefined, 'a key where a sequence is');
    assert.equal(docs.k8sField('v1', 'Pod', ['spec', 0]), undefined, 'an index where a mapping is');
    assert.equal(k8s('v1', 'Pod', 'spec.hostPID.deeper'), undefined);
    assert.equal(docs.k8sField('v1', 'Pod', []), undefined);
    assert.equal(k8s('v1', 'Pod', 'spec.constructor'), undefined);
    assert.equal(k8s('v1', 'Pod', '__proto__'), undefined);
  });

  it('gives the sequence field for an index and walks on from it', () => {
    assert.equal(k8s('v1', 'Pod', 'spec.containers[3]')?.id, 'V1PodSpec.containers');
    const containers = k8s('v1', 'Pod', 'spec.containers');
    assert.equal(containers?.type, 'array');
    assert.equal(containers?.itemType, 'object');
    assert.equal(containers?.refType, 'V1Container');
    assert.equal(k8s('v1', 'Pod', 'spec.containers[0].args')?.itemType, 'string');
  });

  it('lists fields of a type and of the mapping at a path, for validation', () => {
    const probe = docs.k8sTypeFields('V1Probe');
    assert.ok(probe?.some((f) => f.name === 'httpGet' && f.refType === 'V1HTTPGetAction'));
    assert.ok(probe?.every((f) => f.id === `V1Probe.${f.name}`));
    assert.equal(docs.k8sTypeFields('NoSuchType'), undefined);
    assert.deepEqual(docs.k8sChildren('v1', 'Pod', [])?.map((f) => f.name), ['apiVersion', 'kind', 'metadata', 'spec', 'status']);
    const container = docs.k8sChildren('apps/v1', 'Deployment', parsePath('spec.template.spec.containers[0]'));
    assert.ok(container?.some((f) => f.name === 'readinessProbe'));
    assert.equal(docs.k8sChildren('v1', 'Pod', parsePath('spec.containers')), undefined, 'a sequence has no keys');
    assert.equal(docs.k8sChildren('v1', 'Pod', parsePath('spec.nodeSelector')), undefined, 'string map values are not mappings');
  });

  it('describes types', () => {
    assert.match(docs.typeDoc('V1PodSecurityContext')?.description ?? '', /pod-level security attributes/);
    assert.equal(docs.typeDoc('Nope'), undefined);
  });

  it('looks up deep paths quickly', () => {
    const p = parsePath('spec.jobTemplate.spec.template.spec.containers[0].securityContext.capabilities.drop');
    const start = process.hrtime.bigint();
    const n = 2000;
    for (let i = 0; i < n; i++) docs.k8sField('batch/v1', 'CronJob', p);
    const perLookupMs = Number(process.hrtime.bigint() - start) / 1e6 / n;
    assert.equal(docs.k8sField('batch/v1', 'CronJob', p)?.id, 'V1Capabilities.drop');
    assert.ok(perLookupMs < 0.5, `${perLookupMs} ms per lookup`);
  });
});

describe('Compose field docs', () => {
  const compose = (dotted: string) => docs.composeField(parsePath(dotted));

  it('resolves healthcheck fields through the definition', () => {
    const test = compose('services.web.healthcheck.test');
    assert.equal(test?.id, 'compose:services.*.healthcheck.test');
    assert.equal(test?.ownerType, 'healthcheck');
    assert.deepEqual(test?.types, ['string', 'array']);
    assert.notEqual(test?.description, '');
    assert.equal(compose('services.web.healthcheck.interval')?.format, 'duration');
    const hc = compose('services.web.healthcheck');
    assert.equal(hc?.ownerType, 'service');
    assert.equal(hc?.refType, 'healthcheck');
  });

  it('resolves deploy.resources.limits.memory', () => {
    const f = compose('services.api.deploy.resources.limits.memory');
    assert.equal(f?.id, 'compose:services.*.deploy.resources.limits.memory');
    assert.equal(f?.ownerType, 'deployment');
    assert.equal(f?.type, 'string');
    assert.equal(compose('services.api.deploy.resources.limits')?.id, 'compose:services.*.deploy.resources.limits');
  });

  it('knows both forms of depends_on', () => {
    const cond = compose('services.web.depends_on.db.condition');
    assert.equal(cond?.id, 'compose:services.*.depends_on.*.condition');
    assert.deepEqual(cond?.enum, ['service_started', 'service_healthy', 'service_completed_successfully']);
    assert.equal(cond?.required, true);
    const dependsOn = compose('services.web.depends_on');
    assert.deepEqual(dependsOn?.types, ['array', 'map']);
    assert.equal(compose('services.web.depends_on[0]')?.id, 'compose:services.*.depends_on', 'short form list item');
    assert.equal(compose('services.web.depends_on.db')?.id, 'compose:services.*.depends_on.*');
  });

  it('knows short and long port syntax', () => {
    const ports = compose('services.web.ports');
    assert.equal(ports?.type, 'array');
    assert.equal(compose('services.web.ports[0]')?.id, 'compose:services.*.ports');
    const published = compose('services.web.ports[1].published');
    assert.equal(published?.id, 'compose:services.*.ports.published');
    assert.equal(compose('services.web.ports[1].target')?.type, 'integer');
    assert.equal(compose('services.web.ports[1].nope'), undefined);
  });

  it('knows long volume syntax and network list or map', () => {
    const type = compose('services.web.volumes[0].type');
    assert.equal(type?.id, 'compose:services.*.volumes.type');
    assert.equal(type?.required, true);
    assert.ok(type?.enum?.includes('bind'));
    assert.deepEqual(compose('services.web.networks')?.types, ['array', 'map']);
    assert.equal(compose('services.web.networks[0]')?.id, 'compose:services.*.networks');
    assert.equal(compose('services.web.networks.front.aliases')?.id, 'compose:services.*.networks.*.aliases');
    assert.equal(compose('networks.front.driver')?.id, 'compose:networks.*.driver');
    assert.equal(compose('networks.front.driver')?.ownerType, 'network');
    assert.equal(compose('volumes.data.external')?.id, 'compose:volumes.*.external');
  });

  it('names user-chosen keys `*` and documents map entries', () => {
    const svc = compose('services.web');
    assert.equal(svc?.id, 'compose:services.*');
    assert.equal(svc?.name, 'web');
    assert.equal(svc?.refType, 'service');
    const env = compose('services.web.environment.NODE_ENV');
    assert.equal(env?.id, 'compose:services.*.environment.*');
    assert.equal(env?.description, compose('services.web.environment')?.description);
    assert.equal(compose('services.web.image')?.id, 'compose:services.*.image');
    assert.equal(compose('version')?.id, 'compose:version');
  });

  it('ignores x- extensions and unknown keys', () => {
    assert.equal(compose('x-foo'), undefined);
    assert.equal(compose('x-common.image'), undefined);
    assert.equal(compose('services.web.x-foo'), undefined);
    assert.equal(compose('services.web.imagee'), undefined);
    assert.equal(compose('servicez'), undefined);
    assert.equal(compose('services.web.healthcheck.bogus'), undefined);
    assert.equal(docs.composeField([]), undefined);
  });

  it('lists the keys allowed at a generalized path', () => {
    const service = docs.composeKeys(['services', '*']);
    assert.ok(service?.fields.some((f) => f.name === 'image' && f.id === 'compose:services.*.image'));
    assert.equal(service?.extensions, true);
    assert.equal(service?.closed, true);
    const top = docs.composeKeys([]);
    assert.ok(top?.fields.some((f) => f.name === 'services'));
    assert.equal(docs.composeKeys(['services'])?.anyKey?.id, 'compose:services.*');
    const dep = docs.composeKeys(['services', 'web', 'depends_on', 'db']);
    assert.deepEqual(dep?.fields.filter((f) => f.required).map((f) => f.name), ['condition']);
    assert.equal(docs.composeKeys(['nope']), undefined);
  });
});

describe('field docs robustness', () => {
  it('returns nothing and never throws when the folder is missing', () => {
    const missing = createFieldDocs(path.join(tmpdir(), 'lesson-aware-no-such-dir'));
    assert.equal(missing.isKnownKind('apps/v1', 'Deployment'), false);
    assert.equal(missing.rootType('apps/v1', 'Deployment'), undefined);
    assert.equal(missing.k8sField('apps/v1', 'Deployment', ['spec']), undefined);
    assert.equal(missing.composeField(['services', 'web', 'image']), undefined);
    assert.equal(missing.typeDoc('V1Pod'), undefined);
    assert.equal(missing.k8sTypeFields('V1Pod'), undefined);
    assert.deepEqual(missing.knownKinds(), []);
    assert.equal(missing.composeKeys([]), undefined);
  });

  it('survives malformed files and odd input', () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'lesson-aware-docs-'));
    try {
      writeFileSync(path.join(tmp, 'k8s.json'), '{ not json');
      writeFileSync(path.join(tmp, 'compose.json'), '[1, 2]');
      const broken = createFieldDocs(tmp);
      assert.equal(broken.isKnownKind('v1', 'Pod'), false);
      assert.equal(broken.composeField(['services']), undefined);
      const odd = docs as unknown as Record<string, (...args: unknown[]) => unknown>;
      assert.doesNotThrow(() => {
        odd.k8sField(undefined, 'Pod', null);
        odd.k8sField(42, {}, [{}, null, 1.5]);
        odd.composeField(undefined);
        odd.composeField([null, {}]);
        odd.isKnownKind(null, null);
        odd.typeDoc(undefined);
      });
      assert.equal(odd.k8sField('v1', 'Pod', ['spec', { toString: () => 'hostPID' }]), undefined);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('loads each index lazily, on first use', () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'lesson-aware-docs-'));
    try {
      const lazy = createFieldDocs(tmp); // nothing there yet: creating must not read
      copyFileSync(path.join(dir, 'k8s.json'), path.join(tmp, 'k8s.json'));
      assert.equal(lazy.rootType('apps/v1', 'Deployment'), 'V1Deployment');
      copyFileSync(path.join(dir, 'compose.json'), path.join(tmp, 'compose.json'));
      assert.equal(lazy.composeField(['services'])?.id, 'compose:services', 'first compose use happens now');
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
