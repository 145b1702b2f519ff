/**
 * The ledger's in-memory aggregator: the gateway adds each request's deltas, a timer drains the
 * sums into the store (`flush`) in one transaction, so ingest never waits on the ledger's disk.
 */
import type { LedgerDelta } from './types.js';

/** Sums of deltas by (destination, subject, org, vendorSubject, day, category, form). */
export interface LedgerAggregator {
  /** Add `deltas` to the sums; counts of equal keys add up. Never throws for ordinary deltas. */
  add(deltas: readonly LedgerDelta[]): void;
  /** The sums so far (one delta per key, in first-seen order) and reset to empty. */
  drain(): LedgerDelta[];
  /** Number of distinct keys held (a bound for memory: flush early when it grows large). */
  size(): number;
}

// U+0000 cannot appear in a pseudonym, category name, day or form, so keys never collide.
const SEP = '\u0000';

function keyOf(d: LedgerDelta): string {
  return [
    d.destination,
    d.subject,
    d.org ?? '',
    d.vendorSubject ?? '',
    d.day,
    d.category,
    d.form,
  ].join(SEP);
}

/** Create an empty aggregator. */
export function createLedgerAggregator(): LedgerAggregator {
  let sums = new Map<string, { -readonly [K in keyof LedgerDelta]: LedgerDelta[K] }>();
  return {
    add(deltas) {
      for (const d of deltas) {
        const k = keyOf(d);
        const had = sums.get(k);
        if (had === undefined) sums.set(k, { ...d });
        else had.count += d.count;
      }
    },
    drain() {
      const out = [...sums.values()];
      sums = new Map();
      return out;
    },
    size: () => sums.size,
  };
}
