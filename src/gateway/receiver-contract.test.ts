/**
 * The contract every receiver keeps inside the real gateway: ack only after the outbox commit,
 * "retry later" (503/429 + Retry-After) when the commit fails or the outbox is full, 401 for an
 * unknown token, 413 for an oversized body, 4xx (never 5xx, never a crash) for malformed input,
 * and CORS preflights answered with the origin echoed and credentials allowed.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigSchema } from '../config/schema.js';
import { VENDORS, type Vendor } from '../receivers/types.js';
import { createMemoryOutbox } from '../testing/memory-outbox.js';
import { OutboxFullError, type NewRow, type Outbox } from '../store/types.js';
import { createGateway, type Gateway } from './gateway.js';

const TOKEN = 'contract-token-1';
const KEY = 'a'.repeat(64);

/** A minimal valid request per vendor carrying one event. */
function valid(vendor: Vendor, token = TOKEN): { path: string; init: RequestInit } {
  const json = (body: unknown, headers: Record<string, string> = {}) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  switch (vendor) {
    case 'mixpanel': {
      const data = Buffer.from(
        JSON.stringify([
          { event: 'e', properties: { token, distinct_id: 'u1', $insert_id: 'abc123', time: 1 } },
        ]),
      ).toString('base64');
      return {
        path: '/mixpanel/track/?ip=0&verbose=1',
        init: {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: `data=${encodeURIComponent(data)}`,
        },
      };
    }
    case 'segment':
      return {
        path: '/segment/v1/batch',
        init: json(
          { batch: [{ type: 'track', event: 'e', userId: 'u1', messageId: 'm1' }] },
          { authorization: `Basic ${Buffer.from(`${token}:`).toString('base64')}` },
        ),
      };
    case 'posthog':
      return {
        path: '/posthog/batch/',
        init: json({ api_key: token, batch: [{ event: 'e', distinct_id: 'u1', properties: {} }] }),
      };
    case 'amplitude':
      return {
        path: '/amplitude/2/httpapi',
        init: json({ api_key: token, events: [{ event_type: 'e', user_id: 'user-0001' }] }),
      };
  }
}

interface Controlled extends Outbox {
  calls: NewRow[][];
  mode: 'ok' | 'full' | 'broken' | 'hold';
  release?: () => void;
}

function controlled(): Controlled {
  const inner = createMemoryOutbox();
  const o = Object.create(inner) as Controlled;
  o.calls = [];
  o.mode = 'ok';
  o.enqueue = (rows) => {
    o.calls.push([...rows]);
    if (o.mode === 'full') return Promise.reject(new OutboxFullError(10, 10));
    if (o.mode === 'broken') return Promise.reject(new Error('disk I/O error'));
    if (o.mode === 'hold')
      return new Promise<void>((resolve) => {
        o.release = () => resolve(inner.enqueue(rows));
      });
    return inner.enqueue(rows);
  };
  return o;
}

describe('receiver contract in the gateway', () => {
  let dir: string;
  let gw: Gateway;
  let url: string;
  const outbox = controlled();

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'veil-contract-'));
    const config = ConfigSchema.parse({
      version: 1,
      data_dir: join(dir, 'data'),
      server: { port: 0, max_body_bytes: 4096 },
      sources: Object.fromEntries(
        VENDORS.map((v) => [`s-${v}`, { type: v, tokens: [TOKEN], destinations: ['out'] }]),
      ),
      destinations: { out: { type: 'file', path: join(dir, 'out.ndjson') } },
    });
    gw = await createGateway(config, { env: { VEIL_MASTER_KEY: KEY }, outbox });
    url = await gw.start();
  });
  after(async () => {
    await gw.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const vendor of VENDORS) {
    describe(vendor, () => {
      it('answers only after the commit resolved', async () => {
        outbox.mode = 'hold';
        const { path, init } = valid(vendor);
        let settled = false;
        const pending = fetch(url + path, init).then((r) => ((settled = true), r));
        const before = outbox.calls.length;
        while (outbox.calls.length === before) await new Promise((r) => setTimeout(r, 5));
        await new Promise((r) => setImmediate(r));
        assert.equal(settled, false, 'the SDK got an answer before the commit');
        outbox.mode = 'ok';
        outbox.release!();
        const res = await pending;
        assert.equal(res.status, 200, await res.clone().text());
        const rows = outbox.calls.at(-1)!;
        assert.equal(rows.length, 1);
        assert.equal(rows[0]!.destination, 'out');
      });

      for (const mode of ['full', 'broken'] as const) {
        it(`answers a retried status with Retry-After when the outbox is ${mode}`, async () => {
          outbox.mode = mode;
          const { path, init } = valid(vendor);
          const res = await fetch(url + path, init);
          outbox.mode = 'ok';
          assert.ok([429, 503].includes(res.status), `status ${res.status}`);
          assert.match(res.headers.get('retry-after') ?? '', /^\d+$/);
        });
      }

      it('refuses an unknown token with 401 and commits nothing', async () => {
        const n = outbox.calls.length;
        const { path, init } = valid(vendor, 'not-a-configured-token');
        const res = await fetch(url + path, init);
        assert.equal(res.status, 401);
        assert.equal(outbox.calls.length, n);
      });

      it('refuses a body over max_body_bytes with 413', async () => {
        const { path } = valid(vendor);
        const res = await fetch(url + path, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: 'x'.repeat(10_000),
        });
        assert.equal(res.status, 413);
      });

      it('answers malformed bodies with a 4xx and keeps serving', async () => {
        const { path } = valid(vendor);
        for (const body of ['{"batch":[', 'data=%%%not-base64', '\u0000\u0001']) {
          const res = await fetch(url + path, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
          });
          assert.ok(res.status >= 400 && res.status < 500, `status ${res.status} for ${body}`);
        }
        const health = await fetch(url + '/healthz');
        assert.equal(health.status, 200);
      });

      it('answers a CORS preflight with the origin echoed and credentials allowed', async () => {
        const { path } = valid(vendor);
        const res = await fetch(url + path, {
          method: 'OPTIONS',
          headers: {
            origin: 'https://app.example',
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type',
          },
        });
        assert.ok(res.status === 204 || res.status === 200);
        assert.equal(res.headers.get('access-control-allow-origin'), 'https://app.example');
        assert.equal(res.headers.get('access-control-allow-credentials'), 'true');
      });
    });
  }
});
