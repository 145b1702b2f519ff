/**
 * Logs never carry event values, tokens or keys: a gateway logging at trace level takes events
 * full of personal data and secrets, fails to deliver them (so warnings are logged), refuses
 * hostile requests, and shuts down; the whole log is then searched for every planted value.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { pino } from 'pino';
import { ConfigSchema } from '../config/schema.js';
import { startFakeVendor } from '../testing/fake-vendor.js';
import { createGateway } from './gateway.js';

const MASTER = 'c3'.repeat(32);
const TOKEN = 'log-test-write-key';
const PLANTED = [
  'ayumi.sato@example.jp',
  '090-1234-5678',
  'Ayumi Sato',
  '198.51.100.23',
  'ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8',
  'user-secret-id-77',
];

test('logs contain no event values, tokens or keys', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'veil-logs-'));
  let text = '';
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      text += chunk.toString();
      cb();
    },
  });
  const vendor = await startFakeVendor({ respond: () => ({ status: 503, body: 'down' }) });
  const config = ConfigSchema.parse({
    version: 1,
    data_dir: join(dir, 'data'),
    server: { port: 0 },
    sources: { web: { type: 'segment', tokens: [TOKEN], destinations: ['hook'] } },
    destinations: { hook: { type: 'http', url: `${vendor.url}/in` } },
  });
  const gw = await createGateway(config, {
    env: { VEIL_MASTER_KEY: MASTER },
    log: pino({ level: 'trace' }, sink),
  });
  try {
    const url = await gw.start();
    const auth = `Basic ${Buffer.from(`${TOKEN}:`).toString('base64')}`;
    const event = {
      type: 'identify',
      userId: PLANTED[5],
      traits: { email: PLANTED[0], phone: PLANTED[1], name: PLANTED[2], token: PLANTED[4] },
      context: { ip: PLANTED[3] },
    };
    const ok = await fetch(`${url}/segment/v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: auth },
      body: JSON.stringify({ batch: [event] }),
    });
    assert.equal(ok.status, 200);
    const bad = await fetch(`${url}/segment/v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic ' + btoa('nope:') },
      body: JSON.stringify({ batch: [event] }),
    });
    assert.equal(bad.status, 401);
    await vendor.waitFor(1);
  } finally {
    await gw.shutdown();
    await vendor.close();
    rmSync(dir, { recursive: true, force: true });
  }
  assert.match(text, /delivery will be retried/, 'the failed delivery was logged');
  for (const v of [...PLANTED, MASTER, TOKEN])
    assert.ok(!text.includes(v), `the log contains ${v.slice(0, 6)}…`);
});
