/** A key path inside one YAML document: mapping keys are strings, sequence indices numbers. */
export type PathSegment = string | number;

/** What the product knows about one field of the Kubernetes API or the Compose specification. */
export interface FieldDoc {
  /**
   * Canonical id used to compare fields across kinds and files.
   * Kubernetes: `<OwnerType>.<field>` with the @kubernetes/client-node model class name of the type that
   * declares the field, e.g. `V1PodSecurityContext.runAsNonRoot` (the same for a Pod, a Deployment's template
   * and a CronJob's job template), `V1Container.readinessProbe`, `V2HorizontalPodAutoscalerBehavior.scaleDown`.
   * Compose: `compose:` + the generalized path from the file root, map keys chosen by the user replaced by `*`
   * and sequence indices dropped, e.g. `compose:services.*.healthcheck.test`, `compose:services.*.deploy.resources.limits`.
   */
  id: string;
  /** The key as written, e.g. `runAsNonRoot`. */
  name: string;
  /** Declaring type (`V1PodSecurityContext`) or, for Compose, the schema definition (`service`, `deployment`). */
  ownerType: string;
  /** Description from the API docs / Compose schema; '' when the source has none. */
  description: string;
  /** JSON-ish type: 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'map' | 'any'. */
  type: string;
  /** For object-valued fields (and arrays of objects) the referenced type name, e.g. `V1Probe`. */
  refType?: string;
  /** Allowed values when the source lists them. */
  enum?: string[];
  /** True when the owner type requires the field. */
  required?: boolean;
  /** Value format when the source gives one: `int32`, `int64`, `date-time`, `int-or-string` (Kubernetes);
   *  `duration`, `ports`, `expose`, `subnet_ip_address` (Compose). */
  format?: string;
  /** For 'array' and 'map' fields, the JSON-ish type of the elements / map values (`refType` names the type when 'object'). */
  itemType?: string;
  /** Every type the field accepts when there are alternatives (Compose `depends_on`: ['array', 'map']); `type` is the first. */
  types?: string[];
}

/** A built-in Kubernetes kind as the API serves it. */
export interface KindInfo {
  /** `apps/v1`, `v1`, `autoscaling/v2` ... */
  apiVersion: string;
  kind: string;
  /** Root model type, e.g. `V1Deployment`. */
  type: string;
}

/** The keys a Compose mapping at some path may hold (for validation and completion). */
export interface ComposeKeys {
  /** Keys the spec names, with their docs. */
  fields: FieldDoc[];
  /** Doc for user-chosen keys (service, network, volume names; entries of maps such as `environment`), when allowed. */
  anyKey?: FieldDoc;
  /** True when `x-` extension keys are allowed here. */
  extensions: boolean;
  /** True when no keys other than `fields` (and `anyKey`/extensions when present) are allowed. */
  closed: boolean;
}

/** Description of a whole Kubernetes type (used when hovering `kind`, `spec`, etc.). */
export interface TypeDoc {
  name: string;
  description: string;
}

/** Field documentation for built-in Kubernetes kinds and the Compose spec, generated at build time. */
export interface FieldDocs {
  /** True when apiVersion/kind names a built-in Kubernetes kind (CRDs and unknown kinds: false). */
  isKnownKind(apiVersion: string | undefined, kind: string): boolean;
  /** Root model type for a kind, e.g. `V1Deployment` for apps/v1 Deployment; undefined when unknown. */
  rootType(apiVersion: string | undefined, kind: string): string | undefined;
  /** The field at `path` (from the document root) of a Kubernetes document; undefined when not in the schema. */
  k8sField(apiVersion: string | undefined, kind: string, path: readonly PathSegment[]): FieldDoc | undefined;
  /** The field at `path` (from the file root) of a Compose file; undefined when not in the spec. */
  composeField(path: readonly PathSegment[]): FieldDoc | undefined;
  /** The type description, e.g. for `V1PodSecurityContext`. */
  typeDoc(typeName: string): TypeDoc | undefined;
  /** Every field of a Kubernetes model type (with type, required, enum); undefined for unknown or primitive types. */
  k8sTypeFields?(typeName: string): FieldDoc[] | undefined;
  /** The fields allowed in the Kubernetes mapping at `path` ([] = the document root); undefined when that is not an object. */
  k8sChildren?(apiVersion: string | undefined, kind: string, path: readonly PathSegment[]): FieldDoc[] | undefined;
  /** Every built-in kind with its apiVersion and root type. */
  knownKinds?(): readonly KindInfo[];
  /** The keys allowed in the Compose mapping at `path` ([] = the file root; `'*'` stands for any user-chosen name). */
  composeKeys?(path: readonly PathSegment[]): ComposeKeys | undefined;
}
