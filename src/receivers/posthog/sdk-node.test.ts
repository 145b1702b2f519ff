/**
 * The real posthog-node SDK against a local recording server that answers with the receiver's
 * answers: the requests it makes decode to the expected canonical events, and it treats
 * `accepted()` as success (no retry, no error) and the flags answer as "no flags".
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PostHog } from 'posthog-node';
import { json } from './answers.js';
import { eventsOf } from './test-request.js';
import { startRecorder } from './test-server.js';

const TOKEN = 'phc_node_token';

function client(host: string): { ph: PostHog; errors: unknown[] } {
  const ph = new PostHog(TOKEN, {
    host,
    flushAt: 1,
    flushInterval: 0,
    fetchRetryCount: 2,
    fetchRetryDelay: 1,
  });
  const errors: unknown[] = [];
  ph.on('error', (e) => errors.push(e));
  return { ph, errors };
}

describe('posthog-node → PostHog receiver', () => {
  it('decodes capture, identify, groupIdentify and alias; one request per batch', async () => {
    const rec = await startRecorder();
    const { ph, errors } = client(rec.url);
    try {
      ph.capture({ distinctId: 'user-1', event: 'signed up', properties: { plan: 'pro' } });
      await ph.flush();
      ph.identify({
        distinctId: 'user-1',
        properties: { $set: { email: 'a@example.com' }, $set_once: { first: '2024' } },
      });
      await ph.flush();
      ph.groupIdentify({ groupType: 'org', groupKey: 'acme', properties: { seats: 3 } });
      await ph.flush();
      ph.alias({ distinctId: 'user-1', alias: 'anon-9' });
      await ph.shutdown();
    } finally {
      await rec.close();
    }
    assert.deepEqual(errors, []);
    const batches = rec.requests.filter((r) => r.path === '/batch/');
    assert.equal(batches.length, 4, 'one request per flush: no retry of an accepted batch');
    const outcomes = batches.map((r) => eventsOf(rec.decode(r)));
    for (const o of outcomes) assert.equal(o.token, TOKEN);
    const events = outcomes.flatMap((o) => o.events.map((d) => d.event));
    const uuids = new Set(events.map((e) => e.messageId));
    assert.equal(uuids.size, events.length);
    const [track, set, setOnce, group, alias] = events;
    assert.deepEqual([track!.type, track!.event, track!.userId], ['track', 'signed up', 'user-1']);
    assert.equal(track!.properties?.plan, 'pro');
    assert.equal((track!.context?.library as { name?: string }).name, 'posthog-node');
    assert.equal(track!.context?.ip, undefined, 'posthog-node disables geoip by default');
    assert.deepEqual([set!.operation, set!.traits], ['$set', { email: 'a@example.com' }]);
    assert.deepEqual([setOnce!.operation, setOnce!.traits], ['$set_once', { first: '2024' }]);
    assert.deepEqual(
      [group!.type, group!.groupType, group!.groupId, group!.traits],
      ['group', 'org', 'acme', { seats: 3 }],
    );
    assert.deepEqual(
      [alias!.type, alias!.userId, alias!.previousId],
      ['alias', 'user-1', 'anon-9'],
    );
    for (const e of events) assert.ok(!JSON.stringify(e).includes(TOKEN));
  });

  it('control: a 503 answer is retried, so the single request above proves acceptance', async () => {
    const rec = await startRecorder(json(503, { type: 'server_error' }, { 'retry-after': '0' }));
    const { ph } = client(rec.url);
    const quiet = console.error;
    console.error = () => {}; // the SDK logs each failed flush; expected here
    try {
      ph.capture({ distinctId: 'u', event: 'x' });
      await ph.shutdown();
    } finally {
      console.error = quiet;
      await rec.close();
    }
    assert.ok(rec.requests.filter((r) => r.path === '/batch/').length > 1);
  });

  it('reads the local flags answer as "no flags" without error', async () => {
    const rec = await startRecorder();
    const { ph, errors } = client(rec.url);
    let all: unknown;
    let beta: unknown;
    try {
      all = await ph.getAllFlags('user-1');
      beta = await ph.getFeatureFlag('beta', 'user-1'); // undefined: the flag does not exist
    } finally {
      await ph.shutdown();
      await rec.close();
    }
    assert.deepEqual(errors, [], 'a response the SDK cannot parse is emitted as an error');
    assert.deepEqual([all, beta], [{}, undefined]);
    const flags = rec.requests.filter((r) => r.path === '/flags/');
    assert.ok(flags.length >= 1);
    assert.deepEqual(rec.decode(flags[0]!), { kind: 'side', token: TOKEN, distinctId: 'user-1' });
  });
});
