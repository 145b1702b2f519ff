/**
 * A small seeded PRNG (mulberry32) and the helpers the corpus generator draws from. Everything the
 * corpus contains comes from one of these, so a seed fixes the corpus (no Math.random).
 */

/** A deterministic random source. All ranges are inclusive. */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [lo, hi]. */
  int(lo: number, hi: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(xs: readonly T[]): T;
  /** `n` characters drawn uniformly from `alphabet`. */
  chars(alphabet: string, n: number): string;
  /** A new list holding `xs` in random order. */
  shuffle<T>(xs: readonly T[]): T[];
  /** An independent generator derived from this one's state and `salt`. */
  fork(salt: number): Rng;
}

/** Digits, lower-case, upper-case, hex and base64 alphabets for `Rng.chars`. */
export const ALPHABET = {
  digit: '0123456789',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  hex: '0123456789abcdef',
  alnum: '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ',
  base64: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
} as const;

/** mulberry32: 32-bit state, period 2^32, good enough for test data and very fast. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => {
    if (xs.length === 0) throw new Error('pick from an empty list');
    return xs[Math.floor(next() * xs.length)]!;
  };
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick,
    chars(alphabet, n) {
      let s = '';
      for (let i = 0; i < n; i++) s += alphabet[Math.floor(next() * alphabet.length)];
      return s;
    },
    shuffle(xs) {
      const out = [...xs];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const tmp = out[i]!;
        out[i] = out[j]!;
        out[j] = tmp;
      }
      return out;
    },
    fork: (salt) =>
      createRng((Math.floor(next() * 4294967296) ^ Math.imul(salt, 0x9e3779b1)) >>> 0),
  };
}
