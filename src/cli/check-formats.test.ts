// `veil check --format <vendor>`: vendor wire payloads decoded by the gateway's own receivers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../testing/cli.js';

const KEY = 'ef'.repeat(32);
const EMAIL = 'jiro.suzuki@example.jp';
const line = (e: unknown) => JSON.stringify(e) + '\n';

const PAYLOADS = {
  mixpanel: [
    {
      event: 'Signed Up',
      properties: {
        token: 'tok',
        distinct_id: 'user-7',
        $insert_id: 'ins7',
        email: EMAIL,
        plan: 'pro',
      },
    },
  ],
  segment: {
    batch: [
      {
        type: 'track',
        event: 'Signed Up',
        userId: 'user-7',
        properties: { email: EMAIL, plan: 'pro' },
      },
    ],
  },
  posthog: {
    api_key: 'phc_x',
    batch: [
      { event: 'Signed Up', distinct_id: 'user-7', properties: { email: EMAIL, plan: 'pro' } },
    ],
  },
  amplitude: {
    api_key: 'k',
    events: [
      {
        event_type: 'Signed Up',
        user_id: 'user-7',
        event_properties: { email: EMAIL, plan: 'pro' },
      },
    ],
  },
} as const;

for (const [format, payload] of Object.entries(PAYLOADS)) {
  test(`--format ${format} decodes the wire payload and minimizes it`, async () => {
    const r = await runCli(['check', '--format', format], line(payload), { VEIL_MASTER_KEY: KEY });
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout.trim()) as {
      event: string;
      userId: string;
      properties: Record<string, unknown>;
    };
    assert.equal(out.event, 'Signed Up');
    assert.match(out.userId, /^k1_/);
    assert.equal(out.properties.plan, 'pro');
    assert.ok(!r.stdout.includes(EMAIL), 'the email was not removed');
    assert.match(r.stderr, /1 in, 1 out/);
  });
}

test('--format mixpanel takes profile updates, one or a batch of them, as /engage does', async () => {
  const update = (id: string) => ({
    $token: 'tok',
    $distinct_id: id,
    $set: { $email: EMAIL, $first_name: 'Jiro', Plan: 'Pro' },
  });
  const input = line(update('user-7')) + line([update('user-8'), update('user-9')]);
  const r = await runCli(['check', '--format', 'mixpanel'], input, { VEIL_MASTER_KEY: KEY });
  assert.equal(r.code, 0, r.stderr);
  const out = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { type: string; traits: Record<string, unknown> });
  assert.equal(out.length, 3);
  for (const e of out) {
    assert.equal(e.type, 'identify');
    assert.deepEqual(e.traits, { Plan: 'Pro' });
  }
  assert.match(r.stderr, /3 in, 3 out/);
});

test('--format reports undecodable payloads with exit 2', async () => {
  const r = await runCli(['check', '--format', 'amplitude'], line({ api_key: 'k', events: 'no' }), {
    VEIL_MASTER_KEY: KEY,
  });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /line 1: not a valid amplitude payload/);
});

test('an unknown --format is a usage error', async () => {
  const r = await runCli(['check', '--format', 'heap'], '', { VEIL_MASTER_KEY: KEY });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /must be one of canonical, mixpanel, segment, posthog, amplitude/);
});
