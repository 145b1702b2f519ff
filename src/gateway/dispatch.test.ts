import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDispatcher, type DispatchEvent, type DispatcherOptions } from './dispatch.js';
import type { CanonicalEvent } from '../pipeline/event.js';
import type { ExportResult, Exporter } from '../exporters/types.js';
import type { Outbox } from '../store/types.js';
import { createMemoryOutbox } from '../testing/memory-outbox.js';
import { createFakeClock, type FakeClock } from '../testing/fake-clock.js';
import { createFileExporter } from '../exporters/file/index.js';
import { createHttpExporter } from '../exporters/http-json/index.js';
import { startFakeVendor } from '../testing/fake-vendor.js';

const DEST = 'dest';
type Script = (
  events: readonly CanonicalEvent[],
  call: number,
  signal: AbortSignal,
) => ExportResult | Promise<ExportResult>;

/** An exporter that records the messageIds of every call and answers from `script`. */
function scripted(script: Script, maxEvents = 10) {
  const calls: string[][] = [];
  const exporter: Exporter = {
    type: 'scripted',
    limits: { maxEvents, maxBytes: 1_000_000 },
    async send(events, signal) {
      calls.push(events.map((e) => e.messageId!));
      return script(events, calls.length, signal);
    },
    async close() {},
  };
  return { exporter, calls };
}

const ev = (i: number): CanonicalEvent => ({
  type: 'track',
  event: 'Signed Up',
  userId: `u${i}`,
  messageId: `m${i}`,
});

async function enqueue(outbox: Outbox, from: number, to: number, dest = DEST) {
  const rows = [];
  for (let i = from; i < to; i++)
    rows.push({ destination: dest, messageId: `m${i}`, payload: JSON.stringify(ev(i)) });
  await outbox.enqueue(rows);
}

/**
 * Wait until `cond` holds. The round limit only turns a broken dispatcher into a failure instead
 * of a hang; a passing run never comes near it (timing never decides success).
 */
async function until(cond: () => boolean, what = 'condition'): Promise<void> {
  for (let i = 0; !cond(); i++) {
    if (i > 10_000) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

interface Setup {
  clock: FakeClock;
  outbox: Outbox;
  results: DispatchEvent[];
  opts: (exporter: Exporter, extra?: Partial<DispatcherOptions>) => DispatcherOptions;
}

function setup(): Setup {
  const clock = createFakeClock();
  const outbox = createMemoryOutbox({ now: clock.now });
  const results: DispatchEvent[] = [];
  return {
    clock,
    outbox,
    results,
    opts: (exporter, extra = {}) => ({
      outbox,
      destinations: [{ name: DEST, exporter }],
      now: clock.now,
      random: () => 0.5,
      pollMs: 5,
      onResult: (e) => results.push(e),
      ...extra,
    }),
  };
}

const count = (results: DispatchEvent[], kind: string) =>
  results.filter((r) => r.kind === kind).reduce((n, r) => n + r.count, 0);

test('ok: rows are leased in batches of maxEvents, sent and acked', async () => {
  const s = setup();
  const { exporter, calls } = scripted(() => ({ kind: 'ok' }), 4);
  await enqueue(s.outbox, 0, 10);
  const d = createDispatcher(s.opts(exporter));
  d.start();
  await until(() => s.outbox.depth() === 0);
  await d.shutdown();
  assert.deepEqual(
    calls.map((c) => c.length),
    [4, 4, 2],
  );
  assert.deepEqual(
    calls.flat(),
    Array.from({ length: 10 }, (_, i) => `m${i}`),
  );
  assert.equal(count(s.results, 'delivered'), 10);
  assert.equal(s.outbox.dead(undefined, 100).length, 0);
});

test('permanent without indexes dead-letters the whole batch with the reason', async () => {
  const s = setup();
  const { exporter } = scripted(() => ({
    kind: 'permanent',
    status: 400,
    message: 'HTTP 400: invalid',
  }));
  await enqueue(s.outbox, 0, 3);
  const d = createDispatcher(s.opts(exporter));
  d.start();
  await until(() => s.outbox.depth() === 0);
  await d.shutdown();
  const dead = s.outbox.dead(DEST, 10);
  assert.equal(dead.length, 3);
  assert.ok(dead.every((r) => r.reason === 'HTTP 400: invalid'));
  assert.equal(count(s.results, 'dead_permanent'), 3);
});

test('permanent with indexes dead-letters only those and acks the rest', async () => {
  const s = setup();
  const { exporter } = scripted(() => ({
    kind: 'permanent',
    status: 400,
    message: 'HTTP 400: bad event',
    indexes: [1, 3, 99],
  }));
  await enqueue(s.outbox, 0, 5);
  const d = createDispatcher(s.opts(exporter));
  d.start();
  await until(() => s.outbox.depth() === 0);
  await d.shutdown();
  assert.deepEqual(
    s.outbox
      .dead(DEST, 10)
      .map((r) => r.messageId)
      .sort(),
    ['m1', 'm3'],
  );
  assert.equal(count(s.results, 'delivered'), 3);
});

test('too_large halves the batch until it fits; a single oversized event is dead-lettered', async () => {
  const s = setup();
  const { exporter, calls } = scripted((events) => {
    if (events.length > 2) return { kind: 'too_large', message: 'HTTP 413' };
    if (events.some((e) => e.messageId === 'm5')) return { kind: 'too_large', message: 'HTTP 413' };
    return { kind: 'ok' };
  });
  await enqueue(s.outbox, 0, 7);
  const d = createDispatcher(s.opts(exporter));
  d.start();
  await until(() => s.outbox.depth() === 0);
  await d.shutdown();
  const dead = s.outbox.dead(DEST, 10);
  assert.deepEqual(
    dead.map((r) => [r.messageId, r.reason]),
    [['m5', 'HTTP 413']],
  );
  const okCalls = calls.filter((c) => c.length <= 2 && !c.includes('m5'));
  assert.deepEqual(okCalls.flat().sort(), ['m0', 'm1', 'm2', 'm3', 'm4', 'm6']);
  assert.ok(count(s.results, 'split') > 0);
});

test('too_large then throttled: the second half waits for the destination pause too', async () => {
  const s = setup();
  const { exporter, calls } = scripted((events, call) => {
    if (events.length > 2) return { kind: 'too_large', message: 'HTTP 413' };
    if (call === 2) return { kind: 'throttled', retryAfterMs: 5000, message: 'HTTP 429' };
    return { kind: 'ok' };
  });
  await enqueue(s.outbox, 0, 4);
  const d = createDispatcher(s.opts(exporter, { random: () => 0 }));
  d.start();
  await until(() => count(s.results, 'throttled') === 4);
  assert.deepEqual(calls, [
    ['m0', 'm1', 'm2', 'm3'],
    ['m0', 'm1'],
  ]);
  s.clock.advance(5000);
  d.kick();
  await until(() => s.outbox.depth() === 0);
  await d.shutdown();
  assert.deepEqual(calls.slice(2), [
    ['m0', 'm1', 'm2', 'm3'],
    ['m0', 'm1'],
    ['m2', 'm3'],
  ]);
});

test('retryable: the row waits backoff(attempts) and keeps its attempt count', async () => {
  const s = setup();
  const { exporter, calls } = scripted(() => ({
    kind: 'retryable',
    status: 503,
    message: 'HTTP 503',
  }));
  await enqueue(s.outbox, 0, 1);
  const d = createDispatcher(s.opts(exporter, { retry: { baseMs: 1000 } }));
  d.start();
  await until(() => count(s.results, 'retry') === 1);
  await d.shutdown();
  assert.equal(calls.length, 1);
  // random 0.5, attempt 0, base 1000 → 500 ms.
  assert.equal(s.outbox.lease(DEST, 10, 1000).length, 0);
  s.clock.advance(499);
  assert.equal(s.outbox.lease(DEST, 10, 1000).length, 0);
  s.clock.advance(1);
  const [row] = s.outbox.lease(DEST, 10, 1000);
  assert.equal(row?.attempts, 1);
});

test('retryable: the second retry waits longer (exponential)', async () => {
  const s = setup();
  const { exporter } = scripted(() => ({ kind: 'retryable', message: 'timeout' }));
  await enqueue(s.outbox, 0, 1);
  const d = createDispatcher(s.opts(exporter, { retry: { baseMs: 1000 } }));
  d.start();
  await until(() => count(s.results, 'retry') === 1);
  s.clock.advance(500);
  d.kick();
  await until(() => count(s.results, 'retry') === 2);
  await d.shutdown();
  s.clock.advance(999); // attempt 1 → 0.5 * 2000 = 1000 ms
  assert.equal(s.outbox.lease(DEST, 10, 1000).length, 0);
  s.clock.advance(1);
  assert.equal(s.outbox.lease(DEST, 10, 1000)[0]?.attempts, 2);
});

test('retryable past the time budget dead-letters, younger rows are retried', async () => {
  const s = setup();
  const { exporter } = scripted(() => ({ kind: 'retryable', status: 500, message: 'HTTP 500' }));
  await enqueue(s.outbox, 0, 2);
  s.clock.advance(10_001);
  await enqueue(s.outbox, 2, 3);
  const d = createDispatcher(s.opts(exporter, { retry: { budgetMs: 10_000 } }));
  d.start();
  await until(() => count(s.results, 'dead_budget') === 2 && count(s.results, 'retry') === 1);
  await d.shutdown();
  const dead = s.outbox.dead(DEST, 10);
  assert.deepEqual(dead.map((r) => r.messageId).sort(), ['m0', 'm1']);
  assert.match(dead[0]!.reason, /^retry budget exhausted: HTTP 500$/);
  assert.equal(s.outbox.depth(), 1);
});

test('throttled: rows wait max(Retry-After, backoff) and the destination pauses', async () => {
  const s = setup();
  let state = 'throttle';
  const { exporter, calls } = scripted(() =>
    state === 'throttle'
      ? { kind: 'throttled', retryAfterMs: 5000, message: 'HTTP 429' }
      : { kind: 'ok' },
  );
  let rounds = 0;
  const outbox: Outbox = { ...s.outbox, state: (n) => (rounds++, s.outbox.state(n)) };
  await enqueue(s.outbox, 0, 1);
  const d = createDispatcher({ ...s.opts(exporter), outbox });
  d.start();
  await until(() => count(s.results, 'throttled') === 1);
  state = 'ok';
  await enqueue(s.outbox, 1, 2); // due now, but the destination is paused
  s.clock.advance(4999);
  const seen = rounds;
  d.kick();
  await until(() => rounds >= seen + 3);
  assert.equal(calls.length, 1, 'nothing sent while throttled');
  s.clock.advance(1);
  d.kick();
  await until(() => s.outbox.depth() === 0);
  await d.shutdown();
  assert.deepEqual(calls, [['m0'], ['m0', 'm1']]);
});

test('throttled: a backoff longer than Retry-After wins for the row', async () => {
  const s = setup();
  const { exporter } = scripted(() => ({
    kind: 'throttled',
    retryAfterMs: 100,
    message: 'HTTP 429',
  }));
  await enqueue(s.outbox, 0, 1);
  const d = createDispatcher(s.opts(exporter, { retry: { baseMs: 1000 } }));
  d.start();
  await until(() => count(s.results, 'throttled') === 1);
  await d.shutdown();
  s.clock.advance(499);
  assert.equal(s.outbox.lease(DEST, 10, 1000).length, 0);
  s.clock.advance(1);
  assert.equal(s.outbox.lease(DEST, 10, 1000).length, 1);
});

test('a corrupt payload is dead-lettered and never sent', async () => {
  const s = setup();
  const { exporter, calls } = scripted(() => ({ kind: 'ok' }));
  await s.outbox.enqueue([
    { destination: DEST, messageId: 'bad1', payload: '{"type":"track", secret@example.com' },
    {
      destination: DEST,
      messageId: 'bad2',
      payload: JSON.stringify({ type: 'track', email: 'x@example.com' }),
    },
  ]);
  await enqueue(s.outbox, 0, 1);
  const d = createDispatcher(s.opts(exporter));
  d.start();
  await until(() => s.outbox.depth() === 0);
  await d.shutdown();
  assert.deepEqual(calls, [['m0']]);
  const dead = s.outbox.dead(DEST, 10);
  assert.deepEqual(dead.map((r) => r.messageId).sort(), ['bad1', 'bad2']);
  assert.ok(dead.every((r) => !r.reason.includes('example.com')));
  assert.equal(count(s.results, 'dead_corrupt'), 2);
});

test('paused and cut destinations send nothing; active again resumes', async () => {
  const s = setup();
  const { exporter, calls } = scripted(() => ({ kind: 'ok' }));
  let forced: 'cut' | undefined = 'cut';
  let rounds = 0;
  // A cut whose rows were not (yet) discarded must still send nothing.
  const outbox: Outbox = { ...s.outbox, state: (n) => (rounds++, forced ?? s.outbox.state(n)) };
  await enqueue(s.outbox, 0, 2);
  const d = createDispatcher({ ...s.opts(exporter), outbox });
  d.start();
  await until(() => rounds >= 3);
  forced = undefined;
  s.outbox.setState(DEST, 'paused');
  const seen = rounds;
  d.kick();
  await until(() => rounds >= seen + 3);
  assert.equal(calls.length, 0);
  s.outbox.setState(DEST, 'active');
  d.kick();
  await until(() => s.outbox.depth() === 0);
  await d.shutdown();
  assert.deepEqual(calls, [['m0', 'm1']]);
});

test('kick wakes an idle loop long before its poll interval', async () => {
  const s = setup();
  const { exporter } = scripted(() => ({ kind: 'ok' }));
  const d = createDispatcher(s.opts(exporter, { pollMs: 3_600_000 }));
  d.start();
  await enqueue(s.outbox, 0, 1);
  d.kick(DEST);
  await until(() => s.outbox.depth() === 0);
  await d.shutdown();
});

test('an exporter that throws counts as retryable; a throwing onResult is ignored', async () => {
  const s = setup();
  const { exporter, calls } = scripted((_e, call) => {
    if (call === 1) throw new Error('boom');
    return { kind: 'ok' };
  });
  await enqueue(s.outbox, 0, 1);
  const kinds: string[] = [];
  const d = createDispatcher(
    s.opts(exporter, {
      random: () => 0,
      onResult: (e) => {
        kinds.push(e.kind);
        throw new Error('metrics broke');
      },
    }),
  );
  d.start();
  await until(() => s.outbox.depth() === 0);
  await d.shutdown();
  assert.equal(calls.length, 2);
  assert.deepEqual(kinds, ['retry', 'delivered']);
});

test('shutdown waits for an in-flight send and its ack', async () => {
  const s = setup();
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => (release = r));
  const { exporter, calls } = scripted(async () => {
    await gate;
    return { kind: 'ok' };
  });
  await enqueue(s.outbox, 0, 2);
  const d = createDispatcher(s.opts(exporter));
  d.start();
  await until(() => calls.length === 1);
  let done = false;
  const stopping = d.shutdown().then(() => (done = true));
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(done, false);
  release();
  await stopping;
  assert.equal(s.outbox.depth(), 0);
  assert.equal(calls.length, 1);
});

test('shutdown aborts a hanging send after the grace period; rows are re-leased later (duplicates)', async () => {
  const s = setup();
  const { exporter, calls } = scripted(
    (_e, _c, signal) =>
      new Promise((resolve) =>
        signal.addEventListener('abort', () => resolve({ kind: 'retryable', message: 'aborted' })),
      ),
  );
  await enqueue(s.outbox, 0, 2);
  const d = createDispatcher(
    s.opts(exporter, { shutdownGraceMs: 5, leaseMs: 60_000, random: () => 0 }),
  );
  d.start();
  await until(() => calls.length === 1);
  await d.shutdown();
  await d.shutdown(); // idempotent
  assert.equal(s.outbox.depth(), 2);
  assert.equal(s.outbox.lease(DEST, 10, 1).length, 0, 'still leased');
  s.clock.advance(60_000);
  const again = scripted(() => ({ kind: 'ok' }));
  const d2 = createDispatcher(s.opts(again.exporter));
  d2.start();
  await until(() => s.outbox.depth() === 0);
  await d2.shutdown();
  assert.deepEqual(again.calls, [['m0', 'm1']]);
});

test('shutdown before start resolves; start after shutdown does nothing', async () => {
  const s = setup();
  const { exporter, calls } = scripted(() => ({ kind: 'ok' }));
  await enqueue(s.outbox, 0, 1);
  const d = createDispatcher(s.opts(exporter));
  await d.shutdown();
  d.start();
  d.kick();
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(calls.length, 0);
});

/** Deterministic PRNG (mulberry32) so a failing seed can be replayed. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

for (const seed of [1, 2, 3, 4]) {
  test(`nothing acknowledged is lost: every event delivered once or dead-lettered (seed ${seed})`, async () => {
    const s = setup();
    const rnd = prng(seed);
    const delivered: string[] = [];
    const { exporter } = scripted((events) => {
      const x = rnd();
      const ids = events.map((e) => e.messageId!);
      if (x < 0.3) return { kind: 'retryable', status: 503, message: 'HTTP 503' };
      if (x < 0.4) return { kind: 'throttled', retryAfterMs: 2000, message: 'HTTP 429' };
      if (x < 0.55 && events.length > 1) return { kind: 'too_large', message: 'HTTP 413' };
      if (x < 0.6) {
        const bad = [Math.floor(rnd() * events.length)];
        delivered.push(...ids.filter((_, i) => !bad.includes(i)));
        return { kind: 'permanent', status: 400, message: 'HTTP 400', indexes: bad };
      }
      delivered.push(...ids);
      return { kind: 'ok' };
    }, 7);
    const N = 60;
    await enqueue(s.outbox, 0, N);
    const d = createDispatcher(s.opts(exporter, { random: rnd, retry: { budgetMs: 60_000 } }));
    d.start();
    for (let i = 0; s.outbox.depth() > 0; i++) {
      assert.ok(i < 10_000, 'the outbox never drained');
      s.clock.advance(1000);
      d.kick();
      await new Promise((r) => setTimeout(r, 1));
    }
    await d.shutdown();
    const dead = s.outbox.dead(DEST, 1000).map((r) => r.messageId);
    for (let i = 0; i < N; i++) {
      const id = `m${i}`;
      const n = delivered.filter((x) => x === id).length;
      const isDead = dead.includes(id);
      assert.ok(
        (n === 1 && !isDead) || (n === 0 && isDead),
        `${id}: delivered ${n}x, dead ${isDead}`,
      );
    }
    // The script really exercised the failure paths, not only the happy one.
    assert.ok(delivered.length > 0);
    assert.ok(count(s.results, 'retry') + count(s.results, 'throttled') > 0);
  });
}

test('with the real file exporter every event lands on disk once', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'veil-dispatch-'));
  try {
    const path = join(dir, 'out', 'events.ndjson');
    const exporter = createFileExporter({ path });
    const outbox = createMemoryOutbox();
    await enqueue(outbox, 0, 25);
    const d = createDispatcher({ outbox, destinations: [{ name: DEST, exporter }], pollMs: 5 });
    d.start();
    d.kick();
    await until(() => outbox.depth() === 0);
    await d.shutdown();
    await exporter.close();
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    assert.deepEqual(
      lines.map((l) => JSON.parse(l)),
      Array.from({ length: 25 }, (_, i) => ev(i)),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('with the http exporter: 503 is retried, then 200 delivers the same batch', async () => {
  let n = 0;
  const vendor = await startFakeVendor({
    respond: () => ({ status: n++ === 0 ? 503 : 200, body: '{}' }),
  });
  try {
    const exporter = createHttpExporter({
      url: `${vendor.url}/collect`,
      headers: { authorization: 'Bearer t' },
      timeoutMs: 5000,
    });
    const outbox = createMemoryOutbox();
    await enqueue(outbox, 0, 3);
    const kinds: string[] = [];
    const d = createDispatcher({
      outbox,
      destinations: [{ name: DEST, exporter }],
      pollMs: 5,
      random: () => 0,
      onResult: (e) => kinds.push(e.kind),
    });
    d.start();
    await until(() => outbox.depth() === 0);
    await d.shutdown();
    assert.deepEqual(kinds, ['retry', 'delivered']);
    assert.equal(vendor.requests.length, 2);
    const ids = vendor.requests.map((r) =>
      (JSON.parse(r.text) as { batch: CanonicalEvent[] }).batch.map((e) => e.messageId),
    );
    assert.deepEqual(ids, [
      ['m0', 'm1', 'm2'],
      ['m0', 'm1', 'm2'],
    ]);
  } finally {
    await vendor.close();
  }
});

test('with the http exporter: 429 Retry-After: 1 delays the next request by at least 1 s', async () => {
  let n = 0;
  const vendor = await startFakeVendor({
    respond: () =>
      n++ === 0 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200, body: '{}' },
  });
  try {
    const exporter = createHttpExporter({ url: vendor.url, headers: {}, timeoutMs: 5000 });
    const outbox = createMemoryOutbox();
    await enqueue(outbox, 0, 1);
    const d = createDispatcher({
      outbox,
      destinations: [{ name: DEST, exporter }],
      pollMs: 5,
      random: () => 0,
    });
    d.start();
    await until(() => outbox.depth() === 0);
    await d.shutdown();
    const [first, second] = vendor.requests;
    assert.equal(vendor.requests.length, 2);
    assert.ok(second!.receivedAt - first!.receivedAt >= 1000);
  } finally {
    await vendor.close();
  }
});
