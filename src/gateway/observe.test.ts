/**
 * Inventory and ledger deltas of a request: aggregated per field and per subject, carrying
 * categories, actions and ledger pseudonyms only — no value, no raw id, and no vendor
 * pseudonym that is really a raw id (a policy that keeps ids).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigSchema } from '../config/schema.js';
import { addCells, cellKey } from '../ledger/subject-day.js';
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
  assert.equal(u1.length, 1, 'one row per subject-day');
  const cells = new Map<string, number>();
  addCells(cells, u1[0]!.counts);
  assert.equal(cells.get(cellKey('*', 'passed')), 3, 'three events of user-1');
  assert.equal(cells.get(cellKey('user.contact.email', 'removed')), 3);
  assert.equal(cells.get(cellKey('user.contact.email', 'passed')), undefined);
  assert.equal(u1[0]!.day, '2026-11-22');
  assert.equal(u1[0]!.org, ledger('org-42'));
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

test('with the inventory off only the ledger is drained', () => {
  const observer = createObserver(ledger, { inventory: false });
  minimizeEvents(steps, ['safe'], [ev('user-1'), ev('user-1')], {
    source: 'web',
    now: NOW,
    observer,
  });
  const r = observer.drain();
  assert.deepEqual(r.inventory, []);
  assert.equal(r.ledger.length, 1);
  const cells = new Map<string, number>();
  addCells(cells, r.ledger[0]!.counts);
  assert.equal(cells.get(cellKey('user.contact.email', 'removed')), 2);
});

test('without a ledger pseudonymizer only the inventory is kept', () => {
  const observer = createObserver(undefined);
  minimizeEvents(steps, ['safe'], [ev('user-1')], { source: 'web', now: NOW, observer });
  const r = observer.drain();
  assert.ok(r.inventory.length > 0);
  assert.deepEqual(r.ledger, []);
});

test('the observer agrees with a plain recount of the records, whatever the fields, orgs and days', () => {
  // Events of one name whose fields differ in set and order (the observer's shortcut for
  // repeated shapes must not mix fields up), subjects with two orgs, two UTC days, and fields
  // that carry the same category in the same form (counted once per event).
  const shapes: Record<string, unknown>[] = [
    { invitee_email: 'a@example.jp', plan: 'team' },
    { plan: 'team', invitee_email: 'b@example.jp' },
    { note: 'mail c@example.jp', backup_email: 'e@example.jp', invitee_email: 'f@example.jp' },
    { plan: 1, seats: true },
    {},
  ];
  const events: { e: CanonicalEvent; now: number }[] = [];
  for (let i = 0; i < 60; i++) {
    const r = parseCanonical({
      type: i % 7 === 0 ? 'identify' : 'track',
      event: 'Invite Sent',
      // Runs of four events of one user, across orgs and (between i = 40 and 41, same user and org) a day boundary.
      userId: `user-${Math.floor(i / 4) % 5}`,
      ...(i % 3 === 0 ? {} : { groupId: `org-${Math.floor(i / 2) % 2}` }),
      properties: shapes[i % shapes.length],
    });
    assert.ok(r.ok);
    events.push({ e: r.event, now: NOW + (i >= 41 ? 86_400_000 : 0) + i });
  }
  const observer = createObserver(ledger);
  for (const { e, now } of events)
    minimizeEvents(steps, ['safe'], [e], { source: 'web', now, observer });
  const got = observer.drain();

  const step = steps.get('safe')!;
  const inv = new Map<string, { count: number; types: Set<string>; before: Set<string> }>();
  const led = new Map<string, Map<string, number>>();
  for (const { e, now } of events) {
    const r = step(e);
    assert.equal(r.kind, 'ok');
    if (r.kind !== 'ok') continue;
    const name = r.value.event.type === 'track' ? r.value.event.event! : r.value.event.type;
    for (const rec of r.value.records) {
      const k = `${name} ${rec.path}`;
      const x = inv.get(k) ?? { count: 0, types: new Set(), before: new Set() };
      x.count++;
      x.types.add(rec.type);
      for (const c of rec.before) x.before.add(c);
      inv.set(k, x);
    }
    const day = new Date(now).toISOString().slice(0, 10);
    const org = typeof e.groupId === 'string' ? ledger(e.groupId) : '';
    const key = `${day} ${ledger(String(e.userId))} ${org}`;
    const cells = led.get(key) ?? new Map<string, number>();
    const once = new Set([cellKey('*', 'passed')]);
    for (const rec of r.value.records)
      for (const c of rec.before) once.add(cellKey(c, rec.outcome));
    for (const c of once) cells.set(c, (cells.get(c) ?? 0) + 1);
    led.set(key, cells);
  }
  assert.equal(got.inventory.length, inv.size);
  for (const d of got.inventory) {
    const want = inv.get(`${d.event} ${d.path}`);
    assert.ok(want, `${d.event} ${d.path}`);
    assert.equal(d.count, want.count, d.path);
    assert.deepEqual(new Set(d.types), want.types, d.path);
    assert.deepEqual(new Set(d.before), want.before, d.path);
  }
  assert.equal(got.ledger.length, led.size, 'one row per day, subject and org');
  assert.ok(led.size > 10);
  for (const row of got.ledger) {
    const want = led.get(`${row.day} ${row.subject} ${row.org ?? ''}`);
    assert.ok(want);
    const cells = new Map<string, number>();
    addCells(cells, row.counts);
    assert.deepEqual(cells, want);
  }
  assert.ok(
    [...led.values()].some((c) => (c.get(cellKey('user.contact.email', 'removed')) ?? 0) > 0),
  );
});

test('events of more shapes than a group keeps are counted exactly, with their times and forms', () => {
  // 12 field sets in varying order (more than the shapes kept per event name), some carrying an
  // e-mail, interleaved so that shapes are evicted and made again between drains.
  const props = (k: number): Record<string, unknown> => {
    const o: Record<string, unknown> = {};
    for (let b = 0; b < 4; b++) if (k & (1 << b)) o[`f${b}`] = b === 2 ? 'x@example.jp' : b;
    o[k % 3 === 0 ? 'plan' : 'tier'] = k % 2 === 0 ? 'team' : 7;
    return o;
  };
  const events: { e: CanonicalEvent; now: number }[] = [];
  for (let i = 0; i < 300; i++) {
    const r = parseCanonical({
      type: 'track',
      event: 'Plan Changed',
      userId: `user-${i % 3}`,
      properties: props((i * 7) % 12),
    });
    assert.ok(r.ok);
    events.push({ e: r.event, now: NOW + ((i * 37) % 101) });
  }
  const observer = createObserver(ledger);
  const drained: ReturnType<typeof observer.drain>[] = [];
  events.forEach(({ e, now }, i) => {
    minimizeEvents(steps, ['safe'], [e], { source: 'web', now, observer });
    if (i === 149) drained.push(observer.drain());
  });
  drained.push(observer.drain());

  const step = steps.get('safe')!;
  for (const [half, got] of drained.entries()) {
    const want = new Map<
      string,
      { count: number; outcomes: Set<string>; after: Set<string>; first: number; last: number }
    >();
    const cells = new Map<string, Map<string, number>>();
    for (const { e, now } of events.slice(half * 150, half * 150 + 150)) {
      const r = step(e);
      assert.equal(r.kind, 'ok');
      if (r.kind !== 'ok') continue;
      const once = new Set([cellKey('*', 'passed')]);
      for (const rec of r.value.records) {
        const x = want.get(rec.path) ?? {
          count: 0,
          outcomes: new Set(),
          after: new Set(),
          first: Infinity,
          last: -Infinity,
        };
        x.count++;
        x.outcomes.add(rec.outcome);
        if (rec.after !== null) x.after.add(rec.after);
        x.first = Math.min(x.first, now);
        x.last = Math.max(x.last, now);
        want.set(rec.path, x);
        for (const c of rec.before) once.add(cellKey(c, rec.outcome));
      }
      const subject = ledger(String(e.userId));
      const m = cells.get(subject) ?? new Map<string, number>();
      for (const c of once) m.set(c, (m.get(c) ?? 0) + 1);
      cells.set(subject, m);
    }
    assert.equal(got.inventory.length, want.size);
    for (const d of got.inventory) {
      const w = want.get(d.path);
      assert.ok(w, d.path);
      assert.equal(d.count, w.count, d.path);
      assert.deepEqual(new Set(d.outcomes), w.outcomes, d.path);
      assert.deepEqual(new Set(d.after), w.after, d.path);
      assert.equal(d.firstSeen, w.first, d.path);
      assert.equal(d.lastSeen, w.last, d.path);
    }
    assert.equal(got.ledger.length, 3);
    for (const row of got.ledger) {
      const m = new Map<string, number>();
      addCells(m, row.counts);
      assert.deepEqual(m, cells.get(row.subject));
    }
    assert.ok(want.get('properties.f2')!.count > 0, 'the e-mail field was seen');
  }
});

test('array elements are one field of the data map, however long the array', () => {
  const items = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ sku: `sku-${i}`, buyer_email: `b${i}@example.jp` }));
  const observer = createObserver(ledger);
  minimizeEvents(
    steps,
    ['safe'],
    [ev('user-1', { items: items(3) }), ev('user-2', { items: items(40) })],
    {
      source: 'web',
      now: NOW,
      observer,
    },
  );
  const r = observer.drain();
  const paths = r.inventory.map((d) => d.path).filter((p) => p.startsWith('properties.items'));
  assert.deepEqual(paths.sort(), ['properties.items[].buyer_email', 'properties.items[].sku']);
  const email = r.inventory.find((d) => d.path === 'properties.items[].buyer_email');
  assert.equal(email?.count, 43, 'one count per element sent');
  assert.ok(email?.before.includes('user.contact.email'));
  const [u2] = r.ledger.filter((d) => d.subject === ledger('user-2'));
  const cells = new Map<string, number>();
  addCells(cells, u2!.counts);
  assert.equal(cells.get(cellKey('*', 'passed')), 1);
  assert.equal(cells.get(cellKey('user.contact.email', 'removed')), 1, 'once per event');
});

test('an observer that throws costs no event: the rows are made and the failures counted', () => {
  const failing = createObserver(ledger);
  let calls = 0;
  const observer = {
    ...failing,
    event: () => {
      calls++;
      throw new TypeError('observer fault');
    },
  };
  const r = minimizeEvents(steps, ['safe', 'keep'], [ev('user-1'), ev('user-2')], {
    source: 'web',
    now: NOW,
    observer,
  });
  assert.equal(calls, 4);
  assert.equal(r.rows.length, 4, 'every event is still committed for both destinations');
  assert.deepEqual(r.observeFailed, [
    ['safe', 2],
    ['keep', 2],
  ]);
  assert.ok(!r.rows.some((row) => row.payload.includes('mika.mori@example.jp')));
  const fine = minimizeEvents(steps, ['safe'], [ev('user-3')], {
    source: 'web',
    now: NOW,
    observer: failing,
  });
  assert.equal(fine.observeFailed, undefined);
});
