/**
 * The outbox contract suite: every Outbox backend (SQLite now, PostgreSQL later) runs it from its
 * own test file: `outboxContract('sqlite', open)`. Time comes from the injected clock, so no
 * case depends on timing.
 */
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OutboxFullError, type JournalEntry, type NewRow, type Outbox } from './types.js';

/** What the suite asks of a backend's factory. */
export interface OutboxTestOptions {
  /** High-water mark in queued rows. */
  readonly highWater: number;
  /** Clock in ms since the epoch; the backend must read time only from it. */
  readonly now: () => number;
}

/** A fresh, empty outbox and how to dispose of it (close it if still open, delete files). */
export interface OutboxFixture {
  readonly outbox: Outbox;
  cleanup(): Promise<void>;
}

const HIGH_WATER = 1_000;
const T0 = 1_700_000_000_000;

/** `n` rows for `destination`, message ids `<prefix>-0` … */
function rows(destination: string, n: number, prefix = destination): NewRow[] {
  return Array.from({ length: n }, (_, i) => ({
    destination,
    messageId: `${prefix}-${i}`,
    payload: JSON.stringify({ type: 'track', event: 'e', messageId: `${prefix}-${i}` }),
  }));
}

const ids = (rs: readonly { id: number }[]) => rs.map((r) => r.id);
const mids = (rs: readonly { messageId: string }[]) => rs.map((r) => r.messageId);

/**
 * Register the contract as a `describe` block named after `name`. `open` gets a high-water mark
 * and a clock and must return an empty outbox each time.
 */
export function outboxContract(
  name: string,
  open: (options: OutboxTestOptions) => Promise<OutboxFixture>,
): void {
  describe(`outbox contract: ${name}`, () => {
    let t = T0;
    let fx: OutboxFixture;
    let ob: Outbox;
    const openWith = async (highWater = HIGH_WATER) => {
      fx = await open({ highWater, now: () => t });
      ob = fx.outbox;
    };
    beforeEach(async () => {
      t = T0;
      await openWith();
    });
    afterEach(() => fx.cleanup());

    it('enqueue, lease (oldest first, one destination), ack', async () => {
      await ob.enqueue(rows('a', 3));
      t += 5;
      await ob.enqueue(rows('b', 2));
      assert.equal(ob.depth(), 5);
      const leased = ob.lease('a', 10, 1_000);
      assert.deepEqual(mids(leased), ['a-0', 'a-1', 'a-2']);
      const first = leased[0]!;
      assert.equal(first.destination, 'a');
      assert.equal(first.attempts, 0);
      assert.equal(first.createdAt, T0);
      assert.deepEqual(JSON.parse(first.payload), JSON.parse(rows('a', 1)[0]!.payload));
      assert.equal(new Set(ids(leased)).size, 3, 'ids are distinct');
      ob.ack(ids(leased));
      assert.equal(ob.depth(), 2);
      t += 10_000;
      assert.deepEqual(ob.lease('a', 10, 1_000), [], 'acked rows are gone');
      assert.deepEqual(mids(ob.lease('b', 1, 1_000)), ['b-0'], 'limit is honoured');
      ob.ack([]);
      assert.equal(ob.depth(), 2);
    });

    it('a lease is exclusive until it expires', async () => {
      await ob.enqueue(rows('a', 3));
      const first = ob.lease('a', 2, 1_000);
      assert.deepEqual(mids(first), ['a-0', 'a-1']);
      t += 100;
      assert.deepEqual(mids(ob.lease('a', 10, 1_000)), ['a-2']);
      t += 899;
      assert.deepEqual(ob.lease('a', 10, 1_000), [], 'still leased');
      t += 1;
      const again = ob.lease('a', 10, 1_000);
      assert.deepEqual(ids(again), ids(first), 'expired leases are handed out again');
      assert.equal(again[0]!.attempts, 0, 'an expired lease is not a counted attempt');
      assert.equal(ob.depth(), 3);
    });

    it('retryAt releases the lease, delays the row and counts the attempt', async () => {
      await ob.enqueue(rows('a', 2));
      const [r0, r1] = ob.lease('a', 2, 60_000);
      ob.retryAt([r0!.id], t + 500, 'HTTP 503');
      ob.retryAt([r1!.id], t - 1, 'timeout');
      assert.deepEqual(ids(ob.lease('a', 10, 60_000)), [r1!.id], 'a past retry time is due now');
      t += 499;
      assert.deepEqual(ob.lease('a', 10, 60_000), []);
      t += 1;
      const due = ob.lease('a', 10, 60_000);
      assert.deepEqual(ids(due), [r0!.id]);
      assert.equal(due[0]!.attempts, 1);
    });

    it('releaseLeases makes leased rows due now, and only those', async () => {
      await ob.enqueue(rows('a', 3));
      const leased = ob.lease('a', 2, 60_000);
      assert.equal(leased.length, 2);
      assert.deepEqual(mids(ob.lease('a', 10, 60_000)), ['a-2']);
      assert.deepEqual(ob.lease('a', 10, 60_000), [], 'all three are leased');
      assert.equal(ob.releaseLeases(), 3);
      const again = ob.lease('a', 10, 60_000);
      assert.deepEqual(mids(again).sort(), ['a-0', 'a-1', 'a-2']);
      ob.retryAt([again.find((r) => r.messageId === 'a-0')!.id], t + 5_000, 'HTTP 503');
      assert.equal(ob.releaseLeases(), 2, 'a row waiting for a retry is not leased');
      assert.deepEqual(mids(ob.lease('a', 10, 60_000)).sort(), ['a-1', 'a-2']);
    });

    it('dead-letter, list, retryDead and purge', async () => {
      await ob.enqueue([...rows('a', 3), ...rows('b', 1)]);
      const [a0, a1] = ob.lease('a', 2, 1_000);
      ob.deadLetter([a0!.id], 'HTTP 400: invalid event');
      t += 10;
      ob.deadLetter([a1!.id], 'HTTP 413');
      assert.equal(ob.depth(), 2);
      const dead = ob.dead(undefined, 10);
      assert.deepEqual(ids(dead), [a1!.id, a0!.id], 'newest first');
      assert.deepEqual(
        { ...dead[1]!, payload: JSON.parse(dead[1]!.payload) },
        {
          id: a0!.id,
          destination: 'a',
          messageId: 'a-0',
          payload: JSON.parse(rows('a', 1)[0]!.payload),
          attempts: 1,
          createdAt: T0,
          deadAt: T0,
          reason: 'HTTP 400: invalid event',
        },
      );
      assert.equal(ob.dead(undefined, 1).length, 1, 'limit is honoured');
      assert.deepEqual(ob.dead('b', 10), []);
      assert.equal(ob.retryDead('b'), 0);
      assert.equal(ob.retryDead('a'), 2);
      assert.equal(ob.depth(), 4);
      assert.deepEqual(ob.dead(undefined, 10), []);
      t += 1_000;
      const back = ob.lease('a', 10, 1_000);
      assert.deepEqual(mids(back).sort(), ['a-0', 'a-1', 'a-2']);
      assert.ok(
        back.every((r) => r.attempts === 0),
        'attempts reset',
      );
      assert.ok(
        back.filter((r) => r.messageId !== 'a-2').every((r) => r.createdAt === t - 1_000),
        'a retried dead row starts a new retry budget',
      );
      ob.deadLetter(ids(back), 'gave up');
      assert.equal(ob.purge('b', 'dead'), 0);
      assert.equal(ob.purge(undefined, 'dead'), 3);
      assert.equal(ob.depth(), 1);
      assert.equal(ob.purge(undefined, 'queued'), 1);
      assert.equal(ob.depth(), 0);
    });

    it('purge all / queued honour the destination', async () => {
      await ob.enqueue([...rows('a', 2), ...rows('b', 2)]);
      ob.deadLetter(ids(ob.lease('a', 1, 1_000)), 'x');
      assert.equal(ob.purge('b', 'queued'), 2);
      assert.equal(ob.purge('a', 'all'), 2);
      assert.equal(ob.depth(), 0);
      assert.deepEqual(ob.dead(undefined, 10), []);
    });

    it('status counts per destination', async () => {
      await ob.enqueue(rows('b', 2));
      t += 1_000;
      await ob.enqueue(rows('a', 1));
      ob.deadLetter(ids(ob.lease('b', 1, 1_000)), 'x');
      ob.setState('c', 'paused');
      t += 500;
      assert.deepEqual(ob.status(), [
        { destination: 'a', state: 'active', queued: 1, dead: 0, oldestAgeMs: 500 },
        { destination: 'b', state: 'active', queued: 1, dead: 1, oldestAgeMs: 1_500 },
        { destination: 'c', state: 'paused', queued: 0, dead: 0, oldestAgeMs: 0 },
      ]);
    });

    it('states: default active, paused leases nothing, cut discards queued and dead rows', async () => {
      assert.equal(ob.state('a'), 'active');
      await ob.enqueue([...rows('a', 3), ...rows('b', 1)]);
      ob.deadLetter(ids(ob.lease('a', 1, 1_000)), 'x');
      assert.equal(ob.setState('a', 'paused'), 0);
      assert.equal(ob.state('a'), 'paused');
      assert.deepEqual(ob.lease('a', 10, 1_000), [], 'a paused destination is not delivered');
      assert.equal(ob.depth(), 3, 'pausing keeps the rows');
      ob.setState('a', 'active');
      assert.equal(ob.lease('a', 10, 1_000).length, 2);
      assert.equal(ob.setState('a', 'cut'), 3, 'two queued (one leased) and one dead');
      assert.equal(ob.state('a'), 'cut');
      assert.equal(ob.depth(), 1);
      assert.deepEqual(ob.dead('a', 10), []);
      assert.equal(ob.state('b'), 'active', 'other destinations untouched');
      assert.equal(ob.lease('b', 10, 1_000).length, 1);
    });

    it('rejects enqueues above the high-water mark, counting pending rows', async () => {
      await fx.cleanup();
      await openWith(5);
      await ob.enqueue(rows('a', 3));
      const err = await ob.enqueue(rows('a', 3, 'x')).then(
        () => assert.fail('expected OutboxFullError'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof OutboxFullError);
      assert.equal(err.depth, 3);
      assert.equal(err.highWater, 5);
      const ok = ob.enqueue(rows('a', 2, 'y'));
      await assert.rejects(ob.enqueue(rows('a', 1, 'z')), OutboxFullError, 'pending rows count');
      await ok;
      assert.equal(ob.depth(), 5);
      ob.ack(ids(ob.lease('a', 2, 1_000)));
      await ob.enqueue(rows('a', 2, 'w'));
      assert.equal(ob.depth(), 5);
    });

    it('group commit: concurrent enqueues all commit; a bad batch fails alone', async () => {
      const calls = Array.from({ length: 50 }, (_, i) => ob.enqueue(rows('a', 4, `c${i}`)));
      const bad = ob.enqueue([
        { destination: 'a', messageId: 'bad-ok', payload: '{}' },
        { destination: 'a', messageId: '', payload: '{}' },
      ]);
      calls.push(ob.enqueue(rows('a', 1, 'after')));
      const settled = await Promise.allSettled([...calls, bad]);
      assert.deepEqual(
        settled.map((s) => s.status),
        [...calls.map(() => 'fulfilled'), 'rejected'],
        'only the batch with an empty message id is rejected',
      );
      assert.equal(ob.depth(), 201);
      const leased = mids(ob.lease('a', 1_000, 1_000));
      assert.equal(leased.length, 201);
      assert.ok(!leased.includes('bad-ok'), 'no row of the rejected batch was committed');
      assert.ok(leased.includes('c49-3') && leased.includes('after-0'));
    });

    it('the ledger journal: entries commit with enqueued rows, in order, until dropped by epoch', async () => {
      let next: JournalEntry[] = [];
      ob.attachJournal({
        take: () => {
          const out = next;
          next = [];
          return out;
        },
        restore: (e) => {
          next = [...e, ...next];
        },
      });
      next = [{ epoch: 1, data: '[]' }];
      await ob.enqueue(rows('a', 2));
      next = [
        { epoch: 1, data: '["late"]' },
        { epoch: 2, data: '["b"]' },
      ];
      await ob.enqueue(rows('a', 1, 'x'));
      await ob.enqueue(rows('a', 1, 'y')); // nothing to journal: no entry
      assert.deepEqual(
        ob.journal().map((e) => `${e.epoch}${e.data}`),
        ['1[]', '1["late"]', '2["b"]'],
      );
      assert.equal(ob.dropJournal(1), 2);
      assert.deepEqual(ob.journal(), [{ epoch: 2, data: '["b"]' }]);
      assert.equal(ob.depth(), 4, 'the journal is not queued rows');
      assert.deepEqual(ob.lease('a', 10, 1_000).length, 4);
    });

    it('close commits pending enqueues, is idempotent, and refuses later enqueues', async () => {
      const pending = ob.enqueue(rows('a', 2));
      await Promise.all([ob.close(), ob.close()]);
      await pending;
      await ob.close();
      await assert.rejects(ob.enqueue(rows('a', 1)), /closed/);
    });
  });
}
