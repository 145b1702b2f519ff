/**
 * posthog-js cannot run in Node (it needs a browser), so its three body encodings are built here
 * with the same code it uses (fflate `gzipSync(strToU8(json), {mtime: 0})` sent as text/plain;
 * `_base64Encode` from @posthog/browser-common as form `data=` with `?compression=base64`; plain
 * JSON), sent over HTTP to the recording server, and decoded. The answer is checked against
 * posthog-js's own retry rule, read from its installed source. The browser e2e covers the rest.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync, strToU8 } from 'fflate';
import { _base64Encode } from '@posthog/browser-common/utils/encode-utils';
import { eventsOf } from './test-request.js';
import { startRecorder } from './test-server.js';
import { createPosthogReceiver } from './index.js';

const TOKEN = 'phc_js_token';
const DEVICE = '0190a1b2-0000-7000-8000-000000000001';
const batch = [
  {
    uuid: '0190a1b2-0000-7000-8000-0000000000aa',
    event: '$pageview',
    properties: {
      $os: 'Mac OS X',
      $browser: 'Chrome',
      $device_id: DEVICE,
      $current_url: 'https://app.example/pricing',
      $host: 'app.example',
      $pathname: '/pricing',
      $raw_user_agent: 'Mozilla/5.0 (Macintosh)',
      $lib: 'web',
      $lib_version: '1.449.2',
      $session_id: 's1',
      $referrer: '$direct',
      distinct_id: DEVICE,
      $is_identified: false,
      token: TOKEN,
    },
    timestamp: '2025-01-01T00:00:00.000Z',
    $set_once: { $initial_current_url: 'https://app.example/pricing' },
  },
];

async function send(url: string, body: string | Uint8Array, contentType: string): Promise<number> {
  const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': contentType } });
  await res.text();
  return res.status;
}

/** posthog-js's retry-queue rule, checked to still be the one in the installed source. */
function retries(status: number): boolean {
  const require = createRequire(import.meta.url);
  const file = require.resolve('posthog-js/lib/src/retry-queue.js');
  const src = readFileSync(file, 'utf8');
  const rule =
    'response.statusCode !== 200 && (response.statusCode < 400 || response.statusCode >= 500)';
  assert.ok(src.includes(rule), 'posthog-js retry rule changed: re-check the answers');
  return status !== 200 && (status < 400 || status >= 500);
}

describe('posthog-js encodings → PostHog receiver', () => {
  it('decodes gzip (text/plain), base64 form and JSON bodies to the same events', async () => {
    const rec = await startRecorder();
    const json = JSON.stringify(batch);
    const statuses: number[] = [];
    try {
      const gz = gzipSync(strToU8(json), { mtime: 0 });
      statuses.push(await send(`${rec.url}/e/?ip=0&_=1&ver=1.449.2`, gz, 'text/plain'));
      const form = 'data=' + encodeURIComponent(_base64Encode(json));
      const formType = 'application/x-www-form-urlencoded';
      statuses.push(await send(`${rec.url}/e/?compression=base64&ver=1.449.2`, form, formType));
      statuses.push(await send(`${rec.url}/i/v0/e/`, json, 'application/json'));
    } finally {
      await rec.close();
    }
    assert.deepEqual(statuses, [200, 200, 200]);
    for (const s of statuses) assert.equal(retries(s), false);
    const decoded = rec.requests.map((r) => eventsOf(rec.decode(r)));
    for (const o of decoded) {
      assert.equal(o.token, TOKEN);
      const e = o.events[0]!.event;
      assert.deepEqual([e.type, e.userId, e.anonymousId], ['page', undefined, DEVICE]);
      assert.equal(e.context?.page?.url, 'https://app.example/pricing');
      assert.equal(e.context?.ip, '127.0.0.1', 'posthog-js asks PostHog to use the request IP');
      assert.deepEqual(e.properties?.$set_once, batch[0]!.$set_once);
      assert.equal(e.messageId, batch[0]!.uuid);
    }
  });

  it('answers overload with a status posthog-js retries, and errors/replay with ones it does not', () => {
    const r = createPosthogReceiver();
    const route = r.route('POST', '/e/')!;
    const req = { method: 'POST', path: '/e/', query: new URLSearchParams(), headers: {} };
    const full = { ...req, body: Buffer.alloc(0), clientIp: '', receivedAt: 0 };
    assert.equal(retries(r.refused(route, full, 'overloaded', 'busy', 2).status), true);
    assert.equal(retries(r.refused(route, full, 'bad_json', 'bad').status), false);
    assert.equal(retries(r.replayRefused(r.route('POST', '/s/')!, full).status), false);
  });
});
