// The real @amplitude/analytics-node SDK against a local recording server that decodes with the
// Amplitude receiver and answers with its answers: the SDK is the judge of the wire format.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInstance, Identify } from '@amplitude/analytics-node';
import { createAmplitudeReceiver } from './index.js';
import {
  DEFAULT_LIMITS,
  type DecodeOutcome,
  type ReceiverRequest,
  type WireResponse,
} from '../types.js';

const rx = createAmplitudeReceiver();
const PREFIX = '/amplitude';

interface Recorded {
  readonly req: ReceiverRequest;
  readonly outcome: DecodeOutcome;
}

type Answer = (r: ReceiverRequest, o: DecodeOutcome, n: number) => WireResponse;

async function readAll(m: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of m) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

/** A recording server that strips `/amplitude` like the host, decodes, and answers. */
async function recorder(
  answer: Answer,
): Promise<{ server: Server; url: string; seen: Recorded[] }> {
  const seen: Recorded[] = [];
  const server = createServer((m, res) => {
    void readAll(m).then((body) => {
      const u = new URL(m.url ?? '/', 'http://x');
      const path = u.pathname.startsWith(PREFIX) ? u.pathname.slice(PREFIX.length) : u.pathname;
      const route = rx.route(m.method ?? '', path);
      const req: ReceiverRequest = {
        method: m.method ?? '',
        path,
        query: u.searchParams,
        headers: m.headers,
        body,
        clientIp: '192.0.2.44',
        receivedAt: Date.now(),
      };
      const outcome = route
        ? rx.decode(route, req, DEFAULT_LIMITS)
        : ({ kind: 'error', code: 'not_found', message: 'no route' } as const);
      seen.push({ req, outcome });
      const a = answer(req, outcome, seen.length);
      res.writeHead(a.status, a.headers).end(a.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}${PREFIX}/2/httpapi`, seen };
}

const ROUTE = rx.route('POST', '/2/httpapi')!;
const accept: Answer = (r, o) => rx.accepted(ROUTE, r, o.kind === 'events' ? o.events.length : 0);

/**
 * A plugin whose setup receives the SDK's client; used only to shorten the destination's fixed
 * 30 s throttle pause so the retry test does not sleep 30 s (no outcome depends on timing).
 */
function shortThrottle(ms: number) {
  return {
    name: 'test-short-throttle',
    type: 'before' as const,
    async setup(_config: unknown, client: unknown) {
      const plugins = (client as { timeline?: { plugins?: { name?: string }[] } }).timeline
        ?.plugins;
      const dest = plugins?.find((p) => p.name === 'amplitude') as
        { throttleTimeout?: number } | undefined;
      if (dest) dest.throttleTimeout = ms;
    },
    async execute(e: unknown) {
      return e;
    },
  };
}

async function client(url: string, extra: Record<string, unknown> = {}) {
  const c = createInstance();
  await c.init('SDK-API-KEY', {
    serverUrl: url,
    flushQueueSize: 50,
    flushIntervalMillis: 20,
    logLevel: 0,
    ...extra,
  }).promise;
  return c;
}

test('real SDK: track/identify/groupIdentify decode to canonical events; accepted() is success', async () => {
  const { server, url, seen } = await recorder(accept);
  try {
    const c = await client(url);
    const id = new Identify()
      .set('plan', 'pro')
      .setOnce('first_seen', '2026-01-01')
      .add('logins', 1);
    const results = await Promise.all([
      c.track(
        'Song Played',
        { song: 's1' },
        { user_id: 'user-0001', device_id: 'dev-1', ip: '$remote' },
      ).promise,
      c.identify(id, { user_id: 'user-0001' }).promise,
      c.groupIdentify('org', 'acme', new Identify().set('size', 5), { device_id: 'dev-1' }).promise,
    ]);
    for (const r of results) assert.equal(r.code, 200, r.message);
    assert.equal(seen.length, 1, 'one request, no retry');
    const { req, outcome } = seen[0]!;
    assert.equal(req.headers['content-type'], 'application/json');
    assert.equal(outcome.kind, 'events');
    if (outcome.kind !== 'events') return;
    assert.equal(outcome.token, 'SDK-API-KEY');
    assert.deepEqual(outcome.rejected, []);
    const sent = JSON.parse(req.body.toString()) as { events: { insert_id: string }[] };
    const [track, ...rest] = outcome.events.map((d) => d.event);
    assert.equal(track!.type, 'track');
    assert.equal(track!.event, 'Song Played');
    assert.equal(track!.userId, 'user-0001');
    assert.equal(track!.anonymousId, 'dev-1');
    assert.equal(track!.messageId, sent.events[0]!.insert_id);
    assert.deepEqual(track!.properties, { song: 's1' });
    assert.equal(track!.context?.ip, '192.0.2.44');
    assert.equal((track!.context?.library as { name: string }).name, 'amplitude-node-ts');
    assert.equal(typeof (track!.context?.amplitude as { event_id: unknown }).event_id, 'number');
    assert.ok(track!.sentAt, 'client_upload_time becomes sentAt');
    assert.deepEqual(
      rest.map((e) => [e.type, e.operation, e.traits, e.groupType, e.groupId]),
      [
        ['identify', '$set_once', { first_seen: '2026-01-01' }, undefined, undefined],
        ['identify', '$set', { plan: 'pro' }, undefined, undefined],
        ['identify', '$add', { logins: 1 }, undefined, undefined],
        ['group', '$set', { size: 5 }, 'org', 'acme'],
      ],
    );
    assert.ok(!JSON.stringify(outcome.events).includes('SDK-API-KEY'));
  } finally {
    server.close();
  }
});

test('real SDK: the overload answer (429) is retried, then accepted', async () => {
  const { server, url, seen } = await recorder((r, o, n) =>
    n === 1 ? rx.refused(ROUTE, r, 'overloaded', 'outbox full', 1) : accept(r, o, n),
  );
  try {
    const c = await client(url);
    await c.add(shortThrottle(20) as unknown as Parameters<typeof c.add>[0]).promise;
    const r = await c.track('Retry Me', {}, { user_id: 'user-0001', insert_id: 'ins-retry' })
      .promise;
    assert.equal(r.code, 200, r.message);
    assert.equal(seen.length, 2);
    const ids = seen.map((s) =>
      s.outcome.kind === 'events' ? s.outcome.events[0]?.event.messageId : '',
    );
    assert.deepEqual(ids, ['ins-retry', 'ins-retry'], 'the same dedupe id on the retry');
  } finally {
    server.close();
  }
});

test('real SDK: malformed-body and unauthorized answers are dropped at once, not retried', async () => {
  for (const code of ['bad_json', 'unauthorized'] as const) {
    const { server, url, seen } = await recorder((r) => rx.refused(ROUTE, r, code, 'refused'));
    try {
      const c = await client(url);
      const r = await c.track('Dropped', {}, { user_id: 'user-0001' }).promise;
      assert.equal(r.code, code === 'bad_json' ? 400 : 401);
      assert.equal(seen.length, 1, `${code}: no retry`);
    } finally {
      server.close();
    }
  }
});
