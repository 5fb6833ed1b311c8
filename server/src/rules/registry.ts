/** Every rule the product ships. Add a rule: write its module next to its family and list it in the family index. */
import { composeRules } from './compose/index';
import { crossRules } from './cross/index';
import { k8sRules } from './k8s/index';
import { schemaRules } from './schema/index';
import type { Rule } from './types';

export const allRules: readonly Rule[] = [...schemaRules, ...k8sRules, ...composeRules, ...crossRules];

export function ruleById(id: string, rules: readonly Rule[] = allRules): Rule | undefined {
  return rules.find((r) => r.meta.id === id);
}
