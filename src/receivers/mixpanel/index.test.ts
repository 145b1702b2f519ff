import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { DEFAULT_LIMITS, type DecodeOutcome, type ReceiverRequest } from '../types.js';
import { createMixpanelReceiver } from './index.js';

const rx = createMixpanelReceiver();
const TOKEN = 'proj-token-1';

function req(path: string, init: Partial<ReceiverRequest> & { q?: string } = {}): ReceiverRequest {
  return {
    method: 'POST',
    path,
    query: new URLSearchParams(init.q ?? ''),
    headers: {},
    body: Buffer.alloc(0),
    clientIp: '203.0.113.9',
    receivedAt: 0,
    ...init,
  };
}

function decode(r: ReceiverRequest, limits = DEFAULT_LIMITS): DecodeOutcome {
  const route = rx.route(r.method, r.path);
  assert.ok(route, `no route for ${r.path}`);
  return rx.decode(route, r, limits);
}

function events(o: DecodeOutcome) {
  assert.equal(o.kind, 'events', JSON.stringify(o));
  return o.kind === 'events' ? o : assert.fail();
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64');
const form = (data: string) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: Buffer.from(`data=${encodeURIComponent(data)}`),
});

const browserEvent = {
  event: 'Signed Up',
  properties: {
    $os: 'Mac OS X',
    $browser: 'Chrome',
    $current_url: 'https://app.example/signup?x=1',
    $referrer: 'https://ref.example/',
    $browser_version: 120,
    $screen_height: 900,
    mp_lib: 'web',
    $lib_version: '2.83.0',
    $insert_id: 'abcdef0123456789',
    time: 1_700_000_000.123,
    distinct_id: '$device:dev-1',
    $device_id: 'dev-1',
    token: TOKEN,
    plan: 'pro',
  },
};

describe('mixpanel receiver: routes', () => {
  it('matches every route with and without trailing slash, and nothing else', () => {
    for (const [p, name] of [
      ['/track', 'mixpanel.track'],
      ['/track/', 'mixpanel.track'],
      ['/engage/', 'mixpanel.engage'],
      ['/groups', 'mixpanel.groups'],
      ['/import', 'mixpanel.import'],
      ['/decide', 'mixpanel.decide'],
      ['/flags/', 'mixpanel.flags'],
      ['/flags/definitions', 'mixpanel.flags_definitions'],
      ['/settings/', 'mixpanel.settings'],
      ['/record/', 'mixpanel.record'],
    ] as const)
      assert.equal(rx.route('POST', p)?.name, name, p);
    assert.equal(rx.route('GET', '/nope'), undefined);
    assert.equal(rx.route('GET', '/toString'), undefined);
    assert.equal(rx.route('GET', '/track//'), undefined);
  });

  it('refuses a wrong method as method_not_allowed', () => {
    const o = decode(req('/track/', { method: 'PUT' }));
    assert.equal(o.kind === 'error' && o.code, 'method_not_allowed');
  });
});

describe('mixpanel receiver: decoding', () => {
  it('decodes a browser batch (base64 form, ip=1) into canonical events', () => {
    const o = events(
      decode(req('/track/', { q: 'ip=1&_=1700000000000', ...form(b64([browserEvent])) })),
    );
    assert.equal(o.token, TOKEN);
    assert.deepEqual(o.rejected, []);
    const e = o.events[0]!.event;
    assert.equal(e.type, 'track');
    assert.equal(e.event, 'Signed Up');
    assert.equal(e.anonymousId, 'dev-1');
    assert.equal(e.userId, undefined);
    assert.equal(e.messageId, 'abcdef0123456789');
    assert.equal(e.timestamp, '2023-11-14T22:13:20.123Z');
    assert.equal(e.context?.ip, '203.0.113.9');
    assert.deepEqual(e.context?.page, {
      url: 'https://app.example/signup?x=1',
      referrer: 'https://ref.example/',
    });
    assert.deepEqual(e.context?.library, { name: 'web', version: '2.83.0' });
    assert.deepEqual(e.properties, {
      $os: 'Mac OS X',
      $browser: 'Chrome',
      $browser_version: 120,
      $screen_height: 900,
      plan: 'pro',
    });
  });

  it('decodes raw JSON in data=, a JSON body, GET data=, gzip and NDJSON', () => {
    const ev = {
      event: 'x',
      properties: { token: TOKEN, distinct_id: 'u1', time: 1_700_000_000_000 },
    };
    const cases: ReceiverRequest[] = [
      req('/track', form(JSON.stringify([ev]))),
      req('/track', {
        headers: { 'content-type': 'application/json' },
        body: Buffer.from(JSON.stringify([ev])),
      }),
      req('/track', { method: 'GET', q: `data=${encodeURIComponent(b64(ev))}&ip=0` }),
      req('/track', {
        headers: { 'content-encoding': 'gzip' },
        body: gzipSync(JSON.stringify(ev)),
      }),
      req('/import', {
        headers: {
          'content-type': 'application/x-ndjson',
          authorization: `Basic ${Buffer.from('sec:').toString('base64')}`,
        },
        body: gzipSync(`${JSON.stringify(ev)}\n${JSON.stringify(ev)}\n`),
      }),
    ];
    for (const [i, r] of cases.entries()) {
      const o = events(decode(r));
      assert.equal(o.events.length, i === 4 ? 2 : 1, `case ${i}`);
      const e = o.events[0]!.event;
      assert.equal(e.userId, 'u1');
      assert.equal(e.context?.ip, undefined, 'ip=0/absent never sets context.ip');
      assert.equal(e.timestamp, '2023-11-14T22:13:20.000Z');
      assert.match(e.messageId!, /^[0-9a-f-]{36}$/, 'generated messageId');
      assert.equal(o.token, i === 4 ? 'sec' : TOKEN);
    }
  });

  it('repairs node-style unencoded base64 (+ read as space)', () => {
    // a payload whose base64 contains '+': '>>>' encodes to 'Pj4+'
    const ev = { event: '>>>', properties: { token: TOKEN, distinct_id: 'u>>>' } };
    const data = b64(ev);
    assert.ok(data.includes('+'));
    const o = events(decode(req('/track', { body: Buffer.from(`data=${data}`) })));
    assert.equal(o.events[0]!.event.event, '>>>');
  });

  it('maps identified users, aliases and location', () => {
    const recs = [
      {
        event: 'a',
        properties: {
          token: TOKEN,
          distinct_id: 'u1',
          $user_id: 'u1',
          $device_id: 'd1',
          mp_country_code: 'JP',
        },
      },
      { event: '$create_alias', properties: { token: TOKEN, distinct_id: 'old', alias: 'new' } },
    ];
    const o = events(decode(req('/track', form(b64(recs)))));
    const [a, b] = o.events.map((d) => d.event);
    assert.equal(a!.userId, 'u1');
    assert.equal(a!.anonymousId, 'd1');
    assert.deepEqual(a!.context?.location, { country: 'JP' });
    assert.equal(b!.type, 'alias');
    assert.equal(b!.userId, 'new');
    assert.equal(b!.previousId, 'old');
  });

  it('decodes /engage operations into identify events', () => {
    const ops = [
      { $token: TOKEN, $distinct_id: 'u1', $set: { $email: 'a@b.c' }, $ip: '198.51.100.7' },
      { $token: TOKEN, $distinct_id: 'u1', $set_once: { first: 1 } },
      { $token: TOKEN, $distinct_id: 'u1', $add: { n: 2 } },
      { $token: TOKEN, $distinct_id: 'u1', $union: { l: ['a'] } },
      { $token: TOKEN, $distinct_id: 'u1', $append: { l: 'b' } },
      { $token: TOKEN, $distinct_id: 'u1', $remove: { l: 'a' } },
      { $token: TOKEN, $distinct_id: 'u1', $unset: ['x', 'y'] },
      { $token: TOKEN, $distinct_id: '$device:d9', $delete: '', $ignore_alias: true },
    ];
    const o = events(decode(req('/engage/', form(b64(ops)))));
    assert.deepEqual(o.rejected, []);
    assert.deepEqual(
      o.events.map((d) => d.event.operation),
      ['$set', '$set_once', '$add', '$union', '$append', '$remove', '$unset', '$delete'],
    );
    const [set, , , , , , unset, del] = o.events.map((d) => d.event);
    assert.equal(set!.type, 'identify');
    assert.equal(set!.userId, 'u1');
    assert.deepEqual(set!.traits, { $email: 'a@b.c' });
    assert.equal(set!.context?.ip, '198.51.100.7');
    assert.deepEqual(unset!.traits, { x: null, y: null });
    assert.equal(del!.anonymousId, 'd9');
    assert.deepEqual(del!.context?.mixpanel, { $ignore_alias: true });
    assert.equal(o.token, TOKEN);
  });

  it('decodes /groups updates into group events', () => {
    const g = { $token: TOKEN, $group_key: 'company', $group_id: 'acme', $set: { plan: 'x' } };
    const o = events(
      decode(req('/groups', { method: 'GET', q: `data=${encodeURIComponent(b64(g))}` })),
    );
    const e = o.events[0]!.event;
    assert.equal(e.type, 'group');
    assert.equal(e.groupType, 'company');
    assert.equal(e.groupId, 'acme');
    assert.equal(e.operation, '$set');
    assert.deepEqual(e.traits, { plan: 'x' });
  });

  it('rejects invalid events by index without failing the request', () => {
    const recs = [
      { event: 'ok', properties: { token: TOKEN, distinct_id: 'u' } },
      { event: 'no-id', properties: { token: TOKEN } },
      'not an object',
      { event: 'bad-time', properties: { token: TOKEN, distinct_id: 'u', time: 'soon' } },
      { properties: { token: TOKEN, distinct_id: 'u' } },
    ];
    const o = events(decode(req('/track', form(b64(recs)))));
    assert.equal(o.events.length, 1);
    assert.deepEqual(
      o.rejected.map((r) => r.index),
      [1, 2, 3, 4],
    );
    for (const r of o.rejected)
      for (const p of r.problems) assert.doesNotMatch(p, /soon|not an object/);
  });
});

describe('mixpanel receiver: hostile input', () => {
  const code = (o: DecodeOutcome) => (o.kind === 'error' ? o.code : o.kind);
  it('answers each malformed body with its error code, never throwing', () => {
    const small = { ...DEFAULT_LIMITS, maxDecompressedBytes: 1000, maxEventsPerRequest: 3 };
    const deep = JSON.stringify({
      event: 'e',
      properties: JSON.parse('{"a":'.repeat(40) + '1' + '}'.repeat(40)),
    });
    const ev = { event: 'e', properties: { token: TOKEN, distinct_id: 'u' } };
    const cases: [ReceiverRequest, string][] = [
      [req('/track', form('{"event":')), 'bad_json'],
      [req('/track', form('!!!not base64!!!')), 'bad_base64'],
      [req('/track', { body: gzipSync(JSON.stringify([ev])).subarray(0, 20) }), 'bad_gzip'],
      [req('/track', { body: gzipSync(Buffer.alloc(100_000, 32)) }), 'too_large'],
      [req('/track', form(deep)), 'too_deep'],
      [req('/track', form(b64([ev, ev, ev, ev]))), 'too_many_events'],
      [req('/track', { body: Buffer.from('foo=bar') }), 'bad_form'],
      [req('/track', { body: Buffer.from([0x7b, 0xff, 0xfe]) }), 'bad_request'],
      [req('/track', {}), 'bad_request'],
    ];
    for (const [r, want] of cases) assert.equal(code(decode(r, small)), want, want);
  });

  it('strips __proto__ keys and removes tokens from events', () => {
    const raw = `[{"event":"e","properties":{"token":"${TOKEN}","distinct_id":"u","__proto__":{"polluted":1},"k":1}}]`;
    const o = events(decode(req('/track', form(raw))));
    const p = o.events[0]!.event.properties!;
    assert.deepEqual(Object.keys(p), ['k']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('reports a missing token as undefined and mixed tokens as bad_request', () => {
    const ev = { event: 'e', properties: { distinct_id: 'u' } };
    assert.equal(events(decode(req('/track', form(b64([ev]))))).token, undefined);
    assert.equal(
      events(
        decode(
          req('/import', form(b64([{ ...ev, properties: { ...ev.properties, token: TOKEN } }]))),
        ),
      ).token,
      undefined,
    );
    const mixed = [
      { event: 'e', properties: { token: 'a', distinct_id: 'u' } },
      { event: 'e', properties: { token: 'b', distinct_id: 'u' } },
    ];
    assert.equal(code(decode(req('/track', form(b64(mixed))))), 'bad_request');
  });

  it('hands flags and replay to the host with their token and distinct id', () => {
    const ctx = encodeURIComponent(JSON.stringify({ distinct_id: 'u7' }));
    const o = decode(req('/flags/', { method: 'GET', q: `context=${ctx}&token=${TOKEN}` }));
    assert.deepEqual(o, { kind: 'side', token: TOKEN, distinctId: 'u7' });
    const auth = { authorization: `Basic ${Buffer.from(`${TOKEN}:`).toString('base64')}` };
    assert.deepEqual(decode(req('/record/', { headers: auth })), { kind: 'side', token: TOKEN });
  });
});

describe('mixpanel receiver: answers', () => {
  const track = rx.route('POST', '/track/')!;
  it('answers success as each SDK reads it', () => {
    assert.deepEqual(
      rx.accepted(track, req('/track/', { q: 'verbose=1' }), 3).body,
      '{"status":1,"error":null}',
    );
    const plain = rx.accepted(track, req('/track'), 3);
    assert.equal(plain.status, 200);
    assert.equal(plain.body, '1');
    const imp = rx.accepted(rx.route('POST', '/import')!, req('/import'), 5);
    assert.deepEqual(JSON.parse(imp.body), { code: 200, num_records_imported: 5, status: 'OK' });
    // the node SDK posts to /import with verbose=0|1 and reads the /track answer
    assert.equal(
      rx.accepted(rx.route('POST', '/import')!, req('/import', { q: 'verbose=0' }), 5).body,
      '1',
    );
  });

  it('answers refusals with statuses the SDKs handle', () => {
    const over = rx.refused(track, req('/track/', { q: 'verbose=1' }), 'overloaded', 'busy', 7);
    assert.equal(over.status, 503);
    assert.equal(over.headers['retry-after'], '7');
    assert.deepEqual(JSON.parse(over.body), { status: 0, error: 'busy' });
    assert.equal(rx.refused(track, req('/track'), 'unauthorized', 'no').status, 401);
    assert.equal(rx.refused(track, req('/track'), 'bad_json', 'no').status, 400);
    assert.equal(rx.refused(track, req('/track'), 'bad_json', 'no').body, '0');
    assert.equal(rx.refused(track, req('/track'), 'too_many_events', 'no').status, 413);
    assert.equal(rx.refused(undefined, req('/x'), 'not_found', 'no').status, 404);
  });

  it('answers flags with no flags and refuses replay without retry', () => {
    assert.deepEqual(JSON.parse(rx.flags(rx.route('GET', '/flags/')!, req('/flags/')).body), {
      flags: {},
    });
    assert.deepEqual(JSON.parse(rx.flags(rx.route('GET', '/flags/definitions')!, req('/x')).body), {
      flags: [],
    });
    assert.deepEqual(JSON.parse(rx.flags(rx.route('GET', '/settings/')!, req('/x')).body), {});
    const rep = rx.replayRefused(rx.route('POST', '/record/')!, req('/record/'));
    assert.ok(rep.status >= 400 && rep.status < 500 && rep.status !== 413 && rep.status !== 429);
    assert.doesNotThrow(() => JSON.parse(rep.body));
  });
});
