/** Test helpers of the inventory: build deltas without repeating every field. */
import type { InventoryDelta } from './types.js';

/** A delta with defaults (`web` → `mixpanel`, event `Signup`, one string, nothing found). */
export function delta(over: Partial<InventoryDelta> = {}): InventoryDelta {
  return {
    source: 'web',
    destination: 'mixpanel',
    event: 'Signup',
    path: 'properties.plan',
    count: 1,
    types: ['string'],
    before: [],
    outcomes: ['passed'],
    after: [],
    firstSeen: 1_000,
    lastSeen: 1_000,
    ...over,
  };
}
