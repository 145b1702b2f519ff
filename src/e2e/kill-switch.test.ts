/**
 * The kill switch from the command line while `veil serve` runs: `veil destination pause`
 * stops deliveries to one destination at once (the other keeps receiving), `outbox status`
 * shows what is buffered, `resume` delivers it, `cut` discards what is queued and prints the
 * count, and events sent afterwards never reach the cut vendor.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../testing/cli.js';
import { startFakeVendor } from '../testing/fake-vendor.js';
import { removeDir, startVeil } from '../testing/serve.js';
import { segmentBatch } from './setup.js';
import { until } from './wire.js';

const KEY = 'killswitch-write-key';

test(
  'pause, resume and cut through the CLI reach a running gateway',
  { timeout: 90_000 },
  async () => {
    const breached = await startFakeVendor();
    const other = await startFakeVendor();
    const veil = await startVeil({
      config: {
        version: 1,
        sources: { app: { type: 'segment', tokens: [KEY], destinations: ['breached', 'other'] } },
        destinations: {
          breached: { type: 'http', url: `${breached.url}/in` },
          other: { type: 'http', url: `${other.url}/in` },
        },
      },
    });
    const cli = (...args: string[]) => runCli([...args, '--data-dir', veil.dataDir]);
    const send = async (prefix: string) => {
      const { body } = segmentBatch(KEY, prefix, 3);
      const res = await fetch(`${veil.url}/segment/v1/batch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      assert.equal(res.status, 200);
    };
    const count = (v: typeof breached) =>
      v.requests.reduce((n, r) => n + (JSON.parse(r.text) as { batch: unknown[] }).batch.length, 0);
    try {
      await send('warm');
      await until(() => count(breached) === 3 && count(other) === 3, 'first delivery');

      const paused = await cli('destination', 'pause', 'breached');
      assert.equal(paused.code, 0, paused.stderr);
      await send('held');
      await until(() => count(other) === 6, 'the other destination still receives');
      const status = await cli('outbox', 'status', '--json');
      assert.equal(status.code, 0, status.stderr);
      const rows = JSON.parse(status.stdout) as unknown;
      assert.match(JSON.stringify(rows), /"breached"[^}]*"paused"|"paused"[^}]*"breached"/);
      assert.equal(count(breached), 3, 'a paused destination was sent to');

      assert.equal((await cli('destination', 'resume', 'breached')).code, 0);
      await until(() => count(breached) === 6, 'buffered events delivered after resume');

      assert.equal((await cli('destination', 'pause', 'breached')).code, 0);
      await send('doomed');
      await until(() => count(other) === 9, 'the other destination got the doomed batch');
      const cut = await cli('destination', 'cut', 'breached', '--yes');
      assert.equal(cut.code, 0, cut.stderr);
      assert.match(cut.stdout + cut.stderr, /\b3\b/, 'the discarded count is printed');
      await send('after');
      await until(() => count(other) === 12, 'the other destination keeps receiving');
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(count(breached), 6, 'a cut destination received events');
    } finally {
      await veil.stop();
      await breached.close();
      await other.close();
      removeDir(veil.dataDir);
    }
  },
);
