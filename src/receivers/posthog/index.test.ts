import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { createPosthogReceiver } from './index.js';
import { decode, eventsOf, request } from './test-request.js';

const receiver = createPosthogReceiver();
const TOKEN = 'phc_test';
const UUID = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const pageview = {
  event: '$pageview',
  uuid: UUID,
  timestamp: '2024-05-06T07:08:09.010Z',
  properties: {
    token: TOKEN,
    distinct_id: 'user-1',
    $current_url: 'https://app.example/a?b=1',
    $referrer: '$direct',
    $pathname: '/a',
    $lib: 'web',
    $lib_version: '1.2.3',
    $raw_user_agent: 'Mozilla/5.0',
    $browser: 'Chrome',
  },
};

describe('posthog routes', () => {
  it('matches every capture, replay, flags and config path with and without slash', () => {
    const cases: [string, string, string][] = [
      ['/e', 'events', 'posthog.capture'],
      ['/e/', 'events', 'posthog.capture'],
      ['/i/v0/e/', 'events', 'posthog.capture'],
      ['/capture/', 'events', 'posthog.capture'],
      ['/track', 'events', 'posthog.capture'],
      ['/engage/', 'events', 'posthog.engage'],
      ['/batch/', 'events', 'posthog.batch'],
      ['/s/', 'replay', 'posthog.replay'],
      ['/flags/', 'flags', 'posthog.flags'],
      ['/decide', 'flags', 'posthog.flags'],
      ['/array/phc_x/config', 'flags', 'posthog.config'],
      ['/array/phc_x/config.js', 'flags', 'posthog.config_js'],
    ];
    for (const [path, kind, name] of cases)
      assert.deepEqual(receiver.route('POST', path), { vendor: 'posthog', kind, name }, path);
    for (const path of ['/', '/x', '/e/x', '/array/config', '/__proto__', 'constructor'])
      assert.equal(receiver.route('POST', path), undefined, path);
  });

  it('refuses a method the route does not take', () => {
    const o = decode(request('GET', '/batch/'));
    assert.equal(o.kind === 'error' && o.code, 'method_not_allowed');
  });
});

describe('posthog encodings', () => {
  const json = JSON.stringify([pageview]);
  const b64 = Buffer.from(json).toString('base64');
  const cases: [string, ReturnType<typeof request>][] = [
    ['plain JSON', request('POST', '/e/', json, { 'content-type': 'application/json' })],
    [
      'gzip as text/plain',
      request('POST', '/e/', gzipSync(json), { 'content-type': 'text/plain' }),
    ],
    [
      'base64 form',
      request('POST', '/e/?compression=base64', `data=${encodeURIComponent(b64)}`, {
        'content-type': 'application/x-www-form-urlencoded',
      }),
    ],
    ['base64 form with raw +', request('POST', '/e/', `data=${b64}`)],
    ['JSON form', request('POST', '/e/', `data=${encodeURIComponent(json)}`)],
    ['GET data', request('GET', `/e/?data=${encodeURIComponent(b64)}`)],
    ['single object', request('POST', '/i/v0/e/', JSON.stringify(pageview))],
    ['batch envelope', request('POST', '/batch/', JSON.stringify({ batch: [pageview] }))],
  ];
  for (const [name, req] of cases)
    it(`decodes ${name}`, () => {
      const o = eventsOf(decode(req));
      assert.equal(o.token, TOKEN);
      assert.equal(o.events.length, 1);
      assert.equal(o.events[0]!.event.type, 'page');
      assert.equal(o.events[0]!.event.messageId, UUID);
    });
});

describe('posthog event mapping', () => {
  const one = (body: unknown, path = '/batch/') =>
    eventsOf(decode(request('POST', path, JSON.stringify(body))));

  it('maps a pageview: page context, library, user agent, token removed, IP from request', () => {
    const { events } = one([pageview], '/e/');
    const e = events[0]!.event;
    assert.equal(e.userId, 'user-1');
    assert.equal(e.anonymousId, undefined);
    assert.equal(e.timestamp, '2024-05-06T07:08:09.010Z');
    assert.deepEqual(e.context, {
      page: { url: 'https://app.example/a?b=1', referrer: '$direct', path: '/a' },
      userAgent: 'Mozilla/5.0',
      library: { name: 'web', version: '1.2.3' },
      ip: '203.0.113.7',
    });
    assert.deepEqual(e.properties, { $browser: 'Chrome' });
    assert.ok(!JSON.stringify(e).includes(TOKEN));
  });

  it('takes $ip over the request address and none with $geoip_disable', () => {
    const base = { event: 'x', distinct_id: 'u' };
    const [a] = one([{ ...base, properties: { $ip: '198.51.100.1' } }]).events;
    assert.equal(a!.event.context?.ip, '198.51.100.1');
    const [b] = one([{ ...base, properties: { $geoip_disable: true } }]).events;
    assert.equal(b!.event.context?.ip, undefined);
    assert.equal(b!.event.properties?.$geoip_disable, undefined);
  });

  it('treats distinct_id as anonymous when it equals $device_id or $is_identified is false', () => {
    const { events } = one([
      { event: 'a', distinct_id: 'd1', properties: { $device_id: 'd1' } },
      { event: 'b', distinct_id: 'd2', properties: { $is_identified: false } },
      { event: 'c', distinct_id: 'u3', properties: { $device_id: 'd3' } },
    ]);
    assert.deepEqual(
      events.map((d) => [d.event.userId, d.event.anonymousId]),
      [
        [undefined, 'd1'],
        [undefined, 'd2'],
        ['u3', 'd3'],
      ],
    );
  });

  it('maps $screen, $groupidentify, $create_alias and custom events', () => {
    const { events } = one([
      { event: '$screen', distinct_id: 'u', properties: { $screen_name: 'Home' } },
      {
        event: '$groupidentify',
        distinct_id: 'u',
        properties: { $group_type: 'org', $group_key: 42, $group_set: { plan: 'pro' } },
      },
      { event: '$create_alias', distinct_id: 'u', properties: { alias: 'old-id' } },
      { event: 'clicked', distinct_id: 'u', $set: { email: 'a@b.c' }, properties: { n: 1 } },
    ]);
    const [screen, group, alias, track] = events.map((d) => d.event);
    assert.deepEqual([screen!.type, screen!.name], ['screen', 'Home']);
    assert.deepEqual([group!.type, group!.groupType, group!.groupId], ['group', 'org', '42']);
    assert.deepEqual(group!.traits, { plan: 'pro' });
    assert.deepEqual([alias!.type, alias!.userId, alias!.previousId], ['alias', 'u', 'old-id']);
    assert.deepEqual([track!.type, track!.event], ['track', 'clicked']);
    assert.deepEqual(track!.properties, { n: 1, $set: { email: 'a@b.c' } });
  });

  it('splits an $identify with $set and $set_once into two identify events with stable ids', () => {
    const ev = {
      event: '$identify',
      distinct_id: 'u',
      uuid: UUID,
      $set: { email: 'a@b.c' },
      properties: { $set_once: { first: '2024' }, $anon_distinct_id: 'anon' },
    };
    const first = one([ev]).events.map((d) => d.event);
    const again = one([ev]).events.map((d) => d.event);
    assert.deepEqual(
      first.map((e) => [e.type, e.operation, e.traits]),
      [
        ['identify', '$set', { email: 'a@b.c' }],
        ['identify', '$set_once', { first: '2024' }],
      ],
    );
    assert.equal(first[0]!.messageId, UUID);
    assert.notEqual(first[1]!.messageId, UUID);
    assert.equal(first[1]!.messageId, again[1]!.messageId);
    assert.deepEqual(first[0]!.properties, { $anon_distinct_id: 'anon' });
  });

  it('generates a messageId when uuid is absent and fills the timestamp from offset', () => {
    const { events } = one([{ event: 'x', distinct_id: 'u', offset: 1000 }]);
    assert.match(events[0]!.event.messageId!, /^[0-9a-f-]{36}$/);
    assert.equal(events[0]!.event.timestamp, '2024-01-02T03:04:04.000Z');
  });

  it('converts epoch seconds and milliseconds', () => {
    const { events } = one([
      { event: 'x', distinct_id: 'u', timestamp: 1_700_000_000 },
      { event: 'x', distinct_id: 'u', timestamp: 1_700_000_000_123 },
    ]);
    assert.equal(events[0]!.event.timestamp, '2023-11-14T22:13:20.000Z');
    assert.equal(events[1]!.event.timestamp, '2023-11-14T22:13:20.123Z');
  });

  it('keeps unknown top-level fields under context.posthog', () => {
    const { events } = one([{ event: 'x', distinct_id: 'u', $session_thing: 1 }]);
    assert.deepEqual(events[0]!.event.context?.posthog, { $session_thing: 1 });
  });

  it('rejects invalid events by index without values in the problems', () => {
    const o = one([{ event: 'x' }, 'nope', { event: 'ok', distinct_id: 'u', timestamp: 'secret' }]);
    assert.equal(o.events.length, 0);
    assert.deepEqual(
      o.rejected.map((r) => r.index),
      [0, 1, 2],
    );
    assert.ok(!JSON.stringify(o.rejected).includes('secret'));
  });
});

describe('posthog side channels', () => {
  it('reads token and distinct_id of a flags request (JSON, base64) and a config path', () => {
    const body = JSON.stringify({ token: TOKEN, distinct_id: 'u-9', groups: {} });
    for (const req of [
      request('POST', '/flags/?v=2', body),
      request(
        'POST',
        '/flags/?v=2&compression=base64',
        `data=${Buffer.from(body).toString('base64')}`,
      ),
    ])
      assert.deepEqual(decode(req), { kind: 'side', token: TOKEN, distinctId: 'u-9' });
    assert.deepEqual(decode(request('GET', '/array/phc_abc/config')), {
      kind: 'side',
      token: 'phc_abc',
    });
  });

  it('reads the token of a replay upload', () => {
    const body = JSON.stringify([
      { event: '$snapshot', properties: { token: TOKEN, distinct_id: 'u' } },
    ]);
    assert.deepEqual(decode(request('POST', '/s/', gzipSync(body))), {
      kind: 'side',
      token: TOKEN,
      distinctId: 'u',
    });
  });
});

describe('posthog answers', () => {
  const req = request('POST', '/e/');
  const route = receiver.route('POST', '/e/')!;
  it('accepts with exactly 200 {"status":1}', () => {
    const a = receiver.accepted(route, req, 3);
    assert.deepEqual([a.status, JSON.parse(a.body)], [200, { status: 1 }]);
  });
  it('refuses: overload 503 + Retry-After, 401, 413, 400', () => {
    const o = receiver.refused(route, req, 'overloaded', 'busy', 7);
    assert.deepEqual([o.status, o.headers['retry-after']], [503, '7']);
    assert.equal(receiver.refused(route, req, 'unauthorized', 'no').status, 401);
    assert.equal(receiver.refused(route, req, 'too_large', 'big').status, 413);
    assert.equal(receiver.refused(route, req, 'bad_json', 'bad').status, 400);
    assert.equal(receiver.refused(undefined, req, 'not_found', 'x').status, 404);
  });
  it('answers flags, config and config.js locally with nothing enabled', () => {
    const flags = receiver.flags(receiver.route('POST', '/flags/')!, req);
    const f = JSON.parse(flags.body);
    assert.deepEqual(
      [flags.status, f.flags, f.featureFlags, f.errorsWhileComputingFlags],
      [200, {}, {}, false],
    );
    const config = receiver.flags(receiver.route('GET', '/array/phc_a/config')!, req);
    assert.equal(JSON.parse(config.body).hasFeatureFlags, false);
    const jsReq = request('GET', '/array/phc_a/config.js');
    const js = receiver.flags(receiver.route('GET', jsReq.path)!, jsReq);
    assert.match(js.body, /_POSTHOG_REMOTE_CONFIG\["phc_a"\]/);
    const evil = request('GET', '/array/%22%3Balert(1)%2F%2F/config.js');
    assert.equal(receiver.flags(receiver.route('GET', evil.path)!, evil).body, '');
  });
  it('refuses replay with a 4xx that marks recordings quota limited', () => {
    const r = receiver.replayRefused(receiver.route('POST', '/s/')!, req);
    assert.ok(r.status >= 400 && r.status < 500);
    assert.deepEqual(JSON.parse(r.body).quota_limited, ['recordings']);
  });
});
