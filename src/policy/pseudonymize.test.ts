/**
 * Keyed pseudonyms (DESIGN: pseudonyms are keyed per destination): the same id gives the same
 * pseudonym for one destination and key version, also after the memo is emptied, and a
 * different one for every other destination, version and rotation period.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deriveKey, hmac, parseMasterKey } from './keys.js';
import { createPseudonymizer, isPseudonym } from './pseudonymize.js';

const master = parseMasterKey('5c'.repeat(32), 'given');
const DAY = 86_400_000;
const T = Date.UTC(2026, 10, 23, 12);

test('a pseudonym is the HMAC of the id under the destination key, memo or not', () => {
  const p = createPseudonymizer(master, 'mixpanel', 1);
  const want = `k1_${hmac(deriveKey(master, 'pseudonym', 'mixpanel', 1), 'user-1')
    .subarray(0, 16)
    .toString('base64url')}`;
  assert.equal(p.pseudonym('user-1', 'none', T), want);
  assert.ok(isPseudonym(want));
  // More distinct ids than the memo holds: it is emptied on the way, the answers do not change.
  for (let i = 0; i < 25_000; i++) p.pseudonym(`other-${i}`, 'none', T);
  assert.equal(p.pseudonym('user-1', 'none', T), want);
  assert.equal(
    p.pseudonym('other-3', 'none', T),
    createPseudonymizer(master, 'mixpanel', 1).pseudonym('other-3', 'none', T),
  );
});

test('pseudonyms differ per destination, key version and rotation period', () => {
  const mixpanel = createPseudonymizer(master, 'mixpanel', 1);
  const seen = new Set([
    mixpanel.pseudonym('user-1', 'none', T),
    createPseudonymizer(master, 'segment', 1).pseudonym('user-1', 'none', T),
    createPseudonymizer(master, 'mixpanel', 2).pseudonym('user-1', 'none', T),
    mixpanel.pseudonym('user-1', 'daily', T),
    mixpanel.pseudonym('user-1', 'daily', T + DAY),
    mixpanel.pseudonym('user-1', 'weekly', T),
    mixpanel.pseudonym('user-1', 'monthly', T),
  ]);
  assert.equal(seen.size, 7);
  assert.equal(
    mixpanel.pseudonym('user-1', 'daily', T),
    mixpanel.pseudonym('user-1', 'daily', T + 60_000),
  );
  assert.match(mixpanel.pseudonym('user-1', 'daily', T), /^k1d\d+_[A-Za-z0-9_-]{22}$/);
  // More rotation periods than derived keys are kept: older periods are derived again, the same.
  const first = mixpanel.pseudonym('user-1', 'daily', T);
  for (let d = 1; d <= 100; d++) mixpanel.pseudonym('user-1', 'daily', T + d * DAY);
  // Past periods' keys and memories are let go: the unrotated key and one current key per
  // rotation kind (daily, weekly and monthly were used above), not a hundred days' worth.
  assert.equal(mixpanel.keyIds(), 4);
  assert.equal(mixpanel.pseudonym('user-1', 'daily', T), first);
  for (let w = 1; w <= 10; w++) mixpanel.pseudonym('user-1', 'weekly', T + w * 7 * DAY);
  assert.equal(mixpanel.keyIds(), 4);
});
