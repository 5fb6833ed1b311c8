/**
 * Pod Security Standards (baseline and restricted) evaluated on a pod spec, following the checks of
 * kubernetes/pod-security-admission (`policy/check_*.go`): each failing control is named by its PSA id with
 * PSA-like wording. Only fields present in the document are judged; missing data never throws.
 */
import type { Node } from 'yaml';
import { ContainerRef, containersOf, PodSpecRef } from '../workloads';
import { bool, get, getIn, items, keys, num, str } from '../yamlNodes';

export type PssLevel = 'privileged' | 'baseline' | 'restricted';

export interface PssViolation {
  control: string;
  /** PSA-style reason, e.g. `allowPrivilegeEscalation != false (container "web" must set …)`. */
  reason: string;
}

const baselineCaps = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);
const safeSysctls = new Set([
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes',
]);
const seLinuxTypes = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);
const restrictedVolumeTypes = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret', 'image']);

export function parseLevel(value: string | undefined): PssLevel | undefined {
  const v = value?.trim().toLowerCase();
  return v === 'privileged' || v === 'baseline' || v === 'restricted' ? v : undefined;
}

function names(cs: ContainerRef[]): string {
  const list = cs.map((c) => `"${str(get(c.node, 'name')) ?? c.index}"`);
  return `${cs.length === 1 ? 'container' : 'containers'} ${list.join(', ')}`;
}

function sc(node: Node | undefined): Node | undefined {
  return get(node, 'securityContext');
}

/** Evaluates `level` on a pod spec; `annotations` are the pod template annotations (AppArmor). */
export function evaluatePss(pod: PodSpecRef, level: PssLevel, annotations?: Node): PssViolation[] {
  if (level === 'privileged') return [];
  const out: PssViolation[] = [];
  const all = containersOf(pod);
  const add = (control: string, reason: string) => out.push({ control, reason });
  const failing = (pred: (c: ContainerRef) => boolean) => all.filter((c) => {
    try {
      return pred(c);
    } catch {
      return false;
    }
  });
  const p = pod.node;
  const podSc = sc(p);

  // ---- baseline ----
  const hostNs = ['hostNetwork', 'hostPID', 'hostIPC'].filter((k) => bool(get(p, k)) === true);
  if (hostNs.length) add('hostNamespaces', `host namespaces (${hostNs.map((k) => `${k}=true`).join(', ')})`);
  const priv = failing((c) => bool(get(sc(c.node), 'privileged')) === true);
  if (priv.length) add('privileged', `privileged (${names(priv)} must not set securityContext.privileged=true)`);
  const addedCaps = new Set<string>();
  const capsBad = failing((c) => {
    const bad = items(getIn(sc(c.node), ['capabilities', 'add'])).map((n) => str(n) ?? '').filter((cap) => !baselineCaps.has(cap));
    bad.forEach((b) => addedCaps.add(b));
    return bad.length > 0;
  });
  if (capsBad.length) add('capabilities_baseline', `non-default capabilities (${names(capsBad)} must not include ${[...addedCaps].map((x) => `"${x}"`).join(', ')} in securityContext.capabilities.add)`);
  const volumes = items(get(p, 'volumes'));
  const hostPathVols = volumes.filter((v) => get(v, 'hostPath') !== undefined).map((v) => `"${str(get(v, 'name')) ?? '?'}"`);
  if (hostPathVols.length) add('hostPathVolumes', `hostPath volumes (${hostPathVols.join(', ')})`);
  const hostPorts = failing((c) => items(get(c.node, 'ports')).some((port) => (num(get(port, 'hostPort')) ?? 0) !== 0));
  if (hostPorts.length) add('hostPorts', `hostPort (${names(hostPorts)} uses hostPort)`);
  const appArmorBad = (n: Node | undefined) => {
    const t = str(get(get(n, 'appArmorProfile'), 'type'));
    return t !== undefined && t !== 'RuntimeDefault' && t !== 'Localhost';
  };
  const annotationBad = keys(annotations).some((k) => {
    if (!k.startsWith('container.apparmor.security.beta.kubernetes.io/')) return false;
    const v = str(get(annotations, k)) ?? '';
    return v !== 'runtime/default' && !v.startsWith('localhost/');
  });
  if (appArmorBad(podSc) || failing((c) => appArmorBad(sc(c.node))).length || annotationBad) add('appArmorProfile', 'forbidden AppArmor profile (Unconfined)');
  const seLinuxBad = (n: Node | undefined) => {
    const o = get(n, 'seLinuxOptions');
    if (!o) return false;
    return !seLinuxTypes.has(str(get(o, 'type')) ?? '') || get(o, 'user') !== undefined || get(o, 'role') !== undefined;
  };
  if (seLinuxBad(podSc) || failing((c) => seLinuxBad(sc(c.node))).length) add('seLinuxOptions', 'forbidden seLinuxOptions');
  const procMount = failing((c) => {
    const v = str(get(sc(c.node), 'procMount'));
    return v !== undefined && v !== 'Default';
  });
  if (procMount.length) add('procMount', `procMount (${names(procMount)} must not set securityContext.procMount to a non-default value)`);
  const unconfined = (n: Node | undefined) => str(getIn(n, ['seccompProfile', 'type'])) === 'Unconfined';
  const unconfinedContainers = failing((c) => unconfined(sc(c.node)));
  if (unconfined(podSc) || unconfinedContainers.length) add('seccompProfile_baseline', 'seccompProfile (type must not be "Unconfined")');
  const sysctls = items(get(podSc, 'sysctls')).map((s) => str(get(s, 'name')) ?? '').filter((n) => !safeSysctls.has(n));
  if (sysctls.length) add('sysctls', `forbidden sysctls (${sysctls.join(', ')})`);
  const hostProcess = (n: Node | undefined) => bool(getIn(n, ['windowsOptions', 'hostProcess'])) === true;
  if (hostProcess(podSc) || failing((c) => hostProcess(sc(c.node))).length) add('windowsHostProcess', 'hostProcess (must not set windowsOptions.hostProcess=true)');
  const probeHost = failing((c) => {
    const handlers = ['livenessProbe', 'readinessProbe', 'startupProbe'].map((k) => get(c.node, k));
    handlers.push(getIn(c.node, ['lifecycle', 'postStart']), getIn(c.node, ['lifecycle', 'preStop']));
    return handlers.some((h) => !!str(getIn(h, ['httpGet', 'host'])) || !!str(getIn(h, ['tcpSocket', 'host'])));
  });
  if (probeHost.length) add('hostProbesAndHostLifecycle', `probe or lifecycle host (${names(probeHost)} must not set host)`);
  if (level === 'baseline') return out;

  // ---- restricted ----
  // PSA skips the Linux-only controls for pods that declare spec.os.name: windows.
  const windows = str(getIn(p, ['os', 'name'])) === 'windows';
  const restrictedVols = volumes
    .filter((v) => {
      const types = keys(v).filter((k) => k !== 'name');
      return types.length > 0 && get(v, 'hostPath') === undefined && types.some((t) => !restrictedVolumeTypes.has(t));
    })
    .map((v) => `"${str(get(v, 'name')) ?? '?'}"`);
  if (restrictedVols.length) add('restrictedVolumes', `restricted volume types (${restrictedVols.join(', ')})`);
  const ape = windows ? [] : failing((c) => bool(get(sc(c.node), 'allowPrivilegeEscalation')) !== false);
  if (ape.length) add('allowPrivilegeEscalation', `allowPrivilegeEscalation != false (${names(ape)} must set securityContext.allowPrivilegeEscalation=false)`);
  const podNonRoot = bool(get(podSc, 'runAsNonRoot'));
  const nonRootBad = failing((c) => {
    const own = bool(get(sc(c.node), 'runAsNonRoot'));
    return own === false || (own === undefined && podNonRoot !== true);
  });
  if (podNonRoot === false || nonRootBad.length) add('runAsNonRoot', `runAsNonRoot != true (pod or ${names(nonRootBad.length ? nonRootBad : all)} must set securityContext.runAsNonRoot=true)`);
  const rootUser = num(get(podSc, 'runAsUser')) === 0 || failing((c) => num(get(sc(c.node), 'runAsUser')) === 0).length > 0;
  if (rootUser) add('runAsUser', 'runAsUser=0 (pod and containers must not set runAsUser=0)');
  const seccompOk = (n: Node | undefined) => {
    const t = str(getIn(n, ['seccompProfile', 'type']));
    return t === 'RuntimeDefault' || t === 'Localhost';
  };
  if (!windows && !unconfined(podSc) && !unconfinedContainers.length) {
    const podOk = seccompOk(podSc);
    const missing = failing((c) => !seccompOk(sc(c.node)) && !(podOk && str(getIn(sc(c.node), ['seccompProfile', 'type'])) === undefined));
    if (missing.length) add('seccompProfile_restricted', `seccompProfile (pod or ${names(missing)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")`);
  }
  const dropBad = windows ? [] : failing((c) => !items(getIn(sc(c.node), ['capabilities', 'drop'])).some((n) => str(n) === 'ALL'));
  const addBad = windows ? [] : failing((c) => items(getIn(sc(c.node), ['capabilities', 'add'])).some((n) => str(n) !== 'NET_BIND_SERVICE'));
  if (dropBad.length || addBad.length) {
    const parts: string[] = [];
    if (dropBad.length) parts.push(`${names(dropBad)} must set securityContext.capabilities.drop=["ALL"]`);
    if (addBad.length) parts.push(`${names(addBad)} must not include capabilities other than "NET_BIND_SERVICE" in securityContext.capabilities.add`);
    add('capabilities_restricted', `unrestricted capabilities (${parts.join('; ')})`);
  }
  return out;
}
