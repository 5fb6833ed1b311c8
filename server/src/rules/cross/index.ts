/** Cross-resource rules: checks across documents and files of the workspace (catalog §2 X01–X13, §3.1 CX01–CX03). */
import type { Rule } from '../types';
import { composeDuplicateHostPort, composeHealthyDependencyWithoutHealthcheck, composeUndefinedReference } from './composeRules';
import { hpaTargetHasReplicas, hpaTargetNotFound, hpaUtilizationWithoutRequests } from './hpaRules';
import { networkPolicyNamespaceSelectorNoMatch, networkPolicyNamespaceSelectorUnknown, networkPolicySelectsNothing, workloadNotIsolated } from './networkPolicyRules';
import { pssEnforceViolation, pssWarnViolation } from './podSecurityRules';
import { referencedConfigNotFound, roleBindingRoleNotFound, serviceAccountNotFound } from './referenceRules';
import { serviceSelectorNoMatch, serviceTargetPortNotFound, statefulSetHeadlessServiceNotFound } from './serviceRules';

export const crossRules: readonly Rule[] = [
  pssEnforceViolation, // X01
  pssWarnViolation, // X01 (warn/audit)
  serviceSelectorNoMatch, // X02
  serviceTargetPortNotFound, // X03
  hpaTargetNotFound, // X04
  hpaTargetHasReplicas, // X05
  hpaUtilizationWithoutRequests, // X06
  networkPolicySelectsNothing, // X07
  networkPolicyNamespaceSelectorNoMatch, // X08
  networkPolicyNamespaceSelectorUnknown, // X08 (namespace outside the workspace)
  workloadNotIsolated, // X09
  roleBindingRoleNotFound, // X10
  serviceAccountNotFound, // X11
  referencedConfigNotFound, // X12
  statefulSetHeadlessServiceNotFound, // X13
  composeHealthyDependencyWithoutHealthcheck, // CX01
  composeUndefinedReference, // CX02
  composeDuplicateHostPort, // CX03
];
