/**
 * The data map on disk: `<data_dir>/inventory.db` (better-sqlite3, WAL, mode 0600). One row per
 * (source, destination, event, path) with times, count and sets of types, categories before,
 * outcomes and categories after. No values are ever stored. `flush` merges a batch in one
 * transaction and returns the drift alerts it caused.
 */
import type Database from 'better-sqlite3';
import { deltaKey, mergeDelta } from './aggregate.js';
import type { DriftAlert } from './drift.js';
import { openInventoryDatabase } from './sqlite.js';
import type { InventoryDelta } from './types.js';

/** The inventory database's file name inside data_dir (`<data_dir>/inventory.db`). */
export const INVENTORY_FILE = 'inventory.db';

/** A stored row: the same shape as a delta, over all time. */
export type InventoryRow = InventoryDelta;

/** Which rows `rows` returns; absent keys match everything. */
export interface InventoryFilter {
  readonly destination?: string;
  readonly source?: string;
}

/** The inventory store. Synchronous; one per process and file (the CLI may open it too). */
export interface InventoryStore {
  /** Merge `deltas` (invalid ones are skipped) and return the drift alerts, each raised once. */
  flush(deltas: readonly InventoryDelta[]): DriftAlert[];
  /** Rows matching `filter`, ordered by destination, source, event, path. */
  rows(filter?: InventoryFilter): InventoryRow[];
  /** Close the database. Idempotent. */
  close(): void;
}

/** Options of `openInventoryStore`. */
export interface InventoryStoreOptions {
  /** The database file (`<data_dir>/inventory.db`); created with its directory when missing. */
  readonly path: string;
  /**
   * Distinct fields kept per (source, destination, event), at most: the fields of an event
   * beyond it are counted together in its field `*` (default `DEFAULT_MAX_FIELDS`).
   */
  readonly maxFieldsPerEvent?: number;
  /**
   * Distinct events kept per (source, destination), at most: events beyond it are counted
   * together as event `*`, field `*` (default `DEFAULT_MAX_EVENTS`).
   */
  readonly maxEventsPerSource?: number;
}

/** Default of `InventoryStoreOptions.maxFieldsPerEvent`. */
export const DEFAULT_MAX_FIELDS = 1_000;
/** Default of `InventoryStoreOptions.maxEventsPerSource`. */
export const DEFAULT_MAX_EVENTS = 1_000;

/**
 * The event and field that stand for those beyond the bounds. A formatted path is never a bare
 * `*` (such a key prints as `["*"]`); an event really named `*` is counted with them.
 */
export const OVERFLOW = '*';

const isStrings = (v: unknown): boolean =>
  Array.isArray(v) && v.every((x) => typeof x === 'string');

/** A delta the store can hold: names are strings, numbers are finite, sets are string lists. */
function valid(d: InventoryDelta | null): boolean {
  if (typeof d !== 'object' || d === null) return false;
  return (
    [d.source, d.destination, d.event, d.path].every((s) => typeof s === 'string') &&
    [d.count, d.firstSeen, d.lastSeen].every((n) => Number.isSafeInteger(n) && n >= 0) &&
    [d.types, d.before, d.outcomes, d.after].every(isStrings)
  );
}

interface DbRow {
  source: string;
  destination: string;
  event: string;
  path: string;
  count: number;
  first_seen: number;
  last_seen: number;
  types: string;
  before: string;
  outcomes: string;
  after: string;
}

const fromDb = (r: DbRow): InventoryRow => ({
  source: r.source,
  destination: r.destination,
  event: r.event,
  path: r.path,
  count: r.count,
  types: JSON.parse(r.types) as InventoryRow['types'],
  before: JSON.parse(r.before) as string[],
  outcomes: JSON.parse(r.outcomes) as InventoryRow['outcomes'],
  after: JSON.parse(r.after) as string[],
  firstSeen: r.first_seen,
  lastSeen: r.last_seen,
});

const toDb = (d: InventoryDelta): unknown[] => [
  d.source,
  d.destination,
  d.event,
  d.path,
  d.count,
  d.firstSeen,
  d.lastSeen,
  JSON.stringify([...new Set(d.types)].sort()),
  JSON.stringify([...new Set(d.before)].sort()),
  JSON.stringify([...new Set(d.outcomes)].sort()),
  JSON.stringify([...new Set(d.after)].sort()),
];

function prepare(db: Database.Database) {
  const cols =
    'source, destination, event, path, count, first_seen, last_seen, types, before, outcomes, after';
  return {
    any: db.prepare('SELECT EXISTS (SELECT 1 FROM fields)').pluck(),
    event: db
      .prepare(
        'SELECT EXISTS (SELECT 1 FROM fields WHERE source = ? AND destination = ? AND event = ?)',
      )
      .pluck(),
    // Bounded counts (the bound + 1 at most): enough to tell whether a bound is reached.
    fieldCount: db
      .prepare(
        `SELECT COUNT(*) FROM (SELECT 1 FROM fields
         WHERE source = ? AND destination = ? AND event = ? LIMIT ?)`,
      )
      .pluck(),
    eventCount: db
      .prepare(
        `SELECT COUNT(*) FROM (SELECT DISTINCT event FROM fields
         WHERE source = ? AND destination = ? LIMIT ?)`,
      )
      .pluck(),
    get: db.prepare<unknown[], DbRow>(
      `SELECT ${cols} FROM fields WHERE source = ? AND destination = ? AND event = ? AND path = ?`,
    ),
    put: db.prepare(
      `INSERT OR REPLACE INTO fields (${cols}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    rows: db.prepare<[{ d: string | null; s: string | null }], DbRow>(
      `SELECT ${cols} FROM fields WHERE (@d IS NULL OR destination = @d) AND (@s IS NULL OR source = @s)
       ORDER BY destination, source, event, path`,
    ),
  };
}

/** Open (creating when missing) the inventory store at `path`. Throws when it cannot. */
export function openInventoryStore(o: InventoryStoreOptions): InventoryStore {
  const db = openInventoryDatabase(o.path);
  const q = prepare(db);
  const bounds = {
    fields: o.maxFieldsPerEvent ?? DEFAULT_MAX_FIELDS,
    events: o.maxEventsPerSource ?? DEFAULT_MAX_EVENTS,
  };
  const flushTx = db.transaction((deltas: readonly InventoryDelta[]) =>
    flushRows(q, deltas, createPlacer(q, bounds)),
  );
  let open = true;
  return {
    flush(deltas) {
      const merged = new Map<string, InventoryDelta>();
      for (const d of deltas) {
        if (!valid(d)) continue;
        const prev = merged.get(deltaKey(d));
        merged.set(deltaKey(d), prev === undefined ? d : mergeDelta(prev, d));
      }
      return merged.size === 0 ? [] : flushTx.immediate([...merged.values()]);
    },
    rows: (f = {}) => q.rows.all({ d: f.destination ?? null, s: f.source ?? null }).map(fromDb),
    close() {
      if (open) db.close();
      open = false;
    },
  };
}

type Queries = ReturnType<typeof prepare>;

/**
 * For one flush: where a delta of a field not stored yet goes. Its own row while its event and
 * source have room, else the overflow field of its event, or the overflow event; what is stored
 * keeps its own row. Counts are read once per event and source, then kept up to date.
 */
function createPlacer(
  q: Queries,
  bounds: { readonly fields: number; readonly events: number },
): (d: InventoryDelta) => InventoryDelta {
  // Distinct events per (source, destination) and fields per event: stored, plus kept new ones.
  const events = new Map<string, number>();
  const fields = new Map<string, number>();
  return (d) => {
    const ev = JSON.stringify([d.source, d.destination, d.event]);
    if (
      d.event !== OVERFLOW &&
      !fields.has(ev) &&
      q.event.get(d.source, d.destination, d.event) === 0
    ) {
      // A new event: kept while the source has room for it.
      const stream = JSON.stringify([d.source, d.destination]);
      const n =
        events.get(stream) ??
        (q.eventCount.get(d.source, d.destination, bounds.events + 1) as number);
      if (n >= bounds.events) return { ...d, event: OVERFLOW, path: OVERFLOW };
      events.set(stream, n + 1);
      fields.set(ev, 0);
    }
    if (d.path === OVERFLOW) return d;
    const n =
      fields.get(ev) ??
      (q.fieldCount.get(d.source, d.destination, d.event, bounds.fields + 1) as number);
    if (n >= bounds.fields) return { ...d, path: OVERFLOW };
    fields.set(ev, n + 1);
    return d;
  };
}

const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])].sort();

/**
 * Write merged `deltas` (distinct keys), each new field where `place` puts it, and return the
 * drift alerts; runs in a transaction.
 */
function flushRows(
  q: Queries,
  deltas: readonly InventoryDelta[],
  place: (d: InventoryDelta) => InventoryDelta,
): DriftAlert[] {
  const initial = q.any.get() === 0;
  const alerts: DriftAlert[] = [];
  // Per event key: the index of its new_event alert, or null for an event seen before.
  const events = new Map<string, number | null>();
  for (const given of deltas) {
    let d = given;
    let row = q.get.get(d.source, d.destination, d.event, d.path);
    if (row === undefined) {
      d = place(given);
      if (d !== given) row = q.get.get(d.source, d.destination, d.event, d.path);
    }
    const old = row === undefined ? undefined : fromDb(row);
    const key = JSON.stringify([d.source, d.destination, d.event]);
    if (!events.has(key)) {
      const isNew = q.event.get(d.source, d.destination, d.event) === 0;
      events.set(key, isNew ? alerts.push(alertOf('new_event', d, [], [], initial)) - 1 : null);
    }
    const at = events.get(key);
    if (at !== null && at !== undefined) {
      const a = alerts[at]!;
      alerts[at] = {
        ...a,
        categories: union(a.categories, d.before),
        after: union(a.after, d.after),
        firstSeen: Math.min(a.firstSeen, d.firstSeen),
      };
    } else if (old === undefined) {
      alerts.push(alertOf('new_field', d, d.before, d.after, initial));
    } else {
      const grown = d.before.filter((c) => !old.before.includes(c));
      if (grown.length > 0) alerts.push(alertOf('new_category', d, grown, d.after, initial));
    }
    q.put.run(...toDb(old === undefined ? d : mergeDelta(old, d)));
  }
  return alerts;
}

function alertOf(
  kind: DriftAlert['kind'],
  d: InventoryDelta,
  categories: readonly string[],
  after: readonly string[],
  initial: boolean,
): DriftAlert {
  const base = { kind, source: d.source, destination: d.destination, event: d.event };
  const rest = {
    categories: [...new Set(categories)].sort(),
    after: [...new Set(after)].sort(),
    initial,
    firstSeen: d.firstSeen,
  };
  return kind === 'new_event' ? { ...base, ...rest } : { ...base, path: d.path, ...rest };
}
