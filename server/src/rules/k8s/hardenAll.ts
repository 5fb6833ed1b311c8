/**
 * The "harden this container" quick fix: one fix that adds every missing hardening field of a container's
 * securityContext (allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true,
 * capabilities.drop: [ALL], seccompProfile.type: RuntimeDefault) and corrects the explicit wrong values,
 * keeping every other byte. Attached to each securityContext finding of the container.
 */
import type { Node } from 'yaml';
import { Entries, ensureEntries, replaceNode } from '../edits';
import type { DocContext, Fix, OffsetEdit } from '../types';
import { ContainerRef, containersOf, PodSpecRef } from '../workloads';
import { asMap, bool, get, items, str } from '../yamlNodes';
import { appendToSeq, combineEdits, effective, securityContextOf } from './k8sHelpers';

const escalatingCaps = new Set(['SYS_ADMIN', 'ALL']);

export function normalizeCap(value: string | undefined): string {
  return (value ?? '').trim().toUpperCase().replace(/^CAP_/, '');
}

/** Privileged or adding SYS_ADMIN: allowPrivilegeEscalation is implied (and false would be rejected). */
export function escalationImplied(c: ContainerRef): boolean {
  const sc = securityContextOf(c.node);
  if (bool(get(sc, 'privileged')) === true) return true;
  return items(get(get(sc, 'capabilities'), 'add')).some((n) => escalatingCaps.has(normalizeCap(str(n))));
}

export function dropsAll(c: ContainerRef): boolean {
  return items(get(get(securityContextOf(c.node), 'capabilities'), 'drop')).some((n) => normalizeCap(str(n)) === 'ALL');
}

/** Effective seccomp type (container over pod). */
export function seccompType(pod: PodSpecRef, c: ContainerRef): string | undefined {
  return str(get(get(securityContextOf(c.node), 'seccompProfile'), 'type')) ?? str(get(get(securityContextOf(pod.node), 'seccompProfile'), 'type'));
}

/** Edits that add `drop: [ALL]` to the container's capabilities (whatever exists of them). */
export function dropAllEdit(text: string, c: ContainerRef): OffsetEdit | undefined {
  const caps = get(securityContextOf(c.node), 'capabilities');
  const drop = get(caps, 'drop');
  if (drop && items(drop).length > 0) return appendToSeq(text, drop, 'ALL');
  if (drop && !items(drop).length && asMap(caps)) return undefined; // `drop: []` or odd: a human decides
  return ensureEntries(text, c.node, ['securityContext', 'capabilities'], { drop: ['ALL'] });
}

interface HardeningEdits {
  edits: (OffsetEdit | undefined)[];
  count: number;
}

/**
 * Edits that harden one container. With `podCovers`, runAsNonRoot and seccompProfile come from the pod level
 * (the workload fix sets them there): only explicit container-level overrides (false, Unconfined) are corrected.
 * Returns undefined when a needed edit cannot be made safely.
 */
function containerHardening(ctx: DocContext, pod: PodSpecRef, c: ContainerRef, podCovers: boolean): HardeningEdits | undefined {
  const text = ctx.model.text;
  const sc = securityContextOf(c.node);
  const top: Entries = {};
  const replaces: (OffsetEdit | undefined)[] = [];
  let capsEdit: OffsetEdit | undefined;
  let count = 0;
  const fixScalar = (key: string, want: boolean, current: Node | undefined) => {
    const v = bool(current);
    if (v === want) return;
    count++;
    if (current === undefined) top[key] = want;
    else replaces.push(replaceNode(current, String(want)));
  };
  if (!escalationImplied(c)) fixScalar('allowPrivilegeEscalation', false, get(sc, 'allowPrivilegeEscalation'));
  fixScalar('readOnlyRootFilesystem', true, get(sc, 'readOnlyRootFilesystem'));
  const ownNonRoot = get(sc, 'runAsNonRoot');
  if (podCovers) {
    if (ownNonRoot !== undefined && bool(ownNonRoot) !== true) fixScalar('runAsNonRoot', true, ownNonRoot);
  } else if (bool(effective(pod, c, 'runAsNonRoot')) !== true) fixScalar('runAsNonRoot', true, ownNonRoot);
  if (!dropsAll(c)) {
    count++;
    if (get(sc, 'capabilities') === undefined) top.capabilities = { drop: ['ALL'] };
    else {
      capsEdit = dropAllEdit(text, c);
      if (!capsEdit) return undefined;
    }
  }
  const ownProfile = get(sc, 'seccompProfile');
  const ownType = get(ownProfile, 'type');
  if (podCovers) {
    if (ownType && str(ownType) === 'Unconfined') {
      count++;
      replaces.push(replaceNode(ownType, 'RuntimeDefault'));
    } else if (ownProfile !== undefined && ownType === undefined) {
      count++;
      replaces.push(asMap(ownProfile) ? ensureEntries(text, c.node, ['securityContext', 'seccompProfile'], { type: 'RuntimeDefault' }) : undefined);
    }
  } else {
    const type = seccompType(pod, c);
    if (type === undefined) {
      count++;
      if (ownProfile === undefined) top.seccompProfile = { type: 'RuntimeDefault' };
      else replaces.push(asMap(ownProfile) ? ensureEntries(text, c.node, ['securityContext', 'seccompProfile'], { type: 'RuntimeDefault' }) : undefined);
    } else if (type === 'Unconfined') {
      count++;
      const node = ownType ?? get(get(securityContextOf(pod.node), 'seccompProfile'), 'type');
      replaces.push(node ? replaceNode(node, 'RuntimeDefault') : undefined);
    }
  }
  const topEdit = Object.keys(top).length ? ensureEntries(text, c.node, ['securityContext'], top) : undefined;
  if (Object.keys(top).length && !topEdit) return undefined;
  if (replaces.some((r) => r === undefined)) return undefined;
  // Deeper inserts first: when two inserts share an offset, combineEdits concatenates them in this order.
  return { edits: [capsEdit, ...replaces, topEdit], count };
}

/** The all-at-once hardening fix for one container, or undefined when fewer than two fields are missing or unsafe. */
export function hardenAllFix(ctx: DocContext, pod: PodSpecRef, c: ContainerRef): Fix | undefined {
  if (c.list === 'ephemeralContainers') return undefined;
  const h = containerHardening(ctx, pod, c, false);
  if (!h || h.count < 2) return undefined;
  const edits = combineEdits(h.edits);
  if (!edits) return undefined;
  return {
    title: { en: `Harden container securityContext (${h.count} fields)`, ko: `컨테이너 securityContext 강화 (${h.count}개 필드)` },
    edits,
  };
}

/**
 * The whole-workload fix: pod-level runAsNonRoot: true and seccompProfile RuntimeDefault, and every container's
 * allowPrivilegeEscalation, readOnlyRootFilesystem and capabilities.drop [ALL], in one edit set. Offered when it
 * does more than the container fix (several containers, or pod-level fields).
 */
/**
 * One "harden the whole workload" fix per pod spec node and model version: every container finding of the pod
 * offers the same fix, so it is built once (building it per finding was quadratic in the number of containers).
 * Keyed by the model too: an unchanged document of a newer version keeps its nodes at moved offsets.
 */
const workloadFixes = new WeakMap<object, WeakMap<object, { fix: Fix | undefined }>>();

export function hardenWorkloadFix(ctx: DocContext, pod: PodSpecRef): Fix | undefined {
  let perModel = workloadFixes.get(ctx.model);
  if (!perModel) workloadFixes.set(ctx.model, (perModel = new WeakMap()));
  const cached = perModel.get(pod.node);
  if (cached) return cached.fix;
  const fix = buildWorkloadFix(ctx, pod);
  perModel.set(pod.node, { fix });
  return fix;
}

function buildWorkloadFix(ctx: DocContext, pod: PodSpecRef): Fix | undefined {
  const text = ctx.model.text;
  const podSc = securityContextOf(pod.node);
  const podEdits: (OffsetEdit | undefined)[] = [];
  const podTop: Entries = {};
  let count = 0;
  const containers = containersOf(pod, ['containers', 'initContainers']);
  const nonRoot = get(podSc, 'runAsNonRoot');
  const needNonRoot = containers.some((c) => bool(effective(pod, c, 'runAsNonRoot')) !== true);
  const needSeccomp = containers.some((c) => seccompType(pod, c) === undefined);
  if (needNonRoot && bool(nonRoot) !== true) {
    count++;
    if (nonRoot === undefined) podTop.runAsNonRoot = true;
    else podEdits.push(replaceNode(nonRoot, 'true'));
  }
  const profile = get(podSc, 'seccompProfile');
  const type = get(profile, 'type');
  if (profile === undefined) {
    if (needSeccomp) {
      count++;
      podTop.seccompProfile = { type: 'RuntimeDefault' };
    }
  } else if ((needSeccomp && type === undefined) || str(type) === 'Unconfined') {
    count++;
    podEdits.push(type ? replaceNode(type, 'RuntimeDefault') : asMap(profile) ? ensureEntries(text, pod.node, ['securityContext', 'seccompProfile'], { type: 'RuntimeDefault' }) : undefined);
  }
  if (Object.keys(podTop).length) podEdits.push(ensureEntries(text, pod.node, ['securityContext'], podTop));
  if (podEdits.some((e) => e === undefined)) return undefined;
  const containerEdits: (OffsetEdit | undefined)[] = [];
  for (const c of containers) {
    const h = containerHardening(ctx, pod, c, true);
    if (!h) return undefined;
    count += h.count;
    containerEdits.push(...h.edits);
  }
  if (count < 2 || (containers.length < 2 && podEdits.length === 0)) return undefined;
  const edits = combineEdits([...containerEdits, ...podEdits]);
  if (!edits) return undefined;
  return {
    title: { en: `Harden the pod and all its containers (${count} fields)`, ko: `Pod와 모든 컨테이너 강화 (${count}개 필드)` },
    edits,
  };
}
