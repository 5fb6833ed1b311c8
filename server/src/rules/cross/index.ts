/** Cross-resource rules: checks across documents and files of the workspace. */
import type { Rule } from '../types';

export const crossRules: readonly Rule[] = [];
