/** Docker Compose rules. */
import type { Rule } from '../types';

export const composeRules: readonly Rule[] = [];
