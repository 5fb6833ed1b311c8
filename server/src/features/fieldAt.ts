/** The field under an offset: its key path, schema doc and the query used to rank lesson links. */
import { DocModel, ManifestModel } from '../model/manifestModel';
import { generalizePath, pathAt, PathAtResult } from '../model/pathAt';
import type { FieldQuery } from '../lessons/rankLinks';
import type { FieldDoc, FieldDocs, PathSegment } from '../schema/types';
import { composeFallbackId } from '../lessons/sectionFacts';

export interface FieldAt {
  at: PathAtResult;
  field?: FieldDoc;
  query: FieldQuery;
}

export function fieldAt(model: ManifestModel, offset: number, fieldDocs: FieldDocs): FieldAt | undefined {
  const at = pathAt(model, offset);
  if (!at) return undefined;
  // A scalar item of a sequence (`- ALL`) belongs to the key that owns the sequence.
  const path = trailingIndexFree(at.path);
  if (path.length === 0) return undefined;
  const { field, query } = fieldQuery(model, at.doc, path, fieldDocs);
  return { at: { ...at, path }, field, query };
}

/** The schema doc and link query for a key path of one document (the field may be absent from the text). */
export function fieldQuery(model: ManifestModel, doc: DocModel, path: readonly PathSegment[], fieldDocs: FieldDocs): { field?: FieldDoc; query: FieldQuery } {
  const flavor = model.flavor === 'compose' ? 'compose' : doc.flavor;
  const resolve = (p: readonly PathSegment[]): FieldDoc | undefined => {
    if (flavor === 'compose') return fieldDocs.composeField(p);
    if (flavor === 'kubernetes' && doc.kind && fieldDocs.isKnownKind(doc.apiVersion, doc.kind)) {
      return fieldDocs.k8sField(doc.apiVersion, doc.kind, p);
    }
    return undefined;
  };
  const field = resolve(path);
  const ancestorIds: string[] = [];
  for (let n = path.length - 1; n > 0 && ancestorIds.length < 3; n--) {
    if (typeof path[n - 1] !== 'string') continue;
    const parent = resolve(path.slice(0, n));
    if (parent) ancestorIds.push(parent.id);
  }
  const query: FieldQuery = {
    flavor,
    kind: flavor === 'compose' ? undefined : doc.kind,
    apiVersion: doc.apiVersion,
    gen: generalizePath(path),
    fieldId: field?.id ?? (flavor === 'compose' ? composeFallbackId(path) : undefined),
    ancestorIds,
  };
  return { field, query };
}

function trailingIndexFree(path: PathSegment[]): PathSegment[] {
  let end = path.length;
  while (end > 0 && typeof path[end - 1] === 'number') end--;
  return path.slice(0, end);
}

/** `spec.template.spec.containers[0].securityContext.runAsNonRoot` */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out;
}
