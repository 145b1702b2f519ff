import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../config/load.js';
import { FIXTURE_ALLOW, fixtureResult } from './fixture.js';
import { toInventory } from './inventory.js';
import { renderPolicy } from './policy.js';
import { VENDORS } from '../vendors/index.js';

const inventory = () => toInventory(fixtureResult());

test('the generated config loads with the project loader; strict policies per vendor', () => {
  const text = renderPolicy(inventory(), { allow: FIXTURE_ALLOW });
  const config = parseConfig(text, '/tmp/veil-scan-policy/veil.yaml');
  const d = config.destinations;
  assert.deepEqual(Object.keys(d), ['google-analytics', 'intercom', 'mixpanel', 'posthog']);
  assert.equal(d.mixpanel!.type, 'mixpanel');
  assert.equal(d.posthog!.type, 'posthog');
  assert.equal(d['google-analytics']!.type, 'http');
  const policy = (name: string) => d[name]!.policy as { mode: string; allow: string[] };
  assert.equal(policy('mixpanel').mode, 'strict');
  assert.deepEqual(policy('mixpanel').allow, [
    'properties.items.*.sku',
    'properties.plan',
    'properties.total',
  ]);
  assert.deepEqual(policy('intercom').allow, ['traits.email', 'traits.name'], 'allowed categories');
  assert.deepEqual(policy('google-analytics').allow, ['properties.value']);
});

test('every sensitive path left out has a comment saying why', () => {
  // Without the definitions' own allow lists, so the test does not follow their changes.
  const vendors = VENDORS.map((v) => ({ ...v, allow: [] }));
  const text = renderPolicy(inventory(), { vendors });
  assert.match(
    text,
    /# +properties\.email: user\.contact\.email; not a category Mixpanel is allowed/,
  );
  assert.match(text, /# +properties\.email_hash: user\.contact\.email \(hashed\); not a category/);
  assert.match(text, /# +properties\.card_number: user\.financial\.credit_card;/);
  assert.match(text, /# +userId: user\.unique_id; an identity, pseudonymized/);
  assert.match(text, /# +traits\.email: user\.contact\.email; not a category Intercom is allowed/);
  assert.match(text, /# Google Analytics: Veil has no Google Analytics exporter/);
});

test('no vendor found still gives a loadable config', () => {
  const empty = { ...inventory(), vendors: [] };
  const text = renderPolicy(empty);
  const config = parseConfig(text, '/tmp/veil-scan-policy/veil.yaml');
  assert.deepEqual(Object.keys(config.destinations), ['events']);
  assert.match(text, /No SDK calls were found/);
});
