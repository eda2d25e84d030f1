import type { Rule } from './types.js';
import { rule as executionRate } from './execution-rate.js';

/** Every rule, in catalogue order. Adding a rule: its file, its cases, and one line here. */
export const RULES: Rule[] = [
  executionRate,
];
