/**
 * Hostile input against a real `veil serve` with small limits: each malformed or abusive request
 * gets its 4xx, the gateway keeps answering /healthz, and nothing of a refused request reaches
 * the vendor (each carries a marker the vendor's recordings must never contain). Prototype keys
 * are stripped without polluting the gateway, and secrets in properties are forwarded redacted.
 * All of it twice: bodies decoded on the main thread (`policy_workers: 0`) and in a policy
 * worker (`policy_workers: 1`).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { startFakeVendor, type FakeVendor } from '../testing/fake-vendor.js';
import { removeDir, startVeil, type VeilProcess } from '../testing/serve.js';
import { eventsOf, waitForIds, wireText } from './wire.js';

const SEG = 'seghostilekey0e2e33';
const MP = 'mphostiletoken0e2e44';
const PH = 'phc_hostileE2Ekey55';
const MAX_BODY = 4096;

for (const workers of [0, 1]) {
  describe(`policy_workers: ${workers}`, () => {
    let veil: VeilProcess;
    let vendor: FakeVendor;
    const markers: string[] = [];

    before(async () => {
      vendor = await startFakeVendor();
      veil = await startVeil({
        config: {
          version: 1,
          server: {
            policy_workers: workers,
            max_body_bytes: MAX_BODY,
            max_decompressed_bytes: 8192,
            max_depth: 8,
            max_events_per_request: 5,
          },
          sources: {
            seg: { type: 'segment', tokens: [SEG], destinations: ['sink'] },
            mp: { type: 'mixpanel', tokens: [MP], destinations: ['sink'] },
            ph: { type: 'posthog', tokens: [PH], destinations: ['sink'] },
          },
          destinations: { sink: { type: 'http', url: `${vendor.url}/ingest`, timeout_ms: 2000 } },
        },
      });
    });

    after(async () => {
      await veil?.stop();
      await vendor?.close();
      if (veil) removeDir(veil.dataDir);
    });

    /** A fresh marker to plant in a request whose content must never reach the vendor. */
    function marker(): string {
      const m = `hostile${randomBytes(6).toString('hex')}`;
      markers.push(m);
      return m;
    }

    const segAuth = { authorization: `Basic ${Buffer.from(`${SEG}:`).toString('base64')}` };

    async function send(
      path: string,
      body: string | Buffer,
      headers: Record<string, string> = {},
    ): Promise<number> {
      const res = await fetch(`${veil.url}${path}`, { method: 'POST', headers, body });
      await res.arrayBuffer();
      return res.status;
    }

    const segEvent = (extra: Record<string, unknown> = {}) => ({
      type: 'track',
      event: 'Hostile',
      userId: 'hostile-user',
      messageId: randomUUID(),
      ...extra,
    });

    const segBatch = (events: unknown[]) =>
      send('/segment/v1/batch', JSON.stringify({ batch: events }), {
        'content-type': 'application/json',
        ...segAuth,
      });

    async function assertAlive(after: string): Promise<void> {
      const res = await fetch(`${veil.url}/healthz`);
      await res.arrayBuffer();
      assert.equal(res.status, 200, `/healthz after ${after}`);
    }

    const cases: [string, number, () => Promise<number>][] = [
      [
        'malformed JSON',
        400,
        () => send('/segment/v1/batch', `{"batch":[{"event":"${marker()}"`, segAuth),
      ],
      [
        'bad base64',
        400,
        () =>
          send('/mixpanel/track', `data=${encodeURIComponent(`!!${marker()}*&*`)}`, {
            'content-type': 'application/x-www-form-urlencoded',
          }),
      ],
      [
        'truncated gzip',
        400,
        () => {
          const gz = gzipSync(
            JSON.stringify({ api_key: PH, batch: [{ event: marker(), distinct_id: 'x' }] }),
          );
          return send('/posthog/batch/', gz.subarray(0, gz.length - 12), {
            'content-type': 'application/json',
          });
        },
      ],
      [
        'gzip bomb (small compressed, over max_decompressed_bytes inflated)',
        413,
        () => {
          const json = JSON.stringify({
            api_key: PH,
            batch: [
              { event: marker(), distinct_id: 'x', properties: { pad: ' '.repeat(200_000) } },
            ],
          });
          const gz = gzipSync(json);
          assert.ok(gz.length < MAX_BODY, 'the bomb must pass the body limit compressed');
          return send('/posthog/batch/', gz, { 'content-type': 'application/json' });
        },
      ],
      [
        'body over max_body_bytes',
        413,
        () => segBatch([segEvent({ properties: { pad: marker() + 'x'.repeat(MAX_BODY) } })]),
      ],
      [
        'JSON nested deeper than max_depth',
        400,
        () => {
          let deep: unknown = { leaf: marker() };
          for (let i = 0; i < 12; i++) deep = { d: deep };
          return segBatch([segEvent({ properties: deep })]);
        },
      ],
      [
        'wrong token',
        401,
        () =>
          send('/segment/v1/batch', JSON.stringify({ batch: [segEvent({ event: marker() })] }), {
            'content-type': 'application/json',
            authorization: `Basic ${Buffer.from('notthekey:').toString('base64')}`,
          }),
      ],
      [
        'unknown vendor route',
        404,
        () =>
          send(
            '/segment/v9/nothing',
            JSON.stringify({ batch: [segEvent({ event: marker() })] }),
            segAuth,
          ),
      ],
      [
        'unknown vendor prefix',
        404,
        () => send('/nosuchvendor/track', JSON.stringify({ event: marker() })),
      ],
      [
        'too many events (Segment: 400)',
        400,
        () => segBatch(Array.from({ length: 6 }, () => segEvent({ event: marker() }))),
      ],
      [
        'too many events (Mixpanel: 413, the browser SDK halves its batch)',
        413,
        () => {
          const m = marker();
          const events = Array.from({ length: 6 }, () => ({
            event: m,
            properties: { token: MP, distinct_id: 'x', $insert_id: randomUUID() },
          }));
          const data = Buffer.from(JSON.stringify(events)).toString('base64');
          return send('/mixpanel/track', `data=${encodeURIComponent(data)}`, {
            'content-type': 'application/x-www-form-urlencoded',
          });
        },
      ],
    ];

    for (const [name, status, run] of cases) {
      test(`${name} → ${status}, and the gateway stays up`, async () => {
        assert.equal(await run(), status);
        await assertAlive(name);
      });
    }

    test('__proto__ / constructor keys are stripped, the gateway is not polluted', async () => {
      const polluting = segEvent({ messageId: randomUUID() });
      const raw = JSON.stringify({ batch: [polluting] }).replace(
        '"type":"track"',
        '"type":"track","properties":{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"kept":1},"context":{"__proto__":{"polluted":"yes"}}',
      );
      assert.equal(
        await send('/segment/v1/batch', raw, { 'content-type': 'application/json', ...segAuth }),
        200,
      );
      // A second, ordinary request: if the first had polluted Object.prototype in the gateway,
      // `polluted` would surface in this event's copies (spreads, for…in) on the wire.
      const plain = segEvent({ properties: { plain: 1 } });
      assert.equal(await segBatch([plain]), 200);
      await waitForIds(vendor, [polluting.messageId, plain.messageId], 30_000);
      const wire = vendor.requests.map(wireText).join('\n');
      assert.ok(
        !wire.includes('__proto__') && !wire.includes('polluted'),
        'prototype keys or their values were forwarded',
      );
      const first = vendor.requests
        .flatMap(eventsOf)
        .find((e) => e.messageId === polluting.messageId);
      assert.equal(
        (first?.properties as Record<string, unknown> | undefined)?.kept,
        1,
        'the event itself is forwarded',
      );
      await assertAlive('prototype keys');
    });

    test('secrets in a property are forwarded redacted (OpenAI project key, GitHub token)', async () => {
      const b62 = (n: number) =>
        Array.from(
          randomBytes(n),
          (b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[b % 62],
        ).join('');
      const openai = `sk-proj-${b62(58)}T3BlbkFJ${b62(58)}`;
      const github = `ghp_${b62(36)}`;
      const ev = segEvent({
        properties: {
          note: `deploy with ${openai} please`,
          misc: `token ${github} here`,
          plan: 'pro',
        },
      });
      assert.equal(await segBatch([ev]), 200);
      await waitForIds(vendor, [ev.messageId], 30_000);
      const wire = vendor.requests.map(wireText).join('\n');
      assert.ok(!wire.includes(openai.slice(8, 40)), 'the OpenAI key reached the vendor');
      assert.ok(!wire.includes(github.slice(4)), 'the GitHub token reached the vendor');
      const got = vendor.requests.flatMap(eventsOf).find((e) => e.messageId === ev.messageId);
      assert.equal(
        (got?.properties as Record<string, unknown> | undefined)?.plan,
        'pro',
        'the rest of the event is kept',
      );
    });

    test('nothing of any refused request reached the vendor', async () => {
      // Runs last: the accepted events above were committed after every refused request, and the
      // destination delivers in commit order, so anything refused-but-forwarded would be here now.
      assert.ok(
        vendor.requests.length > 0,
        'the accepted events never arrived: nothing to compare against',
      );
      const wire = vendor.requests.map(wireText).join('\n');
      const leaked = markers.filter((m) => wire.includes(m));
      assert.deepEqual(leaked, [], 'content of refused requests was forwarded');
    });
  });
}
