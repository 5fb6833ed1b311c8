// Offline field documentation for Kubernetes and Compose, read from the index that scripts/gen-field-docs.mjs
// writes at build time (`k8s.json`, `compose.json`). Each file is loaded on first use only; a missing or broken
// file makes every lookup of that side return undefined. Nothing here throws or logs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ComposeSchemaGraph, K8sTypeGraph } from './typeGraph';
import type { ComposeIndexJson, K8sIndexJson } from './typeGraph';
import type { ComposeKeys, FieldDoc, FieldDocs, KindInfo, PathSegment, TypeDoc } from './types';

export { ComposeSchemaGraph, K8sTypeGraph } from './typeGraph';

/** Reads and parses a JSON file once; undefined (remembered) when it is missing or malformed. */
function lazyJson<T>(file: string, isValid: (value: unknown) => boolean): () => T | undefined {
  let loaded = false;
  let value: T | undefined;
  return () => {
    if (!loaded) {
      loaded = true;
      try {
        const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
        value = isValid(parsed) ? (parsed as T) : undefined;
      } catch {
        value = undefined;
      }
    }
    return value;
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Runs a lookup and turns any unexpected failure into undefined (one odd document never breaks a hover). */
function safe<T>(run: () => T | undefined): T | undefined {
  try {
    return run();
  } catch {
    return undefined;
  }
}

/**
 * Field docs backed by the generated index in `dir` (the server passes `path.join(__dirname, 'field-docs')`).
 * Also usable from tests and the CLI with any folder holding `k8s.json` and `compose.json`.
 */
export function createFieldDocs(dir: string): FieldDocs & Required<Pick<FieldDocs, 'k8sTypeFields' | 'k8sChildren' | 'knownKinds' | 'composeKeys'>> {
  const base = typeof dir === 'string' ? dir : '';
  const k8sJson = lazyJson<K8sIndexJson>(join(base, 'k8s.json'), (v) => isObject(v) && isObject(v.types) && Array.isArray(v.kinds));
  const composeJson = lazyJson<ComposeIndexJson>(join(base, 'compose.json'), (v) => isObject(v) && isObject(v.root));
  let k8sGraph: K8sTypeGraph | null | undefined;
  let composeGraph: ComposeSchemaGraph | null | undefined;
  const k8s = (): K8sTypeGraph | undefined => {
    if (k8sGraph === undefined) {
      const data = k8sJson();
      k8sGraph = data ? new K8sTypeGraph(data) : null;
    }
    return k8sGraph ?? undefined;
  };
  const compose = (): ComposeSchemaGraph | undefined => {
    if (composeGraph === undefined) {
      const data = composeJson();
      composeGraph = data ? new ComposeSchemaGraph(data) : null;
    }
    return composeGraph ?? undefined;
  };

  return {
    isKnownKind(apiVersion: string | undefined, kind: string): boolean {
      return safe(() => k8s()?.rootType(apiVersion, kind)) !== undefined;
    },
    rootType(apiVersion: string | undefined, kind: string): string | undefined {
      return safe(() => k8s()?.rootType(apiVersion, kind));
    },
    k8sField(apiVersion: string | undefined, kind: string, path: readonly PathSegment[]): FieldDoc | undefined {
      return safe(() => k8s()?.field(apiVersion, kind, path));
    },
    composeField(path: readonly PathSegment[]): FieldDoc | undefined {
      return safe(() => compose()?.field(path));
    },
    typeDoc(typeName: string): TypeDoc | undefined {
      return safe(() => k8s()?.typeDoc(typeName));
    },
    k8sTypeFields(typeName: string): FieldDoc[] | undefined {
      return safe(() => k8s()?.typeFields(typeName));
    },
    k8sChildren(apiVersion: string | undefined, kind: string, path: readonly PathSegment[]): FieldDoc[] | undefined {
      return safe(() => k8s()?.children(apiVersion, kind, path));
    },
    knownKinds(): readonly KindInfo[] {
      return safe(() => k8s()?.knownKinds()) ?? [];
    },
    composeKeys(path: readonly PathSegment[]): ComposeKeys | undefined {
      return safe(() => compose()?.keys(path));
    },
  };
}
