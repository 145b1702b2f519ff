import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CanonicalEvent } from '../../pipeline/event.js';
import { createPosthogExporter } from './index.js';
import { createPosthogReceiver } from '../../receivers/posthog/index.js';
import { DEFAULT_LIMITS } from '../../receivers/types.js';

interface Reply {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}
interface Fake {
  url: string;
  bodies: Record<string, unknown>[];
  paths: string[];
  close(): Promise<void>;
}

/** A fake PostHog recording every request; `reply` may hang (never answer) for timeouts. */
async function fake(reply: Reply | 'hang' = { status: 200, body: '{"status":1}' }): Promise<Fake> {
  const bodies: Record<string, unknown>[] = [];
  const paths: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      paths.push(req.url ?? '');
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      if (reply === 'hang') return;
      res.writeHead(reply.status, reply.headers ?? {}).end(reply.body ?? '');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return { url: `http://127.0.0.1:${port}`, bodies, paths, close };
}

const signal = new AbortController().signal;
const track = (i: number, extra: Partial<CanonicalEvent> = {}): CanonicalEvent => ({
  type: 'track',
  event: 'clicked',
  userId: `u${i}`,
  messageId: `msg-${i}`,
  timestamp: '2024-01-01T00:00:00.000Z',
  properties: { i },
  ...extra,
});

async function run(events: CanonicalEvent[], reply?: Reply | 'hang', timeoutMs?: number) {
  const f = await fake(reply);
  try {
    const ex = createPosthogExporter({ endpoint: f.url, credential: 'phc_dest', timeoutMs });
    const result = await ex.send(events, signal);
    await ex.close();
    return { result, f };
  } finally {
    await f.close();
  }
}

describe('posthog exporter', () => {
  it('posts {api_key, batch} to /batch/ with stable uuids and geoip disabled without an IP', async () => {
    const events = [track(1), track(2, { context: { ip: '198.51.100.4' } })];
    const a = await run(events);
    const b = await run(events);
    assert.deepEqual(a.result, { kind: 'ok' });
    assert.deepEqual(a.f.paths, ['/batch/']);
    const body = a.f.bodies[0]!;
    assert.equal(body.api_key, 'phc_dest');
    const batch = body.batch as Record<string, Record<string, unknown>>[];
    assert.match(String(batch[0]!.uuid), /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-/);
    assert.deepEqual(
      batch.map((e) => e.uuid),
      (b.f.bodies[0]!.batch as Record<string, unknown>[]).map((e) => e.uuid),
    );
    assert.equal(batch[0]!.properties!.$geoip_disable, true);
    assert.equal(batch[0]!.properties!.$ip, undefined);
    assert.equal(batch[1]!.properties!.$ip, '198.51.100.4');
    assert.equal(batch[1]!.properties!.$geoip_disable, undefined);
  });

  it('keeps a UUID messageId as the uuid', async () => {
    const id = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    const { f } = await run([track(1, { messageId: id })]);
    assert.equal((f.bodies[0]!.batch as Record<string, unknown>[])[0]!.uuid, id);
  });

  it('splits batches at 1000 events', async () => {
    const { result, f } = await run(Array.from({ length: 2001 }, (_, i) => track(i)));
    assert.deepEqual(result, { kind: 'ok' });
    assert.deepEqual(
      f.bodies.map((b) => (b.batch as unknown[]).length),
      [1000, 1000, 1],
    );
  });

  it('classifies answers', async () => {
    const cases: [Reply, string][] = [
      [{ status: 200, body: '{"status":0,"error":"bad"}' }, 'permanent'],
      [{ status: 200, body: 'OK' }, 'ok'],
      [{ status: 400, body: '{"type":"validation_error"}' }, 'permanent'],
      [{ status: 401 }, 'permanent'],
      [{ status: 413 }, 'too_large'],
      [{ status: 429, headers: { 'retry-after': '7' } }, 'throttled'],
      [{ status: 500 }, 'retryable'],
      [{ status: 503 }, 'retryable'],
    ];
    for (const [reply, kind] of cases) {
      const { result } = await run([track(1)], reply);
      assert.equal(result.kind, kind, `${reply.status} ${reply.body ?? ''}`);
      if (result.kind === 'throttled') assert.equal(result.retryAfterMs, 7000);
      if (result.kind === 'permanent') assert.deepEqual(result.indexes, [0]);
    }
  });

  it('treats a timeout as retryable', async () => {
    const { result } = await run([track(1)], 'hang', 200);
    assert.equal(result.kind, 'retryable');
  });

  it('refuses identify operations PostHog cannot express, sending the rest', async () => {
    const add: CanonicalEvent = {
      type: 'identify',
      userId: 'u',
      operation: '$add',
      traits: { n: 1 },
    };
    const { result, f } = await run([track(0), add]);
    assert.equal(result.kind === 'permanent' && result.indexes?.join(), '1');
    assert.equal((f.bodies[0]!.batch as unknown[]).length, 1);
  });
});

describe('posthog round trip', () => {
  it('decode(encode(events)) keeps types, identities, ids and vendor fields', async () => {
    const receiver = createPosthogReceiver();
    const route = receiver.route('POST', '/batch/')!;
    const decode = (body: string) => {
      const req = {
        method: 'POST',
        path: '/batch/',
        query: new URLSearchParams(),
        headers: {},
        body: Buffer.from(body),
        clientIp: '10.0.0.1',
        receivedAt: 0,
      };
      const o = receiver.decode(route, req, DEFAULT_LIMITS);
      if (o.kind !== 'events') throw new Error(o.kind);
      return o.events.map((d) => d.event);
    };
    const raw = JSON.stringify({
      api_key: 'phc_src',
      batch: [
        {
          event: '$pageview',
          distinct_id: 'dev',
          uuid: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
          timestamp: '2024-01-01T00:00:00.000Z',
          properties: { $device_id: 'dev', $current_url: 'https://x/y', $lib: 'web', $os: 'Mac' },
        },
        {
          event: '$screen',
          distinct_id: 'u',
          properties: { $screen_name: 'Home', $geoip_disable: true },
        },
        { event: '$identify', distinct_id: 'u', $set: { plan: 'pro' }, $set_once: { first: 1 } },
        {
          event: '$groupidentify',
          distinct_id: 'u',
          properties: { $group_type: 'org', $group_key: 'acme', $group_set: { seats: 3 } },
        },
        { event: '$create_alias', distinct_id: 'u', properties: { alias: 'old', $ip: '10.1.1.1' } },
        { event: 'custom', distinct_id: 'u', $extra: { k: 1 }, properties: { $session_id: 's' } },
      ],
    });
    const first = decode(raw);
    const { f } = await run(first);
    const second = decode(JSON.stringify(f.bodies[0]));
    assert.equal(first.length, 7, '$identify with $set and $set_once is two events');
    assert.deepEqual(second, first);
  });
});
