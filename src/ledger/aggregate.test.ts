import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLedgerAggregator } from './aggregate.js';
import type { LedgerDelta } from './types.js';

const base: LedgerDelta = {
  destination: 'mixpanel',
  subject: 'l1_aaaaaaaaaaaaaaaaaaaaaa',
  day: '2026-11-01',
  category: '*',
  form: 'passed',
  count: 1,
};

test('sums counts of equal keys and keeps distinct keys apart', () => {
  const agg = createLedgerAggregator();
  agg.add([base, base, { ...base, count: 3 }]);
  agg.add([
    { ...base, org: 'l1_oooooooooooooooooooooo' },
    { ...base, form: 'pseudonymized' },
    { ...base, day: '2026-11-02' },
    { ...base, vendorSubject: 'k1_vvvvvvvvvvvvvvvvvvvvvv', count: 2 },
    { ...base, destination: 'segment' },
    { ...base, category: 'user.contact.email', form: 'removed' },
    { ...base, count: 4 },
  ]);
  assert.equal(agg.size(), 7);
  const out = agg.drain();
  assert.equal(out.length, 7);
  assert.deepEqual(out[0], { ...base, count: 9 });
  assert.equal(out.find((d) => d.vendorSubject !== undefined)?.count, 2);
  assert.equal(
    out.reduce((n, d) => n + d.count, 0),
    16,
  );
  assert.equal(agg.size(), 0, 'drain empties');
  assert.deepEqual(agg.drain(), []);
});

test('does not mutate the deltas it was given', () => {
  const agg = createLedgerAggregator();
  const d = { ...base };
  agg.add([d]);
  agg.add([d]);
  assert.equal(d.count, 1);
  assert.equal(agg.drain()[0]!.count, 2);
});
