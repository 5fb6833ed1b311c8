/** Single-document Kubernetes rules. */
import type { Rule } from '../types';
import { runAsNonRoot } from './runAsNonRoot';

export const k8sRules: readonly Rule[] = [runAsNonRoot];
