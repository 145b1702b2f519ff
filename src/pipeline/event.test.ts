import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRng } from '../testing/corpus/prng.js';
import {
  CanonicalEventSchema,
  formatIssues,
  parseCanonical,
  quickCanonical,
  type ParseResult,
} from './event.js';

/** What the schema alone answers (the reference for the direct path). */
function bySchema(value: unknown): ParseResult {
  const r = CanonicalEventSchema.safeParse(value);
  return r.success
    ? { ok: true, event: r.data }
    : { ok: false, problems: formatIssues(r.error.issues) };
}

/** Same result, and for events the same JSON text (key order included). */
function assertSame(value: unknown, label: string): void {
  const want = bySchema(value);
  const got = parseCanonical(value);
  assert.deepEqual(got, want, label);
  if (got.ok && want.ok) assert.equal(JSON.stringify(got.event), JSON.stringify(want.event), label);
}

const base = (): Record<string, unknown> => ({
  messageId: 'm-1',
  anonymousId: 'anon-1',
  userId: 'u-1',
  timestamp: '2026-11-24T05:00:00.000Z',
  context: {
    ip: '203.0.113.9',
    userAgent: 'Mozilla/5.0',
    locale: 'ja-JP',
    library: { name: 'analytics.js', version: '1.0.0' },
    page: { url: 'https://a.example/x?y=1', path: '/x', title: 'X', custom: 1 },
    campaign: { source: 'mail' },
  },
  integrations: {},
  type: 'track',
  event: 'Signed In',
  properties: { plan: 'pro', seats: 3, nested: { a: [1, 2] } },
  extra: 'kept',
});

/** Values that are wrong, unusual or on an edge for some field. */
const ODD: readonly unknown[] = [
  undefined,
  null,
  '',
  'x',
  'x'.repeat(64),
  'x'.repeat(65),
  'x'.repeat(1024),
  'x'.repeat(1025),
  0,
  -0,
  1.5,
  1e21,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  [],
  ['a'],
  {},
  { a: 1 },
  Object.create(null) as object,
  new Date(0),
  '2026-11-24 05:00',
  'yesterday',
  '2026-02-30T00:00:00.000Z',
  '$set',
  '$nope',
  'company',
  'bad type!',
];

const FIELDS = [
  ...Object.keys(CanonicalEventSchema.shape),
  'extra',
  'context.ip',
  'context.userAgent',
  'context.locale',
  'context.page',
  'context.library',
  'context.page.url',
  'context.page.referrer',
  'context.page.search',
  'context.page.custom',
];

function setPath(o: Record<string, unknown>, path: string, v: unknown): void {
  const parts = path.split('.');
  let at = o;
  for (const p of parts.slice(0, -1)) {
    const next = at[p];
    if (typeof next !== 'object' || next === null) return;
    at = next as Record<string, unknown>;
  }
  at[parts[parts.length - 1]!] = v;
}

describe('parseCanonical: the direct path gives what the schema gives', () => {
  it('takes the direct path for usual events of every type, with the schema’s output', () => {
    const events: Record<string, unknown>[] = [
      base(),
      { ...base(), type: 'identify', event: undefined, traits: { email: 'a@b.example' } },
      { type: 'page', anonymousId: 'a', name: 'Home', properties: { path: '/' } },
      { type: 'screen', userId: 42, name: 'Main' },
      { type: 'group', userId: 'u', groupId: 7, traits: { name: 'Acme' } },
      { type: 'group', groupId: 'g', groupType: 'company', operation: '$set_once' },
      { type: 'alias', userId: 'new', previousId: 'old', sentAt: '2026-11-24T05:00:00Z' },
      { type: 'track', event: 'x', anonymousId: 'a', timestamp: '2026-11-24 05:00' },
    ];
    delete events[1]!.event;
    for (const e of events) {
      assert.notEqual(quickCanonical(e), undefined, JSON.stringify(e));
      assertSame(e, JSON.stringify(e));
    }
    // Numbers become strings, as the schema's ids do; copies, not the same objects.
    const e = events[3]!;
    assert.equal(quickCanonical(e)?.userId, '42');
    const b = base();
    const q = quickCanonical(b)!;
    assert.notEqual(q, b);
    assert.notEqual(q.context, b.context);
    assert.notEqual(q.properties, b.properties);
  });

  it('agrees with the schema on thousands of events with odd fields (and refuses what it refuses)', () => {
    const rng = createRng(20261124).next;
    let direct = 0;
    let refused = 0;
    for (let i = 0; i < 6_000; i++) {
      const e = base();
      if (rng() < 0.3) e.type = ['identify', 'page', 'screen', 'group', 'alias'][i % 5];
      // One to three fields set to odd values, or removed.
      const n = 1 + Math.floor(rng() * 3);
      for (let j = 0; j < n; j++) {
        const field = FIELDS[Math.floor(rng() * FIELDS.length)]!;
        const value = ODD[Math.floor(rng() * ODD.length)];
        if (rng() < 0.15) delete (e as Record<string, unknown>)[field];
        else setPath(e, field, value);
      }
      // Keys in another order now and then (the output order must not follow the input's).
      const input = rng() < 0.3 ? Object.fromEntries(Object.entries(e).reverse()) : e;
      assertSame(input, `case ${i}: ${JSON.stringify(input)}`);
      if (quickCanonical(input) !== undefined) direct++;
      if (!bySchema(input).ok) {
        refused++;
        assert.equal(quickCanonical(input), undefined, `case ${i}: the direct path accepted it`);
      }
    }
    // Both paths were exercised.
    assert.ok(direct > 500, `direct path taken ${direct} times`);
    assert.ok(refused > 500, `refused ${refused} times`);
  });

  it('reports each rule across fields with its field (the schema and the direct path share them)', () => {
    const problems = (e: Record<string, unknown>) => {
      const r = parseCanonical(e);
      return r.ok ? [] : r.problems;
    };
    assert.deepEqual(problems({ type: 'track', userId: 'u' }), [
      'event: a track event needs an event name',
    ]);
    assert.deepEqual(problems({ type: 'page' }), ['userId: needs userId or anonymousId']);
    assert.deepEqual(problems({ type: 'group', userId: 'u' }), [
      'groupId: a group event needs groupId',
    ]);
    assert.deepEqual(problems({ type: 'alias', userId: 'u' }), [
      'previousId: an alias event needs previousId',
    ]);
    assert.deepEqual(problems({ type: 'page', userId: 'u', timestamp: 'yesterday' }), [
      'timestamp: not an ISO 8601 date-time',
    ]);
    // A group profile update needs no user, and a parseable non-canonical time passes.
    const profile = { type: 'group', groupId: 'g', groupType: 'company' };
    assert.deepEqual(problems(profile), []);
    assert.notEqual(quickCanonical(profile), undefined);
    assert.deepEqual(problems({ type: 'page', userId: 'u', timestamp: '2026-11-24 05:00' }), []);
  });

  it('leaves unusual objects to the schema: __proto__ keys, undefined values, other prototypes', () => {
    const polluted = JSON.parse(
      '{"type":"track","event":"x","userId":"u","properties":{"__proto__":{"admin":true}}}',
    ) as unknown;
    assert.equal(quickCanonical(polluted), undefined);
    assertSame(polluted, 'own __proto__ key');
    const undef = { type: 'track', event: 'x', userId: 'u', extra: undefined };
    assert.equal(quickCanonical(undef), undefined);
    assertSame(undef, 'undefined value');
    class Ev {
      type = 'track';
      event = 'x';
      userId = 'u';
    }
    assert.equal(quickCanonical(new Ev()), undefined);
    assertSame(new Ev(), 'class instance');
    for (const v of [null, undefined, 'track', 1, [], [{ type: 'track' }]]) {
      assert.equal(quickCanonical(v), undefined);
      assertSame(v, String(v));
    }
  });
});
