import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { fixtureResult } from './fixture.js';
import { toInventory } from './inventory.js';
import { renderPlan } from './plan.js';

interface Plan {
  version: number;
  vendors: {
    id: string;
    events: {
      event: string;
      computed?: boolean;
      sent_from: string[];
      properties: { path: string; type: string; categories?: string[]; form?: string }[];
    }[];
  }[];
}

test('the plan lists per vendor the events, where they are sent from and their properties', () => {
  const text = renderPlan(toInventory(fixtureResult()));
  assert.match(text, /^# Tracking plan read from the code/);
  const plan = parse(text) as Plan;
  assert.equal(plan.version, 1);
  const mp = plan.vendors.find((v) => v.id === 'mixpanel')!;
  const checkout = mp.events.find((e) => e.event === 'Checkout')!;
  assert.deepEqual(checkout.sent_from, ['src/pages/checkout.ts:7 mixpanel.track (via track)']);
  assert.deepEqual(checkout.properties, [
    { path: 'properties.card_number', type: 'string', categories: ['user.financial.credit_card'] },
    { path: 'properties.items.*.sku', type: 'string' },
    { path: 'properties.total', type: 'number' },
  ]);
  const signup = mp.events.find((e) => e.event === 'Signup')!;
  assert.equal(signup.properties.find((p) => p.path === 'properties.email_hash')?.form, 'hashed');
  const ph = plan.vendors.find((v) => v.id === 'posthog')!;
  assert.equal(ph.events[0]!.computed, true);
});
