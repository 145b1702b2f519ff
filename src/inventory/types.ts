/**
 * What the gateway hands the inventory (the data map): per request, the field records of every
 * minimized event, aggregated by (source, destination, event, field path). No values: paths,
 * types, categories and actions only.
 */
import type { FieldRecord, Outcome } from '../policy/apply.js';

/** Value types, as in FieldRecord. */
export type ValueType = FieldRecord['type'];

/** One (source, destination, event, path) seen `count` times in one batch. */
export interface InventoryDelta {
  readonly source: string;
  readonly destination: string;
  /** The event name (`track` events), else the event type (`identify`, `page`, …). */
  readonly event: string;
  /** Field path as Veil prints it (`properties.email`, `context.page.url`). */
  readonly path: string;
  readonly count: number;
  readonly types: readonly ValueType[];
  /** Categories found before minimization (field name and value matches). */
  readonly before: readonly string[];
  /** Actions taken (removed, pseudonymized, generalized, redacted, masked, truncated, passed). */
  readonly outcomes: readonly Outcome[];
  /** Categories the vendor received after minimization (`null` entries dropped). */
  readonly after: readonly string[];
  /** Earliest and latest time in the batch, ms since the epoch. */
  readonly firstSeen: number;
  readonly lastSeen: number;
}
