/** Every secret (credential) rule. */
import type { Rule } from '../../types.js';
import { connectionRules } from './connection.js';
import { genericRules } from './generic.js';
import { keyRules } from './keys.js';
import { providerRules } from './providers.js';
import { queryRules } from './query.js';
import { queryKeyRules } from './query-keys.js';

export { isProviderToken, providerRules } from './providers.js';

/**
 * Secret rules in evaluation order: provider tokens, structured keys (JWT, PEM), connection
 * strings, URL parameters, then generic keyword rules (lowest confidence, so a specific finding
 * on the same span wins the scanner's dedupe).
 */
export const secretRules: readonly Rule[] = [
  ...providerRules,
  ...keyRules,
  ...connectionRules,
  ...queryRules,
  ...queryKeyRules,
  ...genericRules,
];
