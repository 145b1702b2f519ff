/** Every secret (credential) rule. */
import type { Rule } from '../../types.js';
import { connectionRules } from './connection.js';
import { genericRules } from './generic.js';
import { httpRules } from './http.js';
import { keyRules } from './keys.js';
import { manifestRules } from './manifests.js';
import { providerRules } from './providers.js';
import { queryRules } from './query.js';
import { queryKeyRules } from './query-keys.js';

export { isProviderToken, providerRules } from './providers.js';

/**
 * Secret rules in evaluation order: provider tokens, structured keys (JWT, PEM), connection
 * strings, Kubernetes Secret manifests, URL parameters, HTTP headers and curl credentials, then
 * generic keyword rules (lowest confidence, so a specific finding
 * on the same span wins the scanner's dedupe).
 */
export const secretRules: readonly Rule[] = [
  ...providerRules,
  ...keyRules,
  ...connectionRules,
  ...manifestRules,
  ...queryRules,
  ...queryKeyRules,
  ...httpRules,
  ...genericRules,
];
