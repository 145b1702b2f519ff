/**
 * The official node SDKs (mixpanel, @segment/analytics-node, posthog-node,
 * @amplitude/analytics-node) against a real `veil serve` child process whose destinations of the
 * same vendor type point at recording fake vendors. Each SDK must report success, every event
 * must arrive (counted by dedupe id), and what arrives must be minimized: no planted email, name,
 * IP, URL token, raw user id or source token anywhere, identities as keyed pseudonyms.
 * Plus one cross-vendor route: a Segment source feeding a Mixpanel destination.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import Mixpanel from 'mixpanel';
import { Analytics } from '@segment/analytics-node';
import { PostHog } from 'posthog-node';
import { createInstance, Identify } from '@amplitude/analytics-node';
import { removeDir, startVeil, type VeilProcess } from '../testing/serve.js';
import type { FakeVendor } from '../testing/fake-vendor.js';
import { startVendors, vendorDestination, type Vendors } from './setup.js';
import { eventsOf, identities, leaks, PII, PSEUDONYM, until, waitForIds } from './wire.js';

const SRC = {
  mixpanel: 'mpsrctoken0e2e0aa11',
  segment: 'segsrcwritekey0e2e0bb22',
  posthog: 'phc_srcE2Ekey0cc33dd44',
  amplitude: 'ampsrcapikey0e2e0ee55',
} as const;
const PLANTED = { ...PII, ...SRC };

let veil: VeilProcess;
let vendors: Vendors;
const v = (name: string): FakeVendor => vendors.byName[name]!;

before(async () => {
  // mixpanel (node) routes through HTTP(S)_PROXY when set; the test talks to 127.0.0.1 only.
  delete process.env.HTTP_PROXY;
  delete process.env.HTTPS_PROXY;
  vendors = await startVendors({
    mp: 'mixpanel',
    seg: 'segment',
    ph: 'posthog',
    amp: 'amplitude',
    mpx: 'mixpanel',
  });
  veil = await startVeil({
    config: {
      version: 1,
      sources: {
        mp: { type: 'mixpanel', tokens: [SRC.mixpanel], destinations: ['mp'] },
        seg: { type: 'segment', tokens: [SRC.segment], destinations: ['seg', 'mpx'] },
        ph: { type: 'posthog', tokens: [SRC.posthog], destinations: ['ph'] },
        amp: { type: 'amplitude', tokens: [SRC.amplitude], destinations: ['amp'] },
      },
      destinations: {
        mp: vendorDestination('mixpanel', v('mp'), 'E2E_MP_TOKEN'),
        seg: vendorDestination('segment', v('seg'), 'E2E_SEG_KEY'),
        ph: vendorDestination('posthog', v('ph'), 'E2E_PH_KEY'),
        amp: vendorDestination('amplitude', v('amp'), 'E2E_AMP_KEY'),
        mpx: vendorDestination('mixpanel', v('mpx'), 'E2E_MPX_TOKEN'),
      },
    },
    env: {
      E2E_MP_TOKEN: 'destmptoken',
      E2E_SEG_KEY: 'destsegkey',
      E2E_PH_KEY: 'phc_destkey',
      E2E_AMP_KEY: 'destampkey',
      E2E_MPX_TOKEN: 'destmpxtoken',
    },
  });
});

after(async () => {
  await veil?.stop();
  await vendors?.close();
  if (veil) removeDir(veil.dataDir);
});

/** The minimization checks every vendor's recordings must pass. */
function assertMinimized(vendor: FakeVendor, label: string): void {
  assert.deepEqual(leaks(vendor.requests, PLANTED), [], `${label}: planted values on the wire`);
  const events = vendor.requests.flatMap(eventsOf);
  assert.ok(events.length > 0, `${label}: no events recorded`);
  for (const e of events) {
    const ids = identities(e);
    assert.ok(ids.length > 0, `${label}: an event without identity: ${Object.keys(e).join(',')}`);
    for (const id of ids) assert.match(id, PSEUDONYM, `${label}: identity is not a pseudonym`);
  }
}

const cb = (errors: unknown[]) => (err?: unknown) => {
  if (err !== undefined && err !== null && !(Array.isArray(err) && err.length === 0))
    errors.push(err);
};

test('mixpanel (node): track, track_batch and people.set arrive minimized', async () => {
  const u = new URL(veil.url);
  const mp = Mixpanel.init(SRC.mixpanel, {
    host: `${u.hostname}:${u.port}`,
    protocol: 'http',
    path: '/mixpanel',
    keepAlive: false,
  });
  const ids: string[] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const props = (id: string) => ({
    distinct_id: PII.userId,
    $insert_id: id,
    email: PII.email,
    $current_url: PII.url,
    ip: PII.ip,
    plan: 'pro',
  });
  const errors: unknown[] = [];
  await new Promise<void>((resolve) =>
    mp.track('Signed Up', props(ids[0]!), (e) => (cb(errors)(e), resolve())),
  );
  await new Promise<void>((resolve) =>
    mp.track('Viewed Page', props(ids[1]!), (e) => (cb(errors)(e), resolve())),
  );
  await new Promise<void>((resolve) =>
    mp.track_batch(
      ids.slice(2).map((id) => ({ event: 'Batch Event', properties: props(id) })),
      (e) => (cb(errors)(e), resolve()),
    ),
  );
  await new Promise<void>((resolve) =>
    mp.people.set(
      PII.userId,
      { $email: PII.email, $name: PII.name, plan: 'pro' },
      (e) => (cb(errors)(e), resolve()),
    ),
  );
  assert.deepEqual(errors.map(String), [], 'the SDK reported an error');
  await waitForIds(v('mp'), ids);
  const profiles = () =>
    v('mp')
      .requests.flatMap(eventsOf)
      .filter((e) => '$set' in e);
  await until(() => profiles().length > 0, 'the people.set profile update', 20_000);
  assertMinimized(v('mp'), 'mixpanel');
  const kept = v('mp')
    .requests.flatMap(eventsOf)
    .filter((e) => ids.includes(String((e.properties as Record<string, unknown>)?.$insert_id)));
  assert.ok(
    kept.length === ids.length &&
      kept.every((e) => (e.properties as Record<string, unknown>).plan === 'pro'),
    'non-personal properties survive',
  );
});

test('@segment/analytics-node: track and identify arrive minimized; the Mixpanel destination gets them too', async () => {
  const analytics = new Analytics({
    writeKey: SRC.segment,
    host: veil.url,
    path: '/segment/v1/batch',
    flushAt: 3,
    maxRetries: 0,
  });
  const ids = [randomUUID(), randomUUID(), randomUUID()];
  const errors: unknown[] = [];
  const context = { ip: PII.ip, page: { url: PII.url } };
  analytics.track(
    {
      userId: PII.userId,
      event: 'Order Completed',
      messageId: ids[0]!,
      properties: { email: PII.email, total: 12.5 },
      context,
    },
    cb(errors),
  );
  analytics.track(
    {
      anonymousId: 'anon-e2e-1',
      event: 'Viewed',
      messageId: ids[1]!,
      properties: { url: PII.url },
      context,
    },
    cb(errors),
  );
  analytics.identify(
    {
      userId: PII.userId,
      messageId: ids[2]!,
      traits: { email: PII.email, name: PII.name, plan: 'pro' },
      context,
    },
    cb(errors),
  );
  await analytics.closeAndFlush({ timeout: 20_000 });
  assert.deepEqual(errors.map(String), [], 'the SDK reported an error');
  await waitForIds(v('seg'), ids);
  assertMinimized(v('seg'), 'segment');
  // Cross-vendor: the tracks, encoded for Mixpanel, keep their dedupe ids as $insert_id; the
  // identify becomes a profile update (Mixpanel's /engage carries no dedupe id).
  await waitForIds(v('mpx'), ids.slice(0, 2));
  const profiles = () =>
    v('mpx')
      .requests.flatMap(eventsOf)
      .filter((e) => '$set' in e);
  await until(() => profiles().length > 0, 'the identify as a Mixpanel profile update', 20_000);
  assertMinimized(v('mpx'), 'segment → mixpanel');
  assert.ok(
    v('mpx').requests.every((r) => !r.text.includes('destsegkey')),
    'a Segment key went to Mixpanel',
  );
});

test('posthog-node: capture and identify arrive minimized', async () => {
  const ph = new PostHog(SRC.posthog, {
    host: `${veil.url}/posthog`,
    flushAt: 10,
    flushInterval: 60_000,
    fetchRetryCount: 0,
  });
  const errors: unknown[] = [];
  ph.on('error', (e: unknown) => errors.push(e));
  const ids = [randomUUID(), randomUUID(), randomUUID()];
  for (const uuid of ids)
    ph.capture({
      distinctId: PII.userId,
      event: 'Report Exported',
      uuid,
      properties: { email: PII.email, $current_url: PII.url, $ip: PII.ip, format: 'csv' },
    });
  ph.identify({ distinctId: PII.userId, properties: { email: PII.email, name: PII.name } });
  await ph.shutdown(20_000);
  assert.deepEqual(errors.map(String), [], 'the SDK reported an error');
  await waitForIds(v('ph'), ids);
  await until(
    () =>
      v('ph')
        .requests.flatMap(eventsOf)
        .some((e) => e.event === '$identify'),
    'the $identify event',
    20_000,
  );
  assertMinimized(v('ph'), 'posthog');
});

test('@amplitude/analytics-node: track and identify arrive minimized, result code 200', async () => {
  const amp = createInstance();
  await amp.init(SRC.amplitude, {
    serverUrl: `${veil.url}/amplitude/2/httpapi`,
    flushQueueSize: 10,
    flushIntervalMillis: 200,
    logLevel: 0,
  }).promise;
  const ids = [randomUUID(), randomUUID(), randomUUID()];
  const opts = (insert_id: string) => ({ user_id: PII.userId, insert_id, ip: PII.ip });
  const results = await Promise.all([
    amp.track('Song Played', { email: PII.email, page: PII.url, genre: 'jazz' }, opts(ids[0]!))
      .promise,
    amp.track('Song Skipped', { contact: PII.email }, opts(ids[1]!)).promise,
    amp.identify(new Identify().set('email', PII.email).set('name', PII.name), opts(ids[2]!))
      .promise,
  ]);
  assert.deepEqual(
    results.map((r) => r.code),
    [200, 200, 200],
    results.map((r) => r.message).join('; '),
  );
  await waitForIds(v('amp'), ids);
  assertMinimized(v('amp'), 'amplitude');
});
