/**
 * The "harden this container" quick fix: one fix that adds every missing hardening field of a container's
 * securityContext (allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true,
 * capabilities.drop: [ALL], seccompProfile.type: RuntimeDefault) and corrects the explicit wrong values,
 * keeping every other byte. Attached to each securityContext finding of the container.
 */
import type { Node } from 'yaml';
import { Entries, ensureEntries, replaceNode } from '../edits';
import type { DocContext, Fix, OffsetEdit } from '../types';
import type { ContainerRef, PodSpecRef } from '../workloads';
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

/** The all-at-once hardening fix, or undefined when fewer than two fields are missing or the edit is unsafe. */
export function hardenAllFix(ctx: DocContext, pod: PodSpecRef, c: ContainerRef): Fix | undefined {
  if (c.list === 'ephemeralContainers') return undefined;
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
  if (bool(effective(pod, c, 'runAsNonRoot')) !== true) fixScalar('runAsNonRoot', true, ownNonRoot);
  if (!dropsAll(c)) {
    count++;
    if (get(sc, 'capabilities') === undefined) top.capabilities = { drop: ['ALL'] };
    else {
      capsEdit = dropAllEdit(text, c);
      if (!capsEdit) return undefined;
    }
  }
  const type = seccompType(pod, c);
  if (type === undefined) {
    count++;
    const own = get(sc, 'seccompProfile');
    if (own === undefined) top.seccompProfile = { type: 'RuntimeDefault' };
    else if (asMap(own)) replaces.push(ensureEntries(text, c.node, ['securityContext', 'seccompProfile'], { type: 'RuntimeDefault' }));
    else return undefined;
  } else if (type === 'Unconfined') {
    count++;
    const node = get(get(sc, 'seccompProfile'), 'type') ?? get(get(securityContextOf(pod.node), 'seccompProfile'), 'type');
    replaces.push(node ? replaceNode(node, 'RuntimeDefault') : undefined);
  }
  if (count < 2) return undefined;
  const topEdit = Object.keys(top).length ? ensureEntries(text, c.node, ['securityContext'], top) : undefined;
  if (Object.keys(top).length && !topEdit) return undefined;
  if (replaces.some((r) => r === undefined)) return undefined;
  const edits = combineEdits([capsEdit, ...replaces, topEdit]);
  if (!edits) return undefined;
  return {
    title: { en: `Harden container securityContext (${count} fields)`, ko: `컨테이너 securityContext 강화 (${count}개 필드)` },
    edits,
  };
}
