/**
 * Policy workers give exactly what the main thread gives (same key, same pseudonyms, same
 * minimization), and a worker that dies fails only its own batches and is replaced.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigSchema, type Config } from '../config/schema.js';
import { parseCanonical, type CanonicalEvent } from '../pipeline/event.js';
import { minimizeEvents } from './minimize.js';
import { createObserver, type Observed } from './observe.js';
import type { LedgerDay } from '../ledger/types.js';
import { createPolicyPool, type PolicyPool } from './policy-pool.js';
import { buildSteps } from './runtime.js';

const ENV = { VEIL_MASTER_KEY: 'e5'.repeat(32) };

function event(i: number): CanonicalEvent {
  const r = parseCanonical({
    type: 'track',
    event: 'Viewed',
    userId: `user-${i}`,
    messageId: `m-${i}`,
    properties: { email: `p${i}@example.jp`, plan: 'pro', note: `call 090-1234-56${10 + i}` },
    context: { ip: '192.0.2.1', page: { url: `https://a.example/x?token=${i}` } },
  });
  assert.ok(r.ok);
  return r.event;
}

describe('policy pool', () => {
  let dir: string;
  let config: Config;
  let pool: PolicyPool;
  const received: Observed[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'veil-pool-'));
    config = ConfigSchema.parse({
      version: 1,
      data_dir: dir,
      destinations: {
        a: { type: 'file', path: join(dir, 'a.ndjson') },
        b: { type: 'file', path: join(dir, 'b.ndjson'), policy: { ip: 'prefix' } },
      },
    });
    pool = await createPolicyPool(config, ENV, 2, { observed: (o) => received.push(o) });
  });
  after(async () => {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('minimizes and observes exactly as the main thread does', async () => {
    const events = Array.from({ length: 10 }, (_, i) => event(i));
    const built = await buildSteps(config, ENV);
    const at = { source: 'web', now: Date.UTC(2026, 10, 22) };
    const observer = createObserver(built.ledger);
    const local = minimizeEvents(built.steps, ['a', 'b'], events, { ...at, observer });
    const remote = await pool.run(['a', 'b'], events, at);
    assert.deepEqual(remote, local);
    assert.equal(remote.rows.length, 20);
    assert.ok(!remote.rows.some((r) => r.payload.includes('@example.jp')));
    const ids = new Set(
      remote.rows.map((r) => (JSON.parse(r.payload) as { userId: string }).userId),
    );
    assert.equal(ids.size, 20, 'pseudonyms differ per destination and per user');
    await pool.drain();
    const mine = observer.drain();
    const sortLedger = (l: LedgerDay[]) =>
      [...l].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
    assert.deepEqual(sortLedger(received.flatMap((o) => o.ledger)), sortLedger(mine.ledger));
    assert.equal(received.flatMap((o) => o.inventory).length, mine.inventory.length);
  });

  it('replaces a worker that died; only its own batches fail', async () => {
    const [first] = pool.workers();
    assert.ok(first);
    const pending = pool.run(['a'], [event(1)]);
    await first.terminate();
    const outcome = await pending.then(
      () => 'resolved',
      () => 'rejected',
    );
    // The batch either finished before the worker ended or failed; it never hangs.
    assert.ok(outcome === 'resolved' || outcome === 'rejected');
    for (let i = 0; i < 200 && pool.workers().length < 2; i++)
      await new Promise((r) => setTimeout(r, 25));
    assert.equal(pool.workers().length, 2, 'the dead worker was replaced');
    assert.ok(!pool.workers().includes(first));
    const r = await pool.run(['a'], [event(2)]);
    assert.equal(r.rows.length, 1);
  });
});

describe('policy pool, periodic sends', () => {
  it('sends a large drain in slices between requests; a drain request still gets everything first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'veil-pool-slices-'));
    const config = ConfigSchema.parse({
      version: 1,
      data_dir: dir,
      destinations: { a: { type: 'file', path: join(dir, 'a.ndjson') } },
    });
    const messages: Observed[] = [];
    const pool = await createPolicyPool(config, ENV, 1, {
      observed: (o) => messages.push(o),
      drainIntervalMs: 50,
    });
    try {
      const at = { source: 'web', now: Date.UTC(2026, 10, 22) };
      const events = Array.from({ length: 700 }, (_, i) => event(i));
      await pool.run(['a'], events, at);
      // Wait for the periodic send to begin, then send a request while it is under way.
      for (let i = 0; i < 500 && !messages.some((o) => o.ledger.length > 0); i++)
        await new Promise((r) => setTimeout(r, 10));
      const sliced = messages.map((o) => o.ledger.length).filter((n) => n > 0);
      await pool.run(['a'], [event(5000)], at);
      await pool.drain();
      const rows = messages.flatMap((o) => o.ledger);
      assert.equal(rows.length, 701, 'every subject-day once, none lost between slices');
      assert.equal(new Set(rows.map((r) => r.subject)).size, 701);
      assert.equal(sliced[0], 250, `the first slice holds 250 rows: ${sliced.join(', ')}`);
    } finally {
      await pool.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
