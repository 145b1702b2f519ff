// `name=value` pairs: where names start and values end, and the bounds that keep it linear.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_PARAMS, MAX_PARAM_NAME, paramName, paramPairs } from './params.js';

/** The pairs of `text` as [name, value] strings (names decoded). */
function pairsOf(text: string, decoded = false): [string, string][] {
  const { pairs, count } = paramPairs(text, decoded);
  const out: [string, string][] = [];
  for (let i = 0; i < count; i += 4)
    out.push([paramName(text, pairs[i]!, pairs[i + 1]!), text.slice(pairs[i + 2]!, pairs[i + 3]!)]);
  return out;
}

test('pairs of URL queries and fragments, form bodies and key=value labels', () => {
  assert.deepEqual(pairsOf('https://x.example/p?first_name=Taro&plan=pro#uid=u1&x'), [
    ['first_name', 'Taro'],
    ['plan', 'pro'],
    ['uid', 'u1'],
  ]);
  assert.deepEqual(pairsOf('first_name=Taro+Yamada&email=t%40example.jp'), [
    ['first_name', 'Taro+Yamada'],
    ['email', 't%40example.jp'],
  ]);
  assert.deepEqual(pairsOf('login failed user=taro ip=203.0.113.7, retry'), [
    ['user', 'taro'],
    ['ip', '203.0.113.7,'],
  ]);
  // Names percent-encoded or with brackets; values that hold `=` (base64 padding).
  assert.deepEqual(pairsOf('?user%5Bemail%5D=a%40b.jp&sig=abc=='), [
    ['user[email]', 'a%40b.jp'],
    ['sig', 'abc=='],
  ]);
});

test('not pairs: empty values, names after other characters, too long names, padding alone', () => {
  assert.deepEqual(pairsOf('a=&b=1'), [['b', '1']]);
  // `2+2=4`: `+` cannot come before a name; `x/y=1`: nor `/`.
  assert.deepEqual(pairsOf('2+2=4 x/y=1'), []);
  const long = 'n'.repeat(MAX_PARAM_NAME + 1);
  assert.deepEqual(pairsOf(`${long}=1 ${long.slice(1)}=2`), [[long.slice(1), '2']]);
  // A base64 value ending in padding is one value, never a name and a `=` value.
  assert.deepEqual(pairsOf('token dGVzdA== end'), []);
});

test('in percent-decoded text a space belongs to the value', () => {
  assert.deepEqual(pairsOf('full_name=Taro Yamada&plan=pro', true), [
    ['full_name', 'Taro Yamada'],
    ['plan', 'pro'],
  ]);
  assert.deepEqual(pairsOf('full_name=Taro Yamada&plan=pro'), [
    ['full_name', 'Taro'],
    ['plan', 'pro'],
  ]);
});

test('at most MAX_PARAMS pairs are read; where the next one starts is the cut', () => {
  const text = 'a=1&'.repeat(MAX_PARAMS) + 'email=x';
  const { count, cut } = paramPairs(text);
  assert.equal(count, MAX_PARAMS * 4);
  assert.equal(cut, 4 * MAX_PARAMS);
  assert.equal(paramPairs('a=1&'.repeat(MAX_PARAMS)).cut, -1);
});

test('a query string inside a value: its pairs end where the outer value ends', () => {
  assert.deepEqual(pairsOf('?next=/cart?first_name=Taro&plan=pro'), [
    ['next', '/cart?first_name=Taro'],
    ['first_name', 'Taro'],
    ['plan', 'pro'],
  ]);
  // `q=a=b`: `a` follows `=`, so it is part of the value, not a name.
  assert.deepEqual(pairsOf('q=a=b'), [['q', 'a=b']]);
});

test('linear: at most three character reads per character on adversarial shapes', () => {
  const shapes = [
    '='.repeat(50_000),
    'first_name=x&'.repeat(3_000),
    '?a=/b?c=d'.repeat(5_000),
    ('n'.repeat(70) + '=').repeat(700),
    'x=' + 'a=b?c='.repeat(8_000),
  ];
  const proto = String.prototype;
  const charCodeAt = proto.charCodeAt;
  for (const text of shapes) {
    let reads = 0;
    proto.charCodeAt = function (this: string, i: number) {
      reads++;
      return charCodeAt.call(this, i);
    };
    try {
      paramPairs(text);
    } finally {
      proto.charCodeAt = charCodeAt;
    }
    assert.ok(reads <= 3 * text.length + 16, `${reads} reads for ${text.length} characters`);
  }
});
