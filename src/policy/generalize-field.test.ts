import assert from 'node:assert/strict';
import { it } from 'node:test';
import { defaultPolicy } from '../config/policy.js';
import { createFieldGeneralizer, generalizeField } from './generalize-field.js';

const policy = defaultPolicy();
const BROWSING = 'user.behavior.browsing_history';
const UA = 'user.device.user_agent';
const IP = 'user.device.ip_address';

const cases: [string | number, string, string][] = [
  [
    'https://app.example/reports/9f1c2a7e-0b1d-4c55-a9b2-33e0d2f1a0c4?email=a%40b.co#x',
    BROWSING,
    'url',
  ],
  [
    'https://app.example/reports/9f1c2a7e-0b1d-4c55-a9b2-33e0d2f1a0c4?email=a%40b.co#x',
    BROWSING,
    'referrer',
  ],
  ['/users/alice@example.com/settings', BROWSING, 'path'],
  ['?token=abc&utm_source=x', BROWSING, 'search'],
  [
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36',
    UA,
    'useragent',
  ],
  ['x'.repeat(100), UA, 'browser'], // not a UA string, too long for a version: removed
  ['203.0.113.77', IP, 'ip'],
  ['not an ip', IP, 'ip'],
  [12.5, BROWSING, 'url'],
];

it('remembers generalized values: the same result as generalizeField, the same object again', () => {
  const g = createFieldGeneralizer(policy, undefined);
  for (const [value, category, key] of cases) {
    const want = generalizeField(value, category, key, policy, undefined);
    const first = g(value, category, key);
    assert.deepEqual(first, want, `${category} ${key} ${String(value)}`);
    const again = g(value, category, key);
    assert.deepEqual(again, want);
    if (typeof value === 'string' && first !== undefined)
      assert.equal(again, first, 'a repeated string value is answered from memory');
  }
  // The key is part of what is remembered: a URL as a referrer keeps only its origin.
  assert.notDeepEqual(g(cases[0]![0], BROWSING, 'url'), g(cases[0]![0], BROWSING, 'referrer'));
});

it('stays correct when it forgets (bounded), and never remembers long values', () => {
  const g = createFieldGeneralizer(policy, undefined);
  const url = (i: number) => `https://shop.example/item/${i}?session=s${i}&utm_source=mail`;
  const first = g(url(0), BROWSING, 'url');
  for (let i = 1; i < 25_000; i++) g(url(i), BROWSING, 'url');
  const later = g(url(0), BROWSING, 'url');
  assert.deepEqual(later, generalizeField(url(0), BROWSING, 'url', policy, undefined));
  assert.notEqual(later, first, 'forgotten after 10,000 other values, worked out again');
  // A value that keeps coming back between values seen once is never forgotten: it is carried
  // from the older generation into the newer one (a memory cleared when full drops it each time).
  const agent =
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Safari/605.1.15';
  const hot = g(agent, UA, 'userAgent');
  for (let i = 0; i < 40_000; i++) {
    g(url(100_000 + i), BROWSING, 'url');
    if (i % 1_000 === 0) assert.equal(g(agent, UA, 'userAgent'), hot, `forgotten at ${i}`);
  }
  const long = `https://shop.example/?q=${'a'.repeat(3_000)}`;
  const a = g(long, BROWSING, 'url');
  assert.deepEqual(a, generalizeField(long, BROWSING, 'url', policy, undefined));
  assert.notEqual(g(long, BROWSING, 'url'), a, 'values over 2,048 characters are not kept');
});

it('an exact age in years becomes its decade; ranges, words and durations stay as they came', () => {
  const AGE = 'user.demographic.age_range';
  const g = (v: string | number, key = 'age') => generalizeField(v, AGE, key, policy, undefined);
  assert.deepEqual(g(35), { value: '30-39', after: AGE });
  assert.deepEqual(g('35'), { value: '30-39', after: AGE });
  assert.deepEqual(g(9.5), { value: '0-9', after: AGE });
  assert.deepEqual(g(100), { value: '100-109', after: AGE });
  for (const same of ['25-34', '30代', 'adult', 200, -1, '1990'])
    assert.deepEqual(g(same), { value: same, after: AGE }, String(same));
  // A field named for a duration is an age, but not a person's.
  for (const key of ['account_age_days', 'age_ms', 'age_seconds', 'age_in_months'])
    assert.deepEqual(g(35, key), { value: 35, after: AGE }, key);
  assert.deepEqual(g(35, 'age_in_years'), { value: '30-39', after: AGE });
});

it("a page's title is text, not a URL: it stays (to be scanned as kept text is)", () => {
  const g = (v: string, key: string) => generalizeField(v, BROWSING, key, policy, undefined);
  for (const title of ['Order 12345 | Shop', 'Invoice #INV-2024-001', 'Example App'])
    for (const key of ['title', 'page_title'])
      assert.deepEqual(g(title, key), { value: title, after: BROWSING }, `${key}: ${title}`);
  const drop = { ...policy, url: { ...policy.url, action: 'drop' as const } };
  assert.equal(generalizeField('Shop', BROWSING, 'title', drop, undefined), undefined);
});

it('a referring domain and the no-referrer mark stay: they say no more than an origin', () => {
  const g = (v: string, key: string) => generalizeField(v, BROWSING, key, policy, undefined);
  for (const key of ['$referring_domain', 'referring_domain', '$initial_referring_domain'])
    assert.deepEqual(g('www.google.com', key), { value: 'www.google.com', after: BROWSING }, key);
  for (const key of ['$referrer', '$initial_referrer', '$referring_domain'])
    assert.deepEqual(g('$direct', key), { value: '$direct', after: BROWSING }, key);
  // Anything else still goes through the origin: a path, an address, a full URL.
  assert.equal(g('www.google.com/search?q=taro', 'referring_domain'), undefined);
  assert.equal(g('taro@example.com', 'referrer'), undefined);
  assert.deepEqual(g('https://mail.google.com/mail/u/0/#inbox', 'referrer'), {
    value: 'https://mail.google.com',
    after: BROWSING,
  });
  const drop = { ...policy, referrer: 'drop' as const };
  assert.equal(
    generalizeField('www.google.com', BROWSING, 'referring_domain', drop, undefined),
    undefined,
  );
});

it("a fragment field keeps a single-page app's route as a path, and drops anything else", () => {
  const g = (v: string) => generalizeField(v, BROWSING, 'current_url_hash', policy, undefined);
  assert.deepEqual(g('#/users/48213?tab=2'), { value: '#/users/:id', after: BROWSING });
  assert.deepEqual(g('#!/cart'), { value: '#!/cart', after: BROWSING });
  assert.equal(g('#access_token=eyJhbGciOi&state=x'), undefined);
  assert.equal(g('#top'), undefined);
  const origin = { ...policy, url: { ...policy.url, action: 'origin' as const } };
  assert.equal(
    generalizeField('#/users/1', BROWSING, 'current_url_hash', origin, undefined),
    undefined,
  );
});
