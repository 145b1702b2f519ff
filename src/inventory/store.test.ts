import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openInventoryStore } from './store.js';
import { delta } from './testing.js';

const root = mkdtempSync(join(tmpdir(), 'veil-inventory-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const dbPath = () => join(root, `case-${++n}`, 'inventory.db');

test('merges rows: first_seen min, last_seen max, count sum, sets as unions', () => {
  const store = openInventoryStore({ path: dbPath() });
  store.flush([delta({ count: 2, firstSeen: 100, lastSeen: 200, types: ['string'] })]);
  store.flush([
    delta({ count: 3, firstSeen: 50, lastSeen: 150, types: ['null'], outcomes: ['redacted'] }),
    delta({ count: 1, firstSeen: 300, lastSeen: 300, after: ['user.contact.email'] }),
  ]);
  assert.deepEqual(store.rows(), [
    delta({
      count: 6,
      firstSeen: 50,
      lastSeen: 300,
      types: ['null', 'string'],
      outcomes: ['passed', 'redacted'],
      after: ['user.contact.email'],
    }),
  ]);
  store.close();
  store.close();
});

test('drift alerts: new event, new field, new category — each once, also after a restart', () => {
  const path = dbPath();
  let store = openInventoryStore({ path });
  const first = store.flush([
    delta({ path: 'properties.plan' }),
    delta({
      path: 'distinct_id',
      before: ['user.unique_id'],
      after: ['user.unique_id.pseudonymous'],
    }),
  ]);
  assert.deepEqual(
    first.map((a) => [a.kind, a.event, a.path, a.categories, a.after, a.initial]),
    [['new_event', 'Signup', undefined, ['user.unique_id'], ['user.unique_id.pseudonymous'], true]],
  );
  assert.deepEqual(store.flush([delta({ path: 'properties.plan', count: 9 })]), []);
  const second = store.flush([
    delta({ path: 'properties.comment', before: [] }),
    delta({ event: 'Login', path: 'properties.plan' }),
  ]);
  assert.deepEqual(
    second.map((a) => [a.kind, a.event, a.path ?? null, a.initial]),
    [
      ['new_field', 'Signup', 'properties.comment', false],
      ['new_event', 'Login', null, false],
    ],
  );
  const email = delta({
    path: 'properties.comment',
    before: ['user.contact.email'],
    outcomes: ['redacted'],
  });
  const third = store.flush([email]);
  assert.deepEqual(
    third.map((a) => [a.kind, a.path, a.categories, a.after]),
    [['new_category', 'properties.comment', ['user.contact.email'], []]],
  );
  assert.deepEqual(store.flush([email]), []);
  store.close();
  store = openInventoryStore({ path });
  assert.deepEqual(store.flush([email, delta({ event: 'Login', path: 'properties.plan' })]), []);
  assert.equal(store.rows({ destination: 'mixpanel' }).length, 4);
  assert.equal(store.rows({ destination: 'segment' }).length, 0);
  store.close();
});

test('the same destination through another source is a new event; bad deltas are skipped', () => {
  const store = openInventoryStore({ path: dbPath() });
  store.flush([delta()]);
  const bad = { ...delta(), count: Number.NaN };
  const alerts = store.flush([delta({ source: 'ios' }), bad, null as never]);
  assert.deepEqual(
    alerts.map((a) => [a.kind, a.source]),
    [['new_event', 'ios']],
  );
  assert.deepEqual(
    store.rows({ source: 'web' }).map((r) => r.count),
    [1],
  );
  store.close();
});

test('the file is 0600 and holds no values, only names, paths and categories', () => {
  const path = dbPath();
  const store = openInventoryStore({ path });
  // The events behind these deltas carried alice@example.com and user id u-93f1c2 as values;
  // a delta that (wrongly) still carries them in extra keys must not get them stored.
  const leaky = { value: 'alice@example.com', sample: { id: 'u-93f1c2' } };
  store.flush([
    {
      ...delta({ path: 'properties.email', before: ['user.contact.email'], outcomes: ['removed'] }),
      ...leaky,
    },
    delta({
      path: 'distinct_id',
      before: ['user.unique_id'],
      outcomes: ['pseudonymized'],
      after: ['user.unique_id.pseudonymous'],
    }),
  ]);
  store.close();
  assert.equal(statSync(path).mode & 0o777, 0o600);
  const dir = join(path, '..');
  const bytes = readdirSync(dir)
    .map((f) => readFileSync(join(dir, f)).toString('latin1'))
    .join('');
  assert.ok(bytes.includes('properties.email'), 'the paths are stored');
  for (const planted of ['alice@example.com', 'u-93f1c2']) assert.ok(!bytes.includes(planted));
});

test('fields and events beyond the bounds are counted together as "*", each bound alerted once', () => {
  const path = dbPath();
  let store = openInventoryStore({ path, maxFieldsPerEvent: 3, maxEventsPerSource: 2 });
  const f = (p: string, over: Parameters<typeof delta>[0] = {}) =>
    delta({ path: `properties.${p}`, ...over });
  // Three fields kept; the fourth and fifth are counted as "*".
  const first = store.flush([f('a'), f('b'), f('c'), f('d'), f('e', { count: 4 })]);
  assert.deepEqual(
    first.map((a) => [a.kind, a.event, a.path ?? '']),
    [['new_event', 'Signup', '']],
  );
  const rows = () => store.rows().map((r) => [r.event, r.path, r.count, r.before.join(',')]);
  assert.deepEqual(rows(), [
    ['Signup', '*', 5, ''],
    ['Signup', 'properties.a', 1, ''],
    ['Signup', 'properties.b', 1, ''],
    ['Signup', 'properties.c', 1, ''],
  ]);
  // A stored field keeps its row; new ones go to "*", and a category new there is alerted.
  const second = store.flush([
    f('a', { count: 2 }),
    f('x', { before: ['user.contact.email'] }),
    f('y', { before: ['user.contact.email'] }),
  ]);
  assert.deepEqual(
    second.map((a) => [a.kind, a.path, a.categories.join(',')]),
    [['new_category', '*', 'user.contact.email']],
  );
  assert.deepEqual(rows(), [
    ['Signup', '*', 7, 'user.contact.email'],
    ['Signup', 'properties.a', 3, ''],
    ['Signup', 'properties.b', 1, ''],
    ['Signup', 'properties.c', 1, ''],
  ]);
  // Events: two kept per (source, destination); beyond, event "*", field "*", alerted once.
  const third = store.flush([
    delta({ event: 'Login' }),
    delta({ event: 'rnd-1', path: 'properties.q' }),
    delta({ event: 'rnd-2', path: 'properties.r', count: 2 }),
    delta({ event: 'Signup', source: 'app' }),
  ]);
  assert.deepEqual(
    third.map((a) => [a.kind, a.source, a.event, a.path ?? '']),
    [
      ['new_event', 'web', 'Login', ''],
      ['new_event', 'web', '*', ''],
      ['new_event', 'app', 'Signup', ''],
    ],
  );
  store.close();
  // After a restart the stored counts hold the bounds.
  store = openInventoryStore({ path, maxFieldsPerEvent: 3, maxEventsPerSource: 2 });
  assert.deepEqual(store.flush([delta({ event: 'rnd-3' }), f('z')]), []);
  const web = store.rows({ source: 'web' }).map((r) => [r.event, r.path, r.count]);
  assert.deepEqual(web, [
    ['*', '*', 4],
    ['Login', 'properties.plan', 1],
    ['Signup', '*', 8],
    ['Signup', 'properties.a', 3],
    ['Signup', 'properties.b', 1],
    ['Signup', 'properties.c', 1],
  ]);
  store.close();
});
