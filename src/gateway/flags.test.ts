/**
 * Feature-flag requests: answered locally by default (nothing leaves); with
 * `feature_flags: {forward_to: DEST}` the vendor is asked with only the identity, pseudonymized
 * exactly as that destination's events carry it, and its answer is relayed. A paused
 * destination is not asked.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigSchema } from '../config/schema.js';
import { startFakeVendor, type FakeVendor } from '../testing/fake-vendor.js';
import { createGateway, type Gateway } from './gateway.js';

const ENV = { VEIL_MASTER_KEY: 'd4'.repeat(64 / 2), MP_TOKEN: 'dest-mp-token', PH_KEY: 'phc_dest' };
const EMAIL = 'kenji.ito@example.jp';
const FLAGS = { flags: { 'new-checkout': { key: 'new-checkout', enabled: true, variant: null } } };

describe('feature flags', () => {
  let dir: string;
  let vendor: FakeVendor;
  let gw: Gateway;
  let url: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'veil-flags-'));
    vendor = await startFakeVendor({
      respond: (r) =>
        r.path.includes('flags')
          ? {
              status: 200,
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(FLAGS),
            }
          : { status: 200, body: '1' },
    });
    const config = ConfigSchema.parse({
      version: 1,
      data_dir: join(dir, 'data'),
      server: { port: 0 },
      sources: {
        mp: {
          type: 'mixpanel',
          tokens: ['mp-src'],
          destinations: ['mixpanel'],
          feature_flags: { forward_to: 'mixpanel' },
        },
        ph: {
          type: 'posthog',
          tokens: ['phc_src'],
          destinations: ['posthog'],
          feature_flags: { forward_to: 'posthog' },
        },
        local: { type: 'posthog', tokens: ['phc_local'], destinations: ['posthog'] },
      },
      destinations: {
        mixpanel: { type: 'mixpanel', endpoint: vendor.url, project_token_env: 'MP_TOKEN' },
        posthog: { type: 'posthog', endpoint: vendor.url, project_api_key_env: 'PH_KEY' },
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

  const flagRequests = () => vendor.requests.filter((r) => r.path.includes('flags'));

  it('answers locally by default and asks no vendor', async () => {
    const res = await fetch(`${url}/posthog/flags/?v=2`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: 'phc_local', distinct_id: 'user-1' }),
    });
    assert.equal(res.status, 200);
    assert.deepEqual(((await res.json()) as { featureFlags: unknown }).featureFlags, {});
    assert.equal(flagRequests().length, 0);
  });

  it('forwards a PostHog flag request with only the pseudonymized id', async () => {
    const res = await fetch(`${url}/posthog/flags/?v=2`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        token: 'phc_src',
        distinct_id: 'user-1',
        person_properties: { email: EMAIL },
      }),
    });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), FLAGS);
    const sent = flagRequests().at(-1)!;
    const body = JSON.parse(sent.text) as { api_key: string; distinct_id: string };
    assert.equal(body.api_key, 'phc_dest', "the destination's own credential");
    assert.match(body.distinct_id, /^k1_/);
    assert.ok(!sent.text.includes(EMAIL) && !sent.text.includes('user-1'));
    assert.deepEqual(Object.keys(body).sort(), ['api_key', 'distinct_id']);
  });

  it('forwards a Mixpanel flag request; the pseudonym matches the events', async () => {
    const context = JSON.stringify({ distinct_id: 'user-2', device_id: 'dev-9', email: EMAIL });
    const q = new URLSearchParams({ context, token: 'mp-src' });
    const res = await fetch(`${url}/mixpanel/flags/?${q}`, {
      headers: { authorization: `Basic ${btoa('mp-src:')}` },
    });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), FLAGS);
    const sent = flagRequests().at(-1)!;
    const ctx = JSON.parse(sent.query.get('context')!) as Record<string, string>;
    assert.deepEqual(Object.keys(ctx), ['distinct_id']);
    assert.equal(sent.query.get('token'), 'dest-mp-token');
    assert.ok(!sent.text.includes(EMAIL) && !sent.url.includes('dev-9'));
    // The same user's event reaches the vendor under the same pseudonym.
    const data = Buffer.from(
      JSON.stringify([
        { event: 'x', properties: { token: 'mp-src', distinct_id: 'user-2', $insert_id: 'i2' } },
      ]),
    ).toString('base64');
    const ev = await fetch(`${url}/mixpanel/track?verbose=1`, {
      method: 'POST',
      body: `data=${data}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(ev.status, 200);
    await vendor.waitFor(vendor.requests.length + 1);
    const track = vendor.requests.find((r) => r.path === '/track')!;
    assert.ok(track.text.includes(ctx.distinct_id!), 'flags and events use one pseudonym');
  });

  it('does not ask a paused destination', async () => {
    gw.outbox.setState('posthog', 'paused');
    const before = flagRequests().length;
    const res = await fetch(`${url}/posthog/flags/?v=2`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: 'phc_src', distinct_id: 'user-3' }),
    });
    assert.equal(res.status, 200);
    assert.deepEqual(((await res.json()) as { featureFlags: unknown }).featureFlags, {});
    assert.equal(flagRequests().length, before);
    gw.outbox.setState('posthog', 'active');
  });

  it('rejects forward_to a destination of another vendor type', () => {
    const r = ConfigSchema.safeParse({
      version: 1,
      sources: {
        s: {
          type: 'posthog',
          tokens: ['t'],
          destinations: ['f'],
          feature_flags: { forward_to: 'f' },
        },
      },
      destinations: { f: { type: 'file', path: 'x.ndjson' } },
    });
    assert.equal(r.success, false);
    assert.match(JSON.stringify(r.error?.issues), /must name a posthog destination/);
  });
});
