import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readLeaked } from './leaked.js';

const P1 = 'k1_AAAAAAAAAAAAAAAAAAAAAA';
const P2 = 'k1d20412_BBBBBBBBBBBBBBBBBBBBBB';
const P3 = 'k2_CCCCCCCCCCCCCCCCCCCCCC';

test('NDJSON of the four vendor formats: pseudonyms anywhere, raw ids from id fields', () => {
  const text = [
    JSON.stringify({ event: 'Signed up', properties: { distinct_id: P1, $user_id: P1 } }),
    JSON.stringify({ type: 'track', userId: 'raw-segment-user', context: { note: `x ${P2} y` } }),
    JSON.stringify({ event: '$pageview', distinct_id: 'raw-posthog', properties: {} }),
    'not json',
    JSON.stringify({ event_type: 'click', user_id: 42, event_properties: { ref: P3 } }),
    '',
  ].join('\r\n');
  const r = readLeaked(text);
  assert.equal(r.records, 4);
  assert.equal(r.badLines, 1);
  assert.deepEqual([...r.pseudonyms].sort(), [P1, P2, P3].sort());
  assert.deepEqual([...r.rawIds].sort(), ['42', 'raw-posthog', 'raw-segment-user']);
});

test('a JSON array; longer tokens are not cut into pseudonyms', () => {
  const r = readLeaked(JSON.stringify([{ distinct_id: P1 }, { s: `${P1}X`, t: `a${P1}` }]));
  assert.equal(r.records, 2);
  assert.deepEqual([...r.pseudonyms], [P1]);
  assert.equal(r.rawIds.size, 0);
  assert.deepEqual(readLeaked('').records, 0);
});
