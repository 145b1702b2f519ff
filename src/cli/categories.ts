/** Parsing category lists given on the command line (`--fail-on user.contact,system`). */
import { CATEGORIES } from '../engine/categories.js';
import { VeilError } from '../errors.js';
import type { Category } from '../engine/types.js';

/**
 * Split a comma-separated list and check every name is a known category or a parent of one.
 * Throws VEIL_E_UNKNOWN_CATEGORY naming every unknown entry.
 */
export function parseCategoryList(list: string): Category[] {
  const names = list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const known = Object.keys(CATEGORIES);
  const unknown = names.filter((n) => !known.some((k) => k === n || k.startsWith(n + '.')));
  if (unknown.length > 0) {
    throw new VeilError(
      'VEIL_E_UNKNOWN_CATEGORY',
      `unknown categor${unknown.length > 1 ? 'ies' : 'y'}: ${unknown.join(', ')}`,
      unknown.map(
        (u) => `${u}: not a category; known top levels: user, system (see docs/detection.md)`,
      ),
    );
  }
  if (names.length === 0) throw new VeilError('VEIL_E_USAGE', 'empty category list');
  return names;
}
