import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import type { IncomingHttpHeaders } from 'node:http';
import { createSegmentReceiver } from './index.js';
import { DEFAULT_LIMITS, type DecodeOutcome, type Limits, type ReceiverRequest } from '../types.js';

const receiver = createSegmentReceiver();
const KEY = 'wk_test_123';
const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
const RECEIVED = Date.parse('2026-01-02T03:04:05.678Z');

function request(
  path: string,
  body: Buffer | string | object,
  headers: IncomingHttpHeaders = { authorization: basic(KEY), 'content-type': 'application/json' },
  method = 'POST',
): ReceiverRequest {
  const buf = Buffer.isBuffer(body)
    ? body
    : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  return {
    method,
    path,
    query: new URLSearchParams(),
    headers,
    body: buf,
    clientIp: '203.0.113.9',
    receivedAt: RECEIVED,
  };
}

function decode(req: ReceiverRequest, limits: Limits = DEFAULT_LIMITS): DecodeOutcome {
  const route = receiver.route(req.method, req.path);
  assert.ok(route, `no route for ${req.path}`);
  return receiver.decode(route, req, limits);
}

function events(out: DecodeOutcome) {
  assert.equal(out.kind, 'events', JSON.stringify(out));
  if (out.kind !== 'events') throw new Error('unreachable');
  return out;
}

function errorCode(out: DecodeOutcome): string {
  assert.equal(out.kind, 'error');
  return out.kind === 'error' ? out.code : '';
}

const SINGLE: Record<string, string> = {
  '/v1/track': 'track',
  '/v1/identify': 'identify',
  '/v1/page': 'page',
  '/v1/screen': 'screen',
  '/v1/group': 'group',
  '/v1/alias': 'alias',
  '/v1/t': 'track',
  '/v1/i': 'identify',
  '/v1/p': 'page',
  '/v1/s': 'screen',
  '/v1/g': 'group',
  '/v1/a': 'alias',
};

test('every single-event route decodes one event of its type, trailing slash optional', () => {
  for (const [path, type] of Object.entries(SINGLE)) {
    for (const p of [path, `${path}/`]) {
      const out = events(
        decode(
          request(p, {
            userId: 'u1',
            event: 'Clicked',
            groupId: 'g1',
            previousId: 'old',
            type: 'bogus',
          }),
        ),
      );
      assert.equal(out.events.length, 1, p);
      assert.equal(out.events[0]!.event.type, type, p);
      assert.equal(out.token, KEY);
    }
  }
});

test('batch routes take {batch:[…]} and merge batch-level context and integrations', () => {
  for (const path of ['/v1/batch', '/v1/b', '/b', '/v1/import', '/b/']) {
    const out = events(
      decode(
        request(
          path,
          {
            writeKey: KEY,
            sentAt: '2026-01-02T03:04:00.000Z',
            context: { locale: 'en-US', library: { name: 'batch' } },
            integrations: { All: true },
            batch: [
              {
                type: 'track',
                event: 'A',
                anonymousId: 'a1',
                context: { library: { name: 'own' } },
              },
              {
                type: 'identify',
                userId: 42,
                traits: { plan: 'pro' },
                integrations: { All: false },
              },
            ],
          },
          { 'content-type': 'text/plain' },
        ),
      ),
    );
    assert.equal(out.token, KEY, path);
    assert.equal(out.events.length, 2);
    const [a, b] = out.events.map((d) => d.event);
    assert.deepEqual(a!.context, { locale: 'en-US', library: { name: 'own' } });
    assert.deepEqual(a!.integrations, { All: true });
    assert.equal(a!.sentAt, '2026-01-02T03:04:00.000Z');
    assert.equal(b!.userId, '42');
    assert.deepEqual(b!.integrations, { All: false });
    assert.deepEqual(b!.context, { locale: 'en-US', library: { name: 'batch' } });
  }
});

test('messageId is kept, or generated as a UUID v4 when absent', () => {
  const out = events(
    decode(
      request('/v1/batch', {
        batch: [
          { type: 'track', event: 'A', userId: 'u', messageId: 'keep-me' },
          { type: 'track', event: 'B', userId: 'u' },
          { type: 'track', event: 'C', userId: 'u', messageId: '' },
        ],
      }),
    ),
  );
  const ids = out.events.map((d) => d.event.messageId);
  assert.equal(ids[0], 'keep-me');
  assert.match(ids[1]!, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.match(ids[2]!, /^[0-9a-f-]{36}$/);
  assert.notEqual(ids[1], ids[2]);
});

test('timestamps become ISO UTC; a missing one is the arrival time', () => {
  const out = events(
    decode(
      request('/v1/batch', {
        batch: [
          { type: 'track', event: 'A', userId: 'u', timestamp: '2026-01-02T12:00:00+09:00' },
          { type: 'track', event: 'B', userId: 'u', timestamp: 1767322800 },
          { type: 'track', event: 'C', userId: 'u', timestamp: 1767322800123 },
          { type: 'track', event: 'D', userId: 'u' },
        ],
      }),
    ),
  );
  assert.deepEqual(
    out.events.map((d) => d.event.timestamp),
    [
      '2026-01-02T03:00:00.000Z',
      '2026-01-02T03:00:00.000Z',
      '2026-01-02T03:00:00.123Z',
      new Date(RECEIVED).toISOString(),
    ],
  );
});

test('the write key is taken from Basic auth, the body, or an event, and removed from events', () => {
  const noAuth = { 'content-type': 'application/json' };
  const fromBody = events(
    decode(request('/v1/track', { writeKey: 'body-key', event: 'A', userId: 'u' }, noAuth)),
  );
  assert.equal(fromBody.token, 'body-key');
  assert.equal('writeKey' in fromBody.events[0]!.event, false);
  const fromEvent = events(
    decode(
      request(
        '/v1/batch',
        { batch: [{ type: 'track', event: 'A', userId: 'u', writeKey: 'ev-key' }] },
        noAuth,
      ),
    ),
  );
  assert.equal(fromEvent.token, 'ev-key');
  assert.equal('writeKey' in fromEvent.events[0]!.event, false);
  const none = events(decode(request('/v1/track', { event: 'A', userId: 'u' }, noAuth)));
  assert.equal(none.token, undefined);
});

test('an event carrying another write key than the request is rejected, not relabelled', () => {
  const out = events(
    decode(
      request('/v1/batch', {
        batch: [
          { type: 'track', event: 'A', userId: 'u', writeKey: 'other-key' },
          { type: 'track', event: 'B', userId: 'u', writeKey: KEY },
        ],
      }),
    ),
  );
  assert.equal(out.events.length, 1);
  assert.equal(out.events[0]!.event.event, 'B');
  assert.equal(out.rejected[0]!.index, 0);
  assert.ok(!JSON.stringify(out.rejected).includes('other-key'));
});

test('invalid events are rejected by index with dotted paths and no values', () => {
  const out = events(
    decode(
      request('/v1/batch', {
        batch: [
          { type: 'track', userId: 'secret@example.com' },
          'not an object',
          { type: 'track', event: 'ok', anonymousId: 'a' },
          { type: 'nonsense', userId: 'u' },
          { type: 'track', event: 'x' },
          { type: 'track', event: 'x', userId: 'u', messageId: { no: 1 } },
        ],
      }),
    ),
  );
  assert.equal(out.events.length, 1);
  assert.deepEqual(
    out.rejected.map((r) => r.index),
    [0, 1, 3, 4, 5],
  );
  assert.ok(out.rejected[0]!.problems.some((p) => p.startsWith('event:')));
  assert.ok(out.rejected[3]!.problems.some((p) => p.startsWith('userId:')));
  assert.ok(!JSON.stringify(out.rejected).includes('secret@example.com'));
});

test('gzip bodies (magic bytes or Content-Encoding) decode like plain ones', () => {
  const body = gzipSync(JSON.stringify({ batch: [{ type: 'page', name: 'Home', userId: 'u' }] }));
  const out = events(
    decode(request('/v1/batch', body, { authorization: basic(KEY), 'content-encoding': 'gzip' })),
  );
  assert.equal(out.events[0]!.event.type, 'page');
  assert.equal(out.events[0]!.event.name, 'Home');
});

test('hostile bodies give the right error code and never throw', () => {
  const big = gzipSync(Buffer.alloc(4096, 0x20));
  const tiny: Limits = { ...DEFAULT_LIMITS, maxDecompressedBytes: 1024 };
  const good = gzipSync('{"batch":[]}');
  let deep = '{"type":"track","event":"x","userId":"u","properties":';
  for (let i = 0; i < 40; i++) deep += '{"a":';
  deep += '1' + '}'.repeat(40) + '}';
  const cases: [ReceiverRequest, string, Limits?][] = [
    [request('/v1/track', '{"event":'), 'bad_json'],
    [request('/v1/track', Buffer.from([0xff, 0xfe, 0x7b])), 'bad_request'],
    [request('/v1/batch', good.subarray(0, good.length - 6)), 'bad_gzip'],
    [request('/v1/batch', big), 'too_large', tiny],
    [request('/v1/track', deep), 'too_deep'],
    [request('/v1/batch', '[1,2]'), 'bad_request'],
    [request('/v1/batch', '{"batch":{"type":"track"}}'), 'bad_request'],
    [request('/v1/track', '"just a string"'), 'bad_request'],
    [request('/v1/track', '{}', undefined, 'GET'), 'method_not_allowed'],
    [request('/v1/batch', 'x', { 'content-encoding': 'br' }), 'bad_request'],
  ];
  for (const [req, code, limits] of cases) assert.equal(errorCode(decode(req, limits)), code);
});

test('more events than the limit → too_many_events', () => {
  const batch = Array.from({ length: 11 }, () => ({ type: 'track', event: 'e', userId: 'u' }));
  const out = decode(request('/v1/batch', { batch }), {
    ...DEFAULT_LIMITS,
    maxEventsPerRequest: 10,
  });
  assert.equal(errorCode(out), 'too_many_events');
  const ok = decode(request('/v1/batch', { batch: batch.slice(1) }), {
    ...DEFAULT_LIMITS,
    maxEventsPerRequest: 10,
  });
  assert.equal(events(ok).events.length, 10);
});

test('__proto__ / constructor keys are stripped and pollute nothing', () => {
  const text =
    '{"batch":[{"type":"track","event":"e","userId":"u","__proto__":{"polluted":1},' +
    '"properties":{"constructor":{"prototype":{"x":1}},"__proto__":{"y":2},"ok":1}}]}';
  const out = events(decode(request('/v1/batch', text)));
  const ev = out.events[0]!.event;
  assert.deepEqual(ev.properties, { ok: 1 });
  assert.equal(Object.prototype.hasOwnProperty.call(ev, '__proto__'), false);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(Object.getPrototypeOf(ev), Object.prototype);
});

test('unknown paths have no route', () => {
  for (const p of ['/v1/unknown', '/track', '/v2/batch', '/', '/v1/batch//']) {
    assert.equal(receiver.route('POST', p), undefined, p);
  }
});
