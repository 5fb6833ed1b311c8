/** Docker Compose rules (catalog C01–C12). */
import type { Rule } from '../types';
import { composeNoNewPrivileges, composeReadOnly } from './hardening';
import { composeDockerSocket, composeHostNetwork, composeHostPidIpc, composePrivileged, composeSensitiveMount } from './hostAccess';
import { composeImageTag, composePortAllInterfaces, composeSecretEnv } from './imagesSecretsPorts';
import { composeDependsOnCondition, composeHealthcheck, composeResourceLimits, composeRestartPolicy } from './reliability';

export const composeRules: readonly Rule[] = [
  composeHealthcheck, // C01
  composeResourceLimits, // C02
  composePrivileged, // C03
  composeHostPidIpc, // C04 (pid, ipc)
  composeHostNetwork, // C04 (network_mode, userns_mode, uts)
  composeDockerSocket, // C05
  composeSensitiveMount, // C06
  composeImageTag, // C07
  composeSecretEnv, // C08
  composeNoNewPrivileges, // C09
  composeReadOnly, // C09 (read-only root filesystem)
  composePortAllInterfaces, // C10
  composeRestartPolicy, // C11
  composeDependsOnCondition, // C12
];
