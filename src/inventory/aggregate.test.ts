import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createInventoryAggregator } from './aggregate.js';
import { delta } from './testing.js';

test('merges by (source, destination, event, path): counts, times, set unions', () => {
  const agg = createInventoryAggregator();
  agg.add([
    delta({ path: 'properties.comment', count: 2, firstSeen: 50, lastSeen: 60 }),
    delta({ path: 'properties.plan' }),
  ]);
  agg.add([
    delta({
      path: 'properties.comment',
      count: 3,
      types: ['null', 'string'],
      before: ['user.contact.email'],
      outcomes: ['redacted'],
      after: ['user.contact.email'],
      firstSeen: 40,
      lastSeen: 55,
    }),
    delta({ destination: 'segment', path: 'properties.comment' }),
  ]);
  assert.equal(agg.size(), 3);
  const out = agg.drain();
  assert.equal(agg.size(), 0);
  assert.deepEqual(agg.drain(), []);
  const comment = out.find((d) => d.path === 'properties.comment' && d.destination === 'mixpanel');
  assert.deepEqual(comment, {
    ...delta(),
    path: 'properties.comment',
    count: 5,
    types: ['null', 'string'],
    before: ['user.contact.email'],
    outcomes: ['passed', 'redacted'],
    after: ['user.contact.email'],
    firstSeen: 40,
    lastSeen: 60,
  });
  assert.equal(out.find((d) => d.destination === 'segment')?.count, 1);
});

test('keys with separator-like characters stay distinct', () => {
  const agg = createInventoryAggregator();
  agg.add([delta({ event: 'a","b', path: 'c' }), delta({ event: 'a', path: 'b","c' })]);
  assert.equal(agg.size(), 2);
});
