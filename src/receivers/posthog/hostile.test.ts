import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { decode, eventsOf, request } from './test-request.js';

describe('posthog hostile input', () => {
  const small = {
    maxDecompressedBytes: 1024,
    maxDepth: 8,
    maxEventsPerRequest: 3,
    maxValues: 1_000,
  };
  const code = (o: ReturnType<typeof decode>) => (o.kind === 'error' ? o.code : o.kind);
  it('answers an error code, never throws', () => {
    const deep = '['.repeat(50) + ']'.repeat(50);
    const bomb = gzipSync(Buffer.alloc(100_000, 0x20));
    const many = JSON.stringify(
      Array.from({ length: 4 }, () => ({ event: 'x', distinct_id: 'u' })),
    );
    const truncated = gzipSync('[{"event":"x","distinct_id":"u"}]').subarray(0, 20);
    const cases: [ReturnType<typeof request>, string][] = [
      [request('POST', '/e/', '{"event":'), 'bad_json'],
      [request('POST', '/e/?compression=base64', 'data=%%%%'), 'bad_base64'],
      [request('POST', '/e/', truncated), 'bad_gzip'],
      [request('POST', '/e/', bomb), 'too_large'],
      [request('POST', '/e/', deep), 'too_deep'],
      [request('POST', '/e/', many), 'too_many_events'],
      [request('POST', '/e/', ''), 'bad_request'],
      [request('POST', '/e/', '42'), 'bad_request'],
      [
        request('POST', '/e/', 'data=', { 'content-type': 'application/x-www-form-urlencoded' }),
        'bad_base64',
      ],
      [
        request('POST', '/e/', 'x=1', { 'content-type': 'application/x-www-form-urlencoded' }),
        'bad_form',
      ],
      [request('POST', '/e/?compression=lz64', 'abc'), 'bad_request'],
      [request('POST', '/e/', Buffer.from([0xff, 0xfe, 0x00])), 'bad_request'],
    ];
    for (const [req, want] of cases) assert.equal(code(decode(req, small)), want, want);
  });

  it('strips __proto__ keys', () => {
    const body =
      '[{"event":"x","distinct_id":"u","properties":{"__proto__":{"polluted":1},"a":1}}]';
    const o = eventsOf(decode(request('POST', '/e/', body)));
    assert.deepEqual(o.events[0]!.event.properties, { a: 1 });
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('returns no token when none is present, and refuses mixed tokens', () => {
    const o = eventsOf(decode(request('POST', '/e/', '[{"event":"x","distinct_id":"u"}]')));
    assert.equal(o.token, undefined);
    const mixed = JSON.stringify({
      api_key: 'a',
      batch: [{ event: 'x', distinct_id: 'u', properties: { token: 'b' } }],
    });
    assert.equal(code(decode(request('POST', '/batch/', mixed))), 'unauthorized');
  });
});
