/**
 * An in-memory Outbox (src/store/types.ts) for unit tests of the dispatcher and the gateway. It
 * follows the contract faithfully (high-water mark, leases, retry times, dead-letter table,
 * destination states, `cut` discarding rows) but nothing is durable.
 */
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
} from '../store/types.js';

/** Options of the memory outbox. */
export interface MemoryOutboxOptions {
  /** Queued rows allowed in total; `enqueue` rejects with OutboxFullError beyond. Default ∞. */
  readonly highWater?: number;
  /** Clock for createdAt, leases and retry times (ms since the epoch). Default Date.now. */
  readonly now?: () => number;
}

interface Queued {
  id: number;
  destination: string;
  messageId: string;
  payload: string;
  attempts: number;
  createdAt: number;
  nextAt: number;
  leasedUntil: number;
  error?: string;
}

const toRow = (q: Queued): Row => ({
  id: q.id,
  destination: q.destination,
  messageId: q.messageId,
  payload: q.payload,
  attempts: q.attempts,
  createdAt: q.createdAt,
});

const matches = (destination: string | undefined) => (r: { destination: string }) =>
  destination === undefined || r.destination === destination;

/** A fresh, empty in-memory outbox. Row ids increase in commit order. */
export function createMemoryOutbox(options: MemoryOutboxOptions = {}): Outbox {
  const now = options.now ?? Date.now;
  const highWater = options.highWater ?? Number.POSITIVE_INFINITY;
  const queued = new Map<number, Queued>();
  let deadRows: DeadRow[] = [];
  const states = new Map<string, DestinationState>();
  let nextId = 1;
  let closed = false;
  let source: JournalSource | undefined;
  let journal: JournalEntry[] = [];

  const removeDead = (pred: (r: DeadRow) => boolean): number => {
    const before = deadRows.length;
    deadRows = deadRows.filter((r) => !pred(r));
    return before - deadRows.length;
  };

  return {
    async enqueue(rows: readonly NewRow[]): Promise<void> {
      if (closed) throw new Error('outbox is closed');
      if (queued.size + rows.length > highWater) throw new OutboxFullError(queued.size, highWater);
      // Mirrors the SQLite CHECK constraint: such a call fails alone and commits nothing.
      if (rows.some((r) => r.destination === '' || r.messageId === ''))
        throw new Error('a row needs a destination and a message id');
      const at = now();
      for (const r of rows) {
        const id = nextId++;
        queued.set(id, { ...r, id, attempts: 0, createdAt: at, nextAt: at, leasedUntil: 0 });
      }
      if (source) journal.push(...source.take());
    },
    attachJournal(s: JournalSource): void {
      source = s;
    },
    journal: () => [...journal],
    dropJournal(epoch: number): number {
      const before = journal.length;
      journal = journal.filter((e) => e.epoch > epoch);
      return before - journal.length;
    },
    lease(destination: string, limit: number, leaseMs: number): Row[] {
      const at = now();
      const out: Row[] = [];
      if (this.state(destination) !== 'active') return out;
      // Map iteration follows insertion order, which is id order: oldest first.
      for (const q of queued.values()) {
        if (out.length >= limit) break;
        if (q.destination !== destination || q.nextAt > at || q.leasedUntil > at) continue;
        q.leasedUntil = at + leaseMs;
        out.push(toRow(q));
      }
      return out;
    },
    ack(ids: readonly number[]): void {
      for (const id of ids) queued.delete(id);
    },
    retryAt(ids: readonly number[], atMs: number, error: string): void {
      for (const id of ids) {
        const q = queued.get(id);
        if (!q) continue;
        q.leasedUntil = 0;
        q.nextAt = atMs;
        q.attempts++;
        q.error = error;
      }
    },
    releaseLeases(): number {
      const at = now();
      let n = 0;
      for (const q of queued.values()) {
        if (q.leasedUntil <= 0) continue;
        q.leasedUntil = 0;
        q.nextAt = Math.min(q.nextAt, at);
        n++;
      }
      return n;
    },
    deadLetter(ids: readonly number[], reason: string): void {
      const at = now();
      for (const id of ids) {
        const q = queued.get(id);
        if (!q) continue;
        queued.delete(id);
        deadRows.push({ ...toRow(q), attempts: q.attempts + 1, deadAt: at, reason });
      }
    },
    depth: () => queued.size,
    status(): DestinationStatus[] {
      const at = now();
      const names = new Set<string>(states.keys());
      for (const q of queued.values()) names.add(q.destination);
      for (const d of deadRows) names.add(d.destination);
      return [...names].sort().map((destination) => {
        const mine = [...queued.values()].filter((q) => q.destination === destination);
        const oldest = mine.reduce((m, q) => Math.min(m, q.createdAt), Number.POSITIVE_INFINITY);
        return {
          destination,
          state: states.get(destination) ?? 'active',
          queued: mine.length,
          dead: deadRows.filter((d) => d.destination === destination).length,
          oldestAgeMs: mine.length === 0 ? 0 : Math.max(0, at - oldest),
        };
      });
    },
    dead(destination: string | undefined, limit: number): DeadRow[] {
      return deadRows
        .filter(matches(destination))
        .sort((a, b) => b.deadAt - a.deadAt || b.id - a.id)
        .slice(0, limit);
    },
    retryDead(destination: string | undefined): number {
      const back = deadRows.filter(matches(destination));
      removeDead(matches(destination));
      const at = now();
      for (const d of back.sort((a, b) => a.id - b.id)) {
        const { id, destination: dest, messageId, payload } = d;
        queued.set(id, {
          id,
          destination: dest,
          messageId,
          payload,
          attempts: 0,
          createdAt: at,
          nextAt: at,
          leasedUntil: 0,
        });
      }
      return back.length;
    },
    purge(destination: string | undefined, what: 'dead' | 'queued' | 'all'): number {
      let n = 0;
      if (what !== 'queued') n += removeDead(matches(destination));
      if (what !== 'dead') {
        for (const q of [...queued.values()])
          if (matches(destination)(q)) n += queued.delete(q.id) ? 1 : 0;
      }
      return n;
    },
    state: (destination: string) => states.get(destination) ?? 'active',
    setState(destination: string, state: DestinationState): number {
      states.set(destination, state);
      if (state !== 'cut') return 0;
      let n = removeDead((r) => r.destination === destination);
      for (const q of [...queued.values()])
        if (q.destination === destination) n += queued.delete(q.id) ? 1 : 0;
      return n;
    },
    async close(): Promise<void> {
      closed = true;
    },
  };
}
