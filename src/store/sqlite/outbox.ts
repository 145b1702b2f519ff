/**
 * The embedded outbox: one SQLite file (better-sqlite3, WAL). Enqueues are group-committed;
 * everything else is a short synchronous transaction. Another process (the CLI) may open the
 * same file while the gateway runs: writes wait up to the busy timeout, and `depth()` notices
 * rows changed by other connections through `PRAGMA data_version`.
 */
import type Database from 'better-sqlite3';
import {
  OutboxFullError,
  type DeadRow,
  type DestinationState,
  type DestinationStatus,
  type JournalEntry,
  type JournalSource,
  type NewRow,
  type Outbox,
  type Row,
} from '../types.js';
import { createGroupCommit } from './group-commit.js';
import { createRowInsert } from './insert.js';
import { prepareQueries, type Queries } from './queries.js';
import { openDatabase, type Synchronous } from './schema.js';

/** Options of `openSqliteOutbox`. */
export interface SqliteOutboxOptions {
  /** The database file; its directory is created (mode 0700) and the file too (mode 0600). */
  readonly path: string;
  /** Queued rows at which `enqueue` rejects with OutboxFullError; default 100 000. */
  readonly highWater?: number;
  /** `full` (default) survives power loss; `normal` survives process crashes only. */
  readonly synchronous?: Synchronous;
  /** Clock in ms since the epoch; default Date.now. */
  readonly now?: () => number;
}

/** Default high-water mark, in queued rows. */
export const DEFAULT_HIGH_WATER = 100_000;
const STATES: readonly DestinationState[] = ['active', 'paused', 'cut'];
const MAX_REASON = 1_000;

const clip = (s: string) => (s.length > MAX_REASON ? s.slice(0, MAX_REASON) + '…' : s);

/** A rejected group: the driver's message names constraints and columns, never values. */
function rejected(e: unknown): Error {
  const msg = e instanceof Error ? e.message : 'unknown error';
  return new Error(`outbox rejected the rows: ${msg}`, { cause: e });
}

function checkRows(rows: readonly NewRow[]): void {
  for (const r of rows) {
    const ok =
      typeof r?.destination === 'string' &&
      typeof r.messageId === 'string' &&
      typeof r.payload === 'string';
    if (!ok) throw new TypeError('outbox rows need string destination, messageId and payload');
  }
}

/**
 * A check that calls `stale` when another connection (the CLI) committed since the last check:
 * `PRAGMA data_version` moves on other connections' commits, not on this one's.
 */
function onForeignCommit(q: Queries, stale: () => void): () => void {
  let seen = q.dataVersion.get();
  return () => {
    const v = q.dataVersion.get();
    if (v === seen) return;
    seen = v;
    stale();
  };
}

/** Keeps the queued-row count without scanning, resyncing after other connections' commits. */
function createDepth(q: Queries) {
  let count = q.countQueued.get() as number;
  const check = onForeignCommit(q, () => {
    count = q.countQueued.get() as number;
  });
  return {
    get(): number {
      check();
      return count;
    },
    add(n: number): void {
      count += n;
    },
  };
}

function createEnqueue(
  db: Database.Database,
  q: Queries,
  now: () => number,
  journal: () => JournalSource | undefined,
) {
  const insertGroup = db.transaction(createRowInsert(q));
  // Each group runs in a savepoint: a bad group rolls back alone, the others still commit. The
  // journal's entries commit with them (a failure there fails the whole transaction).
  const insertAll = db.transaction(
    (groups: readonly (readonly NewRow[])[], at: number, entries: readonly JournalEntry[]) => {
      const out = groups.map((g) => {
        try {
          insertGroup(g, at);
          return undefined;
        } catch (e) {
          return rejected(e);
        }
      });
      for (const e of entries) q.insertJournal.run(e.epoch, e.data);
      return out;
    },
  );
  return (groups: readonly (readonly NewRow[])[]) => {
    const source = journal();
    const entries = source?.take() ?? [];
    try {
      return insertAll.immediate(groups, now(), entries);
    } catch (e) {
      if (entries.length > 0) source!.restore(entries);
      throw e;
    }
  };
}

type Depth = ReturnType<typeof createDepth>;

/** What the operation groups share. */
interface Ctx {
  readonly db: Database.Database;
  readonly q: Queries;
  readonly depth: Depth;
  readonly now: () => number;
}

/** Wrap `fn` in an IMMEDIATE transaction (takes the write lock up front: no upgrade deadlock). */
function tx<A extends unknown[], R>(db: Database.Database, fn: (...a: A) => R): (...a: A) => R {
  const t = db.transaction(fn);
  return (...a: A): R => t.immediate(...a);
}

/** The dispatcher's side: lease, ack, retryAt, deadLetter. */
function deliveryOps({ db, q, depth, now }: Ctx, stateOf: (d: string) => DestinationState) {
  return {
    lease: tx(db, (destination: string, limit: number, leaseMs: number): Row[] => {
      if (stateOf(destination) !== 'active' || limit <= 0) return [];
      const at = now();
      const rows = q.ready.all(destination, at, at, limit) as Row[];
      for (const r of rows) q.setLease.run(at + leaseMs, at + leaseMs, r.id);
      return rows;
    }),
    releaseLeases: tx(db, (): number => q.releaseLeases.run(now()).changes),
    ack: tx(db, (ids: readonly number[]) => {
      for (const id of ids) depth.add(-q.deleteQueuedId.run(id).changes);
    }),
    retryAt: tx(db, (ids: readonly number[], atMs: number, error: string) => {
      for (const id of ids) q.retry.run(atMs, clip(error), id);
    }),
    deadLetter: tx(db, (ids: readonly number[], reason: string) => {
      const at = now();
      for (const id of ids) {
        if (q.toDead.run(at, clip(reason), id).changes > 0)
          depth.add(-q.deleteQueuedId.run(id).changes);
      }
    }),
  };
}

/** The operator's side (CLI, admin API): retryDead, purge, setState. Null: every destination. */
function adminOps({ db, q, depth, now }: Ctx) {
  const purge = tx(db, (destination: string | null, what: 'dead' | 'queued' | 'all'): number => {
    const dead = what === 'queued' ? 0 : q.deleteDead.run({ destination }).changes;
    const queued = what === 'dead' ? 0 : q.deleteQueued.run({ destination }).changes;
    depth.add(-queued);
    return dead + queued;
  });
  return {
    purge,
    retryDead: tx(db, (destination: string | null): number => {
      const n = q.deadToQueued.run({ destination, now: now() }).changes;
      q.deleteDead.run({ destination });
      depth.add(n);
      return n;
    }),
    setState: tx(db, (destination: string, state: DestinationState): number => {
      if (!STATES.includes(state)) throw new TypeError('unknown destination state');
      q.setState.run(destination, state, now());
      return state === 'cut' ? purge(destination, 'all') : 0;
    }),
  };
}

/**
 * Open the SQLite outbox at `options.path` (see SqliteOutboxOptions). Throws when the file
 * cannot be opened or was written by a newer schema. `lease` hands out nothing for a destination
 * whose state is not `active`, so the kill switch holds even before the gateway polls the state.
 */
export function openSqliteOutbox(options: SqliteOutboxOptions): Outbox {
  const now = options.now ?? Date.now;
  const highWater = options.highWater ?? DEFAULT_HIGH_WATER;
  const db = openDatabase(options.path, options.synchronous ?? 'full');
  const q = prepareQueries(db);
  const ctx: Ctx = { db, q, depth: createDepth(q), now };
  let journal: JournalSource | undefined;
  const insert = createEnqueue(db, q, now, () => journal);
  const group = createGroupCommit<NewRow>((groups) => {
    const out = insert(groups);
    groups.forEach((g, i) => out[i] === undefined && ctx.depth.add(g.length));
    return out;
  });
  // Destination states are read on every request and every dispatcher kick: remembered until
  // this connection changes one (setState) or another connection commits (the CLI's `veil
  // destination cut`: PRAGMA data_version moves), so the kill switch still holds at once.
  const states = new Map<string, DestinationState>();
  const checkStates = onForeignCommit(q, () => states.clear());
  const stateOf = (d: string): DestinationState => {
    checkStates();
    let st = states.get(d);
    if (st === undefined) {
      st = (q.state.get(d) as DestinationState | undefined) ?? 'active';
      states.set(d, st);
    }
    return st;
  };
  const admin = adminOps(ctx);
  let closing: Promise<void> | undefined;
  return {
    enqueue(rows) {
      if (closing !== undefined) return Promise.reject(new Error('outbox is closed'));
      try {
        checkRows(rows);
      } catch (e) {
        return Promise.reject(e as Error);
      }
      if (rows.length === 0) return Promise.resolve();
      const queued = ctx.depth.get() + group.pending();
      if (queued + rows.length > highWater)
        return Promise.reject(new OutboxFullError(queued, highWater));
      return group.add(rows);
    },
    attachJournal(source) {
      journal = source;
    },
    journal: () => q.journal.all() as JournalEntry[],
    dropJournal: (epoch) => q.dropJournal.run(epoch).changes,
    ...deliveryOps(ctx, stateOf),
    depth: () => ctx.depth.get(),
    status: () => status(q, now()),
    dead: (destination, limit) =>
      q.listDead.all({ destination: destination ?? null, limit }) as DeadRow[],
    retryDead: (destination) => admin.retryDead(destination ?? null),
    purge: (destination, what) => admin.purge(destination ?? null, what),
    state: stateOf,
    setState(destination, state) {
      try {
        return admin.setState(destination, state);
      } finally {
        states.clear();
      }
    },
    close() {
      // Pending enqueues commit before the database closes; a second call gets the same promise.
      closing ??= new Promise<void>((resolve) => {
        group.flush();
        db.close();
        resolve();
      });
      return closing;
    },
  };
}

/** Per-destination numbers, sorted by destination name. */
function status(q: Queries, at: number): DestinationStatus[] {
  const by = new Map<
    string,
    { state: DestinationState; queued: number; dead: number; age: number }
  >();
  const entry = (d: string) => {
    let e = by.get(d);
    if (e === undefined) by.set(d, (e = { state: 'active', queued: 0, dead: 0, age: 0 }));
    return e;
  };
  for (const r of q.queuedStats.all() as {
    destination: string;
    queued: number;
    oldest: number;
  }[]) {
    Object.assign(entry(r.destination), { queued: r.queued, age: Math.max(0, at - r.oldest) });
  }
  for (const r of q.deadStats.all() as { destination: string; dead: number }[])
    entry(r.destination).dead = r.dead;
  for (const r of q.states.all() as { destination: string; state: DestinationState }[])
    entry(r.destination).state = r.state;
  return [...by]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([destination, e]) => ({
      destination,
      state: e.state,
      queued: e.queued,
      dead: e.dead,
      oldestAgeMs: e.age,
    }));
}
