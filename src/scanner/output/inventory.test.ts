import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FIXTURE_ROOT, fixtureResult } from './fixture.js';
import { toInventory } from './inventory.js';
import { parseScanJson, renderJson } from './json.js';
import { VeilError } from '../../errors.js';

test('the inventory groups calls by vendor and event, sorted, with merged properties', () => {
  const inv = toInventory(fixtureResult());
  assert.deepEqual(
    inv.vendors.map((v) => v.id),
    ['google-analytics', 'intercom', 'mixpanel', 'posthog'],
  );
  const mp = inv.vendors.find((v) => v.id === 'mixpanel')!;
  assert.equal(mp.name, 'Mixpanel');
  assert.deepEqual(
    mp.events.map((e) => e.event),
    ['(identify)', 'Checkout', 'Signup'],
  );
  const signup = mp.events.find((e) => e.event === 'Signup')!;
  assert.deepEqual(
    signup.calls.map((c) => `${c.file}:${c.line}`),
    ['src/app.ts:10', 'src/app.ts:30'],
  );
  assert.deepEqual(signup.properties, [
    { path: 'properties.email', type: 'unknown', categories: ['user.contact.email'], form: 'raw' },
    {
      path: 'properties.email_hash',
      type: 'string',
      categories: ['user.contact.email'],
      form: 'hashed',
    },
    { path: 'properties.plan', type: 'number|string', categories: [], form: 'raw' },
  ]);
  const checkout = mp.events.find((e) => e.event === 'Checkout')!;
  assert.deepEqual(checkout.calls[0]!.via, { wrapper: 'track', file: 'src/lib/track.ts', line: 4 });
  const computed = inv.vendors.find((v) => v.id === 'posthog')!.events[0]!;
  assert.deepEqual([computed.event, computed.computed], ['eventName', true]);
});

test('stats count calls and findings by severity; --baseline counts are carried', () => {
  const r = fixtureResult();
  const inv = toInventory(r, { findings: r.findings.slice(0, 2), baseline: 7 });
  assert.deepEqual(inv.stats, {
    files: 9,
    bytes: 4096,
    parsed: 6,
    calls: 7,
    findings: { error: 1, warning: 1, note: 0 },
    baseline: 7,
  });
  assert.deepEqual(toInventory(r).stats.findings, { error: 4, warning: 1, note: 4 });
});

test('JSON is stable: same bytes twice, no absolute root, reads back to the same document', () => {
  const text = renderJson(toInventory(fixtureResult()));
  assert.equal(renderJson(toInventory(fixtureResult())), text);
  assert.ok(!text.includes(FIXTURE_ROOT), 'the root folder is not in the output');
  assert.ok(text.includes('"message": "skipped: ./vendor.js is over the limit"'));
  assert.ok(!/\d{4}-\d{2}-\d{2}T/.test(text), 'no timestamp');
  assert.deepEqual(parseScanJson(text, 'scan.json'), JSON.parse(text));
});

test('reading rejects what is not a scan JSON, naming the problem', () => {
  assert.throws(
    () => parseScanJson('{"version": 1', 'x.json'),
    (e: unknown) => e instanceof VeilError && /x\.json is not JSON/.test(e.message),
  );
  assert.throws(
    () => parseScanJson(JSON.stringify({ version: 2, findings: [] }), 'y.json'),
    (e: unknown) =>
      e instanceof VeilError &&
      e.code === 'VEIL_E_INPUT_READ' &&
      e.problems.some((p) => p.startsWith('version:')),
  );
});
