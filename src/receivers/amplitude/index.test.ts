import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import type { IncomingHttpHeaders } from 'node:http';
import { createAmplitudeReceiver } from './index.js';
import { DEFAULT_LIMITS, type DecodeOutcome, type ReceiverRequest } from '../types.js';

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

test('routes: httpapi and batch with or without slash, replay; others undefined', () => {
  assert.equal(rx.route('POST', '/2/httpapi')?.name, 'amplitude.httpapi');
  assert.equal(rx.route('POST', '/2/httpapi/')?.name, 'amplitude.httpapi');
  assert.equal(rx.route('POST', '/batch')?.name, 'amplitude.batch');
  assert.equal(rx.route('POST', '/batch/')?.kind, 'events');
  assert.equal(rx.route('POST', '/sessions/v2/track')?.kind, 'replay');
  assert.equal(rx.route('POST', '/track'), undefined);
  assert.equal(rx.route('POST', '/'), undefined);
  assert.equal(rx.route('POST', '/__proto__'), undefined);
});

const FULL = {
  event_type: 'Song Played',
  user_id: 'user-1',
  device_id: 'dev-1',
  insert_id: 'ins-1',
  time: 1767322800123,
  event_properties: { song: 'x' },
  user_properties: { $set: { plan: 'pro' } },
  groups: { org: 'acme' },
  ip: '$remote',
  os_name: 'iOS',
  os_version: '17',
  device_model: 'iPhone',
  device_manufacturer: 'Apple',
  language: 'en-US',
  country: 'JP',
  region: 'Tokyo',
  city: 'Chiyoda',
  location_lat: 35.6,
  location_lng: 139.7,
  user_agent: 'UA/1',
  platform: 'iOS',
  session_id: 1767322800000,
  app_version: '2.1',
  event_id: 7,
  library: 'amplitude-node-ts/1.5.73',
};

test('decode: a full track event maps every field; api_key becomes the token', () => {
  const o = events(rx.decode(ROUTE, req({ api_key: 'KEY1', events: [FULL] }), DEFAULT_LIMITS));
  assert.equal(o.token, 'KEY1');
  assert.deepEqual(o.rejected, []);
  const e = o.events[0]!.event;
  assert.equal(e.type, 'track');
  assert.equal(e.event, 'Song Played');
  assert.equal(e.userId, 'user-1');
  assert.equal(e.anonymousId, 'dev-1');
  assert.equal(e.messageId, 'ins-1');
  assert.equal(e.timestamp, new Date(1767322800123).toISOString());
  assert.deepEqual(e.properties, { song: 'x' });
  assert.deepEqual(e.context, {
    ip: '203.0.113.9',
    userAgent: 'UA/1',
    locale: 'en-US',
    os: { name: 'iOS', version: '17' },
    device: { model: 'iPhone', manufacturer: 'Apple' },
    location: { country: 'JP', region: 'Tokyo', city: 'Chiyoda', latitude: 35.6, longitude: 139.7 },
    library: { name: 'amplitude-node-ts', version: '1.5.73' },
    traits: { plan: 'pro' },
    groups: { org: 'acme' },
    amplitude: { platform: 'iOS', session_id: 1767322800000, app_version: '2.1', event_id: 7 },
  });
  assert.ok(!JSON.stringify(o.events).includes('KEY1'), 'the api key is not in any event');
});

test('decode: no ip means no context.ip; an explicit ip is kept', () => {
  const o = events(
    rx.decode(
      ROUTE,
      req({
        api_key: 'k',
        events: [
          { event_type: 'a', user_id: 'u' },
          { event_type: 'b', user_id: 'u', ip: '198.51.100.1' },
        ],
      }),
      DEFAULT_LIMITS,
    ),
  );
  assert.equal(o.events[0]!.event.context?.ip, undefined);
  assert.equal(o.events[1]!.event.context?.ip, '198.51.100.1');
});

test('decode: missing insert_id and time get a UUID and the arrival time', () => {
  const o = events(
    rx.decode(
      ROUTE,
      req({
        api_key: 'k',
        events: [
          { event_type: 'a', device_id: 'd' },
          { event_type: 'a', device_id: 'd' },
        ],
      }),
      DEFAULT_LIMITS,
    ),
  );
  const [a, b] = o.events.map((d) => d.event);
  assert.match(a!.messageId!, /^[0-9a-f-]{36}$/);
  assert.notEqual(a!.messageId, b!.messageId);
  assert.equal(a!.timestamp, '2026-01-02T03:04:05.000Z');
});

test('decode: $identify splits into one identify per operation, in Amplitude order', () => {
  const body = {
    api_key: 'k',
    events: [
      {
        event_type: '$identify',
        user_id: 'u1',
        insert_id: 'id1',
        user_properties: {
          $add: { logins: 1 },
          $set: { name: 'N' },
          $setOnce: { first: 'x' },
          $unset: { old: '-' },
          $prepend: { tags: 'a' },
        },
      },
    ],
  };
  const o = events(rx.decode(ROUTE, req(body), DEFAULT_LIMITS));
  const got = o.events.map((d) => [
    d.event.type,
    d.event.operation,
    d.event.traits,
    d.event.messageId,
  ]);
  assert.deepEqual(got, [
    ['identify', '$unset', { old: '-' }, 'id1'],
    ['identify', '$set_once', { first: 'x' }, 'id1:1'],
    ['identify', '$set', { name: 'N' }, 'id1:2'],
    ['identify', '$add', { logins: 1 }, 'id1:3'],
  ]);
  // An operation without a canonical equivalent rides, once, on the first event.
  assert.deepEqual(o.events[0]!.event.context?.amplitude, {
    user_properties: { $prepend: { tags: 'a' } },
  });
  assert.equal(o.events[1]!.event.context?.amplitude, undefined);
});

test('decode: $groupidentify becomes group events with groupType and groupId', () => {
  const body = {
    api_key: 'k',
    events: [
      {
        event_type: '$groupidentify',
        device_id: 'd',
        groups: { org: ['acme', 'beta'] },
        group_properties: { $set: { size: 10 } },
      },
    ],
  };
  const o = events(rx.decode(ROUTE, req(body), DEFAULT_LIMITS));
  assert.deepEqual(
    o.events.map((d) => [
      d.event.type,
      d.event.groupType,
      d.event.groupId,
      d.event.operation,
      d.event.traits,
    ]),
    [
      ['group', 'org', 'acme', '$set', { size: 10 }],
      ['group', 'org', 'beta', '$set', { size: 10 }],
    ],
  );
});

test('decode: invalid events are rejected by index, valid ones kept, no values quoted', () => {
  const body = {
    api_key: 'k',
    events: [
      { event_type: 'ok', user_id: 'u' },
      { event_type: 'no-identity-secret-value' },
      'not an object',
      { event_type: 'bad time', user_id: 'u', time: 'yesterday-secret' },
      { event_type: '$groupidentify', user_id: 'u' },
    ],
  };
  const o = events(rx.decode(ROUTE, req(body), DEFAULT_LIMITS));
  assert.equal(o.events.length, 1);
  assert.deepEqual(
    o.rejected.map((r) => r.index),
    [1, 2, 3, 4],
  );
  assert.ok(o.rejected.every((r) => r.problems.length > 0));
  assert.ok(!JSON.stringify(o.rejected).includes('secret'));
});

test('decode: gzip (magic bytes) and deflate bodies; /batch route', () => {
  const json = JSON.stringify({ api_key: 'k', events: [{ event_type: 'z', user_id: 'u' }] });
  const batch = rx.route('POST', '/batch/')!;
  const g = events(
    rx.decode(
      batch,
      req(gzipSync(json), { headers: { 'content-type': 'text/plain' } }),
      DEFAULT_LIMITS,
    ),
  );
  assert.equal(g.events[0]!.event.event, 'z');
});

test('decode: missing api_key yields token undefined (the host answers 401)', () => {
  const o = events(
    rx.decode(ROUTE, req({ events: [{ event_type: 'a', user_id: 'u' }] }), DEFAULT_LIMITS),
  );
  assert.equal(o.token, undefined);
});

test('replay route is a side request with the bearer token and device id', () => {
  const route = rx.route('POST', '/sessions/v2/track')!;
  const o = rx.decode(
    route,
    req('x', {
      query: new URLSearchParams('device_id=dev9'),
      headers: { authorization: 'Bearer KEY9' },
    }),
    DEFAULT_LIMITS,
  );
  assert.deepEqual(o, { kind: 'side', token: 'KEY9', distinctId: 'dev9' });
});

test('answers: accepted is exactly the HTTP V2 success body', () => {
  const r = req({ api_key: 'k', events: [] });
  const a = rx.accepted(ROUTE, r, 3);
  assert.equal(a.status, 200);
  assert.deepEqual(JSON.parse(a.body), {
    code: 200,
    events_ingested: 3,
    payload_size_bytes: r.body.length,
    server_upload_time: r.receivedAt,
  });
  assert.deepEqual(Object.keys(JSON.parse(a.body)), [
    'code',
    'events_ingested',
    'payload_size_bytes',
    'server_upload_time',
  ]);
});

test('answers: refusals carry code = status; overload is 429 with Retry-After', () => {
  const r = req('');
  const over = rx.refused(ROUTE, r, 'overloaded', 'outbox full', 7);
  assert.equal(over.status, 429);
  assert.equal(over.headers['retry-after'], '7');
  const ob = JSON.parse(over.body);
  assert.equal(ob.code, 429);
  assert.ok(ob.throttled_events.includes(0) && ob.throttled_events.includes(1999));
  const cases: [Parameters<typeof rx.refused>[2], number][] = [
    ['unauthorized', 401],
    ['too_large', 413],
    ['too_many_events', 413],
    ['bad_json', 400],
    ['too_deep', 400],
    ['not_found', 404],
    ['method_not_allowed', 405],
  ];
  for (const [code, status] of cases) {
    const a = rx.refused(ROUTE, r, code, 'm');
    assert.equal(a.status, status, code);
    assert.equal(JSON.parse(a.body).code, status, code);
  }
  assert.match(
    JSON.parse(rx.refused(ROUTE, r, 'unauthorized', 'x').body).error,
    /^Invalid API key/,
  );
  assert.equal(JSON.parse(rx.refused(ROUTE, r, 'bad_json', 'x').body).missing_field, 'events');
});

test('answers: flags is an empty object, replay refusal a non-retried 4xx', () => {
  const r = req('');
  const f = rx.flags(ROUTE, r);
  assert.equal(f.status, 200);
  assert.deepEqual(JSON.parse(f.body), {});
  const p = rx.replayRefused(rx.route('POST', '/sessions/v2/track')!, r);
  assert.ok(p.status >= 400 && p.status < 500 && p.status !== 408 && p.status !== 429);
});
