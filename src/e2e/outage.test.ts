/**
 * A vendor outage through `veil serve` with an `http` destination (timeout_ms 500): the fake
 * vendor answers 503, then hangs past the timeout, then 429 with `Retry-After: 1`, then 200.
 * Events acknowledged before and during the outage must all be delivered once it ends, and
 * after the 429 the next attempt must come no earlier than the second it asked for (a lower
 * bound only: no upper bound on time is asserted).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeVendor, type FakeReply, type RecordedRequest } from '../testing/fake-vendor.js';
import { removeDir, startVeil } from '../testing/serve.js';
import { segmentBatch } from './setup.js';
import { eventsOf, dedupeId, until } from './wire.js';

const KEY = 'segoutagekey0e2e22';
/** What the vendor answers to its 1st, 2nd, … request; 200 afterwards. */
const SCRIPT: readonly FakeReply[] = [
  { status: 503, body: 'unavailable' },
  { status: 503, body: 'unavailable' },
  'hang',
  { status: 429, headers: { 'retry-after': '1' }, body: 'slow down' },
];

async function post(url: string, body: string): Promise<number> {
  const res = await fetch(`${url}/segment/v1/batch`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from(`${KEY}:`).toString('base64')}`,
    },
    body,
  });
  await res.arrayBuffer();
  return res.status;
}

test(
  '503, hang, 429 then 200: nothing is lost and Retry-After is honoured',
  { timeout: 60_000 },
  async () => {
    const answered = new Map<RecordedRequest, FakeReply>();
    let n = 0;
    const vendor = await startFakeVendor({
      respond: (req) => {
        const reply = SCRIPT[n++] ?? { status: 200, body: '{}' };
        answered.set(req, reply);
        return reply;
      },
    });
    const veil = await startVeil({
      config: {
        version: 1,
        sources: { app: { type: 'segment', tokens: [KEY], destinations: ['sink'] } },
        destinations: { sink: { type: 'http', url: `${vendor.url}/ingest`, timeout_ms: 500 } },
        outbox: { retry_max_backoff_ms: 2000 },
      },
    });
    const acked: string[] = [];
    try {
      const before = segmentBatch(KEY, 'outage-before', 5);
      assert.equal(await post(veil.url, before.body), 200);
      acked.push(...before.ids);
      await vendor.waitFor(1);
      // The vendor is down now; intake must go on.
      const during = segmentBatch(KEY, 'outage-during', 5);
      assert.equal(await post(veil.url, during.body), 200);
      acked.push(...during.ids);
      const delivered = () =>
        new Set(
          vendor.requests
            .filter((r) => {
              const a = answered.get(r);
              return a !== undefined && a !== 'hang' && a.status === 200;
            })
            .flatMap((r) => eventsOf(r).map(dedupeId)),
        );
      await until(
        () => acked.every((id) => delivered().has(id)),
        'delivery after the outage',
        45_000,
      );
    } finally {
      await veil.stop();
      await vendor.close();
      removeDir(veil.dataDir);
    }
    const reqs = vendor.requests;
    assert.ok(reqs.length >= SCRIPT.length + 1, `only ${reqs.length} requests`);
    const i429 = reqs.findIndex((r) => {
      const a = answered.get(r);
      return a !== undefined && a !== 'hang' && a.status === 429;
    });
    const gap = reqs[i429 + 1]!.receivedAt - reqs[i429]!.receivedAt;
    assert.ok(
      gap >= 990,
      `the attempt after the 429 came ${gap} ms later; Retry-After asked for 1000`,
    );
    for (const r of reqs) {
      const ids = eventsOf(r).map(dedupeId);
      assert.ok(
        ids.every((id) => id !== undefined && acked.includes(id)),
        'an unknown or id-less event',
      );
    }
  },
);
