/**
 * The gateway's memory of what went where: inventory (data map) and ledger deltas from every
 * request are aggregated in memory and flushed to their SQLite files in batches (every
 * `flush_interval_ms`, or sooner when many keys accumulate), so ingest does not wait on them.
 * Drift alerts from the inventory go to the log, the metric and the optional webhook. A failed
 * flush is logged and counted; it never affects ingest (the events themselves are in the outbox).
 */
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config/schema.js';
import { createInventoryAggregator } from '../inventory/aggregate.js';
import type { DriftAlert } from '../inventory/drift.js';
import { openInventoryStore } from '../inventory/store.js';
import type { InventoryDelta } from '../inventory/types.js';
import { openLedgerStore } from '../ledger/store.js';
import type { LedgerDay } from '../ledger/types.js';
import type { JournalEntry } from '../store/types.js';
import { journalRows } from '../ledger/journal.js';
import type { Metrics } from './metrics.js';
import type { Observed } from './observe.js';

/** Keeps the inventory and the ledger. */
export interface RecordKeeper {
  /** Take aggregated observations (from a policy worker, or pulled from the main thread). */
  observed(o: Observed): void;
  /** Write what is aggregated now. */
  flush(): void;

  /** Flush, stop the timers, close the stores. Idempotent. */
  close(): void;
}

/** Inventory deltas written per transaction, at most. */
const CHUNK = 250;
/** Ledger subject-days written per transaction (about ten counts each), at most. */
const DAYS_CHUNK = 100;
/**
 * What one write job aims to take, ms: the jobs run between requests, so a request waits at most
 * about this long behind one (a job of 100 subject-days took 5–10 ms on the benchmark machine).
 */
export const SLICE_MS = 2;
/** Rows per job at least, however slow the rows were. */
const MIN_ROWS = 5;

/** Rows per write job, sized from what the last jobs of the same kind took per row. */
export interface Sizer {
  /** Rows the next job should write. */
  size(): number;
  /** A job wrote `rows` in `ms`. */
  took(rows: number, ms: number): void;
}

/** A sizer of at most `max` rows per job, `first` until a job was timed. */
export function createSizer(max: number, first = Math.min(max, 20)): Sizer {
  let msPerRow = 0;
  return {
    size: () =>
      msPerRow <= 0 ? first : Math.max(MIN_ROWS, Math.min(max, Math.floor(SLICE_MS / msPerRow))),
    took(rows, ms) {
      if (rows <= 0) return;
      // Cautious: a slow job's cost per row is taken at once (rows differ: a new subject-day
      // costs less than one whose counts are merged), and forgotten a tenth per job after.
      msPerRow = Math.max(ms / rows, 0.9 * msPerRow);
    },
  };
}
/** Keys aggregated in memory beyond which a flush happens at once. */
const MAX_PENDING = 50_000;
const PRUNE_EVERY_MS = 6 * 3_600_000;

/** Options besides the config. */
export interface RecordKeeperDeps {
  readonly log: Logger;
  readonly metrics: Metrics;
  /** Drift alerts after the log line and metric (the webhook sink). */
  readonly alerts?: (alerts: DriftAlert[]) => void;
  /** Observations held on the main thread, taken at every flush. */
  readonly pull?: () => Observed;
  /**
   * Ledger subject-days tallied on the main thread (from the policy workers' notes), taken at
   * every flush and made as they are written, a chunk at a time.
   */
  readonly pullLedger?: () => Iterator<LedgerDay>;
  /**
   * The ledger's write-ahead journal (the tally's, committed by the outbox). At creation the
   * keeper writes the counts of the `entries()` the ledger has not written yet (a crash took
   * them from memory), then calls `written` and `resume` with the epochs after them. `epoch()`
   * is the epoch the next drain seals (read before pulling); `written(e)` is called once the
   * ledger has written every epoch up to `e` (so the journal drops them).
   */
  readonly journal?: {
    entries(): readonly JournalEntry[];
    epoch(): number;
    resume(epoch: number): void;
    written(epoch: number): void;
  };
}

/**
 * The keeper for `config`, or undefined when both inventory and ledger are off. Throws when a
 * store cannot be opened, or the journal's counts cannot be written to the ledger (then nothing
 * is marked written: the entries stay for the next start).
 */
export function createRecordKeeper(
  config: Config,
  deps: RecordKeeperDeps,
): RecordKeeper | undefined {
  const invOn = config.inventory.enabled;
  const ledOn = config.ledger.enabled;
  if (!invOn && !ledOn) return undefined;
  const inv = invOn
    ? {
        agg: createInventoryAggregator(),
        store: openInventoryStore({
          path: join(config.data_dir, 'inventory.db'),
          maxFieldsPerEvent: config.inventory.max_fields_per_event,
          maxEventsPerSource: config.inventory.max_events_per_source,
        }),
      }
    : undefined;
  // Ledger rows come aggregated per subject-day from the observers; the store adds up rows of
  // the same subject-day, so they are only queued here.
  const led = ledOn
    ? {
        pending: [] as LedgerDay[],
        store: openLedgerStore({ path: join(config.data_dir, 'ledger.db') }),
      }
    : undefined;
  const { log, metrics } = deps;

  const prune = () => {
    if (!led) return;
    try {
      const n = led.store.prune(config.ledger.retention_days);
      if (n > 0) log.info({ rows: n }, 'ledger rows past retention removed');
    } catch (e) {
      log.error({ err: (e as Error).name }, 'ledger prune failed');
    }
  };

  function writeInventory(deltas: InventoryDelta[]): void {
    if (!inv || deltas.length === 0) return;
    try {
      const alerts = inv.store.flush(deltas);
      for (const a of alerts) {
        metrics.drift.inc({ destination: a.destination, kind: a.kind });
        log.warn(
          {
            drift: a.kind,
            source: a.source,
            destination: a.destination,
            event: a.event,
            path: a.path,
            categories: a.categories,
            initial: a.initial,
          },
          'data map drift',
        );
      }
      if (alerts.length > 0) deps.alerts?.(alerts);
    } catch (e) {
      log.error({ err: (e as Error).name }, 'inventory flush failed');
    }
  }

  // A write that failed since the journal's last mark: its rows wait in `pending` for the next
  // flush, and the epoch is not marked written, so the journal keeps its counts (a crash before
  // the retry writes them at the next start).
  let ledgerFailed = false;

  function writeLedger(rows: LedgerDay[]): void {
    if (!led || rows.length === 0) return;
    try {
      const r = led.store.flushDays(rows);
      if (r.skipped > 0)
        log.error({ skipped: r.skipped }, 'ledger counts refused (not pseudonymous)');
    } catch (e) {
      ledgerFailed = true;
      if (led.pending.length + rows.length <= MAX_PENDING) {
        for (const row of rows) led.pending.push(row);
        log.error(
          { err: (e as Error).name, rows: rows.length },
          'ledger flush failed; retried at the next flush',
        );
      } else
        log.error(
          { err: (e as Error).name, rows: rows.length },
          'ledger flush failed; counts dropped',
        );
    }
  }

  // Writes happen in chunks, one transaction each, yielding to the event loop in between, so a
  // large flush never stalls request handling for long: each chunk is sized to take about
  // SLICE_MS from what the chunks before it took.
  const queue: (() => void)[] = [];
  let writing = false;
  const pump = () => {
    const job = queue.shift();
    if (job === undefined) {
      writing = false;
      return;
    }
    job();
    setImmediate(pump);
  };
  const sizers = { inventory: createSizer(CHUNK), ledger: createSizer(DAYS_CHUNK) };
  /** Write `rows` a chunk per job, each chunk taken from `rows` when its job runs. */
  function queueWrites<T>(rows: Iterator<T>, sizer: Sizer, write: (c: T[]) => void): void {
    const job = (): void => {
      // Timed whole: making the rows (a subject's pseudonym) can cost more than writing them.
      const t = performance.now();
      const n = sizer.size();
      const c: T[] = [];
      for (let r = rows.next(); r.done !== true; r = rows.next()) {
        c.push(r.value);
        if (c.length === n) {
          // The rest goes next, before jobs queued later: rows are written in the order seen.
          queue.unshift(job);
          break;
        }
      }
      write(c);
      sizer.took(c.length, performance.now() - t);
    };
    queue.push(job);
  }

  function take(o: Observed): void {
    if (inv && o.inventory.length > 0) inv.agg.add(o.inventory);
    if (led && o.ledger.length > 0) for (const r of o.ledger) led.pending.push(r);
  }

  const drainLedger = (): LedgerDay[] => {
    const rows = led!.pending;
    led!.pending = [];
    return rows;
  };

  /** The journal's epochs up to `e` are written: say so in the ledger, then to the journal. */
  function applied(e: number): void {
    if (!led || !deps.journal) return;
    if (ledgerFailed) {
      // Kept for the retry: a later epoch's mark covers this one once its rows are written.
      ledgerFailed = false;
      return;
    }
    try {
      led.store.markApplied(e);
      deps.journal.written(e);
    } catch (err) {
      log.error({ err: (err as Error).name }, 'ledger journal mark failed');
    }
  }

  function flush(): void {
    // The epoch the drains below seal; written once their rows are (jobs run in order).
    const epoch = deps.journal?.epoch();
    if (deps.pull) take(deps.pull());
    if (led && deps.pullLedger) queueWrites(deps.pullLedger(), sizers.ledger, writeLedger);
    if (inv && inv.agg.size() > 0)
      queueWrites(inv.agg.drain()[Symbol.iterator](), sizers.inventory, writeInventory);
    if (led && led.pending.length > 0)
      queueWrites(drainLedger()[Symbol.iterator](), sizers.ledger, writeLedger);
    if (epoch !== undefined) queue.push(() => applied(epoch));
    if (!writing && queue.length > 0) {
      writing = true;
      setImmediate(pump);
    }
  }

  /** Everything aggregated and queued, written now (at close). */
  function flushNow(): void {
    // Chunks already queued are older than what is aggregated now: they go first, so drift is
    // judged in the order things were seen.
    // A job with rows left queues the rest again: run until none is left.
    for (let job = queue.shift(); job !== undefined; job = queue.shift()) job();
    const epoch = deps.journal?.epoch();
    if (deps.pull) take(deps.pull());
    if (led && deps.pullLedger) writeLedger([...iterable(deps.pullLedger())]);
    if (inv && inv.agg.size() > 0) writeInventory(inv.agg.drain());
    if (led && led.pending.length > 0) writeLedger(drainLedger());
    if (epoch !== undefined) applied(epoch);
  }

  /** Write the entries' counts the ledger lacks; the last epoch they or the ledger know. */
  function replay(entries: readonly JournalEntry[]): number {
    if (!led) return 0;
    const done = led.store.appliedEpoch();
    let last = done;
    const rows: LedgerDay[] = [];
    let bad = 0;
    for (const e of entries) {
      if (e.epoch > last) last = e.epoch;
      if (e.epoch <= done) continue;
      try {
        for (const r of journalRows(e.data)) rows.push(r);
      } catch {
        bad++;
      }
    }
    if (bad > 0) log.error({ entries: bad }, 'ledger journal entries unreadable, skipped');
    if (last === done) return last;
    // A ledger that cannot be written now fails the start (as one that cannot be opened does):
    // the entries stay in the journal for the next one.
    const r = led.store.flushDays(rows);
    led.store.markApplied(last);
    log.info(
      { epochs: [done + 1, last], subjectDays: rows.length, skipped: r.skipped },
      'ledger counts replayed from the journal',
    );
    return last;
  }

  if (led && deps.journal) {
    let last: number;
    try {
      last = replay(deps.journal.entries());
    } catch (e) {
      inv?.store.close();
      led.store.close();
      throw new Error(
        `the ledger journal could not be written to the ledger: ${(e as Error).message}`,
        {
          cause: e,
        },
      );
    }
    deps.journal.written(last);
    deps.journal.resume(last + 1);
  }
  prune();
  const every = flushIntervalMs(config);
  const flushTimer = setInterval(flush, every);
  const pruneTimer = setInterval(prune, PRUNE_EVERY_MS);
  flushTimer.unref();
  pruneTimer.unref();
  let closed = false;
  return {
    observed(o) {
      if (closed) return;
      take(o);
      if ((inv?.agg.size() ?? 0) + (led?.pending.length ?? 0) > MAX_PENDING) flush();
    },
    flush,
    close() {
      if (closed) return;
      closed = true;
      clearInterval(flushTimer);
      clearInterval(pruneTimer);
      flushNow();
      inv?.store.close();
      led?.store.close();
    },
  };
}

function* iterable<T>(it: Iterator<T>): Generator<T> {
  for (let r = it.next(); r.done !== true; r = it.next()) yield r.value;
}

/** The flush interval: the smaller of the two configured. */
export function flushIntervalMs(config: Config): number {
  return Math.min(config.ledger.flush_interval_ms, config.inventory.flush_interval_ms);
}
