import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { renderCycloneDx } from './cyclonedx.js';
import { fixtureMap } from './fixture.js';

const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);

interface Service {
  name: string;
  provider?: { name: string };
  data: { flow: string; classification: string }[];
  externalReferences: { type: string; url: string }[];
  properties: { name: string; value: string }[];
}

test('a strictly valid CycloneDX 1.6 SaaSBOM: one service per vendor, flows by category', async () => {
  const text = renderCycloneDx(fixtureMap());
  assert.equal(await validator.validate(text), null);
  const bom = JSON.parse(text) as { services: Service[]; serialNumber: string };
  assert.deepEqual(
    bom.services.map((s) => s.name),
    ['amplitude', 'mixpanel', 'warehouse'],
  );
  const mp = bom.services[1]!;
  assert.equal(mp.provider?.name, 'Mixpanel, Inc.');
  assert.deepEqual(
    mp.data.map((d) => [d.flow, d.classification]),
    [
      ['inbound', 'user.location.imprecise'],
      ['inbound', 'user.unique_id.pseudonymous'],
    ],
  );
  assert.deepEqual(
    mp.externalReferences.map((r) => [r.type, r.url]),
    [
      ['security-contact', 'mailto:security@mixpanel.example'],
      ['documentation', 'https://mixpanel.com/legal/dpa'],
    ],
  );
  const props = Object.fromEntries(mp.properties.map((p) => [p.name, p.value]));
  assert.equal(props['veil:breach_notification_sla_hours'], '48');
  assert.equal(props['veil:retention'], '1825 days');
  assert.equal(
    props['veil:categories_before_minimization'],
    'user.contact.email,user.location.imprecise,user.unique_id',
  );
  const unregistered = bom.services[2]!;
  assert.deepEqual(unregistered.properties[0], { name: 'veil:register', value: 'missing' });
  assert.equal(renderCycloneDx(fixtureMap()), text, 'the same map renders the same bytes');
});

test('the validator is strict: an unknown flow is rejected', async () => {
  const bom = JSON.parse(renderCycloneDx(fixtureMap())) as { services: Service[] };
  bom.services[1]!.data[0]!.flow = 'sideways';
  assert.notEqual(await validator.validate(JSON.stringify(bom)), null);
});
