/**
 * Ack after commit, across a crash: a load generator posts Segment batches (unique messageIds)
 * to `veil serve` and records which requests were answered with success; the gateway is
 * SIGKILLed mid-stream, restarted on the same data directory, and the rest of the stream is
 * sent. Every acknowledged messageId must reach the fake vendor; a duplicate must be the same
 * event under the same id; nothing the generator never sent may appear. The disclosure ledger
 * counts every acknowledged event although the killed gateway never flushed it (its counts come
 * back from the journal the outbox committed with the rows), and `veil impact` answers with them
 * while the gateway is down.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openLedgerStore } from '../ledger/store.js';
import { runCli } from '../testing/cli.js';
import { removeDir, startVeil, type VeilProcess } from '../testing/serve.js';
import { segmentBatch, startVendors, vendorDestination } from './setup.js';
import { dedupeId, eventsOf, until, waitForIds } from './wire.js';

const KEY = 'segcrashkey0e2e11';
const BATCHES = 200;
const PER_BATCH = 10;
const CONCURRENCY = 4;
const KILL_AFTER = 60;

interface Load {
  readonly sent: Set<string>;
  readonly acked: Set<string>;
  next: number;
  ackedBatches: number;
}

/** Post batches from `load.next` on, CONCURRENCY at a time, until done or `stop()`. */
async function run(load: Load, url: string, tag: string, stop: () => boolean): Promise<void> {
  const auth = `Basic ${Buffer.from(`${KEY}:`).toString('base64')}`;
  const worker = async () => {
    while (!stop() && load.next < BATCHES) {
      const i = load.next++;
      const { body, ids } = segmentBatch(KEY, `crash-${tag}-b${i}`, PER_BATCH);
      ids.forEach((id) => load.sent.add(id));
      try {
        const res = await fetch(`${url}/segment/v1/batch`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: auth },
          body,
        });
        const answer = (await res.json()) as { success?: unknown };
        if (res.status === 200 && answer.success === true) {
          ids.forEach((id) => load.acked.add(id));
          load.ackedBatches++;
        }
      } catch {
        // The gateway died under this request: not acknowledged, the SDK would retry.
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

test(
  'SIGKILL mid-stream: every acknowledged messageId is delivered after restart',
  { timeout: 90_000 },
  async () => {
    const vendors = await startVendors({ seg: 'segment' });
    const vendor = vendors.byName.seg!;
    const config = {
      version: 1,
      sources: { app: { type: 'segment', tokens: [KEY], destinations: ['seg'] } },
      destinations: { seg: vendorDestination('segment', vendor, 'E2E_SEG_KEY') },
      // No timed flush: what the first gateway counted is only in memory and in the journal.
      ledger: { flush_interval_ms: 3_600_000 },
      inventory: { flush_interval_ms: 3_600_000 },
    };
    const env = { E2E_SEG_KEY: 'destsegkey' };
    const load: Load = { sent: new Set(), acked: new Set(), next: 0, ackedBatches: 0 };
    let first: VeilProcess | undefined;
    let second: VeilProcess | undefined;
    try {
      first = await startVeil({ config, env });
      let killed = false;
      const stream = run(load, first.url, 'a', () => killed);
      await until(
        () => load.ackedBatches >= KILL_AFTER || load.next >= BATCHES,
        'batches to be acknowledged',
      );
      await first.kill();
      killed = true;
      await stream;
      assert.ok(
        load.next < BATCHES,
        'the gateway was killed after the stream ended: not mid-stream',
      );
      const ackedBeforeKill = load.acked.size;
      // While the gateway is down (a vendor's breach does not wait for a restart), `veil
      // impact` answers with the journal's counts: every acknowledged event is in the answer.
      const down = await runCli([
        'impact',
        '--data-dir',
        first.dataDir,
        '--destination',
        'seg',
        '--from',
        '2000-01-01',
        '--to',
        '2100-12-31',
        '--format',
        'json',
      ]);
      assert.equal(down.code, 0, down.stderr);
      const answered = (JSON.parse(down.stdout) as { events: number }).events;
      assert.ok(
        answered >= ackedBeforeKill && answered <= load.sent.size,
        `veil impact answered ${answered} events for ${ackedBeforeKill} acknowledged before the kill`,
      );
      assert.match(down.stderr, /in this answer come from the outbox's ledger journal/);
      second = await startVeil({ config, env, dataDir: first.dataDir });
      await run(load, second.url, 'b', () => false);
      assert.ok(load.acked.size > ackedBeforeKill, 'the restarted gateway acknowledged nothing');
      await waitForIds(vendor, load.acked, 40_000);
      await second.stop(); // writes what the second gateway counted
      const ledger = openLedgerStore({ path: join(first.dataDir, 'ledger.db') });
      const counted = ledger.impact({ destination: 'seg', from: '2000-01-01', to: '2100-12-31' });
      ledger.close();
      // Every event is counted when its policy runs: the acknowledged ones at least, and none
      // twice (a request the kill cut short may have been counted without its answer).
      assert.ok(
        counted.events >= load.acked.size && counted.events <= load.sent.size,
        `${counted.events} events in the ledger for ${load.acked.size} acknowledged and ${load.sent.size} sent`,
      );
      assert.equal(counted.subjects, 1, 'the one load user');
    } finally {
      await second?.stop();
      await first?.kill();
      await vendors.close();
      if (first) removeDir(first.dataDir);
    }
    const copies = new Map<string, string>();
    for (const e of vendor.requests.flatMap(eventsOf)) {
      const id = dedupeId(e);
      assert.ok(id !== undefined && load.sent.has(id), `an event the generator never sent: ${id}`);
      const json = JSON.stringify(e);
      const seen = copies.get(id);
      if (seen === undefined) copies.set(id, json);
      else assert.equal(json, seen, 'a duplicate differs from the first copy under the same id');
    }
  },
);
