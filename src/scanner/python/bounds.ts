/**
 * Bounds on values built from other values: code like `x = x + x` or `p = {**p, **p}` repeated
 * doubles a value each line, and must not double the scanner's memory with it.
 */

/** Parts of a concatenation, items of a list, properties of a dict kept at most. */
export const MAX_ITEMS = 256;
/** Characters of a literal string kept at most. */
export const MAX_STRING = 4096;

/** The list, cut to `MAX_ITEMS`. */
export function capped<T>(list: T[]): T[] {
  return list.length > MAX_ITEMS ? list.slice(0, MAX_ITEMS) : list;
}

/** Two lists joined, cut to `MAX_ITEMS`. */
export function joined<T>(a: readonly T[], b: readonly T[]): T[] {
  return a.length >= MAX_ITEMS ? a.slice(0, MAX_ITEMS) : capped([...a, ...b]);
}

/** Two strings joined, cut to `MAX_STRING`. */
export function joinedText(a: string, b: string): string {
  return a.length >= MAX_STRING ? a.slice(0, MAX_STRING) : (a + b).slice(0, MAX_STRING);
}
