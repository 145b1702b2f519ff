import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeVendor } from '../testing/fake-vendor.js';
import { createAlertSink } from './alerts.js';
import type { DriftAlert } from './drift.js';
import { InventorySchema } from '../config/inventory.js';

const ALERT: DriftAlert = {
  kind: 'new_category',
  source: 'web',
  destination: 'mixpanel',
  event: 'Feedback',
  path: 'properties.comment',
  categories: ['user.contact.email'],
  after: [],
  initial: false,
  firstSeen: 1_000,
};

function recorder() {
  const lines: { level: string; obj: object; msg: string }[] = [];
  const at = (level: string) => (obj: object, msg: string) => lines.push({ level, obj, msg });
  return { lines, log: { warn: at('warn'), error: at('error') } as never };
}

test('one warning per alert and one webhook POST per batch', async () => {
  const vendor = await startFakeVendor();
  try {
    const { lines, log } = recorder();
    const sink = createAlertSink({ log, webhookUrl: `${vendor.url}/hook?secret=s3cr3t` });
    await sink([ALERT, { ...ALERT, kind: 'new_field', path: 'properties.note' }]);
    await sink([]);
    assert.equal(vendor.requests.length, 1);
    const req = vendor.requests[0]!;
    assert.equal(req.method, 'POST');
    assert.equal(req.headers['content-type'], 'application/json');
    const body = JSON.parse(req.text) as { alerts: DriftAlert[] };
    assert.deepEqual(body.alerts[0], ALERT);
    assert.equal(body.alerts.length, 2);
    assert.deepEqual(
      lines.map((l) => l.level),
      ['warn', 'warn'],
    );
    assert.match(lines[0]!.msg, /new category in field "properties.comment".*user\.contact\.email/);
  } finally {
    await vendor.close();
  }
});

test('a failing or hanging webhook is logged (without its URL), not thrown, not retried', async () => {
  const vendor = await startFakeVendor({ respond: () => ({ status: 500 }) });
  try {
    const { lines, log } = recorder();
    const url = `${vendor.url}/hook?secret=s3cr3t`;
    await createAlertSink({ log, webhookUrl: url })([ALERT]);
    vendor.setResponder(() => 'hang');
    await createAlertSink({ log, webhookUrl: url, timeoutMs: 100 })([ALERT]);
    assert.equal(vendor.requests.length, 2);
    const errors = lines.filter((l) => l.level === 'error').map((l) => l.msg);
    assert.deepEqual(errors, ['drift webhook answered HTTP 500', 'drift webhook failed (timeout)']);
    assert.ok(!JSON.stringify(lines).includes('s3cr3t'));
  } finally {
    await vendor.close();
  }
});

test('without a webhook it only logs; fetch errors resolve', async () => {
  const { lines, log } = recorder();
  await createAlertSink({ log })([ALERT]);
  await createAlertSink({ log, logAlerts: false })([ALERT]);
  const boom = () =>
    Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }));
  await createAlertSink({ log, webhookUrl: 'http://127.0.0.1:9/x', fetchImpl: boom })([ALERT]);
  assert.deepEqual(
    lines.map((l) => `${l.level} ${l.level === 'error' ? l.msg : ''}`),
    ['warn ', 'warn ', 'error drift webhook failed (ECONNREFUSED)'],
  );
});

test('inventory config: defaults; the webhook URL literal or from the environment, not both', () => {
  assert.deepEqual(InventorySchema.parse({}), {
    enabled: true,
    flush_interval_ms: 10_000,
    max_fields_per_event: 1_000,
    max_events_per_source: 1_000,
    drift_webhook_timeout_ms: 5_000,
  });
  const both = InventorySchema.safeParse({
    drift_webhook_url: 'https://hooks.example/x',
    drift_webhook_url_env: 'VEIL_DRIFT_WEBHOOK',
    flush_interval_ms: 5,
  });
  assert.deepEqual(
    both.error?.issues.map((i) => i.path.join('.')),
    ['flush_interval_ms', 'drift_webhook_url_env'],
  );
  assert.equal(
    InventorySchema.safeParse({ drift_webhook_url: 'file:///etc/passwd' }).success,
    false,
  );
});
