/**
 * The outbox store contract. The outbox holds minimized events only (never raw input), one row
 * per (destination, event). A receiver acknowledges a request only after `enqueue` resolved,
 * which means the rows are committed durably. Rows leave the outbox when delivered (`ack`), when
 * dead-lettered (`deadLetter`), or when their destination is cut (`cut`).
 */

/** A destination's forwarding state; survives restarts. */
export type DestinationState = 'active' | 'paused' | 'cut';

/** A row to commit. */
export interface NewRow {
  readonly destination: string;
  /** The event's dedupe id (canonical `messageId`). */
  readonly messageId: string;
  /** The minimized canonical event as JSON. */
  readonly payload: string;
}

/** A leased row. */
export interface Row {
  readonly id: number;
  readonly destination: string;
  readonly messageId: string;
  readonly payload: string;
  /** Delivery attempts so far (0 for a fresh row). */
  readonly attempts: number;
  /** When the row was committed, ms since the epoch. */
  readonly createdAt: number;
}

/** A dead-lettered row, as listed by `veil outbox status --dead`. */
export interface DeadRow {
  readonly id: number;
  readonly destination: string;
  readonly messageId: string;
  readonly payload: string;
  readonly attempts: number;
  readonly createdAt: number;
  readonly deadAt: number;
  /** Why it was dead-lettered (status and message; never event values). */
  readonly reason: string;
}

/** Per-destination numbers. */
export interface DestinationStatus {
  readonly destination: string;
  readonly state: DestinationState;
  /** Rows waiting for delivery (including ones waiting for a retry). */
  readonly queued: number;
  /** Rows in the dead-letter table. */
  readonly dead: number;
  /** Age in ms of the oldest queued row, 0 when none. */
  readonly oldestAgeMs: number;
}

/**
 * An entry of the disclosure ledger's write-ahead journal: the ledger counts of events, under
 * ledger pseudonyms only (docs/ledger.md, "Crashes"). Committed in the same transaction as the
 * rows of the events counted, kept until the ledger has written its epoch.
 */
export interface JournalEntry {
  /** The ledger's flush epoch the counts belong to (increasing, from 1). */
  readonly epoch: number;
  /** The counts, as the ledger's journal encodes them (JSON). */
  readonly data: string;
}

/** Where an outbox takes the journal entries it commits with each transaction of rows. */
export interface JournalSource {
  /** Entries to commit now; the source forgets them. */
  take(): JournalEntry[];
  /** Entries taken for a transaction that failed: to be taken again, before any newer one. */
  restore(entries: readonly JournalEntry[]): void;
}

/** The durable outbox. Implementations: store/sqlite (embedded), store/postgres (later). */
export interface Outbox {
  /**
   * Commit rows durably. Concurrent calls are grouped into one transaction (group commit); the
   * promise resolves after the transaction committed, rejects if it failed (nothing of it was
   * committed). Rejects with `OutboxFullError` when the high-water mark would be exceeded.
   */
  enqueue(rows: readonly NewRow[]): Promise<void>;
  /**
   * From now on, every transaction of `enqueue` also commits the entries `source` hands over
   * (and gives them back when it fails), so an acknowledged event's ledger counts are as durable
   * as its rows.
   */
  attachJournal(source: JournalSource): void;
  /** The journal entries held, in the order committed. */
  journal(): JournalEntry[];
  /** Delete the journal entries of epochs up to `epoch` (the ledger wrote them); returns how many. */
  dropJournal(epoch: number): number;
  /**
   * Lease up to `limit` rows of `destination` whose retry time has come, oldest first, for
   * `leaseMs`: leased rows are not handed out again until the lease expires (a crashed
   * delivery is retried after it).
   */
  lease(destination: string, limit: number, leaseMs: number): Row[];
  /**
   * Make every leased row due now; returns how many. Only the single owner of an embedded store
   * calls this, at start: leases found then belong to a process that died mid-delivery, and
   * waiting for them to expire would only delay redelivery (same dedupe ids, at least once).
   */
  releaseLeases(): number;
  /** Delivered: delete the rows. */
  ack(ids: readonly number[]): void;
  /** Failed, retry later: release the lease, set the next attempt time and count the attempt. */
  retryAt(ids: readonly number[], atMs: number, error: string): void;
  /** Give up: move the rows to the dead-letter table with `reason`. */
  deadLetter(ids: readonly number[], reason: string): void;
  /** Queued rows in total (for the high-water mark and metrics). */
  depth(): number;
  /** Numbers per destination, for every destination that has rows or a state. */
  status(): DestinationStatus[];
  /** Dead-lettered rows, newest first, at most `limit`. */
  dead(destination: string | undefined, limit: number): DeadRow[];
  /**
   * Move dead rows back to the queue; returns how many. Attempts reset and `createdAt` becomes
   * now, so the retry budget starts over (otherwise a retried row older than the budget would
   * be dead-lettered again at its first failure).
   */
  retryDead(destination: string | undefined): number;
  /** Delete dead rows (or, with `queued`, queued rows too); returns how many. */
  purge(destination: string | undefined, what: 'dead' | 'queued' | 'all'): number;
  /** A destination's state (`active` when never set). */
  state(destination: string): DestinationState;
  /**
   * Set a destination's state. `cut` also discards every queued and dead row of the
   * destination in the same transaction; returns how many rows were discarded (0 otherwise).
   */
  setState(destination: string, state: DestinationState): number;
  /** Close the database. Idempotent. Pending enqueues are committed first. */
  close(): Promise<void>;
}

/** `enqueue` refused: the outbox is at its high-water mark (the receiver answers 503/429). */
export class OutboxFullError extends Error {
  constructor(
    readonly depth: number,
    readonly highWater: number,
  ) {
    super(`outbox is full (${depth} queued, high-water mark ${highWater})`);
    this.name = 'OutboxFullError';
  }
}
