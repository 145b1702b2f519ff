/**
 * The gateway in process, with the real SQLite outbox: events are minimized per destination and
 * delivered; the admin API requires its token and drives the kill switch (pause keeps events
 * queued, resume delivers them, cut discards them and drops new ones with a count); /metrics,
 * /healthz and /readyz answer; a destination's state survives a restart.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request, type ClientRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { ConfigSchema, type Config } from '../config/schema.js';
import { openInventoryStore } from '../inventory/store.js';
import { openLedgerStore } from '../ledger/store.js';
import { createReceivers } from '../receivers/index.js';
import { startFakeVendor, type FakeVendor } from '../testing/fake-vendor.js';
import { createGateway, type Gateway } from './gateway.js';

const TOKEN = 'seg-write-key-test';
const ENV = { VEIL_MASTER_KEY: 'b'.repeat(64), ADMIN_TOKEN: 'admin-token-0123456789' };
const EMAIL = 'hanako.yamada@example.co.jp';

function track(i: number) {
  return {
    type: 'track',
    event: 'Signed Up',
    userId: `user-${i}`,
    messageId: `msg-${i}`,
    properties: { plan: 'pro', note: `contact me at ${EMAIL}` },
    traits: { email: EMAIL },
    context: { ip: '203.0.113.7' },
  };
}

async function post(url: string, events: unknown[]): Promise<Response> {
  return fetch(`${url}/segment/v1/batch`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from(`${TOKEN}:`).toString('base64')}`,
    },
    body: JSON.stringify({ batch: events }),
  });
}

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.fail(`gave up waiting for ${what}`);
}

const adminHeaders = { authorization: `Bearer ${ENV.ADMIN_TOKEN}` };

describe('gateway', () => {
  let dir: string;
  let vendor: FakeVendor;
  let config: Config;
  let gw: Gateway;
  let url: string;
  const delivered = () =>
    vendor.requests.flatMap(
      (r) => (JSON.parse(r.text) as { batch: { messageId: string }[] }).batch,
    );

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'veil-gw-'));
    vendor = await startFakeVendor();
    config = ConfigSchema.parse({
      version: 1,
      data_dir: join(dir, 'data'),
      server: { port: 0 },
      admin: { token_env: 'ADMIN_TOKEN' },
      sources: { web: { type: 'segment', tokens: [TOKEN], destinations: ['hook', 'archive'] } },
      destinations: {
        hook: { type: 'http', url: `${vendor.url}/ingest` },
        archive: { type: 'file', path: join(dir, 'archive.ndjson') },
      },
    });
    gw = await createGateway(config, { env: ENV });
    url = await gw.start();
  });
  after(async () => {
    await gw.shutdown();
    await vendor.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers minimized events to every destination of the source', async () => {
    const res = await post(url, [track(1), track(2)]);
    assert.equal(res.status, 200);
    await until(() => delivered().length >= 2, 'the http destination');
    const sent = vendor.requests.map((r) => r.text).join('\n');
    assert.ok(!sent.includes(EMAIL), 'an email reached the vendor');
    assert.ok(!sent.includes('203.0.113.7'), 'an IP reached the vendor');
    assert.ok(!sent.includes('user-1'), 'a raw user id reached the vendor');
    assert.deepEqual(
      delivered()
        .map((e) => e.messageId)
        .sort(),
      ['msg-1', 'msg-2'],
    );
    await until(() => {
      try {
        return readFileSync(join(dir, 'archive.ndjson'), 'utf8').split('\n').length > 2;
      } catch {
        return false;
      }
    }, 'the file destination');
    const archived = readFileSync(join(dir, 'archive.ndjson'), 'utf8');
    assert.ok(!archived.includes(EMAIL));
    assert.match(archived, /"userId":"k1_/);
  });

  it('requires the admin token', async () => {
    const res = await fetch(`${url}/admin/destinations`);
    assert.equal(res.status, 401);
    const wrong = await fetch(`${url}/admin/destinations`, {
      headers: { authorization: 'Bearer nope' },
    });
    assert.equal(wrong.status, 401);
  });

  it('pause keeps events queued, resume delivers them', async () => {
    const before = delivered().length;
    const p = await fetch(`${url}/admin/destinations/hook/pause`, {
      method: 'POST',
      headers: adminHeaders,
    });
    assert.equal(p.status, 200);
    assert.equal((await post(url, [track(3)])).status, 200);
    await until(
      () => gw.outbox.status().some((s) => s.destination === 'hook' && s.queued === 1),
      'the paused event to be queued',
    );
    await new Promise((r) => setTimeout(r, 600));
    assert.equal(delivered().length, before, 'a paused destination was sent to');
    const list = (await (
      await fetch(`${url}/admin/destinations`, { headers: adminHeaders })
    ).json()) as { destinations: { destination: string; state: string; queued: number }[] };
    const hook = list.destinations.find((d) => d.destination === 'hook');
    assert.equal(hook?.state, 'paused');
    assert.equal(hook?.queued, 1);
    await fetch(`${url}/admin/destinations/hook/resume`, { method: 'POST', headers: adminHeaders });
    await until(() => delivered().length === before + 1, 'delivery after resume');
  });

  it('cut discards what is queued and drops new events with a count', async () => {
    await fetch(`${url}/admin/destinations/hook/pause`, { method: 'POST', headers: adminHeaders });
    assert.equal((await post(url, [track(4), track(5)])).status, 200);
    await until(
      () => gw.outbox.status().some((s) => s.destination === 'hook' && s.queued === 2),
      'two queued events',
    );
    const cut = await fetch(`${url}/admin/destinations/hook/cut`, {
      method: 'POST',
      headers: adminHeaders,
    });
    assert.deepEqual(await cut.json(), { destination: 'hook', state: 'cut', discarded: 2 });
    const before = delivered().length;
    assert.equal((await post(url, [track(6)])).status, 200);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    assert.match(
      metrics,
      /veil_dropped_events_total\{destination="hook",reason="destination_cut"\} 1/,
    );
    assert.match(metrics, /veil_received_events_total\{source="web"\} \d+/);
    assert.match(metrics, /veil_findings_total\{destination="archive",category="user\.contact/);
    await new Promise((r) => setTimeout(r, 400));
    assert.equal(delivered().length, before);
  });

  it('answers health and readiness, and keeps the state across a restart', async () => {
    assert.equal((await fetch(`${url}/healthz`)).status, 200);
    assert.equal((await fetch(`${url}/readyz`)).status, 200);
    await gw.shutdown();
    gw = await createGateway(config, { env: ENV });
    url = await gw.start();
    assert.equal(gw.outbox.state('hook'), 'cut');
    assert.equal(gw.outbox.state('archive'), 'active');
  });
});

describe('gateway: a request whose preparing throws', () => {
  it('is refused as bad input (no retry loop), counted apart, and the gateway goes on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'veil-gw-throw-'));
    const receivers = createReceivers();
    const segment = receivers.get('segment')!;
    // A decoder fault that the same bytes always meet again.
    receivers.set('segment', {
      ...segment,
      decode: (route, req, limits) => {
        if (req.body.includes('poison')) throw new TypeError(`cannot read ${EMAIL}`);
        return segment.decode(route, req, limits);
      },
    });
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (s: string) => void lines.push(s) });
    const config = ConfigSchema.parse({
      version: 1,
      data_dir: join(dir, 'data'),
      server: { port: 0, policy_workers: 0 },
      admin: { token_env: 'ADMIN_TOKEN' },
      sources: { web: { type: 'segment', tokens: [TOKEN], destinations: ['archive'] } },
      destinations: { archive: { type: 'file', path: join(dir, 'archive.ndjson') } },
    });
    const gw = await createGateway(config, { env: ENV, receivers, log });
    try {
      const url = await gw.start();
      const bad = await post(url, [{ ...track(1), properties: { note: 'poison' } }]);
      assert.equal(bad.status, 400, 'Segment SDKs drop a 400 instead of retrying it');
      assert.equal(bad.headers.get('retry-after'), null);
      assert.equal(gw.outbox.depth(), 0, 'nothing was committed');
      const metrics = await (await fetch(`${url}/metrics`)).text();
      assert.match(
        metrics,
        /veil_refused_requests_total\{vendor="segment",code="prepare_threw"\} 1/,
      );
      const logged = lines.join('');
      assert.match(logged, /preparing threw; request refused/);
      assert.match(logged, /"err":"TypeError"/);
      assert.ok(!logged.includes(EMAIL), 'the thrown message (a value) is not logged');
      const good = await post(url, [track(2)]);
      assert.equal(good.status, 200, 'the next request is served');
    } finally {
      await gw.shutdown();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a body that ends policy workers is refused as too large; what they held is committed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'veil-gw-oom-'));
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (s: string) => void lines.push(s) });
    const config = ConfigSchema.parse({
      version: 1,
      data_dir: join(dir, 'data'),
      server: {
        port: 0,
        policy_workers: 1,
        policy_worker_max_heap_mb: 32,
        max_body_bytes: 50_000_000,
        max_events_per_request: 100_000,
        max_values_per_request: 10_000_000, // the worker's heap is the bound under test
      },
      sources: { web: { type: 'segment', tokens: [TOKEN], destinations: ['archive'] } },
      destinations: { archive: { type: 'file', path: join(dir, 'archive.ndjson') } },
    });
    const gw = await createGateway(config, { env: ENV, log });
    try {
      const url = await gw.start();
      gw.outbox.setState('archive', 'paused');
      // About 13 MB whose parsed events need far more than 32 MB of heap.
      const huge = Array.from({ length: 5_000 }, (_, i) => ({
        ...track(1_000 + i),
        properties: { a: 'x'.repeat(2_000) + i, b: Array.from({ length: 50 }, (_, j) => `v${j}`) },
      }));
      const [bad, beside] = await Promise.all([post(url, huge), post(url, [track(1), track(2)])]);
      assert.equal(bad.status, 413, 'Segment SDKs drop a 413 instead of resending it forever');
      assert.equal(bad.headers.get('retry-after'), null);
      assert.equal(beside.status, 200, 'the request beside it is answered');
      assert.equal(gw.outbox.depth(), 2, 'only the two events beside it were committed');
      const metrics = await (await fetch(`${url}/metrics`)).text();
      assert.match(
        metrics,
        /veil_refused_requests_total\{vendor="segment",code="prepare_killed_worker"\} 1/,
      );
      assert.match(lines.join(''), /preparing ended a policy worker; request refused/);
      // Until the worker it ended last is replaced, requests get "retry later"; then served.
      await until(() => gw.pool!.workers().length === 1, 'a replacement worker');
      assert.equal((await post(url, [track(3)])).status, 200, 'the next request is served');
    } finally {
      await gw.shutdown();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A config whose one Segment source feeds one file destination `archive`, data in `dir`. */
function archiveConfig(dir: string, workers: number, more: Record<string, unknown>): Config {
  return ConfigSchema.parse({
    version: 1,
    data_dir: join(dir, 'data'),
    server: { port: 0, policy_workers: workers },
    sources: { web: { type: 'segment', tokens: [TOKEN], destinations: ['archive'] } },
    destinations: { archive: { type: 'file', path: join(dir, 'archive.ndjson') } },
    ...more,
  });
}

describe('gateway: a full outbox', () => {
  for (const workers of [0, 1])
    it(`refuses what would not fit before the policies run, so refused tries are not counted (policy_workers: ${workers})`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'veil-gw-full-'));
      const config = archiveConfig(dir, workers, { outbox: { high_water: 100 } });
      const gw = await createGateway(config, { env: ENV });
      let stopped = false;
      try {
        const url = await gw.start();
        gw.outbox.setState('archive', 'paused');
        const first = Array.from({ length: 98 }, (_, i) => track(i));
        assert.equal((await post(url, first)).status, 200);
        // Room for two rows: the SDK resends a batch of three three times, never committed.
        for (let i = 0; i < 3; i++) {
          const r = await post(url, [200, 201, 202].map(track));
          assert.equal(r.status, 429, "the Segment receiver's overloaded answer");
          assert.ok(r.headers.get('retry-after'), 'Segment SDKs retry it');
        }
        assert.equal((await post(url, [98, 99].map(track))).status, 200, 'two rows fit');
        assert.equal(gw.outbox.depth(), 100, 'the high-water mark is reached');
        assert.equal((await post(url, [track(203)])).status, 429);
        const unauthorized = await fetch(`${url}/segment/v1/batch`, {
          method: 'POST',
          headers: { authorization: `Basic ${Buffer.from('nope:').toString('base64')}` },
          body: JSON.stringify({ batch: [track(20)] }),
        });
        assert.equal(unauthorized.status, 401, 'a bad token is still told so');
        assert.equal(gw.outbox.depth(), 100);
        await gw.shutdown(); // writes what the inventory and the ledger hold
        stopped = true;

        const ledger = openLedgerStore({ path: join(config.data_dir, 'ledger.db') });
        const day = new Date().toISOString().slice(0, 10);
        const impact = ledger.impact({ destination: 'archive', from: day, to: day });
        ledger.close();
        assert.equal(impact.events, 100, 'only the committed events are in the ledger');
        assert.equal(impact.subjects, 100);
        const inventory = openInventoryStore({ path: join(config.data_dir, 'inventory.db') });
        const rows = inventory.rows({ destination: 'archive' });
        inventory.close();
        const email = rows.find((r) => r.path === 'traits.email');
        assert.equal(email?.count, 100, 'only the committed events are in the data map');
      } finally {
        if (!stopped) await gw.shutdown();
        rmSync(dir, { recursive: true, force: true });
      }
    });
});

describe('gateway: a body of very many small values', () => {
  for (const workers of [0, 1])
    it(`is refused as too large before minimizing, and the gateway goes on (policy_workers: ${workers})`, async () => {
      // About 2 MB (well under the body limits) whose million values would take gigabytes of
      // memory to minimize: without the bound it ended the process (no workers) or its worker.
      const dir = mkdtempSync(join(tmpdir(), 'veil-gw-values-'));
      const config = ConfigSchema.parse({
        version: 1,
        data_dir: join(dir, 'data'),
        server: { port: 0, policy_workers: workers },
        sources: { web: { type: 'segment', tokens: [TOKEN], destinations: ['archive'] } },
        destinations: { archive: { type: 'file', path: join(dir, 'archive.ndjson') } },
      });
      const gw = await createGateway(config, { env: ENV });
      try {
        const url = await gw.start();
        gw.outbox.setState('archive', 'paused');
        const wide = { ...track(1), properties: { a: new Array<number>(1_000_000).fill(0) } };
        const bad = await post(url, [wide]);
        assert.equal(bad.status, 413, 'Segment SDKs drop a 413');
        assert.match(await bad.text(), /more than 200000 JSON values in one request/);
        const metrics = await (await fetch(`${url}/metrics`)).text();
        assert.match(metrics, /veil_refused_requests_total\{vendor="segment",code="too_large"\} 1/);
        const fine = Array.from({ length: 100 }, (_, i) => ({
          ...track(i),
          properties: { items: new Array<number>(1_000).fill(i) },
        }));
        assert.equal((await post(url, fine)).status, 200, 'a batch under the bound is served');
        assert.equal(gw.outbox.depth(), 100, 'only that batch was committed');
      } finally {
        await gw.shutdown();
        rmSync(dir, { recursive: true, force: true });
      }
    });
});

describe('gateway: request bodies in flight', () => {
  it('are bounded in bytes: past the bound, "retry later"; bytes are given back when a request ends', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'veil-gw-inflight-'));
    const config = ConfigSchema.parse({
      version: 1,
      data_dir: join(dir, 'data'),
      server: { port: 0, policy_workers: 0, max_bodies_in_flight_bytes: 64 * 1024 },
      sources: { web: { type: 'segment', tokens: [TOKEN], destinations: ['archive'] } },
      destinations: { archive: { type: 'file', path: join(dir, 'archive.ndjson') } },
    });
    const gw = await createGateway(config, { env: ENV });
    const auth = `Basic ${Buffer.from(`${TOKEN}:`).toString('base64')}`;
    let slow: ClientRequest | undefined;
    try {
      const url = new URL(await gw.start());
      gw.outbox.setState('archive', 'paused');
      // A slow upload: 50,000 of its 60,000 bytes sent, the rest never.
      const upload = request({
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: '/segment/v1/batch',
        headers: {
          'content-type': 'application/json',
          'content-length': 60_000,
          authorization: auth,
        },
      });
      slow = upload;
      const slowClosed = new Promise<void>((r) => upload.on('close', () => r()));
      upload.on('error', () => {});
      upload.write('x'.repeat(50_000));
      await new Promise((r) => setTimeout(r, 300));
      // 20 KB more would pass 64 KiB: refused at once, with Retry-After, counted.
      const padded = (i: number) => ({ ...track(i), properties: { pad: 'p'.repeat(20_000) } });
      const busy = await post(url.origin, [padded(1)]);
      assert.equal(busy.status, 429, "the Segment receiver's overloaded answer");
      assert.ok(busy.headers.get('retry-after'));
      const metrics = await (await fetch(`${url.origin}/metrics`)).text();
      assert.match(
        metrics,
        /veil_refused_requests_total\{vendor="segment",code="bodies_in_flight"\} 1/,
      );
      // The slow client goes away: its bytes are given back, and the same request is served.
      upload.destroy();
      await slowClosed;
      await until(async () => (await post(url.origin, [padded(2)])).status === 200, 'a 200');
      for (let i = 3; i < 8; i++)
        assert.equal(
          (await post(url.origin, [padded(i)])).status,
          200,
          'bytes of answered requests are given back',
        );
    } finally {
      slow?.destroy(); // else shutdown would wait for its body
      await gw.shutdown();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('gateway: the ledger journal', () => {
  for (const workers of [0, 1])
    it(`commits the counts of acknowledged events with their rows, without raw ids, until written (policy_workers: ${workers})`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'veil-gw-journal-'));
      const config = archiveConfig(dir, workers, {
        ledger: { flush_interval_ms: 3_600_000 },
        inventory: { flush_interval_ms: 3_600_000 },
      });
      const gw = await createGateway(config, { env: ENV });
      let stopped = false;
      try {
        const url = await gw.start();
        gw.outbox.setState('archive', 'paused');
        for (let b = 0; b < 3; b++) {
          const r = await post(
            url,
            Array.from({ length: 5 }, (_, i) => track(b * 5 + i)),
          );
          assert.equal(r.status, 200);
        }
        const entries = gw.outbox.journal();
        const text = JSON.stringify(entries);
        let events = 0;
        for (const e of entries)
          for (const row of JSON.parse(e.data) as string[][]) {
            assert.match(row[2]!, /^l1_/, 'a subject that is not a ledger pseudonym');
            events += Number(/(?:^|;)\*:0:(\d+)/.exec(row[5]!)?.[1] ?? 0);
          }
        assert.equal(events, 15, 'every acknowledged event is in the journal');
        for (const raw of ['user-1', EMAIL, '203.0.113.7'])
          assert.ok(!text.includes(raw), `the journal holds the raw value ${raw}`);
        await gw.shutdown(); // writes the counts, then drops what the journal held of them
        stopped = true;
        const ledger = openLedgerStore({ path: join(config.data_dir, 'ledger.db') });
        const day = new Date().toISOString().slice(0, 10);
        assert.equal(ledger.impact({ destination: 'archive', from: day, to: day }).events, 15);
        assert.ok(ledger.appliedEpoch() >= 1);
        ledger.close();
        const again = await createGateway(config, { env: ENV });
        assert.deepEqual(again.outbox.journal(), [], 'written entries are gone');
        await again.shutdown();
        const after = openLedgerStore({ path: join(config.data_dir, 'ledger.db') });
        assert.equal(after.impact({ destination: 'archive', from: day, to: day }).events, 15);
        after.close();
      } finally {
        if (!stopped) await gw.shutdown();
        rmSync(dir, { recursive: true, force: true });
      }
    });
});
