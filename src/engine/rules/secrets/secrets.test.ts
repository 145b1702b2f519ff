// Cross-cutting checks for the secret rules, run through the real scanner with ALL rules enabled:
// rule count, every family found with exactly its own kind inside a realistic Mixpanel event,
// hard negatives that must never be reported as a secret, and adversarial inputs that must scan
// in bounded time.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { allRules } from '../index.js';
import { createScanner, type Match } from '../../scanner.js';
import { classifyKey } from '../../context.js';
import { CREDENTIAL_WORD } from '../../compile-rule.js';
import type { Example } from '../../types.js';
import { secretRules } from './index.js';

const scanner = createScanner(allRules);
const secretKinds = new Set(secretRules.flatMap((r) => [r.id, ...(r.kinds ?? [])]));

function scan(text: string, key = ''): Match[] {
  const out: Match[] = [];
  scanner.scan(text, classifyKey(key), out);
  return out;
}

function secretsIn(text: string, key = ''): Match[] {
  return scan(text, key).filter((m) => secretKinds.has(m.kind));
}

/** A Mixpanel /track event as an SDK sends it, with `note` free text a user typed. */
function mixpanelEvent(note: string): string {
  return JSON.stringify({
    event: 'Support Ticket Created',
    properties: {
      token: '5b1e3c9d7a2f4e6b8c0d1a3e5f7b9c2d',
      distinct_id: '$device:18f2a7c1-4b2e-4f0a-9c3d-7e5f1a2b3c4d',
      $device_id: '18f2a7c1-4b2e-4f0a-9c3d-7e5f1a2b3c4d',
      $insert_id: 'k3m9x2p4q8w1e5a7',
      time: 1718000000123,
      mp_lib: 'web',
      $lib_version: '2.55.0',
      $os: 'Mac OS X',
      $browser: 'Chrome',
      $browser_version: 124,
      $current_url: 'https://app.acme.io/support/new?ref=nav&utm_source=app',
      $screen_width: 1728,
      plan: 'team',
      note,
    },
  });
}

function firstMatchExample(
  examples: readonly Example[],
): { text: string; match: string; kind?: string } | undefined {
  for (const ex of examples)
    if (typeof ex !== 'string' && ex.match !== undefined)
      return { text: ex.text, match: ex.match, kind: ex.kind };
  return undefined;
}

test('at least 110 secret rules, with unique snake_case ids', () => {
  const ids = secretRules.map((r) => r.id);
  assert.ok(ids.length >= 110, `only ${ids.length} secret rules`);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ids) assert.match(id, /^[a-z0-9_]+$/);
});

test('every secret rule has a positive example with an exact match and two negatives', () => {
  for (const rule of secretRules) {
    assert.ok(
      firstMatchExample(rule.examples.positive),
      `${rule.id}: no positive example with match`,
    );
    assert.ok(rule.examples.positive.length >= 2, `${rule.id}: fewer than 2 positives`);
    assert.ok(rule.examples.negative.length >= 2, `${rule.id}: fewer than 2 negatives`);
  }
});

/** Findings that are expected inside another family's span (documented in docs/secrets.md). */
const NESTED: Readonly<Record<string, readonly string[]>> = {
  // X-Amz-Credential=<key id>/<scope>: the key id inside is reported by the AWS rules as well.
  url_amz_credential: ['aws_access_key_id', 'aws_sts_access_key_id'],
};

describe('each family is reported with exactly its own kind inside a Mixpanel event', () => {
  for (const rule of secretRules) {
    const ex = firstMatchExample(rule.examples.positive);
    if (ex === undefined) continue;
    test(rule.id, () => {
      const kind = ex.kind ?? rule.id;
      const event = mixpanelEvent(ex.text);
      // The note is JSON-escaped inside the event, so look for the escaped form of the match.
      const noteAt = event.indexOf('"note":');
      const needle = JSON.stringify(ex.match).slice(1, -1);
      const start = event.indexOf(needle, noteAt);
      assert.ok(start >= 0, 'match not embedded');
      const end = start + needle.length;
      const found = secretsIn(event);
      const nested = new Set(NESTED[rule.id] ?? []);
      const overlapping = found.filter(
        (m) => m.start < end && m.end > start && !nested.has(m.kind),
      );
      assert.ok(
        overlapping.some((m) => m.kind === kind && m.start === start && m.end === end),
        `${kind} not reported on ${JSON.stringify(needle)}; got ${JSON.stringify(overlapping)}`,
      );
      assert.deepEqual(
        [...new Set(overlapping.map((m) => m.kind))],
        [kind],
        'other secret kinds on the same token',
      );
      const outside = found.filter((m) => m.end <= start || m.start >= end);
      assert.deepEqual(outside, [], 'secret reported elsewhere in the event');
    });
  }
});

// Deterministic pseudo-random base64 (an image-data fragment), no crypto needed.
const imageData = Buffer.from(
  Array.from({ length: 1536 }, (_, i) => (i * 151 + 17) % 251),
).toString('base64');

const hardNegatives: readonly string[] = [
  '3f2b8c1e-9d4a-4f6b-8e2c-7a1d5b9c0e3f',
  'E1F7A2C4-3B6D-4A8E-9F01-2C3D4E5F6A7B',
  'commit 9fceb02d0ae598e95dc970b74767f19372d61af8 (HEAD -> main)',
  'md5 d41d8cd98f00b204e9800998ecf8427e',
  'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '1718000000123',
  'ts=1718000000 epoch_ms=1718000000123',
  'version 1.2.3, node v20.11.1, build 10.0.19045.4291',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 Chrome/124.0.6367.91 Safari/537.36',
  `data:image/png;base64,${imageData}`,
  'Please reset your password to continue.',
  'Error: token limit reached, please wait a minute and try again.',
  'Enter your API key on the settings page; keep it secret.',
  'The bearer of this card is entitled to a 10% discount.',
  'Basic plan: 3 seats and API access.',
  'Your session has expired, please sign in again.',
  'Password must contain at least 8 characters.',
  'password: required',
  'パスワードをリセットしてください。',
  'APIキーを設定画面で入力してください。トークンの上限に達しました。',
  'セッションの有効期限が切れました。もう一度ログインしてください。',
  'https://app.acme.io/search?q=token+limit&page=2&utm_source=newsletter&token_count=3',
  'https://example.com:8080/path?email=a@b.co',
  'https://shop.acme.io/checkout?code=SUMMER2024&promo_code=WELCOME10',
  'https://o123456.ingest.sentry.io/api/456/envelope/?sentry_key=0a1b2c3d4e5f60718293a4b5c6d7e8f9',
  '{"api_key":"phc_Gq7nXw2Lk9Pz4Rt8Vb3Mc6Yd1Sf5Hj0Ue2Wa7Kx4Qn","event":"$pageview"}',
  "const stripe = Stripe('pk_live_51HqLyjWDarjtT1zdp7dcXcQ1Jx0CkRtZ3sQ8vW2nYbM4aP6e');",
  "mapboxgl.accessToken = 'pk.eyJ1IjoiYWNtZW1hcHMiLCJhIjoiY2x4eXo5cTJ3MDFhYjJqcDRrN3ZzZzVtdCJ9.Zq3vR8kLp2Wn7Yx4Tb6Mcd';",
  'GA1.2.1234567890.1718000000',
  'ajs-next-1718000000123-3f2b8c1e9d4a4f6b',
  '"$timezone":"Asia/Tokyo","$locale":"en-US"',
  'task-list desk-top risk_score=0.3 sk-learn',
  'AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'postgres://app:password@localhost:5432/app',
  'redis://localhost:6379/0',
  '#ff8800 #00ff00 rgba(0,0,0,0.5)',
];

describe('hard negatives are not reported as any secret', () => {
  for (const text of hardNegatives) {
    test(text.length > 60 ? `${text.slice(0, 60)}…` : text, () => {
      assert.deepEqual(
        secretsIn(text).map((m) => `${m.kind}:${text.slice(m.start, m.end)}`),
        [],
      );
      const event = mixpanelEvent(text);
      assert.deepEqual(
        secretsIn(event).map((m) => `${m.kind}:${event.slice(m.start, m.end)}`),
        [],
      );
    });
  }
  test('the Mixpanel event itself (project token, ids, URLs) holds no secret', () => {
    assert.deepEqual(secretsIn(mixpanelEvent('hello')), []);
  });
});

describe('adversarial inputs scan in bounded time', () => {
  const SIZE = 100_000;
  const repeat = (unit: string): string =>
    unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);
  const units = new Set<string>([
    'sk-',
    'ghp_',
    'AKIA',
    'eyJ',
    'eyJhbGciOiJIUzI1NiJ9.',
    '-----BEGIN ',
    '-----BEGIN PRIVATE KEY-----\n',
    'token=',
    '?token=a1',
    'password=',
    'Password=x;',
    'Bearer ',
    'Basic ',
    'postgres://a:',
    'https://a:b',
    '://',
    ':AA',
    'q~',
    '-us',
    'a',
    'A',
    '0',
    'aB3',
    '=',
    '"api_key": "',
    'secret: ',
    ...secretRules.flatMap((r) => r.keywords ?? []),
  ]);
  test(`${units.size} repeated units, ${SIZE / 1000} KB each, each under 2 s`, () => {
    let worst = 0;
    let worstUnit = '';
    for (const unit of units) {
      const text = repeat(unit);
      const t0 = performance.now();
      scan(text);
      const ms = performance.now() - t0;
      if (ms > worst) [worst, worstUnit] = [ms, unit];
      assert.ok(ms < 2000, `${JSON.stringify(unit)} took ${ms.toFixed(0)} ms`);
    }
    assert.ok(worst < 2000, `worst ${JSON.stringify(worstUnit)}: ${worst.toFixed(0)} ms`);
  });
  test('100 KB of random base64 and of keyword soup scan under 2 s', () => {
    const soup = [...secretRules.flatMap((r) => r.keywords ?? [])].join(' x9Q ');
    for (const text of [repeat(imageData), repeat(soup), repeat(`${soup}=`)]) {
      const t0 = performance.now();
      scan(text);
      assert.ok(performance.now() - t0 < 2000);
    }
  });
});

describe('a provider named as a value does not make an id near it a key (near: credential)', () => {
  // In analytics a provider's name is mostly data: a campaign source, a referrer, prose. Each
  // rule whose token has no shape of its own must stay quiet on its own example token there,
  // and still report it once the text names a credential.
  const guarded = secretRules.filter(
    (r) => r.near === 'credential' && !(r.keywords ?? []).some((k) => CREDENTIAL_WORD.test(k)),
  );
  test('the guarded rules are the prefix-less ones', () => {
    assert.ok(guarded.length >= 50, `only ${guarded.length} rules guarded`);
  });
  for (const rule of guarded) {
    const ex = firstMatchExample(rule.examples.positive);
    const kw = rule.keywords?.[0];
    if (ex === undefined || kw === undefined) continue;
    test(rule.id, () => {
      const token = ex.match;
      for (const text of [
        `https://shop.example.com/checkout?utm_source=${kw}&utm_medium=social&click_id=${token}`,
        `Signed up via ${kw} (ref ${token})`,
        `https://www.${kw}.com/track/${token}`,
      ])
        assert.deepEqual(
          secretsIn(text).filter((m) => m.kind === rule.id),
          [],
          `${rule.id} in ${JSON.stringify(text)}`,
        );
      const named = `${kw} api key: ${token}`;
      assert.ok(
        secretsIn(named).some((m) => m.kind === rule.id),
        `${rule.id} not found in ${JSON.stringify(named)}`,
      );
    });
  }
});

test('docs/secrets.md states the rule count and has one table row per rule', () => {
  const doc = readFileSync(new URL('../../../../docs/secrets.md', import.meta.url), 'utf8');
  const count = /There are \*\*(\d+)\s+rules\*\*/.exec(doc);
  assert.equal(Number(count?.[1]), secretRules.length, 'the count in the first paragraph');
  const rows = [...doc.matchAll(/^\| `([a-z0-9_]+)` \|/gm)].map((m) => m[1]);
  assert.deepEqual(
    secretRules.map((r) => r.id).filter((id) => !rows.includes(id)),
    [],
    'rules without a row',
  );
  assert.deepEqual(
    rows.filter((id) => !secretRules.some((r) => r.id === id)),
    [],
    'rows without a rule',
  );
});
