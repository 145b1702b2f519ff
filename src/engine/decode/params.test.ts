// `name=value` pairs: where names start and values end, and the bounds that keep it linear.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MAX_PARAMS,
  MAX_PARAM_NAME,
  MAX_QUOTED_VALUE,
  paramName,
  paramPairs,
  wordsAfter,
} from './params.js';

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

test('quoted values run to the closing quote on the same line', () => {
  assert.deepEqual(pairsOf('login user="Taro Yamada" plan=pro'), [
    ['user', 'Taro Yamada'],
    ['plan', 'pro'],
  ]);
  assert.deepEqual(pairsOf("full_name='山田 太郎' ok"), [['full_name', '山田 太郎']]);
  // logfmt: a quoted value holding `=` and the other quote; the pair after it is read too.
  assert.deepEqual(pairsOf('msg="a=b it\'s" email=x'), [
    ['msg', "a=b it's"],
    ['a', 'b'],
    ['email', 'x'],
  ]);
  // Not closed, closed only on a later line, empty, or longer than MAX_QUOTED_VALUE: not read.
  assert.deepEqual(pairsOf('name="Taro'), []);
  assert.deepEqual(pairsOf('name="Taro\nYamada" x=1'), [['x', '1']]);
  assert.deepEqual(pairsOf('name="" x=1'), [['x', '1']]);
  const long = 'a'.repeat(MAX_QUOTED_VALUE + 1);
  assert.deepEqual(pairsOf(`name="${long}"`), []);
  assert.deepEqual(pairsOf(`name="${long.slice(1)}"`), [['name', long.slice(1)]]);
  // In percent-decoded text the quotes are part of the value.
  assert.deepEqual(pairsOf('q="Taro Yamada"&x=1', true), [
    ['q', '"Taro Yamada"'],
    ['x', '1'],
  ]);
});

test('wordsAfter: the rest of a name or an address a space cut short', () => {
  const after = (text: string, end: number, address = false) =>
    text.slice(0, wordsAfter(text, end, address ? 6 : 3, address));
  assert.equal(after('full_name=Taro Yamada email=x', 14), 'full_name=Taro Yamada');
  assert.equal(after("n=Mary Ann O'Brien-Smith, ok", 6), "n=Mary Ann O'Brien-Smith");
  assert.equal(after('n=山田 太郎 さん', 4), 'n=山田 太郎 さん');
  // Lower-case words, the next pair's name and a comma after the value end a name.
  assert.equal(after('n=Taro logged in', 6), 'n=Taro');
  assert.equal(after('n=Taro Email=x', 6), 'n=Taro');
  // An apostrophe inside a word; not a closing quote (`'n=Taro'`).
  assert.equal(after("n=O'Brien Smith x", 3), "n=O'Brien Smith");
  assert.equal(after("'n=Taro' x", 7), "'n=Taro");
  assert.equal(after('n=Taro, Yamada', 7), 'n=Taro,');
  // At most three more words for a name.
  assert.equal(after('n=A B C D E', 3), 'n=A B C D');
  // Addresses: digits and commas inside, six words at most.
  assert.equal(
    after('a=1-2-3 Jingumae, Shibuya-ku Tokyo 150-0001 then more', 7, true),
    'a=1-2-3 Jingumae, Shibuya-ku Tokyo 150-0001',
  );
  // A word longer than 40 characters is not a name part.
  assert.equal(after(`n=Taro ${'Y'.repeat(41)}`, 6), 'n=Taro');
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

test('linear: at most three character reads per character, and searches that never go back', () => {
  const shapes = [
    '='.repeat(50_000),
    'first_name=x&'.repeat(3_000),
    '?a=/b?c=d'.repeat(5_000),
    ('n'.repeat(70) + '=').repeat(700),
    'x=' + 'a=b?c='.repeat(8_000),
    'a="'.repeat(20_000),
    `a="${'b'.repeat(400)}\n`.repeat(100),
    'a="b" '.repeat(8_000),
    'a=\'b="c '.repeat(5_000),
    `${'a="b '.repeat(10_000)}"`,
  ];
  const proto = String.prototype;
  const charCodeAt = proto.charCodeAt;
  const indexOf = proto.indexOf;
  for (const text of shapes) {
    let reads = 0;
    // Characters `indexOf` went over: `=`, each quote and the line feed are searched for from
    // later and later places, so at most the text's length each.
    let searched = 0;
    proto.charCodeAt = function (this: string, i: number) {
      reads++;
      return charCodeAt.call(this, i);
    };
    proto.indexOf = function (this: string, s: string, from?: number) {
      const i = indexOf.call(this, s, from);
      searched += (i < 0 ? this.length : i + 1) - (from ?? 0);
      return i;
    };
    try {
      paramPairs(text);
    } finally {
      proto.charCodeAt = charCodeAt;
      proto.indexOf = indexOf;
    }
    assert.ok(reads <= 3 * text.length + 16, `${reads} reads for ${text.length} characters`);
    assert.ok(searched <= 4 * text.length, `${searched} searched for ${text.length} characters`);
  }
});
