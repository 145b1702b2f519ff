/**
 * The delivery dispatcher: moves committed rows from the outbox to their destinations. One loop
 * per destination leases up to `exporter.limits.maxEvents` rows, sends them, and settles each
 * row by the exporter's verdict:
 *
 * - ok → ack (rows deleted).
 * - permanent → dead-letter the rows the exporter named (`indexes`), ack the rest; all of them
 *   when it named none.
 * - too_large → halve the batch and send each half; a single event too large is dead-lettered.
 * - retryable → retry at `now + backoff(attempts)` (full jitter), unless the row is older than
 *   the retry budget: then it is dead-lettered.
 * - throttled → same, but no earlier than Retry-After, and the whole destination stops sending
 *   until then (a vendor's throttle applies to the account, not to one row).
 * - A row whose payload no longer parses as a canonical event is dead-lettered, never sent.
 *
 * A destination in state `paused` or `cut` is not sent to (its rows stay, or are gone for
 * `cut`). Delivery is at-least-once: a send aborted at shutdown (or a crash) leaves its rows
 * leased; after `leaseMs` the next process leases and sends them again with the same
 * `messageId`, so a vendor may see duplicates it can drop by that dedupe id. No acknowledged
 * row is ever removed except by ack (delivered), dead-letter (with a reason) or `cut`.
 */
import { parseCanonical, type CanonicalEvent } from '../pipeline/event.js';
import { backoffMs } from '../exporters/backoff.js';
import type { ExportResult, Exporter } from '../exporters/types.js';
import type { Outbox, Row } from '../store/types.js';

/** What happened to some rows; for metrics (`kind` is a closed label set) and logs. */
export interface DispatchEvent {
  readonly destination: string;
  readonly kind: DispatchKind;
  /** Rows concerned. */
  readonly count: number;
  /** Duration of the send that led here (real time, ms); 0 when nothing was sent. */
  readonly latencyMs: number;
  /** Status and message for failures; never event values. */
  readonly reason?: string;
}

/**
 * `delivered` acked; `retry` / `throttled` scheduled again; `split` a too-large batch halved;
 * `dead_permanent` / `dead_budget` / `dead_too_large` / `dead_corrupt` dead-lettered and why;
 * `error` the outbox itself failed (the loop waits a poll interval and goes on).
 */
export type DispatchKind =
  | 'delivered'
  | 'retry'
  | 'throttled'
  | 'split'
  | 'dead_permanent'
  | 'dead_budget'
  | 'dead_too_large'
  | 'dead_corrupt'
  | 'error';

/** A named destination and its exporter. The dispatcher never closes exporters: the owner does. */
export interface DispatchDestination {
  readonly name: string;
  readonly exporter: Exporter;
}

/** Options of the dispatcher; every duration is in ms. */
export interface DispatcherOptions {
  readonly outbox: Outbox;
  readonly destinations: readonly DispatchDestination[];
  readonly retry?: {
    /** Upper bound of the first retry delay. Default 1000. */
    readonly baseMs?: number;
    /** Upper bound of any retry delay. Default 300 000 (5 min). */
    readonly maxMs?: number;
    /** A row still failing when older than this (since commit) is dead-lettered. Default 24 h. */
    readonly budgetMs?: number;
  };
  /** How long a leased row is withheld from other leases (crash recovery). Default 60 000. */
  readonly leaseMs?: number;
  /** Idle loops look for due rows this often. Default 250. */
  readonly pollMs?: number;
  /** At shutdown, in-flight sends are aborted after this long. Default 10 000. */
  readonly shutdownGraceMs?: number;
  /** Clock for ages, retry times and throttle pauses. Default Date.now. */
  readonly now?: () => number;
  /** Random source in [0, 1) for backoff jitter. Default Math.random. */
  readonly random?: () => number;
  /** Called for every outcome; a throwing callback is ignored. */
  readonly onResult?: (e: DispatchEvent) => void;
}

/** A running dispatcher (a component: start once, shut down idempotently). */
export interface Dispatcher {
  /** Start one loop per destination. Idempotent; a no-op after shutdown. */
  start(): void;
  /**
   * Stop leasing, wait for in-flight sends, abort them after the grace period (their rows stay
   * leased until `leaseMs` passes). Idempotent, safe before start. Does not close the outbox.
   */
  shutdown(): Promise<void>;
  /** Wake the loop of `destination` (every loop when omitted) to look for rows now. */
  kick(destination?: string): void;
}

interface Item {
  readonly row: Row;
  readonly event: CanonicalEvent;
}

interface Lane {
  readonly name: string;
  readonly exporter: Exporter;
  /** Nothing is sent before this time (throttling). */
  pausedUntil: number;
  kicked: boolean;
  wake: (() => void) | undefined;
  done: Promise<void> | undefined;
}

/** Parse a row's payload; undefined when it is not a canonical event any more. */
function parseRow(row: Row): CanonicalEvent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(row.payload);
  } catch {
    return undefined;
  }
  const r = parseCanonical(value);
  if (!r.ok) return undefined;
  return r.event.messageId === undefined ? { ...r.event, messageId: row.messageId } : r.event;
}

/** What the per-lane functions below share: resolved options and the shutdown signal. */
interface Ctx {
  readonly outbox: Outbox;
  readonly now: () => number;
  readonly random: () => number;
  readonly backoff: { readonly baseMs: number; readonly maxMs: number };
  readonly budgetMs: number;
  readonly leaseMs: number;
  readonly pollMs: number;
  readonly signal: AbortSignal;
  readonly onResult: ((e: DispatchEvent) => void) | undefined;
}

function emit(ctx: Ctx, lane: Lane, kind: DispatchKind, count: number, ms = 0, reason?: string) {
  if (count === 0 || !ctx.onResult) return;
  const e = { destination: lane.name, kind, count, latencyMs: ms };
  try {
    ctx.onResult(reason === undefined ? e : { ...e, reason });
  } catch {
    // Metrics must never stop delivery.
  }
}

function dead(
  ctx: Ctx,
  lane: Lane,
  items: readonly Item[],
  kind: DispatchKind,
  why: string,
  ms = 0,
) {
  if (items.length === 0) return;
  ctx.outbox.deadLetter(
    items.map((i) => i.row.id),
    why,
  );
  emit(ctx, lane, kind, items.length, ms, why);
}

/** Schedule failed items again (no earlier than `minWaitMs`), or dead-letter those past the budget. */
function retry(ctx: Ctx, lane: Lane, items: readonly Item[], r: Failure, ms: number) {
  const t = ctx.now();
  const minWait = r.kind === 'throttled' ? r.retryAfterMs : 0;
  const expired = new Set(items.filter((i) => t - i.row.createdAt > ctx.budgetMs));
  dead(ctx, lane, [...expired], 'dead_budget', `retry budget exhausted: ${r.message}`, ms);
  const byAttempts = new Map<number, number[]>();
  for (const i of items) {
    if (expired.has(i)) continue;
    const ids = byAttempts.get(i.row.attempts) ?? [];
    ids.push(i.row.id);
    byAttempts.set(i.row.attempts, ids);
  }
  // One jitter draw per attempt count: rows of a batch usually share it, so this is one write.
  for (const [attempts, ids] of byAttempts) {
    const wait = Math.max(minWait, backoffMs(attempts, ctx.backoff, ctx.random));
    ctx.outbox.retryAt(ids, t + wait, r.message);
    emit(ctx, lane, r.kind === 'throttled' ? 'throttled' : 'retry', ids.length, ms, r.message);
  }
}

type Failure = Extract<ExportResult, { kind: 'retryable' | 'throttled' }>;

/** Permanent: dead-letter the named events (all when none is named), ack the others. */
function rejectSome(ctx: Ctx, lane: Lane, items: readonly Item[], indexes: readonly number[]) {
  const named = new Set(indexes.filter((n) => Number.isInteger(n) && n >= 0 && n < items.length));
  const good = named.size === 0 ? [] : items.filter((_, n) => !named.has(n));
  if (good.length > 0) ctx.outbox.ack(good.map((i) => i.row.id));
  return { good, bad: named.size === 0 ? items : items.filter((_, n) => named.has(n)) };
}

async function send(ctx: Ctx, lane: Lane, items: readonly Item[]): Promise<ExportResult> {
  try {
    return await lane.exporter.send(
      items.map((i) => i.event),
      ctx.signal,
    );
  } catch {
    return { kind: 'retryable', message: 'exporter failed unexpectedly' };
  }
}

/** Send `items` and settle every row by the verdict. */
async function deliver(ctx: Ctx, lane: Lane, items: readonly Item[]): Promise<void> {
  const started = performance.now();
  const r = await send(ctx, lane, items);
  // Aborted at shutdown: the outcome is unknown; leave the rows leased (see the file comment).
  if (ctx.signal.aborted) return;
  const ms = Math.round(performance.now() - started);
  if (r.kind === 'ok') {
    ctx.outbox.ack(items.map((i) => i.row.id));
    emit(ctx, lane, 'delivered', items.length, ms);
  } else if (r.kind === 'permanent') {
    const { good, bad } = rejectSome(ctx, lane, items, r.indexes ?? []);
    emit(ctx, lane, 'delivered', good.length, ms);
    dead(ctx, lane, bad, 'dead_permanent', r.message, ms);
  } else if (r.kind === 'too_large') {
    if (items.length === 1) return dead(ctx, lane, items, 'dead_too_large', r.message, ms);
    emit(ctx, lane, 'split', items.length, ms, r.message);
    const half = Math.ceil(items.length / 2);
    await deliver(ctx, lane, items.slice(0, half));
    const wait = lane.pausedUntil - ctx.now();
    // The first half got the destination throttled: the second half waits too.
    if (wait > 0) retry(ctx, lane, items.slice(half), throttledFor(wait), 0);
    else await deliver(ctx, lane, items.slice(half));
  } else {
    if (r.kind === 'throttled')
      lane.pausedUntil = Math.max(lane.pausedUntil, ctx.now() + r.retryAfterMs);
    retry(ctx, lane, items, r, ms);
  }
}

const throttledFor = (ms: number): Failure => ({
  kind: 'throttled',
  retryAfterMs: ms,
  message: 'destination throttled',
});

/** One round: lease and deliver. Returns how long to sleep before the next round (0: none). */
async function round(ctx: Ctx, lane: Lane): Promise<number> {
  if (ctx.outbox.state(lane.name) !== 'active') return ctx.pollMs;
  const wait = lane.pausedUntil - ctx.now();
  if (wait > 0) return Math.min(wait, ctx.pollMs);
  const rows = ctx.outbox.lease(lane.name, lane.exporter.limits.maxEvents, ctx.leaseMs);
  if (rows.length === 0) return ctx.pollMs;
  const items: Item[] = [];
  const corrupt: Item[] = [];
  for (const row of rows) {
    const event = parseRow(row);
    if (event) items.push({ row, event });
    else corrupt.push({ row, event: {} as CanonicalEvent });
  }
  dead(ctx, lane, corrupt, 'dead_corrupt', 'corrupt payload: not a valid canonical event');
  if (items.length > 0) await deliver(ctx, lane, items);
  return 0;
}

/** Sleep up to `ms`, or less when kicked (a kick during the previous round counts too). */
function sleep(lane: Lane, ms: number): Promise<void> {
  if (lane.kicked) {
    lane.kicked = false;
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      lane.wake = undefined;
      lane.kicked = false;
      resolve();
    }
    lane.wake = done;
  });
}

function contextOf(options: DispatcherOptions, signal: AbortSignal): Ctx {
  return {
    outbox: options.outbox,
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
    backoff: { baseMs: options.retry?.baseMs ?? 1000, maxMs: options.retry?.maxMs ?? 300_000 },
    budgetMs: options.retry?.budgetMs ?? 24 * 3600 * 1000,
    leaseMs: options.leaseMs ?? 60_000,
    pollMs: options.pollMs ?? 250,
    signal,
    onResult: options.onResult,
  };
}

/** Create a dispatcher over `outbox` for `destinations` (names must be unique). */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const abort = new AbortController();
  const ctx = contextOf(options, abort.signal);
  const lanes = options.destinations.map((d): Lane => ({
    name: d.name,
    exporter: d.exporter,
    pausedUntil: 0,
    kicked: false,
    wake: undefined,
    done: undefined,
  }));
  let running = false;
  let stopped: Promise<void> | undefined;

  async function loop(lane: Lane): Promise<void> {
    while (running) {
      let pause: number;
      try {
        pause = await round(ctx, lane);
      } catch (e) {
        emit(ctx, lane, 'error', 1, 0, `outbox error: ${(e as Error)?.name ?? 'unknown'}`);
        pause = ctx.pollMs;
      }
      if (pause > 0 && running) await sleep(lane, pause);
    }
  }

  function kick(destination?: string): void {
    for (const lane of lanes) {
      if (destination !== undefined && lane.name !== destination) continue;
      lane.kicked = true;
      lane.wake?.();
    }
  }

  return {
    start() {
      if (running || stopped) return;
      running = true;
      for (const lane of lanes) lane.done = loop(lane);
    },
    shutdown() {
      if (stopped) return stopped;
      const wasRunning = running;
      running = false;
      if (!wasRunning) return (stopped = Promise.resolve());
      kick();
      const timer = setTimeout(() => abort.abort(), options.shutdownGraceMs ?? 10_000);
      stopped = Promise.all(lanes.map((l) => l.done)).then(() => clearTimeout(timer));
      return stopped;
    },
    kick,
  };
}
