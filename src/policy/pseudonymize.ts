/**
 * Keyed pseudonyms: HMAC-SHA-256 under a key derived per destination and key version (and, with
 * rotation, per period), so the same id gives the same pseudonym for one vendor, a different one
 * for every other vendor, and nothing a plain hash table could reverse.
 *
 * Format: `<key id>_<22 base64url characters>` (128 bits), e.g. `k1_3q2-7wEXAMPLEbase64url`, or
 * with daily rotation `k1d20412_…` (key version 1, day 20412 since the epoch).
 */
import { deriveKey, hmac, type MasterKey } from './keys.js';
import { periodIndex } from './generalize/time.js';

/** Rotation period of pseudonym keys. */
export type Rotation = 'none' | 'daily' | 'weekly' | 'monthly';

/** Makes pseudonyms for one destination. */
export interface Pseudonymizer {
  /** Pseudonym of `value`, rotating with `rotation` at time `nowMs`. */
  pseudonym(value: string, rotation: Rotation, nowMs: number): string;
}

const CACHE_LIMIT = 10_000;

/** A pseudonymizer for `destination` under key `version`. Derived keys and results are cached. */
export function createPseudonymizer(
  master: MasterKey,
  destination: string,
  version: number,
): Pseudonymizer {
  const keys = new Map<string, Buffer>();
  const cache = new Map<string, string>();
  const keyFor = (rotation: Rotation, nowMs: number): [string, Buffer] => {
    const id =
      rotation === 'none'
        ? `k${version}`
        : `k${version}${rotation[0]}${periodIndex(nowMs, rotation)}`;
    let key = keys.get(id);
    if (key === undefined) {
      if (keys.size >= 64) keys.clear();
      key = deriveKey(
        master,
        rotation === 'none' ? 'pseudonym' : `pseudonym:${id}`,
        destination,
        version,
      );
      keys.set(id, key);
    }
    return [id, key];
  };
  return {
    pseudonym(value, rotation, nowMs) {
      const [id, key] = keyFor(rotation, nowMs);
      const memo = `${id}\u0000${value}`;
      let p = cache.get(memo);
      if (p === undefined) {
        if (cache.size >= CACHE_LIMIT) cache.clear();
        p = `${id}_${hmac(key, value).subarray(0, 16).toString('base64url')}`;
        cache.set(memo, p);
      }
      return p;
    },
  };
}

const PSEUDONYM = /^k[0-9]{1,7}(?:[dwm][0-9]{1,7})?_[A-Za-z0-9_-]{22}$/;

/** True for strings in Veil's pseudonym format (a value already pseudonymized upstream). */
export function isPseudonym(s: string): boolean {
  return PSEUDONYM.test(s);
}
