/** Where pod specs and containers live in each workload kind, as paths and nodes. */
import type { Node } from 'yaml';
import type { PathSegment } from '../schema/types';
import { getIn, items } from './yamlNodes';

/** Path of the pod spec for kinds that have one; undefined for other kinds. */
export function podSpecPath(kind: string | undefined): PathSegment[] | undefined {
  switch (kind) {
    case 'Pod':
      return ['spec'];
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'ReplicationController':
    case 'Job':
      return ['spec', 'template', 'spec'];
    case 'CronJob':
      return ['spec', 'jobTemplate', 'spec', 'template', 'spec'];
    case 'PodTemplate':
      return ['template', 'spec'];
    default:
      return undefined;
  }
}

/** Path of the pod template metadata (labels) for workload kinds. */
export function podTemplateMetadataPath(kind: string | undefined): PathSegment[] | undefined {
  const spec = podSpecPath(kind);
  if (!spec) return undefined;
  return kind === 'Pod' ? ['metadata'] : [...spec.slice(0, -1), 'metadata'];
}

export interface PodSpecRef {
  path: PathSegment[];
  node: Node;
}

export function podSpecOf(root: Node | null | undefined, kind: string | undefined): PodSpecRef | undefined {
  const path = podSpecPath(kind);
  if (!path) return undefined;
  const node = getIn(root, path);
  return node ? { path, node } : undefined;
}

export type ContainerList = 'containers' | 'initContainers' | 'ephemeralContainers';

export interface ContainerRef {
  list: ContainerList;
  index: number;
  path: PathSegment[];
  node: Node;
}

/** Every container of a pod spec: containers, initContainers and ephemeralContainers. */
export function containersOf(pod: PodSpecRef, lists: ContainerList[] = ['containers', 'initContainers', 'ephemeralContainers']): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const list of lists) {
    items(getIn(pod.node, [list])).forEach((node, index) => out.push({ list, index, path: [...pod.path, list, index], node }));
  }
  return out;
}
