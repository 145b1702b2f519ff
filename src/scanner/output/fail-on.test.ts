import { test } from 'node:test';
import assert from 'node:assert/strict';
import { failingFindings, splitFailOn } from './fail-on.js';
import { fixtureResult } from './fixture.js';

const rules = (categories: string[], config = false) =>
  failingFindings(fixtureResult().findings, { categories, config }).map(
    (f) => `${f.rule} ${f.line}`,
  );

test('parents cover children; notes, allowed and hashed findings never fail', () => {
  assert.deepEqual(rules(['user.contact']), [
    'flow/user.contact.email 11',
    'flow/user.contact.email 31',
  ]);
  assert.deepEqual(rules(['user.financial', 'system']), [
    'literal/system.authentication 2',
    'flow/user.financial.credit_card 7',
  ]);
  assert.deepEqual(rules(['user.unique_id', 'user.name']), [], 'notes and allowed ones');
  assert.deepEqual(rules(['user.location']), []);
});

test('config counts risky settings only when listed', () => {
  assert.deepEqual(rules([], true), ['config/mixpanel/ip-collection 2']);
  assert.ok(!rules(['user']).some((r) => r.startsWith('config/')));
});

test('splitFailOn separates the config keyword from category names', () => {
  assert.deepEqual(splitFailOn('user.contact, config,system'), {
    categories: 'user.contact,system',
    config: true,
  });
  assert.deepEqual(splitFailOn('user'), { categories: 'user', config: false });
});
