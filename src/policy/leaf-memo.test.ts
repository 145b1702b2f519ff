// The leaf memory of a policy step: a remembered result is exactly what the step computes
// afresh, pseudonyms still rotate, rules by path or event name turn it off, group calls are kept
// apart, and what it holds stays bounded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultPolicy, PolicySchema, type PolicyInput } from '../config/policy.js';
import { createDetector } from '../engine/detect.js';
import { createPathTrie } from '../engine/path.js';
import { parseCanonical, type CanonicalEvent } from '../pipeline/event.js';
import { toCanonical } from '../testing/corpus/canonical.js';
import { generateCorpus } from '../testing/corpus/index.js';
import type { FieldRecord, Minimized } from './apply.js';
import { parseMasterKey } from './keys.js';
import {
  createLeafMemo,
  LEAF_MEMO_ENTRIES,
  LEAF_MEMO_MAX_LENGTH,
  type LeafMemoSlot,
  PLAIN,
  type EventShape,
} from './leaf-memo.js';
import { createPolicyStep } from './step.js';

const master = parseMasterKey('cd'.repeat(32), 'given');
const detector = createDetector();
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 20);

function event(e: Record<string, unknown>): CanonicalEvent {
  const p = parseCanonical(e);
  if (!p.ok) throw new Error(p.problems.join('; '));
  return p.event;
}

function stepOf(policy: PolicyInput, now: () => number = () => T0) {
  const step = createPolicyStep(PolicySchema.parse(policy), {
    destination: 'mixpanel',
    master,
    detector,
    now,
  });
  return (e: CanonicalEvent): Minimized => {
    const r = step(e);
    assert.equal(r.kind, 'ok');
    return (r as { value: Minimized }).value;
  };
}

test('one step over a corpus gives, event by event, what a fresh step gives', () => {
  // Many events per field value: the shared step answers most leaves from memory, a fresh step
  // per event never does. Outputs and records must be the same.
  const corpus = generateCorpus({ seed: 20261124, events: 1500, split: 'eval' });
  const events = corpus.events.map((raw) => parseCanonical(toCanonical(raw)));
  const shared = stepOf(defaultPolicy());
  let compared = 0;
  for (const p of events) {
    if (!p.ok) continue;
    // Twice through the shared step: the second run is answered from memory where it can be.
    shared(p.event);
    const warm = shared(p.event);
    const cold = stepOf(defaultPolicy())(p.event);
    assert.deepEqual(warm.event, cold.event);
    assert.deepEqual(warm.records, cold.records);
    compared++;
  }
  assert.ok(compared > 1000, `compared ${compared} events`);
});

test('remembered results are the ones first computed, shared and frozen', () => {
  const step = stepOf({});
  const e = event({
    type: 'track',
    event: 'Viewed',
    anonymousId: 'a-1',
    properties: { plan: 'team', note: 'mail taro@example.com' },
    context: { locale: 'ja-JP' },
  });
  const first = step(e);
  const second = step(e);
  const rec = (m: Minimized, path: string): FieldRecord =>
    m.records.find((r) => r.path === path) ?? assert.fail(`no record of ${path}`);
  // The second visit's records of these leaves are the first visit's objects.
  for (const path of ['properties.plan', 'properties.note', 'context.locale']) {
    assert.equal(rec(second, path), rec(first, path), path);
    assert.ok(Object.isFrozen(rec(second, path)), path);
  }
  assert.equal((second.event.properties as Record<string, unknown>).note, 'mail [redacted:email]');
  assert.deepEqual(rec(second, 'properties.note').kinds, ['email']);
});

test('pseudonyms are never remembered: they still rotate within one step', () => {
  let now = T0;
  const step = stepOf({ identity: { rotation: 'daily' } }, () => now);
  const e = event({ type: 'track', event: 'X', anonymousId: 'a', properties: { user_id: 'u-42' } });
  const today = step(e).event.properties as Record<string, unknown>;
  const again = step(e).event.properties as Record<string, unknown>;
  now = T0 + DAY;
  const tomorrow = step(e).event.properties as Record<string, unknown>;
  assert.equal(typeof today.user_id, 'string');
  assert.notEqual(today.user_id, 'u-42');
  assert.equal(again.user_id, today.user_id);
  assert.notEqual(tomorrow.user_id, today.user_id, 'a new day, a new pseudonym');
});

test('a rule by event name or by path turns the memory off: the same value, another outcome', () => {
  const byEvent = stepOf({
    rules: [{ match: { paths: ['properties.note'], events: ['Secret'] }, action: 'drop' }],
  });
  const props = { note: 'weekly sync' };
  const keep = () =>
    byEvent(event({ type: 'track', event: 'Open', anonymousId: 'a', properties: props }));
  const drop = () =>
    byEvent(event({ type: 'track', event: 'Secret', anonymousId: 'a', properties: props }));
  assert.equal((keep().event.properties as Record<string, unknown>).note, 'weekly sync');
  assert.equal((keep().event.properties as Record<string, unknown>).note, 'weekly sync');
  assert.equal((drop().event.properties as Record<string, unknown>)?.note, undefined);
  assert.equal((keep().event.properties as Record<string, unknown>).note, 'weekly sync');

  const byIndex = stepOf({
    rules: [{ match: { paths: ['properties.items.0.sku'] }, action: 'drop' }],
  });
  const out = byIndex(
    event({
      type: 'track',
      event: 'Cart',
      anonymousId: 'a',
      properties: { items: [{ sku: 'S-1' }, { sku: 'S-1' }, { sku: 'S-1' }] },
    }),
  );
  // The first item's sku is dropped (and the item, emptied, with it); the others keep theirs.
  assert.deepEqual((out.event.properties as Record<string, unknown>).items, [
    { sku: 'S-1' },
    { sku: 'S-1' },
  ]);
});

test("a group call's traits and an identify call's traits are remembered apart", () => {
  const step = stepOf({});
  const identify = () =>
    step(event({ type: 'identify', userId: 'u', traits: { name: 'Acme Corp' } })).event.traits as
      Record<string, unknown> | undefined;
  const group = () =>
    step(event({ type: 'group', userId: 'u', groupId: 'g', traits: { name: 'Acme Corp' } })).event
      .traits as Record<string, unknown> | undefined;
  for (let i = 0; i < 3; i++) {
    assert.equal(identify()?.name, undefined, "a person's name is dropped");
    const org = group()?.name;
    assert.equal(typeof org, 'string', "an org's name is pseudonymized");
    assert.notEqual(org, 'Acme Corp');
  }
});

test("a page call's properties and a track call's are remembered apart", () => {
  const step = stepOf({});
  const props = { path: '/users/48213/orders', url: 'https://shop.example/o?token=t1&x=1' };
  const page = () =>
    step(event({ type: 'page', name: 'Orders', anonymousId: 'a', properties: props })).event
      .properties as Record<string, unknown>;
  const track = () =>
    step(event({ type: 'track', event: 'Open', anonymousId: 'a', properties: props })).event
      .properties as Record<string, unknown>;
  for (let i = 0; i < 3; i++) {
    assert.equal(page().path, '/users/:id/orders', "a page's path loses its ids");
    assert.equal(track().path, '/users/48213/orders', "a track call's path is a label");
    assert.equal(page().url, 'https://shop.example/o');
  }
});

test('the memory holds at most LEAF_MEMO_ENTRIES results, and rests fields that never repeat', () => {
  const memo = createLeafMemo();
  const trie = createPathTrie<LeafMemoSlot>(100_000);
  const record: FieldRecord = {
    path: 'p',
    type: 'string',
    before: [],
    outcome: 'passed',
    after: null,
    kinds: [],
  };
  const nodes = Array.from({ length: 50 }, (_, i) => trie.at(['properties', `f${i}`]));
  const held = () =>
    nodes.reduce((n, at) => n + (at.slot?.results.reduce((k, m) => k + (m?.size ?? 0), 0) ?? 0), 0);
  let max = 0;
  // Every value comes twice in a row to its field (half the lookups hit, so no field rests),
  // and there are twice as many values as the bound.
  for (let round = 0; round < 4 * LEAF_MEMO_ENTRIES; round++) {
    const n = Math.floor(round / 2);
    const at = nodes[n % nodes.length]!;
    const value = `v${n}`;
    const m = memo.of(at, (n % 3) as EventShape);
    if (m === undefined) continue;
    if (m.get(value) !== undefined) memo.hit(at);
    else memo.add(m, value, { out: value, record: { ...record }, echo: undefined });
    if (round % 97 === 0) max = Math.max(max, held());
  }
  assert.ok(max <= LEAF_MEMO_ENTRIES, `held ${max}`);
  assert.ok(max > LEAF_MEMO_ENTRIES / 2, `held ${max}: the memory was used`);

  // A field whose values never repeat stops being looked up after one window.
  const ids = trie.at(['properties', 'id']);
  let lookups = 0;
  for (let i = 0; i < 500; i++) {
    const m = memo.of(ids, PLAIN);
    if (m === undefined) continue;
    lookups++;
    assert.equal(m.get(`id-${i}`), undefined);
    memo.add(m, `id-${i}`, { out: i, record: { ...record }, echo: undefined });
  }
  assert.ok(lookups <= 64, `${lookups} lookups`);
  assert.deepEqual(
    ids.slot?.results,
    [undefined, undefined, undefined],
    'what it held is forgotten',
  );
});

test('long values are computed every time, not remembered', () => {
  const step = stepOf({});
  const long = 'x'.repeat(LEAF_MEMO_MAX_LENGTH + 1);
  const e = event({ type: 'track', event: 'X', anonymousId: 'a', properties: { note: long } });
  const a = step(e).records.find((r) => r.path === 'properties.note');
  const b = step(e).records.find((r) => r.path === 'properties.note');
  assert.ok(a && b);
  assert.notEqual(a, b, 'a fresh record each time');
  assert.deepEqual(a, b);
});

test('a field whose results are never remembered is listed once, rest after rest', () => {
  // A pseudonymized field gets a map at each waking and never an entry: the list of fields
  // holding maps must not grow with every rest.
  const memo = createLeafMemo();
  const at = createPathTrie<LeafMemoSlot>().at(['properties', 'user_id']);
  for (let i = 0; i < 20_000; i++) memo.of(at, (i % 3) as EventShape);
  assert.equal(memo.fields(), 1);
});
