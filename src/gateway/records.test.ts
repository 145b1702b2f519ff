/**
 * The record keeper judges drift in the order things were seen: at close, chunks a flush had
 * queued (older) are written before what was aggregated after it (newer).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pino } from 'pino';
import { ConfigSchema } from '../config/schema.js';
import { createDetector } from '../engine/detect.js';
import type { DriftAlert } from '../inventory/drift.js';
import { parseCanonical, type CanonicalEvent } from '../pipeline/event.js';
import { parseMasterKey } from '../policy/keys.js';
import { createMetrics } from './metrics.js';
import { minimizeEvents } from './minimize.js';
import Database from 'better-sqlite3';
import { createLedgerPseudonymizer } from '../ledger/subject.js';
import { createLedgerTally, createObserver } from './observe.js';
import { createRecordKeeper, createSizer, SLICE_MS } from './records.js';
import { stepsFor } from './runtime.js';

const master = parseMasterKey('b8'.repeat(32), 'given');
const NOW = Date.UTC(2026, 10, 23, 9, 0);

function ev(properties: Record<string, unknown>): CanonicalEvent {
  const r = parseCanonical({ type: 'track', event: 'Report Exported', userId: 'u-1', properties });
  assert.ok(r.ok);
  return r.event;
}

/** A keeper over a fresh config in `dir` (ledger off, no timed flush), its observer and alerts. */
function keeperIn(dir: string, inventory: Record<string, unknown> = {}) {
  const config = ConfigSchema.parse({
    version: 1,
    data_dir: dir,
    inventory: { flush_interval_ms: 3_600_000, ...inventory },
    ledger: { enabled: false },
    destinations: { vendor: { type: 'file', path: join(dir, 'out.ndjson') } },
  });
  const steps = stepsFor(config, { master, detector: createDetector() });
  const observer = createObserver(undefined);
  const alerts: DriftAlert[] = [];
  const keeper = createRecordKeeper(config, {
    log: pino({ level: 'silent' }),
    metrics: createMetrics(() => []),
    alerts: (a) => alerts.push(...a),
  });
  assert.ok(keeper);
  const at = { source: 'web', now: NOW, observer };
  /** Minimize `e` and hand what was observed to the keeper. */
  const send = (e: CanonicalEvent) => {
    minimizeEvents(steps, ['vendor'], [e], at);
    keeper.observed(observer.drain());
  };
  return { keeper, alerts, send };
}

test('at close, queued chunks are written before newer observations (drift in order)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'veil-records-order-'));
  try {
    const { keeper, alerts, send } = keeperIn(dir);
    send(ev({ format: 'csv' }));
    keeper.flush(); // queues the first request's chunk; it would be written on a later turn
    send(ev({ format: 'csv', rows: 12 }));
    keeper.close(); // before that turn came
    const got = alerts.map((a) => `${a.kind} ${a.path ?? ''}`.trim());
    assert.deepEqual(got, ['new_event', 'new_field properties.rows'], got.join(' | '));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the keeper holds the inventory's bounds from the config", () => {
  const dir = mkdtempSync(join(tmpdir(), 'veil-records-bounds-'));
  try {
    const { keeper, alerts, send } = keeperIn(dir, { max_fields_per_event: 10 });
    send(ev({ plan: 'team' }));
    keeper.flush();
    // Thirty made-up keys: the event's other fields fill it up to ten, the rest are "*".
    const random = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, i]));
    send(ev(random));
    keeper.close();
    const fields = alerts.filter((a) => a.kind === 'new_field').map((a) => a.path);
    assert.ok(fields.includes('*'), fields.join(' '));
    assert.ok(fields.length < 10, `${fields.length} new_field alerts, not 30`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('subject-days tallied on the main thread are written a chunk per turn, the rest at close', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'veil-records-tally-'));
  try {
    const config = ConfigSchema.parse({
      version: 1,
      data_dir: dir,
      inventory: { enabled: false },
      ledger: { flush_interval_ms: 3_600_000 },
      destinations: { vendor: { type: 'file', path: join(dir, 'out.ndjson') } },
    });
    const tally = createLedgerTally(createLedgerPseudonymizer(master));
    const keeper = createRecordKeeper(config, {
      log: pino({ level: 'silent' }),
      metrics: createMetrics(() => []),
      pullLedger: () => tally.drain(),
    });
    assert.ok(keeper);
    const notes = (from: number, n: number) => ({
      now: NOW,
      items: Array.from({ length: n }, (_, i) => ['vendor', `u-${from + i}`, '', '', '']).flat(),
    });
    const db = new Database(join(dir, 'ledger.db'), { readonly: true });
    const written = () =>
      (db.prepare('SELECT count(*) AS n FROM subject_days').get() as { n: number }).n;
    try {
      tally.add(notes(0, 250));
      keeper.flush();
      assert.equal(written(), 0, 'nothing is written in the flush call itself');
      await new Promise((r) => setImmediate(r));
      const first = written();
      assert.ok(first > 0 && first <= 100, `one chunk per turn of the event loop, not ${first}`);
      for (let i = 0; i < 100 && written() < 250; i++) await new Promise((r) => setImmediate(r));
      assert.equal(written(), 250);
      tally.add(notes(250, 300));
      keeper.flush();
      tally.add(notes(550, 30));
      await new Promise((r) => setImmediate(r));
      assert.ok(written() < 550, 'a flush half written when the keeper closes');
      keeper.close();
      assert.equal(written(), 580, 'the rest of a flush and what is tallied at close are written');
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('write jobs are sized to take about SLICE_MS each, from what the last ones took', () => {
  const sizer = createSizer(100);
  assert.equal(sizer.size(), 20, 'a first guess until a job was timed');
  // Slow rows (0.5 ms each): the next job writes what fits in SLICE_MS, but at least 5.
  sizer.took(20, 10);
  assert.equal(sizer.size(), Math.max(5, Math.floor(SLICE_MS / 0.5)));
  // Fast rows from then on: the size grows back to the most a job may write.
  for (let i = 0; i < 40; i++) sizer.took(sizer.size(), sizer.size() * 0.001);
  assert.equal(sizer.size(), 100);
  // One slow job shrinks the next one at once, and the size grows back a little per job.
  sizer.took(100, 10);
  const after = sizer.size();
  assert.equal(after, Math.floor(SLICE_MS / 0.1));
  sizer.took(0, 50);
  assert.equal(sizer.size(), after, 'an empty job teaches nothing');
  sizer.took(after, after * 0.001);
  assert.ok(sizer.size() > after && sizer.size() < 2 * after, String(sizer.size()));
});
