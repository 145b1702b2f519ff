import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { fixtureResult } from '../../scanner/output/fixture.js';
import { toInventory } from '../../scanner/output/inventory.js';
import { delta } from '../testing.js';
import { compareCode, scannerPath } from './code.js';
import { CODE_SOURCE } from './code-render.js';
import { renderCycloneDx } from './cyclonedx.js';
import { fixtureMap } from './fixture.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { buildDataMap } from './model.js';

/** The map fixture plus Signup's email in a destination `product` of type mixpanel. */
function observed() {
  return buildDataMap(
    [
      delta({ destination: 'product', path: 'properties.email', before: ['user.contact.email'] }),
      delta({
        destination: 'product',
        event: 'identify',
        path: 'userId',
        before: ['user.unique_id'],
      }),
      delta({ destination: 'product', event: 'Checkout', path: 'properties.items[0].sku' }),
      delta({ destination: 'product', event: 'Page', path: 'properties["a b"]' }),
      delta({ destination: 'warehouse', path: 'properties.plan' }),
    ],
    {},
    ['product', 'warehouse'],
    Date.UTC(2026, 10, 22),
  );
}

const scanned = () => toInventory(fixtureResult());

test('inventory paths become scanner paths: indices are *, quoted keys plain', () => {
  assert.equal(scannerPath('properties.items[0].sku'), 'properties.items.*.sku');
  assert.equal(scannerPath('properties["first name"]'), 'properties.first name');
  assert.equal(scannerPath('traits.a'), 'traits.a');
});

test('a scanned vendor matches destinations by type; rows say code, observed or both', () => {
  const sections = compareCode(observed(), scanned(), { product: 'mixpanel', warehouse: 'file' });
  const mp = sections.find((s) => s.vendor === 'mixpanel')!;
  assert.deepEqual(mp.destinations, ['product']);
  const seen = Object.fromEntries(mp.rows.map((r) => [`${r.event} ${r.path}`, r.seen]));
  assert.equal(seen['Signup properties.email'], 'both');
  assert.equal(seen['identify userId'], 'both', 'a call with no event name matches the event type');
  assert.equal(seen['Checkout properties.items.*.sku'], 'both');
  assert.equal(seen['Signup properties.plan'], 'code');
  assert.equal(seen['Page properties.a b'], 'observed');
  const email = mp.rows.find((r) => r.path === 'properties.email' && r.event === 'Signup')!;
  assert.deepEqual([email.code, email.observed], [['user.contact.email'], ['user.contact.email']]);
  const ga = sections.find((s) => s.vendor === 'google-analytics')!;
  assert.deepEqual(ga.destinations, [], 'sent around Veil');
  const wh = sections.find((s) => s.name === 'warehouse')!;
  assert.equal(wh.vendor, undefined);
  assert.deepEqual(
    wh.rows.map((r) => r.seen),
    ['observed'],
  );
  const ph = sections.find((s) => s.vendor === 'posthog')!;
  assert.equal(ph.rows[0]!.event, 'eventName (computed)');
});

test('Markdown and HTML gain the "In code vs observed" section, escaped', () => {
  const base = fixtureMap();
  const inv = scanned();
  const hostile = {
    ...inv,
    vendors: [
      {
        id: 'mixpanel',
        name: 'Mixpanel',
        events: [{ ...inv.vendors[2]!.events[2]!, event: '<img src=x>' }],
      },
    ],
  };
  const map = { ...base, code: compareCode(base, hostile, {}) };
  const md = renderMarkdown(map);
  assert.match(md, /\n## In code vs observed\n/);
  assert.match(md, /\n### Mixpanel \(mixpanel\)\n\nThrough destination mixpanel\.\n/);
  assert.match(
    md,
    /\| `<img src=x>` \| `properties\.email` \| `user\.contact\.email` \| – \| code only \|/,
  );
  assert.match(
    md,
    /\| `Signup` \| `properties\.email` \| – \| `user\.contact\.email` \| observed only \|/,
  );
  assert.ok(!renderMarkdown(base).includes('In code vs observed'), 'absent without --scan');
  const html = renderHtml(map);
  assert.match(html, /<h2>In code vs observed<\/h2>/);
  assert.ok(html.includes('<code>&lt;img src=x&gt;</code>') && !html.includes('<img'));
});

test('CycloneDX: code categories as data flows marked with the code source, still valid', async () => {
  const map = observed();
  const bom = renderCycloneDx({
    ...map,
    code: compareCode(map, scanned(), { product: 'mixpanel' }),
  });
  assert.equal(await new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(bom), null);
  const product = (
    JSON.parse(bom) as {
      services: { name: string; data: { classification: string; source?: string[] }[] }[];
    }
  ).services.find((s) => s.name === 'product')!;
  const code = product.data
    .filter((d) => d.source?.includes(CODE_SOURCE))
    .map((d) => d.classification);
  assert.deepEqual(code, ['user.contact.email', 'user.financial.credit_card', 'user.unique_id']);
});
