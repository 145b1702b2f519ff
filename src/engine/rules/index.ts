/** The built-in rule set. */
import type { Rule } from '../types.js';
import { piiRules } from './pii/index.js';
import { secretRules } from './secrets/index.js';

export { piiRules, secretRules };

/** Every built-in rule: secrets first, then personal data. */
export const allRules: readonly Rule[] = [...secretRules, ...piiRules];
