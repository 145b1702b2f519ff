// The policy step on whole events: the safe default, pseudonyms, rules, strict mode, records,
// fail-closed behaviour and immutability of the input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PolicySchema, type PolicyInput } from '../config/policy.js';
import { createDetector, type Detector } from '../engine/detect.js';
import { parseCanonical, type CanonicalEvent } from '../pipeline/event.js';
import { createCounters, runStep } from '../pipeline/run.js';
import { writeCountryMmdb } from '../testing/mmdb-writer.js';
import type { Minimized } from './apply.js';
import { openCountryDatabase, type CountryLookup } from './generalize/ip.js';
import { parseMasterKey } from './keys.js';
import { createPolicyStep } from './step.js';

const master = parseMasterKey('ab'.repeat(32), 'given');
const detector = createDetector();
const DAY = 86_400_000;

function event(e: Record<string, unknown>): CanonicalEvent {
  const p = parseCanonical(e);
  if (!p.ok) throw new Error(p.problems.join('; '));
  return p.event;
}

function run(
  policy: PolicyInput,
  e: Record<string, unknown>,
  opts: { destination?: string; now?: number; countries?: CountryLookup; detector?: Detector } = {},
): Minimized {
  const step = createPolicyStep(PolicySchema.parse(policy), {
    destination: opts.destination ?? 'mixpanel',
    master,
    detector: opts.detector ?? detector,
    now: () => opts.now ?? Date.UTC(2026, 10, 20),
    ...(opts.countries ? { countries: opts.countries } : {}),
  });
  const r = step(event(e));
  assert.equal(r.kind, 'ok');
  return (r as { value: Minimized }).value;
}

/** The shape of the dataset leaked from an analytics vendor in November 2025. */
const LEAKED_SHAPE = {
  type: 'identify',
  userId: 'user-4821',
  anonymousId: '6f1c2a9e-3b7d-4e0a-9c51-2d8e7f4a1b63',
  groupId: 'org-77',
  traits: {
    name: 'Hanako Yamada',
    email: 'hanako@example.co.jp',
    city: 'Shibuya',
    region: 'Tokyo',
    country: 'JP',
    plan: 'pro',
    organization_id: 'org-77',
  },
  context: {
    ip: '203.0.113.42',
    userAgent:
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36',
    locale: 'ja-JP',
    page: {
      url: 'https://platform.example.com/settings/keys?session=9a7f3c2e1b8d&utm_source=mail#top',
      referrer: 'https://mail.example.com/inbox?u=hanako%40example.co.jp',
    },
  },
};

test('the safe default turns the leaked dataset shape into pseudonyms and coarse attributes', () => {
  const { event: out } = run({}, LEAKED_SHAPE);
  const s = JSON.stringify(out);
  for (const raw of [
    'Hanako',
    'hanako',
    'Shibuya',
    'Tokyo',
    '203.0.113',
    'user-4821',
    'org-77',
    '6f1c2a9e',
    'session=',
    '10_15_7',
  ])
    assert.ok(!s.includes(raw), `${raw} leaked: ${s}`);
  const traits = out.traits as Record<string, unknown>;
  assert.deepEqual(Object.keys(traits).sort(), ['country', 'organization_id', 'plan']);
  assert.equal(traits.country, 'JP');
  assert.equal(traits.plan, 'pro');
  assert.match(String(out.userId), /^k1_[A-Za-z0-9_-]{22}$/);
  assert.match(String(out.groupId), /^k1_[A-Za-z0-9_-]{22}$/);
  assert.equal(
    traits.organization_id,
    out.groupId,
    'the same org id gets the same pseudonym wherever it appears',
  );
  assert.equal(out.context!.ip, undefined);
  assert.equal(out.context!.userAgent, 'Chrome 128; macOS; desktop');
  assert.equal(out.context!.locale, 'ja-JP');
  assert.equal(
    out.context!.page!.url,
    'https://platform.example.com/settings/keys?utm_source=mail',
  );
  assert.equal(out.context!.page!.referrer, 'https://mail.example.com');
});

test('pseudonyms are stable per destination, differ across destinations and key versions', () => {
  const e = { type: 'track', event: 'X', userId: 'user-1' };
  const a1 = run({}, e).event.userId;
  const a2 = run({}, e).event.userId;
  const b = run({}, e, { destination: 'segment' }).event.userId;
  const v2 = run({ identity: { key_version: 2 } }, e).event.userId;
  assert.equal(a1, a2);
  assert.notEqual(a1, b);
  assert.notEqual(a1, v2);
  assert.match(String(v2), /^k2_/);
  assert.notEqual(run({}, { ...e, userId: 'user-2' }).event.userId, a1);
});

test('rotation changes pseudonyms between periods and keeps them within one', () => {
  const e = { type: 'track', event: 'X', anonymousId: 'visitor-9', userId: 'user-9' };
  const policy: PolicyInput = { identity: { anonymous_rotation: 'daily' } };
  const t0 = Date.UTC(2026, 10, 20, 1);
  const morning = run(policy, e, { now: t0 }).event;
  const evening = run(policy, e, { now: t0 + 20 * 3_600_000 }).event;
  const tomorrow = run(policy, e, { now: t0 + DAY }).event;
  assert.equal(morning.anonymousId, evening.anonymousId);
  assert.notEqual(morning.anonymousId, tomorrow.anonymousId);
  assert.match(String(morning.anonymousId), /^k1d\d+_/);
  assert.equal(
    morning.userId,
    tomorrow.userId,
    'user ids follow `rotation` (none), not anonymous_rotation',
  );
});

test('rules match by category (parents cover children), path and event name; the first match wins', () => {
  const e = {
    type: 'track',
    event: 'Signed Up',
    userId: 'u1',
    properties: {
      contact_email: 'a@example.com',
      card: '4111 1111 1111 1111',
      note: 'hello',
      plan: 'pro',
    },
  };
  const out = run(
    {
      rules: [
        { match: { categories: ['user.contact'] }, action: 'mask', keep_domain: true },
        { match: { paths: ['properties.card'] }, action: 'mask', keep_last: 4 },
        { match: { paths: ['properties.note'], events: ['Other Event'] }, action: 'drop' },
        { match: { paths: ['properties.plan'] }, action: 'truncate', max_length: 1 },
      ],
    },
    e,
  ).event.properties!;
  assert.equal(out.contact_email, '***@example.com');
  assert.equal(out.card, '***************1111');
  assert.equal(out.note, 'hello', 'the event-scoped rule does not apply to other events');
  assert.equal(out.plan, 'p…');
});

test('a rule naming only events with action drop drops the whole event', () => {
  const step = createPolicyStep(
    PolicySchema.parse({ rules: [{ match: { events: ['Debug'] }, action: 'drop' }] }),
    {
      destination: 'd',
      master,
      detector,
    },
  );
  const r = step(event({ type: 'track', event: 'Debug', userId: 'u' }));
  assert.deepEqual(r, { kind: 'drop', reason: 'policy_drop_event' });
  assert.equal(step(event({ type: 'track', event: 'Kept', userId: 'u' })).kind, 'ok');
});

test('kept text keeps its words and loses secrets and personal data, with labels', () => {
  const out = run(
    {},
    {
      type: 'track',
      event: 'Feedback',
      userId: 'u',
      properties: {
        comment:
          'Mail me at taro@example.jp or call 090-1234-5678, my key is ghp_8Kf3ZqP0aXc7RtLmN2bV9sWdE4yHuJ1oQ6iT',
        model: 'gpt-4o-mini',
        duration_ms: 231,
        price: 12.5,
        request_id: '550e8400-e29b-41d4-a716-446655440000',
      },
    },
  ).event.properties!;
  assert.equal(
    out.comment,
    'Mail me at [redacted:email] or call [redacted:phone_number], my key is [redacted:github_pat]',
  );
  assert.equal(out.model, 'gpt-4o-mini');
  assert.equal(out.duration_ms, 231);
  assert.equal(out.price, 12.5);
  assert.equal(out.request_id, '550e8400-e29b-41d4-a716-446655440000');
});

test('encoded personal data is redacted where it sits in the original text', () => {
  const json = JSON.stringify({ email: 'jiro@example.com' });
  const payload = Buffer.from(json).toString('base64');
  // The email's bytes, widened to whole 4-character base64 groups.
  const from = Math.floor(json.indexOf('jiro') / 3) * 4;
  const to = Math.ceil((json.indexOf('.com') + 4) / 3) * 4;
  const out = run(
    {},
    {
      type: 'track',
      event: 'E',
      userId: 'u',
      properties: {
        blob: `d=${payload}`,
        link_text: `see ${encodeURIComponent('jiro@example.com')} now`,
      },
    },
  ).event.properties!;
  assert.equal(out.blob, `d=${payload.slice(0, from)}[redacted:email]${payload.slice(to)}`);
  assert.equal(out.link_text, 'see [redacted:email] now');
});

test('values named inside a kept string are redacted: JSON keys, query and form parameters, labels', () => {
  const r = run(
    {},
    {
      type: 'track',
      event: 'Form Submitted',
      userId: 'u',
      properties: {
        payload: JSON.stringify({ first_name: 'Taro', last_name: 'Yamada', plan: 'pro' }),
        body: 'first_name=Taro&last_name=Yamada&plan=pro',
        next: 'https://shop.example/thanks?full_name=Taro+Kurosawa&plan=pro',
        note: 'signup ok user_id=u_8812 tier=gold',
        log: 'login full_name=Taro Kurosawa plan=pro',
        logfmt: 'level=info full_name="岸辺 露伴" city=San Francisco ok',
      },
    },
  );
  const out = r.event.properties!;
  // Whole names and places, not their first word: no part of them reaches the vendor.
  assert.equal(out.log, 'login full_name=[redacted:name] plan=pro');
  assert.equal(out.logfmt, 'level=info full_name="[redacted:name]" city=[redacted:location] ok');
  assert.equal(
    out.payload,
    '{"first_name":"[redacted:first_name]","last_name":"[redacted:last_name]","plan":"pro"}',
  );
  assert.equal(
    out.body,
    'first_name=[redacted:first_name]&last_name=[redacted:last_name]&plan=pro',
  );
  assert.equal(out.next, 'https://shop.example/thanks?full_name=[redacted:name]&plan=pro');
  assert.equal(out.note, 'signup ok user_id=[redacted:unique_id] tier=gold');
  // The records say what was inside each field.
  const body = r.records.find((x) => x.path === 'properties.body')!;
  assert.equal(body.outcome, 'redacted');
  assert.deepEqual(body.before, ['user.name.first', 'user.name.last']);
});

test('strict mode keeps only allowed fields, still scans them, and keeps processed context', () => {
  const out = run(
    { mode: 'strict', allow: ['properties.plan', 'properties.note', 'properties.items.*.sku'] },
    {
      type: 'track',
      event: 'E',
      userId: 'u',
      context: {
        ip: '203.0.113.9',
        locale: 'en-US',
        campaign: { source: 'x' },
        page: { url: 'https://a.example/p?q=1' },
      },
      properties: {
        plan: 'pro',
        note: 'token ghp_8Kf3ZqP0aXc7RtLmN2bV9sWdE4yHuJ1oQ6iT',
        internal: 'dropped',
        items: [{ sku: 'A-1', price: 3 }],
      },
    },
  ).event;
  assert.deepEqual(out.properties, {
    plan: 'pro',
    note: 'token [redacted:github_pat]',
    items: [{ sku: 'A-1' }],
  });
  assert.deepEqual(out.context, { locale: 'en-US', page: { url: 'https://a.example/p' } });
  assert.match(String(out.userId), /^k1_/);
});

test('ip prefix and country modes (country from a MaxMind database)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'veil-geo-'));
  const file = join(dir, 'country.mmdb');
  writeFileSync(file, writeCountryMmdb([{ cidr: '203.0.113.0/24', country: 'JP' }]));
  const countries = await openCountryDatabase(file);
  const e = { type: 'track', event: 'E', userId: 'u', context: { ip: '203.0.113.42' } };
  assert.equal(run({ ip: 'prefix' }, e).event.context!.ip, '203.0.113.0');
  assert.equal(run({ ip: 'country' }, e, { countries }).event.context!.ip, 'JP');
  assert.equal(
    run({ ip: 'country' }, { ...e, context: { ip: '198.51.100.1' } }, { countries }).event.context,
    undefined,
  );
  assert.equal(
    run({ ip: 'country' }, e).event.context,
    undefined,
    'no database: removed, never the raw IP',
  );
});

test('records say what was found and done for every field', () => {
  const { records } = run({}, LEAKED_SHAPE);
  const by = new Map(records.map((r) => [r.path, r]));
  assert.deepEqual(by.get('traits.email'), {
    path: 'traits.email',
    type: 'string',
    before: ['user.contact.email'],
    outcome: 'removed',
    after: null,
    kinds: [],
  });
  assert.equal(by.get('userId')!.outcome, 'pseudonymized');
  assert.equal(by.get('userId')!.after, 'user.unique_id.pseudonymous');
  assert.equal(by.get('context.userAgent')!.outcome, 'generalized');
  assert.equal(by.get('traits.plan')!.outcome, 'passed');
  assert.deepEqual(by.get('traits.plan')!.before, []);
  assert.equal(by.get('context.ip')!.outcome, 'removed');
});

test('a classified object whose category is dropped goes as a whole', () => {
  const out = run(
    {},
    {
      type: 'identify',
      userId: 'u',
      traits: {
        address: { street: '1-2-3 Shibuya', city: 'Tokyo', postal_code: '150-0002' },
        plan: 'pro',
      },
    },
  ).event;
  assert.deepEqual(out.traits, { plan: 'pro' });
});

test('extends: none keeps fields unless rules say otherwise, but never sends credentials', () => {
  const out = run(
    { extends: 'none', ip: 'keep', identity: { action: 'keep' } },
    {
      type: 'track',
      event: 'E',
      userId: 'u-raw',
      context: { ip: '203.0.113.1' },
      properties: {
        email: 'x@example.com',
        password: 'hunter2hunter2',
        note: 'key ghp_8Kf3ZqP0aXc7RtLmN2bV9sWdE4yHuJ1oQ6iT',
      },
    },
  ).event;
  assert.equal(out.userId, 'u-raw');
  assert.equal(out.properties!.email, 'x@example.com');
  assert.equal(out.properties!.password, undefined);
  assert.equal(out.properties!.note, 'key [redacted:github_pat]');
});

test('fail closed: a step that throws drops the event with a counted reason and passes nothing on', () => {
  const broken = createDetector();
  const throwing = Object.assign((v: unknown) => broken(v), {
    field: () => {
      throw new RangeError('detector failure');
    },
  }) as Detector;
  const step = createPolicyStep(PolicySchema.parse({}), {
    destination: 'd',
    master,
    detector: throwing,
  });
  const counters = createCounters();
  const r = runStep(
    step,
    event({ type: 'track', event: 'E', userId: 'u', properties: { email: 'a@b.co' } }),
    counters,
  );
  assert.equal(r.kind, 'drop');
  assert.equal(counters.dropped.get('step_failed'), 1);
  assert.equal(counters.passed, 0);
});

test('the input event is never mutated', () => {
  const input = event(structuredClone(LEAKED_SHAPE));
  const frozen = JSON.stringify(input);
  const deepFreeze = (o: unknown): void => {
    if (o && typeof o === 'object') {
      Object.freeze(o);
      for (const v of Object.values(o)) deepFreeze(v);
    }
  };
  deepFreeze(input);
  const step = createPolicyStep(PolicySchema.parse({}), { destination: 'd', master, detector });
  assert.equal(step(input).kind, 'ok');
  assert.equal(JSON.stringify(input), frozen);
});

test('prototype-polluting keys never reach a prototype', () => {
  const raw = JSON.parse(
    '{"type":"track","event":"E","userId":"u","properties":{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}},"ok":1}}',
  );
  const out = run({}, raw).event;
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(Object.getPrototypeOf(out.properties), Object.prototype);
  assert.equal((out.properties as Record<string, unknown>).polluted, undefined);
  assert.deepEqual(
    Object.keys(out.properties!).sort(),
    ['constructor', 'ok'],
    '__proto__ is dropped by validation',
  );
});

test('members of a classified object are classified by their own names, not all pseudonymized', () => {
  const out = run(
    {},
    {
      type: 'identify',
      userId: 'u1',
      traits: {
        company: { id: 'c_1', plan: 'pro', employees: 2052 },
        emails: ['a@example.com', 'b@example.com'],
      },
    },
  ).event.traits as Record<string, Record<string, unknown>>;
  assert.match(String(out.company!.id), /^k1_/);
  assert.equal(out.company!.plan, 'pro');
  assert.equal(out.company!.employees, 2052);
  assert.equal(out.emails, undefined, 'an array of a dropped category goes as a whole');
});

test("Segment's context.externalIds are the user's ids in other systems: pseudonymized", () => {
  const ids = (
    run(
      {},
      {
        type: 'track',
        event: 'E',
        userId: 'u1',
        context: {
          externalIds: [
            { id: 'taro@example.jp', type: 'email', collection: 'users', encoding: 'none' },
            { id: 'cus_Q1w2E3r4T5y6U7', type: 'stripe_customer_id', collection: 'users' },
          ],
        },
      },
    ).event.context as { externalIds: Record<string, unknown>[] }
  ).externalIds;
  assert.equal(ids.length, 2);
  for (const x of ids) assert.match(String(x.id), /^k1_/);
  assert.equal(ids[1]!.type, 'stripe_customer_id');
});

test("Segment's context.referrer: its id pseudonymized, its name dropped, its links cut", () => {
  const ref = (
    run(
      {},
      {
        type: 'track',
        event: 'App Opened',
        userId: 'u1',
        context: {
          referrer: {
            id: 'ref-user-8812',
            link: 'https://app.example.jp/r/8812?invite=abc',
            name: 'Taro Yamada',
            type: 'dataxu',
          },
        },
      },
    ).event.context as { referrer: Record<string, unknown> }
  ).referrer;
  assert.match(String(ref.id), /^k1_/);
  assert.equal(ref.name, undefined);
  assert.equal(ref.link, 'https://app.example.jp/r/:id');
  assert.equal(ref.type, 'dataxu');
});

test("PostHog's $initial_person_info: the first referrer and URL lose their queries", () => {
  const info = (
    run(
      {},
      {
        type: 'page',
        userId: 'u1',
        properties: {
          $set_once: {
            $initial_person_info: {
              r: 'https://www.google.com/search?q=taro+yamada',
              u: 'https://app.example.jp/invite?invite=abc123&utm_source=x',
            },
          },
        },
      },
    ).event.properties as { $set_once: { $initial_person_info: Record<string, unknown> } }
  ).$set_once.$initial_person_info;
  assert.deepEqual(info, {
    r: 'https://www.google.com/search',
    u: 'https://app.example.jp/invite?utm_source=x',
  });
});

test("a group call's traits are the organization's; a person's social profiles are contact data", () => {
  const group = run(
    {},
    {
      type: 'group',
      userId: 'u1',
      groupId: 'acme',
      traits: { name: 'Acme KK', domain: 'acme.co.jp', plan: 'enterprise', employees: 120 },
    },
  ).event.traits!;
  assert.match(String(group.name), /^k1_/);
  assert.match(String(group.domain), /^k1_/);
  assert.equal(group.plan, 'enterprise');
  assert.equal(group.employees, 120);
  const person = run(
    {},
    {
      type: 'identify',
      userId: 'u1',
      traits: {
        name: 'Acme KK',
        twitter: '@taro_y',
        linkedin_url: 'https://www.linkedin.com/in/taro-yamada-123',
        github_username: 'taro-y',
        plan: 'pro',
      },
    },
  ).event.traits!;
  assert.equal(person.name, undefined, "an identify call's name is a person's, and dropped");
  assert.equal(person.twitter, undefined);
  assert.equal(person.linkedin_url, undefined);
  assert.match(String(person.github_username), /^k1_/);
  assert.equal(person.plan, 'pro');
});

test("query strings and fragments in their own fields are cut as a URL's are; a search term is kept", () => {
  const r = run(
    {},
    {
      type: 'page',
      userId: 'u1',
      context: { page: { search: '?utm_source=news&invite=inv_8812&email=taro%40example.jp' } },
      properties: {
        search: '?invite=inv_8812',
        query: 'wireless earbuds',
        current_url_search: '?utm_campaign=nov&invite=inv_8812',
        current_url_hash: '#access_token=abc123def456',
        sha_hash: 'a3f9c2e1',
      },
    },
  );
  const page = (r.event.context as Record<string, Record<string, unknown>>).page!;
  assert.equal(page.search, '?utm_source=news');
  assert.equal(r.event.properties!.search, undefined);
  assert.equal(r.event.properties!.query, 'wireless earbuds');
  // Mixpanel's page-view parts: the query cut like a URL's, the fragment dropped like a URL's.
  assert.equal(r.event.properties!.current_url_search, '?utm_campaign=nov');
  assert.equal(r.event.properties!.current_url_hash, undefined);
  assert.equal(r.event.properties!.sha_hash, 'a3f9c2e1');
  const rec = r.records.find((x) => x.path === 'context.page.search')!;
  assert.equal(rec.outcome, 'generalized');
});

test("Amplitude's session_id (epoch ms) stays, other session ids are pseudonymized, session tokens dropped", () => {
  const r = run(
    {},
    {
      type: 'track',
      event: 'E',
      userId: 'u1',
      context: { amplitude: { session_id: 1764000000000 } },
      properties: {
        sessionId: 1764000000123,
        session_id: 'f3a9c2e1d4b5a6978877665544332211',
        $session_id: 42,
        session_token: 1764000000000,
      },
    },
  );
  const ctx = r.event.context as Record<string, Record<string, unknown>>;
  assert.equal(ctx.amplitude!.session_id, 1764000000000);
  const props = r.event.properties as Record<string, unknown>;
  assert.deepEqual(Object.keys(props).sort(), ['$session_id', 'sessionId', 'session_id']);
  assert.equal(props.sessionId, 1764000000123);
  // A UUID-like or small session id is not a time: named like a web session's bearer token, it
  // goes as a keyed pseudonym, never as it came, and the same id gives the same pseudonym.
  assert.match(String(props.session_id), /^k1_[A-Za-z0-9_-]{22}$/);
  assert.match(String(props.$session_id), /^k1_[A-Za-z0-9_-]{22}$/);
  assert.notEqual(props.session_id, props.$session_id);
  const again = run(
    {},
    {
      type: 'track',
      event: 'F',
      userId: 'u2',
      properties: { sessionId: 'f3a9c2e1d4b5a6978877665544332211' },
    },
  );
  assert.equal((again.event.properties as Record<string, unknown>).sessionId, props.session_id);
  const rec = r.records.find((x) => x.path === 'context.amplitude.session_id')!;
  assert.equal(rec.outcome, 'passed');
  const tok = r.records.find((x) => x.path === 'properties.session_token')!;
  assert.equal(tok.outcome, 'removed');
  const sid = r.records.find((x) => x.path === 'properties.session_id')!;
  assert.deepEqual(
    [sid.outcome, sid.before, sid.after],
    ['pseudonymized', ['user.authorization.credentials'], 'user.unique_id.pseudonymous'],
  );
});

test('a rule still decides a session id: drop it, or keep it', () => {
  const e = { type: 'track', event: 'E', userId: 'u1', properties: { $session_id: 'abc-123' } };
  const dropped = run(
    { rules: [{ match: { categories: ['user.authorization.credentials'] }, action: 'drop' }] },
    e,
  );
  assert.equal(
    (dropped.event.properties as Record<string, unknown> | undefined)?.$session_id,
    undefined,
  );
  const none = run({ extends: 'none' } as PolicyInput, e);
  assert.match(String((none.event.properties as Record<string, unknown>).$session_id), /^k1_/);
});

test('a category-only keep rule also keeps that category inside other kept text', () => {
  const policy = { rules: [{ match: { categories: ['user.contact.email'] }, action: 'keep' }] };
  const r = run(policy as PolicyInput, {
    type: 'track',
    event: 'Note',
    userId: 'u1',
    properties: {
      email: 'aki@example.jp',
      note: 'mail aki@example.jp or call 090-1234-5678, key ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8',
    },
  });
  const props = r.event.properties as Record<string, string>;
  assert.equal(props.email, 'aki@example.jp');
  assert.match(
    props.note!,
    /mail aki@example\.jp or call \[redacted:/,
    'the phone is still redacted',
  );
  assert.ok(!props.note!.includes('ghp_'), 'secrets are always redacted');
});

test('a field replaced as a whole is scanned only when a rule matches on value findings', () => {
  const scanned: string[] = [];
  const counting = Object.assign((value: unknown) => detector(value), {
    field(value: unknown, key: string, parent: string) {
      scanned.push(key);
      return detector.field(value, key, parent);
    },
  }) as Detector;
  const e = {
    type: 'track',
    event: 'Signup',
    userId: 'u1',
    context: { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/128.0.0.0 Safari/537.36' },
    properties: { email: 'aki@example.jp', account_id: 'aki@example.jp', note: 'hello' },
  };
  // The event name is scanned as a label (key ''), the note as text: nothing else.
  const safe = run({}, e, { detector: counting });
  assert.deepEqual(
    scanned.sort(),
    ['', 'note'],
    'dropped, pseudonymized, generalized: not scanned',
  );
  assert.equal((safe.event.properties as Record<string, unknown>).email, undefined);
  assert.match(String((safe.event.properties as Record<string, unknown>).account_id), /^k1_/);

  // A rule on a category that only the value reveals still sees the value's findings.
  scanned.length = 0;
  const policy = { rules: [{ match: { categories: ['user.contact.email'] }, action: 'drop' }] };
  const r = run(policy as PolicyInput, e, { detector: counting });
  assert.ok(scanned.includes('account_id'), 'the rule asked for the findings');
  assert.equal((r.event.properties as Record<string, unknown>).account_id, undefined);
  assert.equal(r.records.find((x) => x.path === 'properties.account_id')?.outcome, 'removed');
});

test('an exact age goes as its decade under the safe default; a keep rule keeps it exact', () => {
  const e = { type: 'identify', userId: 'u1', traits: { age: 35, gender: 'female', plan: 'pro' } };
  const r = run({}, e);
  assert.deepEqual(r.event.traits, { age: '30-39', gender: 'female', plan: 'pro' });
  const rec = r.records.find((x) => x.path === 'traits.age')!;
  assert.deepEqual(
    [rec.outcome, rec.before, rec.after],
    ['generalized', ['user.demographic.age_range'], 'user.demographic.age_range'],
  );
  const kept = run(
    { rules: [{ match: { categories: ['user.demographic.age_range'] }, action: 'keep' }] },
    e,
  );
  assert.equal((kept.event.traits as Record<string, unknown>).age, 35);
});

test("a page's title is kept as text: its numbers and '#' stay, a name or an email in it is redacted", () => {
  const r = run(
    {},
    {
      type: 'page',
      name: 'Invoice',
      userId: 'u1',
      context: { page: { title: 'Invoice #INV-2024-001 for taro@example.jp' } },
      properties: { page_title: '注文 ORD-99812 – 山田花子様' },
    },
  );
  const ctx = r.event.context as Record<string, Record<string, unknown>>;
  assert.equal(ctx.page!.title, 'Invoice #INV-2024-001 for [redacted:email]');
  assert.equal(
    (r.event.properties as Record<string, unknown>).page_title,
    '注文 ORD-99812 – [redacted:person_name]様',
  );
});

test("the event's own names are redacted where it keeps text, and the records say so", () => {
  const step = createPolicyStep(PolicySchema.parse({}), {
    destination: 'mixpanel',
    master,
    detector,
    now: () => Date.UTC(2026, 10, 20),
  });
  const identify = (n: number) =>
    event({
      type: 'identify',
      userId: `user-${n}`,
      messageId: `m-${n}`,
      integrations: { All: true, Kuroda: true },
      traits: { name: 'Hanako Kuroda', last_name: '黒田', plan: 'pro', note: 'list of Li items' },
      context: {
        page: {
          title: 'Profile – Hanako Kuroda',
          url: 'https://app.example.jp/team/hanako-kuroda/settings',
        },
        campaign: { term: 'kuroda' },
      },
      properties: {
        greeting: '黒田からのお知らせ',
        tags: ['Kurodas', 'KURODA'],
        subject: 'Hanako Kurodas account',
      },
    });
  for (let round = 0; round < 2; round++) {
    // The second round's leaves come from the policy's memory: the names must still be noted.
    const input = identify(round);
    const before = JSON.stringify(input);
    const r = step(input);
    assert.equal(r.kind, 'ok');
    const { event: out, records } = (r as { value: Minimized }).value;
    assert.equal(JSON.stringify(input), before, 'the input is not changed');
    const props = out.properties as Record<string, unknown>;
    // The tags and the subject hold a word that only contains the name (`Kurodas`), checked below.
    const text = JSON.stringify({
      ...out,
      integrations: undefined,
      properties: { ...props, tags: [], subject: '' },
    });
    for (const leak of ['Hanako', 'Kuroda', 'kuroda', '黒田', 'hanako'])
      assert.ok(!text.includes(leak), `${leak} left in ${text}`);
    const page = out.context!.page as Record<string, unknown>;
    assert.equal(page.title, 'Profile – [redacted:name]');
    assert.match(String(page.url), /\/team\/\[redacted:name\]-\[redacted:name\]\/settings$/);
    assert.equal(props.greeting, '[redacted:name]からのお知らせ');
    assert.deepEqual(
      props.tags,
      ['Kurodas', '[redacted:name]'],
      'a word that only holds the name stays',
    );
    assert.equal((out.traits as Record<string, unknown>).note, 'list of Li items');
    assert.equal(
      props.subject,
      '[redacted:name] Kurodas account',
      'a shorter part where a longer one is not',
    );
    assert.deepEqual(out.integrations, { All: true, Kuroda: true }, 'structure is not text');
    const title = records.find((x) => x.path === 'context.page.title');
    assert.equal(title?.outcome, 'redacted');
    assert.ok(title.before.includes('user.name'), JSON.stringify(title));
    assert.ok(title.kinds.includes('event_name_echo'));
  }

  // A handle is looked for whole (`taro_y84`, not `taro`).
  const handle = step(
    event({
      type: 'identify',
      userId: 'u-7',
      messageId: 'm-7',
      traits: { username: 'taro_y84' },
      context: { page: { title: 'taro_y84 on Social – taro' } },
    }),
  );
  assert.equal(handle.kind, 'ok');
  const hp = (handle as { value: Minimized }).value.event.context!.page as Record<string, unknown>;
  assert.equal(hp.title, '[redacted:username] on Social – taro');

  // A destination that gets names keeps them everywhere.
  const keeps = createPolicyStep(
    PolicySchema.parse({ rules: [{ match: { categories: ['user.name'] }, action: 'keep' }] }),
    { destination: 'crm', master, detector, now: () => Date.UTC(2026, 10, 20) },
  );
  const kept = keeps(identify(9));
  assert.equal(kept.kind, 'ok');
  const out = (kept as { value: Minimized }).value.event;
  assert.equal((out.traits as Record<string, unknown>).name, 'Hanako Kuroda');
  assert.equal((out.properties as Record<string, unknown>).greeting, '黒田からのお知らせ');
});

test('a vehicle number (VIN, licence plate) is pseudonymized, not sent', () => {
  const r = run(
    {},
    {
      type: 'track',
      event: 'Trip Ended',
      anonymousId: 'a-1',
      properties: { vin: '1HGCM82633A004352', license_plate: '品川 300 あ 12-34', km: 12 },
    },
  );
  const p = r.event.properties as Record<string, unknown>;
  assert.match(String(p.vin), /^k1_/);
  assert.match(String(p.license_plate), /^k1_/);
  assert.equal(p.km, 12);
  const rec = r.records.find((x) => x.path === 'properties.vin');
  assert.deepEqual(rec?.before, ['user.device.vehicle_id']);
});

test("the event's own names never cut a pseudonym the policy made", () => {
  // Find a user id whose pseudonym holds `_Li-` or `-Li_`: a two-letter name part between the
  // separators of base64url would match as a word.
  const step = createPolicyStep(PolicySchema.parse({}), {
    destination: 'mixpanel',
    master,
    detector,
    now: () => Date.UTC(2026, 10, 20),
  });
  let id = '';
  let pseudonym = '';
  for (let i = 0; i < 200_000 && id === ''; i++) {
    const r = step(
      event({ type: 'track', event: 'e', anonymousId: 'a', properties: { owner_id: `o-${i}` } }),
    );
    const p = String(
      ((r as { value: Minimized }).value.event.properties as Record<string, unknown>).owner_id,
    );
    if (/(?<![A-Za-z0-9])Li(?![A-Za-z0-9])/.test(p.slice(3))) [id, pseudonym] = [`o-${i}`, p];
  }
  assert.ok(id !== '', 'no pseudonym with a standalone "Li" in 200,000 tries');
  const r = step(
    event({
      type: 'identify',
      userId: 'u-1',
      traits: { name: 'Li Wei', owner_id: id, note: 'Li called' },
    }),
  );
  const t = (r as { value: Minimized }).value.event.traits as Record<string, unknown>;
  assert.equal(t.owner_id, pseudonym, 'the pseudonym is whole');
  assert.equal(t.note, '[redacted:name] called');
});
