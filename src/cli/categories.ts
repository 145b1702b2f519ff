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
      unknown.map((u) => {
        const near = closest(u, known);
        return near.length > 0
          ? `${u}: not a category; closest: ${near.join(', ')}`
          : `${u}: not a category; known top levels: user, system (see docs/pii.md, docs/fields.md)`;
      }),
    );
  }
  if (names.length === 0) throw new VeilError('VEIL_E_USAGE', 'empty category list');
  return names;
}

/**
 * The known names (and their parents) closest to `name`: those with the fewest single-character
 * edits, at most three and a fifth of the name's length (`user.contact.emial` →
 * `user.contact.email`), up to three;
 * or, for a last part known under another parent (`user.email`), the names ending in it.
 */
function closest(name: string, known: readonly string[]): string[] {
  const all = new Set<string>();
  for (const k of known) {
    const parts = k.split('.');
    for (let i = 1; i <= parts.length; i++) all.add(parts.slice(0, i).join('.'));
  }
  const last = name.slice(name.lastIndexOf('.') + 1);
  const byLast = [...all].filter((k) => k.endsWith(`.${last}`)).sort();
  if (byLast.length > 0) return byLast.slice(0, 3);
  const max = Math.min(3, Math.max(1, Math.floor(name.length / 5)));
  const scored = [...all]
    .map((k) => [k, editDistance(name, k, max)] as const)
    .filter(([, d]) => d <= max)
    .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
  // The nearest only: `user.contact.emial` is `user.contact.email`, not also `user.contact.url`.
  return scored
    .filter(([, d]) => d === scored[0]![1])
    .slice(0, 3)
    .map(([k]) => k);
}

/** Levenshtein distance of `a` and `b`, or `max + 1` once it must exceed `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const d = Math.min(
        prev[j]! + 1,
        row[j - 1]! + 1,
        prev[j - 1]! + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1),
      );
      row.push(d);
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[b.length]!;
}
