import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { CanonicalEvent } from '../../pipeline/event.js';
import { createMixpanelReceiver } from '../../receivers/mixpanel/index.js';
import { DEFAULT_LIMITS, type ReceiverRequest } from '../../receivers/types.js';
import { createMixpanelExporter } from './index.js';

const TOKEN = 'dest-token-1';

interface Got {
  readonly path: string;
  readonly query: URLSearchParams;
  readonly records: Record<string, unknown>[];
  readonly raw: Buffer;
  readonly contentType: string | undefined;
}

/** A fake Mixpanel that records requests and answers with `reply` (never answers when 'hang'). */
const got: Got[] = [];
const hung: http.ServerResponse[] = [];
let reply: { status: number; body: string; headers?: Record<string, string> } | 'hang' = {
  status: 200,
  body: '{"status":1,"error":null}',
};
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const url = new URL(req.url ?? '/', 'http://x');
    const raw = Buffer.concat(chunks);
    const data = new URLSearchParams(raw.toString()).get('data') ?? '[]';
    const records = JSON.parse(data) as Record<string, unknown>[];
    got.push({
      path: url.pathname,
      query: url.searchParams,
      records,
      raw,
      contentType: req.headers['content-type'],
    });
    if (reply === 'hang') {
      hung.push(res);
      return;
    }
    res.writeHead(reply.status, reply.headers ?? {}).end(reply.body);
  });
});
let endpoint = '';
before(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});
beforeEach(() => {
  got.length = 0;
  for (const res of hung.splice(0)) res.end();
  reply = { status: 200, body: '{"status":1,"error":null}' };
});

const track = (i: number, extra: Partial<CanonicalEvent> = {}): CanonicalEvent => ({
  type: 'track',
  event: `e${i}`,
  userId: `u${i}`,
  messageId: `m-${i}`,
  timestamp: '2024-01-02T03:04:05.678Z',
  properties: { n: i },
  ...extra,
});
const signal = new AbortController().signal;
const exporter = (timeoutMs = 5000) =>
  createMixpanelExporter({ endpoint, credential: TOKEN, timeoutMs });

describe('mixpanel exporter', () => {
  it('sends events to /track?verbose=1&ip=0 with token, $insert_id and no IP', async () => {
    const r = await exporter().send([track(1)], signal);
    assert.deepEqual(r, { kind: 'ok' });
    assert.equal(got.length, 1);
    assert.equal(got[0]!.path, '/track');
    assert.equal(got[0]!.query.get('verbose'), '1');
    assert.equal(got[0]!.query.get('ip'), '0');
    assert.equal(got[0]!.contentType, 'application/x-www-form-urlencoded');
    const p = got[0]!.records[0]!.properties as Record<string, unknown>;
    assert.equal(p.token, TOKEN);
    assert.equal(p.$insert_id, 'm-1');
    assert.equal(p.distinct_id, 'u1');
    assert.equal(p.time, Date.parse('2024-01-02T03:04:05.678Z'));
    assert.equal(p.ip, undefined);
    assert.equal(p.n, 1);
  });

  it('passes a surviving context.ip and country, never Veil’s address', async () => {
    const e = track(1, { context: { ip: '198.51.100.1', location: { country: 'DE' } } });
    await exporter().send([e], signal);
    const p = got[0]!.records[0]!.properties as Record<string, unknown>;
    assert.equal(p.ip, '198.51.100.1');
    assert.equal(p.mp_country_code, 'DE');
  });

  it('keeps the dedupe id stable across retries, hashing ids Mixpanel would refuse', async () => {
    const long = track(1, { messageId: 'x'.repeat(80) });
    await exporter().send([long, track(2)], signal);
    await exporter().send([long, track(2)], signal);
    const ids = got.map((g) =>
      g.records.map((r) => (r.properties as Record<string, unknown>).$insert_id),
    );
    assert.deepEqual(ids[0], ids[1]);
    assert.match(String(ids[0]![0]), /^[0-9a-f]{36}$/);
    assert.equal(ids[0]![1], 'm-2');
  });

  it('batches within 2000 records per request and routes profiles to /engage and /groups', async () => {
    const evs: CanonicalEvent[] = Array.from({ length: 2001 }, (_, i) => track(i));
    evs.push({
      type: 'identify',
      userId: 'u1',
      operation: '$set_once',
      traits: { a: 1 },
      messageId: 'p1',
    });
    evs.push({
      type: 'group',
      anonymousId: 'acme',
      groupType: 'company',
      groupId: 'acme',
      traits: { plan: 'x' },
      messageId: 'g1',
    });
    const r = await exporter().send(evs, signal);
    assert.deepEqual(r, { kind: 'ok' });
    assert.deepEqual(
      got.map((g) => [g.path, g.records.length]),
      [
        ['/track', 2000],
        ['/track', 1],
        ['/engage', 1],
        ['/groups', 1],
      ],
    );
    assert.deepEqual(got[2]!.records[0], {
      $distinct_id: 'u1',
      $set_once: { a: 1 },
      $token: TOKEN,
    });
    assert.deepEqual(got[3]!.records[0], {
      $group_key: 'company',
      $group_id: 'acme',
      $set: { plan: 'x' },
      $token: TOKEN,
    });
    assert.equal(got[2]!.query.get('ip'), '0');
  });

  it('reads a 200 whose verbose body says failure as permanent, masking the token', async () => {
    reply = {
      status: 200,
      body: JSON.stringify({ status: 0, error: `token ${TOKEN} is invalid` }),
    };
    const r = await exporter().send([track(1), track(2)], signal);
    assert.equal(r.kind, 'permanent');
    assert.ok(
      r.kind === 'permanent' && !r.message.includes(TOKEN) && r.message.includes('invalid'),
    );
    assert.deepEqual(r.kind === 'permanent' && r.indexes, [0, 1]);
  });

  it('classifies statuses: 400/401 permanent, 413 too_large, 429 throttled, 5xx retryable', async () => {
    const cases: [number, Record<string, string>, string][] = [
      [400, {}, 'permanent'],
      [401, {}, 'permanent'],
      [413, {}, 'too_large'],
      [429, { 'retry-after': '7' }, 'throttled'],
      [500, {}, 'retryable'],
      [503, {}, 'retryable'],
    ];
    for (const [status, headers, kind] of cases) {
      reply = { status, body: '{"status":0,"error":"x"}', headers };
      const r = await exporter().send([track(1)], signal);
      assert.equal(r.kind, kind, `HTTP ${status}`);
      if (r.kind === 'throttled') assert.equal(r.retryAfterMs, 7000);
    }
  });

  it('reports a timeout as retryable', async () => {
    reply = 'hang';
    const r = await exporter(200).send([track(1)], signal);
    assert.equal(r.kind, 'retryable');
    assert.ok(r.kind === 'retryable' && r.message.includes('timeout'));
  });

  it('round trip: decode(encode(events)) keeps the vendor fields', async () => {
    const rx = createMixpanelReceiver();
    const original: CanonicalEvent[] = [
      track(1, {
        anonymousId: 'd1',
        context: {
          page: { url: 'https://a.example/', referrer: '$direct' },
          library: { name: 'web', version: '2.83.0' },
        },
        properties: { $os: 'Linux', $browser: 'Firefox', mp_custom: true },
      }),
      { type: 'track', event: 'anon', anonymousId: 'd2', messageId: 'm-9' },
      { type: 'identify', userId: 'u1', operation: '$unset', traits: { a: null }, messageId: 'p1' },
    ];
    assert.deepEqual(await exporter().send(original, signal), { kind: 'ok' });
    const decoded = got.flatMap((g) => {
      const req: ReceiverRequest = {
        method: 'POST',
        path: g.path,
        query: g.query,
        headers: {},
        body: g.raw,
        clientIp: '127.0.0.1',
        receivedAt: 0,
      };
      const o = rx.decode(rx.route('POST', g.path)!, req, DEFAULT_LIMITS);
      assert.equal(o.kind === 'events' && o.token, TOKEN);
      return o.kind === 'events' ? o.events.map((d) => d.event) : [];
    });
    assert.deepEqual(decoded.slice(0, 2), original.slice(0, 2));
    // profile updates carry no dedupe id on the wire: the decoder generates a fresh one
    assert.deepEqual({ ...decoded[2]!, messageId: 'p1' }, original[2]);
    assert.match(decoded[2]!.messageId!, /^[0-9a-f-]{36}$/);
  });
});
