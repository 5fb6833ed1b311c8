/** Single-document Kubernetes rules (catalog K01–K27; the catalog number is in each rule's anchors). */
import type { Rule } from '../types';
import { hpaMaxBelowMin, hpaMinReplicasLow, hpaNoScalingRange, singleReplica } from './availability';
import { dockerSocketMount, hostNamespace, hostPathVolume, hostPort, sensitiveHostMount, writableHostMount } from './hostAccess';
import { imageTagMutable, plaintextSecretEnv } from './imagesAndSecrets';
import { pssEnforceMissing, pssLabelInvalid } from './podSecurityLabels';
import { livenessEqualsReadiness, livenessProbeMissing, probePortNotExposed, readinessProbeMissing } from './probes';
import { clusterAdminBinding, deprecatedApiVersion, rbacWildcard } from './rbacAndApi';
import { cpuLimitMissing, memoryLimitMissing, resourceRequestsMissing } from './resources';
import { runAsNonRoot } from './runAsNonRoot';
import { runAsGroupRoot, runAsUserRoot, seccompProfileMissing, seccompUnconfined } from './seccompAndUser';
import {
  allowPrivilegeEscalation,
  allowPrivilegeEscalationUnset,
  capabilitiesAdded,
  capabilitiesNotDropped,
  dangerousCapability,
  privilegedContainer,
  readOnlyRootFilesystem,
} from './securityContext';
import { selectorTemplateMismatch, topologySpreadInvalid } from './structure';

export const k8sRules: readonly Rule[] = [
  privilegedContainer, // K01
  allowPrivilegeEscalation, // K02 (explicit true)
  allowPrivilegeEscalationUnset, // K02 (absent)
  runAsNonRoot, // K03
  runAsUserRoot, // K03 (runAsUser: 0)
  runAsGroupRoot, // K03 (runAsGroup: 0)
  readOnlyRootFilesystem, // K04
  capabilitiesNotDropped, // K05
  dangerousCapability, // K06 (ALL, SYS_ADMIN, NET_ADMIN)
  capabilitiesAdded, // K06 (outside the baseline set)
  seccompUnconfined, // K07 (Unconfined)
  seccompProfileMissing, // K07 (missing)
  hostNamespace, // K08
  hostPathVolume, // K09
  sensitiveHostMount, // K09 (sensitive paths)
  writableHostMount, // K09 (not readOnly)
  dockerSocketMount, // K10
  hostPort, // K11
  plaintextSecretEnv, // K12
  imageTagMutable, // K13
  resourceRequestsMissing, // K14
  memoryLimitMissing, // K15 (memory)
  cpuLimitMissing, // K15 (cpu)
  livenessProbeMissing, // K16
  readinessProbeMissing, // K17
  probePortNotExposed, // K18
  livenessEqualsReadiness, // K19
  singleReplica, // K20
  hpaMaxBelowMin, // K21 (max < min)
  hpaNoScalingRange, // K21 (max = min)
  hpaMinReplicasLow, // K21 (min < 2)
  rbacWildcard, // K22
  clusterAdminBinding, // K23
  deprecatedApiVersion, // K24
  selectorTemplateMismatch, // K25
  topologySpreadInvalid, // K26
  pssLabelInvalid, // K27
  pssEnforceMissing, // K27 (audit/warn without enforce)
];
