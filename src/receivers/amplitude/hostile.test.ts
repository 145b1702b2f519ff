// Hostile input: every refusal is an error outcome with the right code, never a throw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import type { IncomingHttpHeaders } from 'node:http';
import { createAmplitudeReceiver } from './index.js';
import { DEFAULT_LIMITS, type DecodeOutcome, type Limits, type ReceiverRequest } from '../types.js';

const rx = createAmplitudeReceiver();
const ROUTE = rx.route('POST', '/2/httpapi')!;

function req(body: Buffer | string | object, over: Partial<ReceiverRequest> = {}): ReceiverRequest {
  const buf = Buffer.isBuffer(body)
    ? body
    : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  return {
    method: 'POST',
    path: '/2/httpapi',
    query: new URLSearchParams(),
    headers: { 'content-type': 'application/json' } as IncomingHttpHeaders,
    body: buf,
    clientIp: '203.0.113.9',
    receivedAt: Date.UTC(2026, 0, 2, 3, 4, 5),
    ...over,
  };
}

function events(o: DecodeOutcome) {
  assert.equal(o.kind, 'events', JSON.stringify(o));
  return o as Extract<DecodeOutcome, { kind: 'events' }>;
}

function errorCode(o: DecodeOutcome): string {
  assert.equal(o.kind, 'error');
  return (o as Extract<DecodeOutcome, { kind: 'error' }>).code;
}

const HOSTILE: [string, ReceiverRequest, string, Limits?][] = [
  ['bad JSON', req('{"api_key":'), 'bad_json'],
  ['truncated gzip', req(gzipSync('{"api_key":"k","events":[]}').subarray(0, 12)), 'bad_gzip'],
  [
    'gzip bomb',
    req(gzipSync(Buffer.alloc(4096, 0x20))),
    'too_large',
    { ...DEFAULT_LIMITS, maxDecompressedBytes: 1024 },
  ],
  [
    'deep nesting',
    req(`{"api_key":"k","events":[${'['.repeat(100)}${']'.repeat(100)}]}`),
    'too_deep',
  ],
  ['not an object', req('[1,2]'), 'bad_request'],
  ['events not an array', req({ api_key: 'k', events: {} }), 'bad_request'],
  ['invalid UTF-8', req(Buffer.from([0x7b, 0xff, 0x7d])), 'bad_request'],
  ['GET', req({ api_key: 'k', events: [] }, { method: 'GET' }), 'method_not_allowed'],
  [
    'too many events',
    req({
      api_key: 'k',
      events: Array.from({ length: 3 }, () => ({ event_type: 'a', user_id: 'u' })),
    }),
    'too_many_events',
    { ...DEFAULT_LIMITS, maxEventsPerRequest: 2 },
  ],
];

for (const [name, r, code, limits] of HOSTILE)
  test(`hostile input: ${name} → ${code}, no throw`, () => {
    assert.equal(errorCode(rx.decode(ROUTE, r, limits ?? DEFAULT_LIMITS)), code);
  });

test('hostile input: __proto__ keys are stripped, nothing polluted', () => {
  const text =
    '{"api_key":"k","__proto__":{"polluted":1},"events":[{"event_type":"a","user_id":"u",' +
    '"event_properties":{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"ok":1}}]}';
  const o = events(rx.decode(ROUTE, req(text), DEFAULT_LIMITS));
  assert.deepEqual(o.events[0]!.event.properties, { ok: 1 });
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});
