/**
 * Policy workers give exactly what the main thread gives (same decoding, same key, same
 * pseudonyms, same minimization, same refusals), and a worker that dies fails only its own
 * requests and is replaced.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigSchema, type Config } from '../config/schema.js';
import { gzipSync } from 'node:zlib';
import { Worker } from 'node:worker_threads';
import { createLedgerTally, createObserver, type LedgerNotes, type Observed } from './observe.js';
import type { LedgerDay } from '../ledger/types.js';
import { createReceivers } from '../receivers/index.js';
import type { ReceiverRequest } from '../receivers/types.js';
import { createPolicyPool, spawn, type PolicyPool } from './policy-pool.js';
import {
  prepare,
  PrepareKilledWorker,
  PrepareThrew,
  toWire,
  type Prepared,
  type PrepareEnv,
  type WireRequest,
} from './prepare.js';
import { buildSources, buildSteps, limitsOf } from './runtime.js';

const ENV = { VEIL_MASTER_KEY: 'e5'.repeat(32), WEB_KEY: 'wk-from-env' };
const NOW = Date.UTC(2026, 10, 22);
const receivers = createReceivers();
const segment = receivers.get('segment')!;
const route = segment.route('POST', '/v1/batch')!;

function event(i: number): Record<string, unknown> {
  return {
    type: 'track',
    event: 'Viewed',
    userId: `user-${i}`,
    messageId: `m-${i}`,
    properties: { email: `p${i}@example.jp`, plan: 'pro', note: `call 090-1234-56${10 + i}` },
    context: { ip: '192.0.2.1', page: { url: `https://a.example/x?token=${i}` } },
  };
}

/** A Segment `/v1/batch` request carrying `events` under `writeKey`. */
function batch(
  events: Record<string, unknown>[],
  writeKey = 'wk-1',
  body: Buffer = Buffer.from(JSON.stringify({ batch: events, writeKey })),
): ReceiverRequest {
  return {
    method: 'POST',
    path: '/v1/batch',
    query: new URLSearchParams('x=1'),
    headers: { 'content-type': 'application/json' },
    body,
    clientIp: '198.51.100.7',
    receivedAt: NOW,
  };
}

const wire = (req: ReceiverRequest, cut: string[] = [], observe = true): WireRequest =>
  toWire('segment', route, req, { cut, room: Infinity }, observe);

function events(p: Prepared) {
  assert.equal(p.kind, 'events', JSON.stringify(p));
  return p as Extract<Prepared, { kind: 'events' }>;
}

describe('policy pool', () => {
  let dir: string;
  let config: Config;
  let pool: PolicyPool;
  const received: Observed[] = [];
  const notes: LedgerNotes[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'veil-pool-'));
    config = ConfigSchema.parse({
      version: 1,
      data_dir: dir,
      sources: {
        web: {
          type: 'segment',
          tokens: ['wk-1'],
          tokens_env: ['WEB_KEY'],
          destinations: ['a', 'b'],
        },
      },
      destinations: {
        a: { type: 'file', path: join(dir, 'a.ndjson') },
        b: { type: 'file', path: join(dir, 'b.ndjson'), policy: { ip: 'prefix' } },
      },
    });
    pool = await createPolicyPool(config, ENV, 2, {
      observed: (o) => received.push(o),
      notes: (n) => notes.push(n),
    });
  });
  after(async () => {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('decodes, minimizes and observes exactly as the main thread does', async () => {
    const sent = Array.from({ length: 10 }, (_, i) => event(i));
    const built = await buildSteps(config, ENV);
    const env: PrepareEnv = {
      receivers,
      sources: buildSources(config, ENV, []),
      steps: built.steps,
      limits: limitsOf(config),
    };
    const observer = createObserver(built.ledger);
    const req = batch(sent);
    const local = prepare(env, segment, route, req, { cut: [], room: Infinity, observer });
    const remote = events(await pool.prepare(wire(req)));
    assert.deepEqual(remote, local);
    assert.equal(remote.source, 'web');
    assert.equal(remote.accepted, 10);
    // The configured young generation (default 192 MB), not V8's default of 48.
    for (const w of pool.workers()) assert.equal(w.resourceLimits?.maxYoungGenerationSizeMb, 192);
    assert.equal(remote.result.rows.length, 20);
    assert.ok(!remote.result.rows.some((r) => r.payload.includes('@example.jp')));
    assert.ok(!remote.result.rows.some((r) => r.payload.includes('198.51.100.7')));
    const ids = new Set(
      remote.result.rows.map((r) => (JSON.parse(r.payload) as { userId: string }).userId),
    );
    assert.equal(ids.size, 20, 'pseudonyms differ per destination and per user');
    await pool.drain();
    const mine = observer.drain();
    const sortLedger = (l: LedgerDay[]) =>
      [...l].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
    // The workers send no ledger rows: their answers carry notes, tallied on the main thread
    // into exactly the subject-days the main thread's own observer makes.
    assert.deepEqual(
      received.flatMap((o) => o.ledger),
      [],
    );
    const tally = createLedgerTally(built.ledger!);
    for (const n of notes) tally.add(n);
    assert.ok(mine.ledger.length > 0);
    assert.deepEqual(sortLedger([...tally.drain()]), sortLedger(mine.ledger));
    assert.equal(received.flatMap((o) => o.inventory).length, mine.inventory.length);
  });

  it('refuses in the worker what the main thread refuses: tokens, bad bodies', async () => {
    const unknown = await pool.prepare(wire(batch([event(1)], 'wk-unknown')));
    assert.deepEqual(unknown, { kind: 'refuse', code: 'unauthorized', message: 'unknown token' });
    const bad = await pool.prepare(wire(batch([], 'wk-1', Buffer.from('{"batch": ['))));
    assert.equal(bad.kind, 'refuse');
    assert.equal((bad as { code: string }).code, 'bad_json');
    // A token given through tokens_env reaches the workers too.
    assert.equal(events(await pool.prepare(wire(batch([event(2)], 'wk-from-env')))).accepted, 1);
    // gzip is detected and decoded in the worker.
    const gz = batch([event(3)], 'wk-1');
    const zipped = { ...gz, body: gzipSync(gz.body), headers: { 'content-encoding': 'gzip' } };
    assert.equal(events(await pool.prepare(wire(zipped))).result.rows.length, 2);
  });

  it('withholds events from a cut destination and counts them', async () => {
    const p = events(await pool.prepare(wire(batch([event(1), event(2)]), ['b'])));
    assert.deepEqual(p.cut, [['b', 2]]);
    assert.deepEqual(
      p.result.rows.map((r) => r.destination),
      ['a', 'a'],
    );
  });

  it('sends a body that is a view into a shared buffer as its own bytes only', () => {
    const pooled = Buffer.from('{"batch":[]}'); // small: allocated from Node's pool
    assert.ok(pooled.buffer.byteLength > pooled.byteLength, 'precondition: a pooled view');
    const w = wire(batch([], 'wk-1', pooled));
    assert.equal(w.body.buffer.byteLength, pooled.byteLength);
    assert.deepEqual(Buffer.from(w.body), pooled);
  });

  it('reports a request whose preparing threw as PrepareThrew; the worker lives on', async () => {
    const before = pool.workers();
    // A request the worker cannot even rebuild: reading its body throws a TypeError there.
    const broken = { ...wire(batch([event(1)])), body: 7 as unknown as Uint8Array };
    const e = await pool.prepare(broken).then(
      () => assert.fail('resolved'),
      (err: unknown) => err,
    );
    assert.ok(e instanceof PrepareThrew, String(e));
    assert.equal(e.thrown, 'TypeError');
    assert.deepEqual(pool.workers(), before, 'no worker died or was replaced');
    const r = events(await pool.prepare(wire(batch([event(3)]))));
    assert.equal(r.result.rows.length, 2);
  });

  it('answers requests that waited together, in one message, each with its own outcome', async () => {
    // Sent at once, many requests wait in a worker's queue: it prepares them back to back and
    // answers several in one message (one commit on the main thread instead of one each).
    const batched: number[] = [];
    const count = (m: { answers?: unknown[] }) => {
      if (m.answers !== undefined) batched.push(m.answers.length);
    };
    for (const w of pool.workers()) w.on('message', count);
    try {
      const broken = { ...wire(batch([event(1)])), body: 7 as unknown as Uint8Array };
      const sent = Array.from({ length: 24 }, (_, i) =>
        i === 5 ? pool.prepare(broken) : pool.prepare(wire(batch([event(i), event(i + 100)]))),
      );
      const settled = await Promise.allSettled(sent);
      settled.forEach((r, i) => {
        if (i === 5) {
          assert.equal(r.status, 'rejected');
          assert.ok((r as PromiseRejectedResult).reason instanceof PrepareThrew);
          return;
        }
        assert.equal(r.status, 'fulfilled', `request ${i}`);
        const p = events((r as PromiseFulfilledResult<Prepared>).value);
        // Each answer went to its own request: its own users' events.
        const users = p.result.rows.map(
          (x) => (JSON.parse(x.payload) as { messageId: string }).messageId,
        );
        assert.deepEqual([...new Set(users)].sort(), [`m-${i + 100}`, `m-${i}`].sort());
      });
      assert.ok(batched.length > 0, 'some answers came together');
      assert.ok(
        batched.every((n) => n >= 2 && n <= 16),
        JSON.stringify(batched),
      );
    } finally {
      for (const w of pool.workers()) w.off('message', count);
    }
  });

  it('replaces a worker that died; the batch it held is prepared by the replacement', async () => {
    const [first] = pool.workers();
    assert.ok(first);
    const pending = pool.prepare(wire(batch([event(1)])));
    await first.terminate();
    // Finished before the worker ended, or prepared again by its replacement: never lost.
    assert.equal(events(await pending).result.rows.length, 2);
    for (let i = 0; i < 200 && pool.workers().length < 2; i++)
      await new Promise((r) => setTimeout(r, 25));
    assert.equal(pool.workers().length, 2, 'the dead worker was replaced');
    assert.ok(!pool.workers().includes(first));
    const r = events(await pool.prepare(wire(batch([event(2)]))));
    assert.equal(r.result.rows.length, 2);
  });
});

describe('policy pool, ledger notes', () => {
  it('an answer carries its notes, passed on before it; a request that threw leaves none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'veil-pool-notes-'));
    const config = ConfigSchema.parse({
      version: 1,
      data_dir: dir,
      sources: { web: { type: 'segment', tokens: ['wk-1'], destinations: ['a'] } },
      destinations: { a: { type: 'file', path: join(dir, 'a.ndjson') } },
    });
    const got: LedgerNotes[] = [];
    const pool = await createPolicyPool(config, ENV, 1, { notes: (n) => got.push(n) });
    try {
      await pool.prepare(wire(batch(Array.from({ length: 700 }, (_, i) => event(i)))));
      assert.equal(got.length, 1, 'the notes came before the answer');
      assert.equal(got[0]!.now, NOW);
      assert.equal(got[0]!.items.length, 700 * 5);
      // Raw ids cross in memory; the tally drains pseudonyms only.
      assert.equal(got[0]!.items[1], 'user-0');
      const tally = createLedgerTally((await buildSteps(config, ENV)).ledger!);
      tally.add(got[0]!);
      const rows = [...tally.drain()];
      assert.equal(new Set(rows.map((r) => r.subject)).size, 700);
      assert.ok(rows.every((r) => r.subject.startsWith('l1_') && !r.subject.includes('user-')));
      // Nothing of a request that threw is committed: its notes are dropped with it.
      const broken = { ...wire(batch([event(1)])), body: 7 as unknown as Uint8Array };
      await assert.rejects(pool.prepare(broken), PrepareThrew);
      await pool.prepare(wire(batch([], 'wk-1')));
      assert.equal(got.length, 1);
      // Observing off (no record keeper): no notes.
      await pool.prepare(wire(batch([event(2)]), [], false));
      assert.equal(got.length, 1);
    } finally {
      await pool.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('policy pool, replacing workers', () => {
  type Hooks = Parameters<typeof createPolicyPool>[3];
  /** A one-worker pool over a fresh data folder; closed and removed after `body`. */
  const withPool = async (
    server: Record<string, unknown>,
    hooks: Hooks,
    body: (pool: PolicyPool) => Promise<void>,
  ): Promise<void> => {
    const dir = mkdtempSync(join(tmpdir(), 'veil-pool-'));
    const config = ConfigSchema.parse({
      version: 1,
      data_dir: dir,
      server,
      sources: { web: { type: 'segment', tokens: ['wk-1'], destinations: ['a'] } },
      destinations: { a: { type: 'file', path: join(dir, 'a.ndjson') } },
    });
    const pool = await createPolicyPool(config, ENV, 1, hooks);
    try {
      await body(pool);
    } finally {
      await pool.close();
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const waitFor = async (ok: () => boolean, ms: number): Promise<boolean> => {
    for (const end = Date.now() + ms; Date.now() < end && !ok();)
      await new Promise((r) => setTimeout(r, 10));
    return ok();
  };

  /** About 13 MB of JSON whose parsed events need far more than 32 MB of heap. */
  const poison = () =>
    batch(
      Array.from({ length: 5_000 }, (_, i) => ({
        ...event(i),
        properties: {
          a: 'x'.repeat(2_000) + i,
          b: Array.from({ length: 50 }, (_, j) => `v${j}_${i}`),
        },
      })),
    );
  const capped = {
    policy_worker_max_heap_mb: 32,
    policy_worker_young_generation_mb: 16,
    max_body_bytes: 50_000_000,
    max_events_per_request: 100_000,
  };

  it('a request over the heap limit ends its worker, then a fresh one alone: refused, not retried', async () => {
    let lost = 0;
    await withPool(capped, { respawnDelayMs: 40, lost: () => lost++ }, async (pool) => {
      const first = pool.workers()[0]!;
      assert.equal(first.resourceLimits?.maxOldGenerationSizeMb, 32);
      assert.equal(first.resourceLimits?.maxYoungGenerationSizeMb, 16);
      const e = await pool.prepare(wire(poison())).then(
        () => assert.fail('resolved'),
        (err: unknown) => err,
      );
      assert.ok(e instanceof PrepareKilledWorker, String(e));
      assert.equal(lost, 2, 'its own worker, then the fresh one it was tried on alone');
      assert.ok(await waitFor(() => pool.workers().length === 1, 5_000), 'replaced');
      assert.notEqual(pool.workers()[0], first);
      assert.equal(pool.workers()[0]!.resourceLimits?.maxOldGenerationSizeMb, 32);
      assert.equal(pool.workers()[0]!.resourceLimits?.maxYoungGenerationSizeMb, 16);
      assert.equal(events(await pool.prepare(wire(batch([event(1)])))).result.rows.length, 1);
    });
  });

  it('requests a worker held when such a request ended it are prepared again, alone, and answered', async () => {
    let lost = 0;
    await withPool(capped, { respawnDelayMs: 40, lost: () => lost++ }, async (pool) => {
      // All three go to the one worker; the batch behind the poison is still waiting when it dies.
      const before = pool.prepare(wire(batch([event(1), event(2)])));
      const bad = pool.prepare(wire(poison()));
      const behind = pool.prepare(wire(batch([event(3)])));
      assert.equal(events(await before).result.rows.length, 2);
      await assert.rejects(bad, (e: unknown) => e instanceof PrepareKilledWorker);
      const r = events(await behind);
      assert.equal(r.result.rows.length, 1);
      assert.ok(!r.result.rows[0]!.payload.includes('p3@example.jp'), 'minimized as usual');
      assert.equal(lost, 2);
      assert.equal(events(await pool.prepare(wire(batch([event(4)])))).result.rows.length, 1);
    });
  });

  /** A worker that starts and never answers a request (its requests stay held until it ends). */
  const stuck = (): Promise<Worker> => {
    const w = new Worker(
      "require('node:worker_threads').parentPort.postMessage({ ready: true });" +
        "require('node:worker_threads').parentPort.on('message', () => {});",
      { eval: true },
    );
    return new Promise((resolve) => w.once('message', () => resolve(w)));
  };

  it('a worker that ends while holding requests: its replacement prepares them (none lost, none refused)', async () => {
    let starts = 0;
    const hooks: Hooks = {
      respawnDelayMs: 40,
      startWorker: (init) => (++starts === 1 ? stuck() : spawn(init)),
    };
    await withPool({}, hooks, async (pool) => {
      const held = [1, 2, 3].map((i) => pool.prepare(wire(batch([event(i)]))));
      await pool.workers()[0]!.terminate();
      for (const p of held) assert.equal(events(await p).result.rows.length, 1);
      assert.equal(starts, 2);
      // Back to taking new requests once the held ones are done.
      assert.equal(events(await pool.prepare(wire(batch([event(9)])))).result.rows.length, 1);
    });
  });

  it('a held request that ends the fresh worker it was tried on alone is refused; the rest are answered', async () => {
    let starts = 0;
    const workers: Worker[] = [];
    const hooks: Hooks = {
      respawnDelayMs: 40,
      startWorker: async (init) => {
        const w = ++starts <= 2 ? await stuck() : await spawn(init);
        workers.push(w);
        return w;
      },
    };
    await withPool({}, hooks, async (pool) => {
      const a = pool.prepare(wire(batch([event(1)])));
      const b = pool.prepare(wire(batch([event(2)])));
      await workers[0]!.terminate();
      // The second (stuck) worker now holds `a` alone; while it does, no new request goes there.
      assert.ok(await waitFor(() => workers.length === 2, 5_000));
      await assert.rejects(pool.prepare(wire(batch([event(5)]))), /no policy worker/);
      await workers[1]!.terminate();
      await assert.rejects(a, (e: unknown) => e instanceof PrepareKilledWorker);
      assert.equal(events(await b).result.rows.length, 1, 'the other one, on the third worker');
    });
  });

  it(
    'held requests waiting for a replacement are refused when the pool closes, not left hanging',
    { timeout: 10_000 },
    async () => {
      let starts = 0;
      const hooks: Hooks = {
        respawnDelayMs: 40,
        startWorker: async (init) => {
          if (++starts === 1) return stuck();
          await new Promise((r) => setTimeout(r, 200));
          return spawn(init);
        },
      };
      await withPool({}, hooks, async (pool) => {
        const held = pool.prepare(wire(batch([event(1)])));
        await pool.workers()[0]!.terminate();
        await pool.close();
        await assert.rejects(held, /policy pool is closed|policy worker exited/);
      });
    },
  );

  it('held requests get "retry later" when no replacement can start to try them', async () => {
    let starts = 0;
    const hooks: Hooks = {
      respawnDelayMs: 40,
      startWorker: (init) =>
        ++starts === 1 ? stuck() : starts === 2 ? Promise.reject(new Error('no')) : spawn(init),
    };
    await withPool({}, hooks, async (pool) => {
      const held = pool.prepare(wire(batch([event(1)])));
      await pool.workers()[0]!.terminate();
      await assert.rejects(held, /policy worker exited/);
      assert.ok(await waitFor(() => pool.workers().length === 1, 5_000), 'replaced later');
      assert.equal(events(await pool.prepare(wire(batch([event(2)])))).result.rows.length, 1);
    });
  });

  it('a replacement that cannot start is tried again, with growing waits, until one starts', async () => {
    const starts: number[] = [];
    let failures = 2;
    const hooks: Hooks = {
      respawnDelayMs: 40,
      startWorker: (init) => {
        starts.push(Date.now());
        if (starts.length > 1 && failures-- > 0)
          return Promise.reject(new Error('cannot start now'));
        return spawn(init);
      },
    };
    await withPool({}, hooks, async (pool) => {
      await pool.workers()[0]!.terminate();
      assert.ok(await waitFor(() => starts.length >= 2, 2_000), 'a replacement was started');
      // With no worker alive, requests are refused (the gateway answers "retry later").
      await assert.rejects(pool.prepare(wire(batch([event(1)]))), /no policy worker/);
      assert.ok(await waitFor(() => pool.workers().length === 1, 5_000), 'replaced in the end');
      assert.equal(starts.length, 4, 'the first start, two failed replacements, one that started');
      const waits = [starts[3]! - starts[2]!, starts[2]! - starts[1]!];
      assert.ok(waits[0]! >= 75 && waits[1]! >= 35, `waits of 40 then 80 ms: ${waits.join(', ')}`);
      assert.equal(events(await pool.prepare(wire(batch([event(2)])))).result.rows.length, 1);
    });
  });

  it('a replacement that finishes starting after the pool closed is stopped at once', async () => {
    let late: Worker | undefined;
    let lateExited = false;
    let count = 0;
    const hooks: Hooks = {
      startWorker: async (init) => {
        if (++count === 1) return spawn(init);
        const w = await spawn(init);
        w.once('exit', () => (lateExited = true));
        await new Promise((r) => setTimeout(r, 100));
        return (late = w);
      },
    };
    await withPool({}, hooks, async (pool) => {
      await pool.workers()[0]!.terminate();
      await pool.close();
      assert.ok(await waitFor(() => late !== undefined, 5_000), 'the replacement started');
      assert.ok(await waitFor(() => lateExited, 2_000), 'the late replacement was terminated');
      assert.equal(pool.workers().length, 0);
    });
  });
});
