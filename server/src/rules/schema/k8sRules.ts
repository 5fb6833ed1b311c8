/** Kubernetes schema rules: one validation pass (k8sSchema.ts) reported as five rules with their own ids. */
import { k8sSchemaIssues } from './k8sSchema';
import { schemaRule } from './schemaIssues';

const anchors = ['kubectl --validate=strict', 'kubeconform', 'yaml-language-server (Kubernetes schema)'];
const explain = {
  en: 'The API server validates every object against the schema of its kind and version. `kubectl explain <kind>.<field>` shows what a field accepts.',
  ko: 'API 서버는 모든 객체를 kind와 apiVersion에 맞는 스키마로 검증합니다. 필드에 어떤 값을 쓸 수 있는지는 `kubectl explain <kind>.<field>`로 확인할 수 있습니다.',
};

export const schemaUnknownField = schemaRule(
  {
    id: 'schema-unknown-field',
    flavor: 'kubernetes',
    severity: 'error',
    title: { en: 'Unknown field', ko: '알 수 없는 필드' },
    message: {
      en: 'Unknown field "{0}" in {1}: the API server rejects it (strict field validation, the kubectl default). Closest known field: {2}.',
      ko: '{1}에는 "{0}" 필드가 없습니다. API 서버가 이 필드를 거부합니다 (kubectl 기본값인 strict 필드 검증). 비슷한 필드: {2}.',
    },
    help: {
      en: `${explain.en} A misspelt or misplaced key (e.g. resources under the pod spec instead of the container) is rejected by kubectl apply, or silently dropped by older clients.`,
      ko: `${explain.ko} 철자가 틀렸거나 위치가 잘못된 키(예: 컨테이너가 아니라 Pod spec 바로 아래에 쓴 resources)는 kubectl apply가 거부하고, 오래된 클라이언트에서는 조용히 무시됩니다.`,
    },
    lessonField: 'apiVersion',
    anchors,
  },
  ['unknown'],
  k8sSchemaIssues,
);

export const schemaWrongType = schemaRule(
  {
    id: 'schema-wrong-type',
    flavor: 'kubernetes',
    severity: 'error',
    title: { en: 'Wrong value type', ko: '잘못된 값 타입' },
    message: {
      en: '"{0}" must be {1}, not {2}: the API server cannot decode it.',
      ko: '"{0}"의 값은 {1} 타입이어야 합니다 (현재: {2}). API 서버가 이 값을 해석할 수 없습니다.',
    },
    help: {
      en: `${explain.en} Quote numbers and true/false where a string is expected (labels, annotations, env values, ConfigMap data); write numbers without quotes where an integer is expected (replicas, ports).`,
      ko: `${explain.ko} 문자열 자리(레이블, 어노테이션, env 값, ConfigMap data)의 숫자와 true/false는 따옴표로 감싸고, 정수 자리(replicas, 포트)의 숫자는 따옴표 없이 씁니다.`,
    },
    lessonField: 'apiVersion',
    anchors,
  },
  ['type'],
  k8sSchemaIssues,
);

export const schemaMissingRequired = schemaRule(
  {
    id: 'schema-missing-required',
    flavor: 'kubernetes',
    severity: 'error',
    title: { en: 'Required field missing', ko: '필수 필드 누락' },
    message: {
      en: '{0} is missing the required field "{1}".',
      ko: '{0}에 필수 필드 "{1}"{이/가} 없습니다.',
    },
    help: {
      en: `${explain.en} Required fields (a container's name, a Deployment's selector and template, a Service port's port...) have no default; the object is rejected without them.`,
      ko: `${explain.ko} 필수 필드(컨테이너의 name, Deployment의 selector와 template, Service 포트의 port 등)는 기본값이 없어 빠지면 객체가 거부됩니다.`,
    },
    lessonField: 'apiVersion',
    anchors,
  },
  ['required'],
  k8sSchemaIssues,
);

export const schemaInvalidEnum = schemaRule(
  {
    id: 'schema-invalid-enum',
    flavor: 'kubernetes',
    severity: 'error',
    title: { en: 'Value not allowed', ko: '허용되지 않는 값' },
    message: {
      en: '"{0}" is not a valid {1}: use one of {2} (values are case-sensitive).',
      ko: '"{0}"{은/는} {1}에 쓸 수 없는 값입니다. {2} 중 하나를 쓰세요 (대소문자를 구분합니다).',
    },
    help: {
      en: `${explain.en} Enumerated fields accept only the listed values, spelt exactly (TCP, not tcp; IfNotPresent, not ifnotpresent).`,
      ko: `${explain.ko} 열거형 필드는 목록의 값만 정확한 철자로 받습니다 (tcp가 아니라 TCP, ifnotpresent가 아니라 IfNotPresent).`,
    },
    lessonField: 'apiVersion',
    anchors,
  },
  ['enum'],
  k8sSchemaIssues,
);

export const schemaApiVersionMismatch = schemaRule(
  {
    id: 'schema-api-version-mismatch',
    flavor: 'kubernetes',
    severity: 'error',
    title: { en: 'Kind not served by this apiVersion', ko: '이 apiVersion에는 없는 kind' },
    message: {
      en: '{0} is not served by apiVersion {1}: use {2}.',
      ko: '{0:은/는} apiVersion {1}에 없는 kind입니다. {2:을/를} 쓰세요.',
    },
    help: {
      en: 'Each kind belongs to an API group (apps/v1 Deployment, networking.k8s.io/v1 Ingress, v1 Service...). With the wrong group the API server answers "no matches for kind".',
      ko: '각 kind는 API 그룹에 속합니다 (apps/v1 Deployment, networking.k8s.io/v1 Ingress, v1 Service 등). 그룹이 틀리면 API 서버가 "no matches for kind" 오류로 거부합니다.',
    },
    lessonField: 'apiVersion',
    anchors: ['kubectl "no matches for kind"', 'kubeconform'],
  },
  ['apiVersion'],
  k8sSchemaIssues,
);
