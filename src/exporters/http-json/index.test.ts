import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CanonicalEvent } from '../../pipeline/event.js';
import { startFakeVendor, type FakeReply } from '../../testing/fake-vendor.js';
import { createHttpExporter } from './index.js';

const ev = (i: number, extra: Record<string, unknown> = {}): CanonicalEvent => ({
  type: 'track',
  event: 'Viewed',
  userId: `u${i}`,
  messageId: `m${i}`,
  properties: extra,
});
const live = () => new AbortController().signal;

async function withVendor(
  reply: FakeReply,
  fn: (url: string, reqs: { text: string; headers: Record<string, unknown> }[]) => Promise<void>,
) {
  const v = await startFakeVendor({ respond: () => reply });
  try {
    await fn(v.url, v.requests as never);
  } finally {
    await v.close();
  }
}

test('posts {"batch":[…]} as JSON with the configured headers', () =>
  withVendor({ status: 200, body: '{}' }, async (url, reqs) => {
    const x = createHttpExporter({
      url: `${url}/in`,
      headers: { authorization: 'Bearer k' },
      timeoutMs: 5000,
    });
    assert.deepEqual(await x.send([ev(1), ev(2)], live()), { kind: 'ok' });
    assert.equal(reqs.length, 1);
    assert.deepEqual(JSON.parse(reqs[0]!.text), { batch: [ev(1), ev(2)] });
    assert.equal(reqs[0]!.headers['content-type'], 'application/json');
    assert.equal(reqs[0]!.headers['authorization'], 'Bearer k');
  }));

const cases: [FakeReply, string][] = [
  [{ status: 400, body: 'bad value u1' }, 'permanent'],
  [{ status: 503 }, 'retryable'],
  [{ status: 408 }, 'retryable'],
  [{ status: 429, headers: { 'retry-after': '7' } }, 'throttled'],
  [{ status: 413 }, 'too_large'],
];
for (const [reply, kind] of cases) {
  test(`HTTP ${(reply as { status: number }).status} → ${kind}, quoting no response body`, () =>
    withVendor(reply, async (url) => {
      const r = await createHttpExporter({ url, headers: {}, timeoutMs: 5000 }).send(
        [ev(1)],
        live(),
      );
      assert.equal(r.kind, kind);
      if (r.kind === 'throttled') assert.equal(r.retryAfterMs, 7000);
      assert.ok(r.kind !== 'ok' && !r.message.includes('u1'));
    }));
}

test('a hanging endpoint times out as retryable', () =>
  withVendor('hang', async (url) => {
    const r = await createHttpExporter({ url, headers: {}, timeoutMs: 50 }).send([ev(1)], live());
    assert.equal(r.kind, 'retryable');
  }));

test('an abort at shutdown is retryable', () =>
  withVendor('hang', async (url) => {
    const ac = new AbortController();
    const p = createHttpExporter({ url, headers: {}, timeoutMs: 60_000 }).send([ev(1)], ac.signal);
    ac.abort();
    assert.deepEqual(await p, { kind: 'retryable', message: 'aborted (shutting down)' });
  }));

test('more events than fit one request are split within the limits, in order', () =>
  withVendor({ status: 200 }, async (url, reqs) => {
    const events = Array.from({ length: 1100 }, (_, i) => ev(i));
    assert.equal(
      (await createHttpExporter({ url, headers: {}, timeoutMs: 5000 }).send(events, live())).kind,
      'ok',
    );
    const sizes = reqs.map((r) => (JSON.parse(r.text) as { batch: unknown[] }).batch.length);
    assert.deepEqual(sizes, [500, 500, 100]);
  }));

test('an event larger than maxBytes makes the batch too_large without a request', () =>
  withVendor({ status: 200 }, async (url, reqs) => {
    const big = ev(1, { blob: 'x'.repeat(5 * 1024 * 1024) });
    const r = await createHttpExporter({ url, headers: {}, timeoutMs: 5000 }).send(
      [ev(0), big],
      live(),
    );
    assert.equal(r.kind, 'too_large');
    assert.equal(reqs.length, 0);
  }));
