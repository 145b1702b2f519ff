/**
 * Ledger pseudonyms: HMAC-SHA-256 under the ledger key, which is derived from the master key
 * for its own purpose (`ledger`), so it differs from every vendor's pseudonym key: a vendor's
 * dataset cannot be joined with the ledger, and the ledger holds no raw identifier.
 * Output: `l1_` + 22 base64url characters (128 bits).
 */
import { deriveKey, hmac, type MasterKey } from '../policy/keys.js';
import { createRecent } from '../policy/recent.js';

/** Ledger key version (in the `l1_` prefix). */
export const LEDGER_KEY_VERSION = 1;

/** A function from a raw identifier to its ledger pseudonym (memoized, bounded). */
export type LedgerPseudonymizer = (id: string) => string;

/** Create the ledger pseudonymizer of `master`. */
export function createLedgerPseudonymizer(master: MasterKey): LedgerPseudonymizer {
  const key = deriveKey(master, 'ledger', 'subjects', LEDGER_KEY_VERSION);
  const cache = createRecent<string>(10_000);
  return (id) => {
    let p = cache.get(id);
    if (p === undefined) {
      p = `l${LEDGER_KEY_VERSION}_${hmac(key, id).subarray(0, 16).toString('base64url')}`;
      cache.set(id, p);
    }
    return p;
  };
}
