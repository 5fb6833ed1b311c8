/** Compose specification rules: one validation pass (composeSchema.ts) reported as four rules. */
import { composeSchemaIssues } from './composeSchema';
import { schemaRule } from './schemaIssues';

const anchors = ['docker compose config (schema validation)', 'compose-spec JSON schema'];
const spec = {
  en: 'docker compose validates the file against the Compose specification before doing anything and stops at the first violation. Extension keys starting with x- are free.',
  ko: 'docker compose는 실행 전에 파일을 Compose 명세로 검증하고 첫 번째 위반에서 멈춥니다. x-로 시작하는 확장 키는 자유롭게 쓸 수 있습니다.',
};

export const composeUnknownKey = schemaRule(
  {
    id: 'schema-compose-unknown-key',
    flavor: 'compose',
    severity: 'error',
    title: { en: 'Unknown Compose key', ko: '알 수 없는 Compose 키' },
    message: {
      en: 'Unknown key "{0}" in {1}: docker compose rejects the file ("additional properties not allowed"). Closest known key: {2}. Use an x- prefix for your own keys.',
      ko: '{1}에는 "{0}" 키가 없습니다. docker compose가 파일을 거부합니다 ("additional properties not allowed"). 비슷한 키: {2}. 직접 정의하는 키에는 x- 접두사를 붙이세요.',
    },
    help: spec,
    lessonField: 'compose:services',
    anchors,
  },
  ['unknown'],
  composeSchemaIssues,
);

export const composeWrongType = schemaRule(
  {
    id: 'schema-compose-wrong-type',
    flavor: 'compose',
    severity: 'error',
    title: { en: 'Wrong Compose value shape', ko: '잘못된 Compose 값 형태' },
    message: {
      en: '"{0}" must be a {1}, not a {2}.',
      ko: '"{0}"의 값은 {1} 형태여야 합니다 (현재: {2}).',
    },
    help: spec,
    lessonField: 'compose:services',
    anchors,
  },
  ['type'],
  composeSchemaIssues,
);

export const composeInvalidValue = schemaRule(
  {
    id: 'schema-compose-invalid-value',
    flavor: 'compose',
    severity: 'error',
    title: { en: 'Value not allowed', ko: '허용되지 않는 값' },
    message: {
      en: '"{0}" is not a valid {1}: use one of {2}.',
      ko: '"{0}"{은/는} {1}에 쓸 수 없는 값입니다. {2} 중 하나를 쓰세요.',
    },
    help: spec,
    lessonField: 'compose:services.*.depends_on',
    anchors,
  },
  ['enum'],
  composeSchemaIssues,
);

export const composeMissingRequired = schemaRule(
  {
    id: 'schema-compose-missing-required',
    flavor: 'compose',
    severity: 'error',
    title: { en: 'Required Compose key missing', ko: '필수 Compose 키 누락' },
    message: {
      en: '{0} needs the key "{1}".',
      ko: '{0}에는 "{1}" 키가 필요합니다.',
    },
    help: spec,
    lessonField: 'compose:services.*.depends_on',
    anchors,
  },
  ['required'],
  composeSchemaIssues,
);
