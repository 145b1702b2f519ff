/**
 * The in-memory side of the data map: the gateway adds each request's deltas, a timer drains
 * the merged result into the inventory store. Merging keeps ingest cheap: one map lookup per
 * (source, destination, event, path) instead of one database write.
 */
import type { InventoryDelta } from './types.js';

/** Merges deltas by (source, destination, event, path) until drained. Not thread-safe. */
export interface InventoryAggregator {
  /** Merge `deltas`: counts add up, times widen, types/categories/outcomes become set unions. */
  add(deltas: readonly InventoryDelta[]): void;
  /** Everything merged since the last drain, in first-added order of keys; then empty. */
  drain(): InventoryDelta[];
  /** Distinct keys held now. */
  size(): number;
}

const union = <T>(a: readonly T[], b: readonly T[]): T[] => [...new Set([...a, ...b])].sort();

/** Merge two deltas of the same key (the caller checks the key). */
export function mergeDelta(a: InventoryDelta, b: InventoryDelta): InventoryDelta {
  return {
    source: a.source,
    destination: a.destination,
    event: a.event,
    path: a.path,
    count: a.count + b.count,
    types: union(a.types, b.types),
    before: union(a.before, b.before),
    outcomes: union(a.outcomes, b.outcomes),
    after: union(a.after, b.after),
    firstSeen: Math.min(a.firstSeen, b.firstSeen),
    lastSeen: Math.max(a.lastSeen, b.lastSeen),
  };
}

/** The merge key; JSON keeps any character in names and paths unambiguous. */
export const deltaKey = (d: InventoryDelta): string =>
  JSON.stringify([d.source, d.destination, d.event, d.path]);

/** Create an empty aggregator. */
export function createInventoryAggregator(): InventoryAggregator {
  let held = new Map<string, InventoryDelta>();
  return {
    add(deltas) {
      for (const d of deltas) {
        const key = deltaKey(d);
        const prev = held.get(key);
        held.set(key, prev === undefined ? d : mergeDelta(prev, d));
      }
    },
    drain() {
      const out = [...held.values()];
      held = new Map();
      return out;
    },
    size: () => held.size,
  };
}
