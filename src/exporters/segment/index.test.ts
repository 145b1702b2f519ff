import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeVendor, type FakeReply, type FakeVendor } from '../../testing/fake-vendor.js';
import { parseCanonical, type CanonicalEvent } from '../../pipeline/event.js';
import { createSegmentReceiver } from '../../receivers/segment/index.js';
import { DEFAULT_LIMITS } from '../../receivers/types.js';
import { createSegmentExporter, SEGMENT_LIMITS } from './index.js';
import { MAX_EVENT_BYTES, NO_IP } from './encode.js';

const KEY = 'dest_write_key';
const never = new AbortController().signal;

/** A valid canonical track event; an `undefined` in `over` removes that field. */
function ev(over: Record<string, unknown> = {}): CanonicalEvent {
  const raw: Record<string, unknown> = {
    type: 'track',
    event: 'Signed Up',
    userId: 'p_123',
    messageId: `m-${Math.random().toString(36).slice(2)}`,
    timestamp: '2026-01-02T03:04:05.000Z',
    ...over,
  };
  for (const k of Object.keys(raw)) if (raw[k] === undefined) delete raw[k];
  const r = parseCanonical(raw);
  assert.ok(r.ok);
  return r.event;
}

async function withVendor(
  reply: FakeReply | ((n: number) => FakeReply),
  fn: (v: FakeVendor) => Promise<void>,
): Promise<void> {
  let n = 0;
  const v = await startFakeVendor({
    respond: () => (typeof reply === 'function' ? reply(n++) : reply),
  });
  try {
    await fn(v);
  } finally {
    await v.close();
  }
}

const OK: FakeReply = { status: 200, body: '{"success":true}' };
type Body = { batch: Record<string, unknown>[]; sentAt: string };

test('POST /v1/batch with Basic auth; messageId kept; context.ip pinned when absent', async () => {
  await withVendor(OK, async (v) => {
    const x = createSegmentExporter({ endpoint: `${v.url}/`, credential: KEY });
    const events = [ev({ messageId: 'fixed-1' }), ev({ context: { ip: '198.51.100.0' } })];
    assert.deepEqual(await x.send(events, never), { kind: 'ok' });
    assert.equal(v.requests.length, 1);
    const r = v.requests[0]!;
    assert.equal(r.method, 'POST');
    assert.equal(r.path, '/v1/batch');
    assert.equal(r.headers.authorization, `Basic ${Buffer.from(`${KEY}:`).toString('base64')}`);
    const body = JSON.parse(r.text) as Body;
    assert.equal(body.batch[0]!.messageId, 'fixed-1');
    assert.deepEqual(body.batch[0]!.context, { ip: NO_IP });
    assert.deepEqual(body.batch[1]!.context, { ip: '198.51.100.0' });
    assert.ok(!Number.isNaN(Date.parse(body.sentAt)));
    assert.ok(!r.text.includes('writeKey'));
  });
});

test('dedupe ids are stable across retries of the same events', async () => {
  await withVendor(
    (n) => (n === 0 ? { status: 503 } : OK),
    async (v) => {
      const x = createSegmentExporter({ endpoint: v.url, credential: KEY });
      const events = [ev(), ev(), ev()];
      assert.equal((await x.send(events, never)).kind, 'retryable');
      assert.deepEqual(await x.send(events, never), { kind: 'ok' });
      const ids = v.requests.map((r) => (JSON.parse(r.text) as Body).batch.map((e) => e.messageId));
      assert.deepEqual(ids[0], ids[1]);
      assert.deepEqual(
        ids[0],
        events.map((e) => e.messageId),
      );
    },
  );
});

test('batches stay within 480 KiB; every event is sent once, in order', async () => {
  await withVendor(OK, async (v) => {
    const x = createSegmentExporter({ endpoint: v.url, credential: KEY });
    const pad = 'x'.repeat(20_000);
    const events = Array.from({ length: 60 }, (_, i) => ev({ properties: { i, pad } }));
    assert.deepEqual(await x.send(events, never), { kind: 'ok' });
    assert.ok(v.requests.length >= 3);
    const sent: unknown[] = [];
    for (const r of v.requests) {
      assert.ok(r.body.length <= SEGMENT_LIMITS.maxBytes, `${r.body.length} bytes`);
      for (const e of (JSON.parse(r.text) as Body).batch) sent.push(e.messageId);
    }
    assert.deepEqual(
      sent,
      events.map((e) => e.messageId),
    );
  });
});

test('an event over 32 KB is a permanent failure for that event only', async () => {
  await withVendor(OK, async (v) => {
    const x = createSegmentExporter({ endpoint: v.url, credential: KEY });
    const events = [ev(), ev({ properties: { big: 'y'.repeat(MAX_EVENT_BYTES) } }), ev()];
    const r = await x.send(events, never);
    assert.equal(r.kind, 'permanent');
    assert.deepEqual(r.kind === 'permanent' && r.indexes, [1]);
    assert.ok(r.kind === 'permanent' && !r.message.includes('yyyy'));
    const sent = v.requests.flatMap((q) =>
      (JSON.parse(q.text) as Body).batch.map((e) => e.messageId),
    );
    assert.deepEqual(sent, [events[0]!.messageId, events[2]!.messageId]);
  });
});

test('profile operations Segment cannot express are refused per event, $set passes', async () => {
  await withVendor(OK, async (v) => {
    const x = createSegmentExporter({ endpoint: v.url, credential: KEY });
    const events = [
      ev({ type: 'identify', operation: '$set_once', traits: { a: 1 } }),
      ev({ type: 'identify', operation: '$set', traits: { a: 1 } }),
    ];
    const r = await x.send(events, never);
    assert.deepEqual(r.kind === 'permanent' && r.indexes, [0]);
    const sent = (JSON.parse(v.requests[0]!.text) as Body).batch;
    assert.equal(sent.length, 1);
    assert.equal('operation' in sent[0]!, false);
  });
});

test('a 200 whose body says success:false is not delivery', async () => {
  await withVendor({ status: 200, body: '{"success":false}' }, async (v) => {
    const x = createSegmentExporter({ endpoint: v.url, credential: KEY });
    const r = await x.send([ev()], never);
    assert.equal(r.kind, 'retryable');
  });
});

test('status classification: 400/401 permanent, 413 too_large, 429 throttled, 5xx retryable', async () => {
  const cases: [FakeReply, string, number?][] = [
    [{ status: 400, body: '{"success":false}' }, 'permanent'],
    [{ status: 401 }, 'permanent'],
    [{ status: 413 }, 'too_large'],
    [{ status: 429, headers: { 'retry-after': '7' } }, 'throttled', 7000],
    [{ status: 500 }, 'retryable'],
    [{ status: 503 }, 'retryable'],
  ];
  for (const [reply, kind, wait] of cases) {
    await withVendor(reply, async (v) => {
      const x = createSegmentExporter({ endpoint: v.url, credential: KEY });
      const r = await x.send([ev(), ev()], never);
      assert.equal(r.kind, kind, `HTTP ${(reply as { status: number }).status}`);
      if (r.kind === 'throttled') assert.equal(r.retryAfterMs, wait);
      if (r.kind === 'permanent') assert.deepEqual(r.indexes, [0, 1]);
      assert.ok(!('message' in r) || !r.message.includes(KEY));
    });
  }
});

test('a vendor that never answers is a retryable timeout', async () => {
  await withVendor('hang', async (v) => {
    const x = createSegmentExporter({ endpoint: v.url, credential: KEY, timeoutMs: 150 });
    const r = await x.send([ev()], never);
    assert.equal(r.kind, 'retryable');
  });
});

test('round trip: the Segment receiver decodes what the exporter sends, fields intact', async () => {
  await withVendor(OK, async (v) => {
    const x = createSegmentExporter({ endpoint: `${v.url}/segment`, credential: KEY });
    const events = [
      ev({
        properties: { plan: 'pro', $os: 'Mac' },
        context: { ip: '10.0.0.0', library: { name: 'analytics.js', version: '1' } },
        integrations: { All: true },
        anonymousId: 'a-1',
      }),
      ev({ type: 'group', groupId: 'org', traits: { seats: 3 }, event: undefined }),
      ev({ type: 'alias', previousId: 'old', event: undefined }),
    ];
    assert.deepEqual(await x.send(events, never), { kind: 'ok' });
    const rec = v.requests[0]!;
    const receiver = createSegmentReceiver();
    const path = rec.path.slice('/segment'.length);
    const out = receiver.decode(
      receiver.route('POST', path)!,
      {
        method: 'POST',
        path,
        query: rec.query,
        headers: rec.headers,
        body: rec.body,
        clientIp: '127.0.0.1',
        receivedAt: rec.receivedAt,
      },
      DEFAULT_LIMITS,
    );
    assert.equal(out.kind, 'events');
    if (out.kind !== 'events') return;
    assert.equal(out.token, KEY);
    const back = out.events.map(({ event: { sentAt: _s, ...rest } }) => rest);
    const expected = events.map((e) => ({
      ...e,
      context: { ip: NO_IP, ...e.context },
    }));
    assert.deepEqual(back, expected);
  });
});
