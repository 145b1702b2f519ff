import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeVendor, type FakeReply, type FakeVendor } from '../../testing/fake-vendor.js';
import type { CanonicalEvent } from '../../pipeline/event.js';
import { AMPLITUDE_LIMITS, createAmplitudeExporter } from './index.js';
import type { Exporter, ExportResult } from '../types.js';

const KEY = 'dest-api-key-0001';
const json = (status: number, body: unknown, headers: Record<string, string> = {}): FakeReply => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
const OK = json(200, {
  code: 200,
  events_ingested: 1,
  payload_size_bytes: 1,
  server_upload_time: 1,
});

function ev(i: number, extra: Partial<CanonicalEvent> = {}): CanonicalEvent {
  return {
    type: 'track',
    event: 'E',
    userId: `u${i}`,
    messageId: `m-${i}`,
    timestamp: '2026-01-02T03:04:05.006Z',
    ...extra,
  };
}

async function withVendor(
  reply: FakeReply | ((n: number) => FakeReply),
  fn: (v: FakeVendor, x: Exporter) => Promise<void>,
  timeoutMs = 5000,
): Promise<void> {
  let n = 0;
  const v = await startFakeVendor({
    respond: () => (typeof reply === 'function' ? reply(++n) : reply),
  });
  const x = createAmplitudeExporter({ endpoint: `${v.url}/`, credential: KEY, timeoutMs });
  try {
    await fn(v, x);
  } finally {
    await x.close();
    await v.close();
  }
}

const signal = new AbortController().signal;
const bodies = (v: FakeVendor) =>
  v.requests.map(
    (r) =>
      JSON.parse(r.text) as {
        api_key: string;
        events: Record<string, unknown>[];
        options: unknown;
      },
  );

test('batching: at most maxEvents per request, POST /2/httpapi, api_key and min_id_length', async () => {
  await withVendor(OK, async (v, x) => {
    const events = Array.from({ length: 2300 }, (_, i) => ev(i));
    assert.deepEqual(await x.send(events, signal), { kind: 'ok' });
    const b = bodies(v);
    assert.deepEqual(
      b.map((r) => r.events.length),
      [1000, 1000, 300],
    );
    for (const r of v.requests) {
      assert.equal(r.method, 'POST');
      assert.equal(r.path, '/2/httpapi');
      assert.ok(r.body.length <= AMPLITUDE_LIMITS.maxBytes);
    }
    assert.ok(b.every((r) => r.api_key === KEY));
    assert.deepEqual(b[0]!.options, { min_id_length: 1 });
    const ids = b.flatMap((r) => r.events.map((e) => e.insert_id));
    assert.deepEqual(
      ids,
      events.map((e) => e.messageId),
      'insert_id is the messageId, in order',
    );
  });
});

test('batching: the byte limit splits large events; resends carry the same insert_id', async () => {
  await withVendor(OK, async (v, x) => {
    const big = 'x'.repeat(200 * 1024);
    const events = Array.from({ length: 5 }, (_, i) => ev(i, { properties: { big } }));
    assert.equal((await x.send(events, signal)).kind, 'ok');
    assert.ok(v.requests.length >= 3);
    for (const r of v.requests) assert.ok(r.body.length <= AMPLITUDE_LIMITS.maxBytes);
    await x.send(events, signal);
    const ids = bodies(v).flatMap((r) => r.events.map((e) => e.insert_id));
    assert.deepEqual(
      ids,
      [...events, ...events].map((e) => e.messageId),
    );
  });
});

test('a 200 whose body says 400 is permanent for the named events only', async () => {
  const body = {
    code: 400,
    error: 'Invalid field values',
    events_with_invalid_fields: { time: [1] },
  };
  await withVendor(json(200, body), async (_v, x) => {
    const r = await x.send([ev(0), ev(1), ev(2)], signal);
    assert.equal(r.kind, 'permanent');
    assert.deepEqual((r as Extract<ExportResult, { kind: 'permanent' }>).indexes, [1]);
  });
});

test('400 with missing-field indexes: permanent for those; indexes map back across chunks', async () => {
  const body = {
    code: 400,
    error: 'x',
    events_with_missing_fields: { event_type: [0, 999, 5000] },
  };
  await withVendor(json(400, body), async (_v, x) => {
    const r = await x.send(
      Array.from({ length: 1500 }, (_, i) => ev(i)),
      signal,
    );
    assert.equal(r.kind, 'permanent');
    // Chunk 1 (0..999) names 0 and 999; chunk 2 (1000..1499) names its own 0 → 1000.
    assert.deepEqual((r as Extract<ExportResult, { kind: 'permanent' }>).indexes, [0, 999, 1000]);
  });
});

test('400 with missing_field and 401: permanent for the whole batch; the key is never quoted', async () => {
  for (const [status, body] of [
    [400, { code: 400, error: 'Request missing required field', missing_field: 'api_key' }],
    [401, { code: 401, error: `Invalid API key: ${KEY}` }],
  ] as const) {
    await withVendor(json(status, body), async (_v, x) => {
      const r = await x.send([ev(0), ev(1)], signal);
      assert.equal(r.kind, 'permanent', String(status));
      const p = r as Extract<ExportResult, { kind: 'permanent' }>;
      assert.equal(p.status, status);
      assert.deepEqual(p.indexes, [0, 1]);
      assert.ok(!p.message.includes(KEY));
    });
  }
});

test('413 → too_large; a single event too large → permanent', async () => {
  await withVendor(json(413, { code: 413, error: 'Payload too large' }), async (_v, x) => {
    assert.equal((await x.send([ev(0), ev(1)], signal)).kind, 'too_large');
    const one = await x.send([ev(0)], signal);
    assert.equal(one.kind, 'permanent');
  });
});

test('429 → throttled: Retry-After seconds honoured, else 30 s', async () => {
  const body = {
    code: 429,
    error: 'Too many requests',
    throttled_events: [0],
    exceeded_daily_quota_users: { u0: 1 },
  };
  await withVendor(json(429, body, { 'retry-after': '7' }), async (_v, x) => {
    assert.deepEqual(await x.send([ev(0)], signal), {
      kind: 'throttled',
      retryAfterMs: 7000,
      message: 'HTTP 429: Too many requests',
    });
  });
  await withVendor(json(429, body), async (_v, x) => {
    const r = await x.send([ev(0)], signal);
    assert.equal(r.kind === 'throttled' && r.retryAfterMs, 30_000);
  });
});

test('500 and 503 → retryable; a 200 whose body says 503 too', async () => {
  for (const reply of [json(500, {}), json(503, { code: 503 }), json(200, { code: 503 })])
    await withVendor(reply, async (_v, x) => {
      assert.equal((await x.send([ev(0)], signal)).kind, 'retryable');
    });
});

test('timeout → retryable', async () => {
  await withVendor(
    'hang',
    async (v, x) => {
      const r = await x.send([ev(0)], signal);
      assert.equal(r.kind, 'retryable');
      assert.equal(v.requests.length, 1);
    },
    200,
  );
});

test('no IP unless context.ip survived: never "$remote", never via context.amplitude', async () => {
  await withVendor(OK, async (v, x) => {
    await x.send(
      [
        ev(0),
        ev(1, { context: { ip: '198.51.100.7' } }),
        ev(2, { context: { ip: '$remote', amplitude: { ip: '$remote', platform: 'Web' } } }),
      ],
      signal,
    );
    const [a, b, c] = bodies(v)[0]!.events;
    assert.ok(!('ip' in a!));
    assert.equal(b!.ip, '198.51.100.7');
    assert.ok(!('ip' in c!));
    assert.equal(c!.platform, 'Web');
    assert.ok(!v.requests[0]!.text.includes('$remote'));
  });
});

test('identify/group/alias: operations encode; alias is permanent for its index only', async () => {
  await withVendor(OK, async (v, x) => {
    const r = await x.send(
      [
        { type: 'identify', userId: 'u', messageId: 'a', operation: '$set_once', traits: { p: 1 } },
        { type: 'identify', userId: 'u', messageId: 'b', operation: '$unset', traits: { q: 1 } },
        {
          type: 'group',
          userId: 'u',
          messageId: 'c',
          groupType: 'org',
          groupId: 'acme',
          traits: { s: 2 },
        },
        { type: 'alias', userId: 'u', previousId: 'old', messageId: 'd' },
      ],
      signal,
    );
    assert.equal(r.kind, 'permanent');
    assert.deepEqual((r as Extract<ExportResult, { kind: 'permanent' }>).indexes, [3]);
    const [i1, i2, g] = bodies(v)[0]!.events;
    assert.deepEqual([i1!.event_type, i1!.user_properties], ['$identify', { $setOnce: { p: 1 } }]);
    assert.deepEqual(i2!.user_properties, { $unset: { q: '-' } });
    assert.deepEqual(
      [g!.event_type, g!.groups, g!.group_properties],
      ['$groupidentify', { org: 'acme' }, { $set: { s: 2 } }],
    );
  });
});
