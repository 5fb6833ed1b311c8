/** Schema validation rules (Kubernetes API schema, Compose specification). */
import type { Rule } from '../types';

export const schemaRules: readonly Rule[] = [];
