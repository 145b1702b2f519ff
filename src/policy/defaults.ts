/**
 * The safe default action per category (docs/policy.md explains each). A field's category comes
 * from its name (field classifier) or, for whole-value matches, from the detection rules. The
 * most specific entry wins: `user.contact.address.street` before `user.contact`.
 */
import { SPECIAL_CATEGORIES } from '../engine/categories.js';
import type { Category } from '../engine/types.js';

/**
 * What the safe default does with a field of a category:
 * `pseudonymize` ids; `generalize` by the policy's ip / user_agent / url / referrer / location /
 * precise_location settings; `drop` direct identifiers and secrets; `keep` harmless attributes.
 */
export type DefaultAction = 'pseudonymize' | 'generalize' | 'drop' | 'keep';

/** Ordered most specific first where prefixes overlap. */
const TABLE: ReadonlyArray<readonly [Category, DefaultAction]> = [
  ['user.unique_id.pseudonymous', 'keep'],
  ['user.unique_id', 'pseudonymize'],
  ['user.workplace', 'pseudonymize'],
  ['user.device.device_id', 'pseudonymize'],
  ['user.device.cookie_id', 'pseudonymize'],
  ['user.device.vehicle_id', 'pseudonymize'],
  ['user.account.username', 'pseudonymize'],
  ['user.device.ip_address', 'generalize'],
  ['user.device.user_agent', 'generalize'],
  ['user.behavior.browsing_history', 'generalize'],
  ['user.location.imprecise', 'generalize'],
  ['user.location.precise', 'generalize'],
  ['user.behavior.search_history', 'keep'],
  ['user.demographic.language', 'keep'],
  ['user.demographic.age_range', 'generalize'],
  ['user.demographic.gender', 'keep'],
  ['user.content', 'keep'],
  ['user.demographic.date_of_birth', 'drop'],
  ['user.name', 'drop'],
  ['user.contact', 'drop'],
  ['user.government_id', 'drop'],
  ['user.financial', 'drop'],
  ['user.authorization', 'drop'],
  ['system.authentication', 'drop'],
  // Special categories (GDPR Art. 9/10, APPI 要配慮, health included) and marital status: never to
  // a vendor by default (the fallback below would drop them too; listed so the table says so).
  ...SPECIAL_CATEGORIES.map((c) => [c, 'drop'] as const),
  ['user.demographic.marital_status', 'drop'],
  ['system.operations', 'drop'],
  ['user', 'drop'],
];

const cache = new Map<Category, DefaultAction>();

/** Default action for `category` (fail closed: anything unknown under `user` is dropped). */
export function defaultAction(category: Category): DefaultAction {
  let a = cache.get(category);
  if (a === undefined) {
    a = 'drop';
    for (const [c, action] of TABLE) {
      if (category === c || category.startsWith(c + '.')) {
        a = action;
        break;
      }
    }
    cache.set(category, a);
  }
  return a;
}

/** Categories whose value matches are always redacted, even in fields the policy keeps. */
export function isSecretCategory(category: Category): boolean {
  return category.startsWith('system.authentication') || category.startsWith('user.authorization');
}
