/**
 * Numbers for `min`/`max`: plain numbers, Kubernetes quantities (`500m` = 0.5, `256Mi`) and Compose byte
 * values (`512m` = 512 MiB, `1g`, `100kb`). The same text means different things in the two flavours, so the
 * flavour of the file being checked decides how both the value and the bound are read.
 */
import { parseQuantity } from '../rules/k8s/k8sHelpers';

const composeUnits: Record<string, number> = { b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3 };

/** A Compose byte value (`512m`, `1g`, `100kb`, `2048`) in bytes; undefined when it is not one. */
export function parseComposeBytes(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb?|mb?|gb?)?\s*$/i.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * (composeUnits[(m[2] ?? 'b').toLowerCase()] ?? 1);
}

/** A value or bound as a number, read the way the file's flavour reads it. */
export function parseBound(value: unknown, flavor: 'kubernetes' | 'compose'): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  if (flavor === 'compose') return parseComposeBytes(value) ?? parseQuantity(value);
  return parseQuantity(value);
}
