/**
 * Inventory and ledger deltas of a request: aggregated per field and per subject, carrying
 * categories, actions and ledger pseudonyms only — no value, no raw id, and no vendor
 * pseudonym that is really a raw id (a policy that keeps ids).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigSchema } from '../config/schema.js';
import { createLedgerPseudonymizer } from '../ledger/subject.js';
import { parseCanonical, type CanonicalEvent } from '../pipeline/event.js';
import { parseMasterKey } from '../policy/keys.js';
import { minimizeEvents } from './minimize.js';
import { createObserver } from './observe.js';
import { stepsFor } from './runtime.js';
import { createDetector } from '../engine/detect.js';

const master = parseMasterKey('f6'.repeat(32), 'given');
const ledger = createLedgerPseudonymizer(master);
const NOW = Date.UTC(2026, 10, 22, 13, 0);

function ev(userId: string, extra: Record<string, unknown> = {}): CanonicalEvent {
  const r = parseCanonical({
    type: 'track',
    event: 'Invite Sent',
    userId,
    groupId: 'org-42',
    properties: { invitee_email: 'mika.mori@example.jp', plan: 'team', ...extra },
  });
  assert.ok(r.ok);
  return r.event;
}

const config = ConfigSchema.parse({
  version: 1,
  destinations: {
    safe: { type: 'file', path: '/tmp/a' },
    keep: { type: 'file', path: '/tmp/b', policy: { identity: { action: 'keep' } } },
  },
});
const steps = stepsFor(config, { master, detector: createDetector() });

test('deltas aggregate per field and per subject, with no raw values', () => {
  const events = [ev('user-1'), ev('user-1'), ev('user-2', { comment: 'hi' })];
  const observer = createObserver(ledger);
  minimizeEvents(steps, ['safe'], events, { source: 'web', now: NOW, observer });
  // A second request is aggregated with the first until the observer is drained.
  minimizeEvents(steps, ['safe'], [ev('user-1')], { source: 'web', now: NOW + 1000, observer });
  const r = observer.drain();
  assert.deepEqual(observer.drain(), { inventory: [], ledger: [] }, 'drain empties the observer');
  const email = r.inventory.find((d) => d.path === 'properties.invitee_email');
  assert.ok(email);
  assert.equal(email.count, 4);
  assert.equal(email.firstSeen, NOW);
  assert.equal(email.lastSeen, NOW + 1000);
  assert.deepEqual(email.outcomes, ['removed']);
  assert.ok(email.before.includes('user.contact.email'));
  assert.deepEqual(email.after, []);
  assert.equal(email.event, 'Invite Sent');
  assert.equal(email.source, 'web');
  assert.equal(r.inventory.find((d) => d.path === 'properties.comment')?.count, 1);

  const u1 = r.ledger.filter((d) => d.subject === ledger('user-1'));
  assert.equal(u1.find((d) => d.category === '*')?.count, 3, 'three events of user-1');
  assert.equal(u1.find((d) => d.category === 'user.contact.email')?.form, 'removed');
  assert.ok(u1.every((d) => d.day === '2026-11-22' && d.org === ledger('org-42')));
  assert.match(u1[0]!.vendorSubject ?? '', /^k1_/);
  const text = JSON.stringify(r);
  for (const raw of ['"user-1"', 'user-2"', 'org-42', 'mika.mori'])
    assert.ok(!JSON.stringify({ i: r.inventory, l: r.ledger }).includes(raw), `${raw} in deltas`);
  assert.ok(text.length > 0);
});

test('a policy that keeps raw ids does not put them in the ledger', () => {
  const observer = createObserver(ledger);
  minimizeEvents(steps, ['keep'], [ev('user-9')], { source: 'web', now: NOW, observer });
  const r = observer.drain();
  assert.ok(r.ledger.length > 0);
  assert.ok(r.ledger.every((d) => d.vendorSubject === undefined));
  assert.ok(!JSON.stringify(r.ledger).includes('user-9'));
});

test('without a ledger pseudonymizer only the inventory is kept', () => {
  const observer = createObserver(undefined);
  minimizeEvents(steps, ['safe'], [ev('user-1')], { source: 'web', now: NOW, observer });
  const r = observer.drain();
  assert.ok(r.inventory.length > 0);
  assert.deepEqual(r.ledger, []);
});
