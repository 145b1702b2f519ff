import { test } from 'node:test';
import assert from 'node:assert/strict';
import { delta } from '../testing.js';
import { buildDataMap } from './model.js';
import { renderMarkdown } from './markdown.js';

const ROWS = [
  delta({ source: 'web', path: 'b', after: ['user.name'] }),
  delta({ source: 'ios', path: 'a', before: ['user.contact.email'] }),
  delta({ destination: 'segment', event: 'Login', path: 'a' }),
];

test('vendors: configured destinations and those in the inventory, sorted, with their sets', () => {
  const map = buildDataMap(ROWS, {}, ['posthog', 'mixpanel'], 0);
  assert.deepEqual(
    map.vendors.map((v) => [v.destination, v.sources, v.events, v.before, v.after, v.rows.length]),
    [
      ['mixpanel', ['ios', 'web'], ['Signup'], ['user.contact.email'], ['user.name'], 2],
      ['posthog', [], [], [], [], 0],
      ['segment', ['web'], ['Login'], [], [], 1],
    ],
  );
});

test('the rendering does not depend on the order rows come in', () => {
  const a = renderMarkdown(buildDataMap(ROWS, {}, [], 0));
  const b = renderMarkdown(buildDataMap([...ROWS].reverse(), {}, [], 0));
  assert.equal(a, b);
});
