/** Docker Compose rules (catalog C01–C12). */
import type { DocContext, Rule } from '../types';
import { healthyServices, oneShotServices } from './composeModel';
import { composeNoNewPrivileges, composeReadOnly } from './hardening';
import { composeDockerSocket, composeHostNetwork, composeHostPidIpc, composePrivileged, composeSensitiveMount } from './hostAccess';
import { composeImageTag, composePortAllInterfaces, composeSecretEnv } from './imagesSecretsPorts';
import { perService } from './serviceResults';
import { composeDependsOnCondition, composeHealthcheck, composeResourceLimits, composeRestartPolicy } from './reliability';

/**
 * `perService`: results kept per service (serviceResults.ts), so an edit re-checks one service. C01 and C11 also
 * read which services others wait for (one-shot jobs), C12 which services are healthy: their results are reused
 * while that is the same.
 */
const oneShotNames = (ctx: DocContext) => [...oneShotServices(ctx)].sort().join('\u0000');
const healthyNames = (ctx: DocContext) => [...healthyServices(ctx)].sort().join('\u0000');

export const composeRules: readonly Rule[] = [
  perService(composeHealthcheck, oneShotNames), // C01
  perService(composeResourceLimits), // C02
  perService(composePrivileged), // C03
  perService(composeHostPidIpc), // C04 (pid, ipc)
  perService(composeHostNetwork), // C04 (network_mode, userns_mode, uts)
  perService(composeDockerSocket), // C05
  perService(composeSensitiveMount), // C06
  perService(composeImageTag), // C07
  perService(composeSecretEnv), // C08
  perService(composeNoNewPrivileges), // C09
  perService(composeReadOnly), // C09 (read-only root filesystem)
  perService(composePortAllInterfaces), // C10
  perService(composeRestartPolicy, oneShotNames), // C11
  perService(composeDependsOnCondition, healthyNames), // C12
];
