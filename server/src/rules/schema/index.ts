/** Schema validation rules (Kubernetes API schema, Compose specification). */
import type { Rule } from '../types';
import { composeInvalidValue, composeMissingRequired, composeUnknownKey, composeWrongType } from './composeRules';
import { schemaApiVersionMismatch, schemaInvalidEnum, schemaMissingRequired, schemaUnknownField, schemaWrongType } from './k8sRules';

export const schemaRules: readonly Rule[] = [
  schemaApiVersionMismatch,
  schemaUnknownField,
  schemaWrongType,
  schemaMissingRequired,
  schemaInvalidEnum,
  composeUnknownKey,
  composeWrongType,
  composeInvalidValue,
  composeMissingRequired,
];
