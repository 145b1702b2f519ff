/**
 * The real @segment/analytics-node SDK against a recording server: what it sends must decode,
 * and the answers this receiver builds must make it do the right thing (success, retry, drop).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analytics } from '@segment/analytics-node';
import { startFakeVendor, type RecordedRequest } from '../../testing/fake-vendor.js';
import { createSegmentReceiver } from './index.js';
import { DEFAULT_LIMITS, type ReceiverRequest, type WireResponse } from '../types.js';

const receiver = createSegmentReceiver();
const KEY = 'wk_sdk_test';

/** What the host does: strip the `/segment` mount prefix and hand the request over. */
function asReceiverRequest(r: RecordedRequest): ReceiverRequest {
  assert.ok(r.path.startsWith('/segment/'), r.path);
  return {
    method: r.method,
    path: r.path.slice('/segment'.length),
    query: r.query,
    headers: r.headers,
    body: r.body,
    clientIp: '127.0.0.1',
    receivedAt: r.receivedAt,
  };
}

const answer = (w: WireResponse) => ({ status: w.status, headers: { ...w.headers }, body: w.body });

function client(host: string, maxRetries = 3): Analytics {
  return new Analytics({ writeKey: KEY, host, path: '/segment/v1/batch', flushAt: 6, maxRetries });
}

function decodeRecorded(r: RecordedRequest) {
  const req = asReceiverRequest(r);
  const route = receiver.route(req.method, req.path);
  assert.ok(route);
  const out = receiver.decode(route, req, DEFAULT_LIMITS);
  assert.equal(out.kind, 'events');
  if (out.kind !== 'events') throw new Error('unreachable');
  return out;
}

test('analytics-node: every call type decodes, and accepted() is success without retry', async () => {
  const vendor = await startFakeVendor({
    respond: () => answer(receiver.accepted(route(), req(), 6)),
  });
  const analytics = client(vendor.url);
  const errors: unknown[] = [];
  const cb = (err?: unknown) => void (err && errors.push(err));
  try {
    analytics.track(
      { userId: 'u1', event: 'Order Completed', properties: { total: 12.5 }, messageId: 'm-1' },
      cb,
    );
    analytics.identify(
      { userId: 'u1', traits: { plan: 'pro' }, context: { ip: '198.51.100.7' } },
      cb,
    );
    analytics.page(
      { anonymousId: 'anon-1', name: 'Home', properties: { url: 'https://x.test/' } },
      cb,
    );
    analytics.screen({ userId: 'u1', name: 'Settings' }, cb);
    analytics.group({ userId: 'u1', groupId: 'org-9', traits: { seats: 3 } }, cb);
    analytics.alias({ userId: 'u1', previousId: 'anon-1' }, cb);
    await analytics.closeAndFlush();
  } finally {
    await vendor.close();
  }
  assert.deepEqual(errors, []);
  assert.equal(vendor.requests.length, 1, 'a success answer must not be retried');
  const out = decodeRecorded(vendor.requests[0]!);
  assert.equal(out.token, KEY);
  assert.deepEqual(out.rejected, []);
  const evs = out.events.map((d) => d.event);
  assert.deepEqual(
    evs.map((e) => e.type),
    ['track', 'identify', 'page', 'screen', 'group', 'alias'],
  );
  assert.equal(evs[0]!.event, 'Order Completed');
  assert.equal(evs[0]!.messageId, 'm-1');
  assert.deepEqual(evs[0]!.properties, { total: 12.5 });
  assert.equal(evs[1]!.context?.ip, '198.51.100.7');
  assert.deepEqual(evs[1]!.traits, { plan: 'pro' });
  assert.equal(evs[2]!.anonymousId, 'anon-1');
  assert.equal(evs[4]!.groupId, 'org-9');
  assert.equal(evs[5]!.previousId, 'anon-1');
  for (const e of evs) {
    assert.ok(e.messageId && e.messageId.length > 0);
    assert.ok(!Number.isNaN(Date.parse(e.timestamp!)));
    assert.equal(
      (e.context?.library as { name?: string } | undefined)?.name,
      '@segment/analytics-node',
    );
    assert.equal('writeKey' in e, false);
  }
  const raw = JSON.parse(vendor.requests[0]!.text) as { batch: { messageId: string }[] };
  assert.deepEqual(
    evs.map((e) => e.messageId),
    raw.batch.map((e) => e.messageId),
    "the SDK's messageIds are the dedupe ids",
  );
});

test('analytics-node: overloaded (429 + Retry-After) is retried, then accepted', async () => {
  let n = 0;
  const vendor = await startFakeVendor({
    respond: () =>
      answer(
        n++ === 0
          ? receiver.refused(route(), req(), 'overloaded', 'busy', 1)
          : receiver.accepted(route(), req(), 1),
      ),
  });
  const analytics = client(vendor.url);
  let error: unknown;
  try {
    analytics.track({ userId: 'u1', event: 'Retry Me' }, (err) => (error = err));
    await analytics.closeAndFlush();
  } finally {
    await vendor.close();
  }
  assert.equal(error, undefined);
  assert.equal(vendor.requests.length, 2);
  const ids = vendor.requests.map((r) => decodeRecorded(r).events[0]!.event.messageId);
  assert.equal(ids[0], ids[1], 'the retry carries the same messageId');
});

test('analytics-node: unauthorized and malformed refusals are dropped, not retried', async () => {
  for (const code of ['unauthorized', 'bad_json', 'too_large'] as const) {
    const vendor = await startFakeVendor({
      respond: () => answer(receiver.refused(route(), req(), code, 'no')),
    });
    const analytics = client(vendor.url);
    let error: unknown;
    try {
      analytics.track({ userId: 'u1', event: 'Nope' }, (err) => (error = err));
      await analytics.closeAndFlush();
    } finally {
      await vendor.close();
    }
    assert.ok(error, `${code}: the SDK reports the failure`);
    assert.equal(vendor.requests.length, 1, `${code}: not retried`);
  }
});

function route() {
  return receiver.route('POST', '/v1/batch')!;
}

function req(): ReceiverRequest {
  return {
    method: 'POST',
    path: '/v1/batch',
    query: new URLSearchParams(),
    headers: {},
    body: Buffer.alloc(0),
    clientIp: '127.0.0.1',
    receivedAt: 0,
  };
}
