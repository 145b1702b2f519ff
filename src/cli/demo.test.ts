// `veil demo`: the real SDKs through a throwaway gateway; the right column is what a vendor gets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../testing/cli.js';

test('veil demo shows every SDK event minimized on the vendor side', async () => {
  const r = await runCli(['demo'], '', { VEIL_MASTER_KEY: '12'.repeat(32) });
  assert.equal(r.code, 0, r.stderr);
  for (const sdk of [
    'mixpanel (node)',
    '@segment/analytics-node',
    'posthog-node',
    '@amplitude/analytics-node',
  ])
    assert.ok(r.stdout.includes(`${sdk} → veil`), `no section for ${sdk}`);
  const right = r.stdout
    .split('\n')
    .filter((l) => l.includes('│'))
    .map((l) => l.slice(l.indexOf('│') + 1));
  const left = r.stdout
    .split('\n')
    .filter((l) => l.includes('│'))
    .map((l) => l.slice(0, l.indexOf('│')));
  const planted = [
    'Hanako Yamada',
    'hanako.yamada',
    '203.0.113.42',
    'invite_token',
    'Yokohama',
    'user-100',
  ];
  for (const p of planted) {
    assert.ok(!right.some((l) => l.includes(p)), `${p} reached the vendor side`);
  }
  for (const p of ['Hanako Yamada', 'hanako.yamada', '203.0.113.42', 'Yokohama']) {
    assert.ok(
      left.some((l) => l.includes(p)),
      `the app side should show ${p}`,
    );
  }
  assert.ok(right.filter((l) => l.includes('userId = "k1_')).length === 4);
});
