import { outboxContract } from '../store/contract.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OutboxFullError } from '../store/types.js';
import { createFakeClock } from './fake-clock.js';
import { createMemoryOutbox } from './memory-outbox.js';

const row = (destination: string, i: number) => ({
  destination,
  messageId: `m${i}`,
  payload: `{"i":${i}}`,
});

test('lease hands out due rows oldest first and withholds leased ones until the lease expires', async () => {
  const clock = createFakeClock();
  const o = createMemoryOutbox({ now: clock.now });
  await o.enqueue([row('a', 0), row('b', 1), row('a', 2), row('a', 3)]);
  assert.deepEqual(
    o.lease('a', 2, 1000).map((r) => r.messageId),
    ['m0', 'm2'],
  );
  assert.deepEqual(
    o.lease('a', 5, 1000).map((r) => r.messageId),
    ['m3'],
  );
  clock.advance(1000);
  assert.deepEqual(
    o.lease('a', 5, 1000).map((r) => r.messageId),
    ['m0', 'm2', 'm3'],
  );
});

test('retryAt counts the attempt and delays; ack removes; deadLetter moves with a reason', async () => {
  const clock = createFakeClock();
  const o = createMemoryOutbox({ now: clock.now });
  await o.enqueue([row('a', 0), row('a', 1), row('a', 2)]);
  const [r0, r1, r2] = o.lease('a', 3, 60_000);
  o.retryAt([r0!.id], clock.now() + 500, 'HTTP 503');
  o.ack([r1!.id]);
  o.deadLetter([r2!.id], 'HTTP 400');
  assert.equal(o.lease('a', 3, 1).length, 0);
  clock.advance(500);
  assert.deepEqual(
    o.lease('a', 3, 1).map((r) => [r.messageId, r.attempts]),
    [['m0', 1]],
  );
  assert.equal(o.depth(), 1);
  assert.deepEqual(
    o.dead('a', 10).map((r) => [r.messageId, r.reason]),
    [['m2', 'HTTP 400']],
  );
  assert.equal(o.retryDead('a'), 1);
  assert.equal(o.depth(), 2);
  assert.equal(o.dead(undefined, 10).length, 0);
});

test('high-water mark rejects a whole enqueue', async () => {
  const o = createMemoryOutbox({ highWater: 2 });
  await o.enqueue([row('a', 0)]);
  await assert.rejects(o.enqueue([row('a', 1), row('a', 2)]), OutboxFullError);
  assert.equal(o.depth(), 1);
});

test('status, states, cut discards, purge', async () => {
  const clock = createFakeClock();
  const o = createMemoryOutbox({ now: clock.now });
  await o.enqueue([row('a', 0), row('a', 1), row('b', 2)]);
  clock.advance(30);
  o.deadLetter([o.lease('a', 1, 1)[0]!.id], 'x');
  assert.equal(o.state('a'), 'active');
  assert.equal(o.setState('a', 'paused'), 0);
  assert.deepEqual(o.status(), [
    { destination: 'a', state: 'paused', queued: 1, dead: 1, oldestAgeMs: 30 },
    { destination: 'b', state: 'active', queued: 1, dead: 0, oldestAgeMs: 30 },
  ]);
  assert.equal(o.setState('a', 'cut'), 2);
  assert.equal(o.depth(), 1);
  assert.equal(o.purge(undefined, 'all'), 1);
  assert.deepEqual(o.status(), [
    { destination: 'a', state: 'cut', queued: 0, dead: 0, oldestAgeMs: 0 },
  ]);
});

// The memory outbox stands in for the real one in gateway and dispatcher tests, so it keeps
// the same contract as every backend.
outboxContract('memory', ({ highWater, now }) => {
  const outbox = createMemoryOutbox({ highWater, now });
  return Promise.resolve({ outbox, cleanup: () => outbox.close() });
});
