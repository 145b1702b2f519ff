/**
 * The field-name classifier: what a JSON key says about its value, so that values no value
 * matcher can recognize (names, cities, user ids) are caught by the field that holds them.
 * See docs/fields.md for the tables and the rules.
 */
import { classifyWords } from './match.js';
import { normalizeKey } from './normalize.js';
import { CHILD_NAMES, INHERIT_WORDS, RESERVED_KEYS } from './parents.js';
import type { FieldClass, Kind } from './types.js';
import { INHERIT_FACTOR, MODIFIER_KINDS, PARENT_KINDS } from './words.js';

export type { FieldClass } from './types.js';
export { normalizeKey } from './normalize.js';

/** Entries a memoizing classifier holds before it starts over. */
export const FIELD_CACHE_LIMIT = 10_000;

/** Longer keys (and parents) are classified but not cached, so the cache stays small in bytes. */
export const FIELD_CACHE_MAX_KEY_LENGTH = 256;

function lastWord(key: string): string {
  return key.slice(key.lastIndexOf('_') + 1);
}

function kindOfParent(parent: string): Kind | undefined {
  const last = lastWord(parent);
  return (
    PARENT_KINDS.get(parent) ??
    PARENT_KINDS.get(last) ??
    MODIFIER_KINDS.get(last) ??
    // A list of people (`attendees`, `participants`, `recipients`): each item is one.
    (last.length > 3 && last.endsWith('s') ? MODIFIER_KINDS.get(last.slice(0, -1)) : undefined)
  );
}

/** Names decided by the parent: `page.path`, `name.first`, `email.address`, `phone.number`. */
function classifyByParent(key: string, parent: string): FieldClass | undefined {
  const children = CHILD_NAMES.get(parent) ?? CHILD_NAMES.get(lastWord(parent));
  const child = children?.[key];
  if (child !== undefined) return child;
  if (!INHERIT_WORDS.has(key)) return undefined;
  const inherited = classifyWords(parent.split('_'), undefined);
  if (inherited === undefined) return undefined;
  const confidence = Math.round(inherited.confidence * INHERIT_FACTOR * 100) / 100;
  return { category: inherited.category, confidence };
}

/**
 * Category of a field by its name; undefined when the name says nothing sensitive.
 *
 * `key` is the raw JSON key in any style (`userEmail`, `$email`, `E-Mail`, `メールアドレス`);
 * `parent` is the raw key of the enclosing object, if any (`traits`, `$set`, `properties`,
 * `context`, `page`): plain `name` and `id` count only inside person-ish objects (`traits.name`
 * is a person, `properties.name` usually a product), and generic children take meaning from
 * their parent (`page.path`, `email.address`). An empty parent means no parent.
 *
 * Pure and allocation-light (a few microseconds); for the hot path use
 * `createFieldClassifier()`. The returned object may be shared between calls: do not mutate it.
 */
export function classifyField(key: string, parent?: string): FieldClass | undefined {
  const parentNorm = parent === undefined ? '' : normalizeKey(parent);
  const reserved = RESERVED_KEYS.get(key);
  // In an organization's profile (a Mixpanel group's `$set`), `$name` is the group's name.
  if (reserved !== undefined && (parentNorm === '' || kindOfParent(parentNorm) !== 'org'))
    return reserved;
  const norm = normalizeKey(key);
  if (norm === '') return undefined;
  const found =
    (parentNorm === '' ? undefined : classifyByParent(norm, parentNorm)) ??
    classifyWords(norm.split('_'), parentNorm === '' ? undefined : kindOfParent(parentNorm));
  return found;
}

/**
 * A memoizing classifier for the hot path: same contract as `classifyField`, cached per
 * (parent, key), so a repeated key costs two Map lookups. The cache holds at most
 * `FIELD_CACHE_LIMIT` entries and is cleared when full; keys or parents longer than
 * `FIELD_CACHE_MAX_KEY_LENGTH` are not cached (bounded memory whatever keys arrive). Each call
 * of `createFieldClassifier` has its own cache.
 */
export function createFieldClassifier(): (key: string, parent?: string) => FieldClass | undefined {
  let cache = new Map<string, Map<string, FieldClass | null>>();
  let size = 0;
  return function classifyFieldCached(key: string, parent?: string): FieldClass | undefined {
    const p = parent ?? '';
    if (key.length > FIELD_CACHE_MAX_KEY_LENGTH || p.length > FIELD_CACHE_MAX_KEY_LENGTH) {
      return classifyField(key, parent);
    }
    let inner = cache.get(p);
    const hit = inner?.get(key);
    if (hit !== undefined) return hit ?? undefined;
    if (size >= FIELD_CACHE_LIMIT) {
      cache = new Map();
      size = 0;
      inner = undefined;
    }
    if (inner === undefined) {
      inner = new Map();
      cache.set(p, inner);
    }
    const result = classifyField(key, parent);
    inner.set(key, result ?? null);
    size++;
    return result;
  };
}
