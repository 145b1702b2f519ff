// The walker: paths, exact spans through decoding layers, field-name findings, limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDetector, detect } from './detect.js';
import type { Finding, Rule } from './types.js';

const TOKEN = 'ghp_8Kf3ZqP0aXc7RtLmN2bV9sWdE4yHuJ1oQ6iT';
const tokenRule: Rule = {
  id: 'test_token',
  category: 'system.authentication',
  description: 'test rule',
  keywords: ['ghp_'],
  pattern: /ghp_[A-Za-z0-9]{36}(?![A-Za-z0-9])/y,
  confidence: 0.9,
  examples: { positive: [TOKEN], negative: [] },
};
const only = createDetector({ rules: [tokenRule], fieldNames: false });

function spanOf(value: string, f: Finding): string {
  return value.slice(f.start, f.end);
}

test('paths name keys, indices and odd keys', () => {
  const doc = { properties: { items: [{ note: TOKEN }], 'user-agent': TOKEN, $x: TOKEN } };
  assert.deepEqual(
    only(doc).map((f) => f.path),
    ['properties.items[0].note', 'properties["user-agent"]', 'properties.$x'],
  );
});

test('spans are exact in the original string', () => {
  const v = `prefix ${TOKEN} suffix`;
  const [f] = only({ a: v });
  assert.equal(spanOf(v, f!), TOKEN);
  assert.equal(f!.source, 'value');
  assert.equal(f!.encoding, undefined);
});

test('a JSON document inside a string maps back through escapes', () => {
  const v = JSON.stringify({ a: 'quote " and \\ backslash', b: { c: `x ${TOKEN}` } });
  const found = only({ payload: v });
  assert.equal(found.length, 1);
  assert.equal(found[0]!.path, 'payload');
  assert.equal(spanOf(v, found[0]!), TOKEN);
  // The raw scan sees the token too; dedupe leaves one finding per span and kind.
  const escaped = JSON.stringify({ k: `é\n${TOKEN}` }).replace('é', '\\u00e9');
  const g = only({ p: escaped });
  assert.equal(g.length, 1);
  assert.equal(spanOf(escaped, g[0]!), TOKEN);
});

test('a JSON layer reports the inner path when only the layer sees the finding', () => {
  const inner = JSON.stringify({ deep: { t: TOKEN.slice(0, 10) + '\\u0041' } });
  void inner;
  const v = '{"deep":{"t":"' + TOKEN.slice(0, 20) + '\\u0041' + TOKEN.slice(21) + '"}}';
  const [f] = only({ p: v });
  assert.ok(f, 'found through the escape');
  assert.deepEqual(f!.encoding, ['json']);
  assert.equal(f!.innerPath, 'deep.t');
  assert.equal(spanOf(v, f!), TOKEN.slice(0, 20) + '\\u0041' + TOKEN.slice(21));
});

test('percent-encoded and base64 layers map to the encoded text', () => {
  const url = `https://x.test/cb?state=abc%20${encodeURIComponent(TOKEN).replace('_', '%5F')}&n=1`;
  const [u] = only({ url });
  assert.deepEqual(u!.encoding, ['url']);
  assert.equal(decodeURIComponent(spanOf(url, u!)), TOKEN);
  const b64 = Buffer.from(`{"t":"${TOKEN}"}`).toString('base64');
  const [b] = only({ blob: b64 });
  assert.deepEqual(b!.encoding, ['base64']);
  assert.ok(Buffer.from(spanOf(b64, b!), 'base64').toString().includes(TOKEN.slice(3, 30)));
});

test('a query string whose spaces are encoded as + is decoded, with or without any %XX', () => {
  for (const [url, value, kind] of [
    [
      'https://x.test/docs?utm_campaign=launch&search=4880+2524+7485+6022',
      '4880+2524+7485+6022',
      'credit_card',
    ],
    ['https://x.test/a?q=GB80+MIDL+1432+2794+6379+25&z=2', 'GB80+MIDL+1432+2794+6379+25', 'iban'],
    ['https://x.test/a?q=a%21&card=4880+2524+7485+6022', '4880+2524+7485+6022', 'credit_card'],
  ] as const) {
    const f = detect({ url }).find((x) => x.kind === kind);
    assert.ok(f, `${kind} in ${url}`);
    assert.deepEqual(f.encoding, ['url']);
    assert.equal(url.slice(f.start, f.end), value);
  }
  // Outside a query string `+` is a plus sign: the digits are not rejoined into a card.
  assert.equal(
    detect({ path: '/calc/4880+2524+7485+6022' }).some((x) => x.kind === 'credit_card'),
    false,
  );
});

test('backslash escapes outside a whole JSON document are decoded and mapped back', () => {
  // A JSON fragment cut short, as Python's json.dumps writes Japanese text (ASCII escapes).
  const cut = String.raw`{"user":{"address":"\u6771\u4eac\u90fd\u5343\u4ee3\u7530\u533a\u4e38\u306e\u51851-9-1","bio":"lo`;
  const addr = detect({ note: cut }).find((f) => f.kind === 'jp_address');
  assert.ok(addr, 'the escaped address is found');
  assert.deepEqual(addr.encoding, ['escape']);
  assert.ok(cut.slice(addr.start, addr.end).startsWith(String.raw`\u6771\u4eac\u90fd`));
  // PHP's escaped slashes in a URL, and an e-mail written with \u0040.
  const url = String.raw`https:\/\/app.example.com\/reset?token=ghp_8Kf3ZqP0aXc7RtLmN2bV9sWdE4yHuJ1oQ6iT`;
  assert.ok(detect({ note: url }).some((f) => f.kind === 'github_pat'));
  const mail = String.raw`write to bob\u0040example.com`;
  const m = detect({ note: mail }).find((f) => f.kind === 'email');
  assert.equal(m && mail.slice(m.start, m.end), String.raw`bob\u0040example.com`);
  // A whole JSON document is read by its parser, not unescaped a second time.
  const doc = JSON.stringify({ contact: 'bob@example.com' }).replace('@', '\\u0040');
  const inDoc = detect({ note: doc }).filter((f) => f.kind === 'email');
  assert.equal(inDoc.length, 1);
  assert.deepEqual(inDoc[0]!.encoding, ['json']);
});

test('HTML character references are decoded and mapped back', () => {
  const text = 'Contact us: info&#64;example.com or sales&commat;example&period;com';
  const emails = detect({ note: text }).filter((f) => f.kind === 'email');
  assert.deepEqual(
    emails.map((f) => text.slice(f.start, f.end)),
    ['info&#64;example.com', 'sales&commat;example&period;com'],
  );
  assert.ok(emails.every((f) => f.encoding?.[0] === 'html'));
  // `&amp;` and query strings hide nothing: no layer, no finding.
  assert.deepEqual(detect({ note: 'Tom &amp; Jerry, a=1&b=2' }), []);
});

test('decoding stops after three layers', () => {
  let v = `t=${TOKEN}`;
  for (let i = 0; i < 5; i++) v = Buffer.from(v).toString('base64');
  assert.deepEqual(only({ v }), []);
  let w = `t=${TOKEN}`;
  for (let i = 0; i < 3; i++) w = Buffer.from(w).toString('base64');
  assert.equal(only({ w }).length, 1);
});

test('long strings are scanned up to the limit and the rest is reported unscanned', () => {
  const d = createDetector({ rules: [tokenRule], maxScanLength: 100 });
  const v = 'a '.repeat(60) + TOKEN;
  const found = d({ v });
  assert.deepEqual(
    found.map((f) => f.kind),
    ['unscanned'],
  );
  assert.equal(found[0]!.start, 100);
  assert.equal(found[0]!.end, v.length);
});

test('deep nesting is cut at maxDepth without recursion errors', () => {
  let deep: unknown = TOKEN;
  for (let i = 0; i < 20_000; i++) deep = { a: deep };
  const found = only(deep);
  assert.equal(found.length, 1);
  assert.equal(found[0]!.kind, 'unscanned');
  assert.equal(found[0]!.path.split('.').length, 64);
});

test('a string holding JSON nested deeper than maxDepth is reported unscanned whole, unparsed', () => {
  const v = '['.repeat(50_000) + ']'.repeat(50_000);
  const parse = JSON.parse;
  let parsed = 0;
  JSON.parse = ((text: string, reviver?: Parameters<typeof parse>[1]) => {
    parsed++;
    return parse(text, reviver);
  }) as typeof JSON.parse;
  let found: Finding[];
  try {
    found = only({ v });
  } finally {
    JSON.parse = parse;
  }
  assert.equal(parsed, 0, 'not parsed');
  assert.deepEqual(
    found.map((f) => [f.kind, f.path, f.start, f.end, f.encoding]),
    [['unscanned', 'v', 0, v.length, ['json']]],
  );
});

test('JSON nested up to maxDepth is still parsed and walked; brackets in strings do not count', () => {
  const pad = ' '.repeat(1_100);
  const atLimit = '['.repeat(63) + `{"k":"${TOKEN}"}` + ']'.repeat(63) + pad;
  const found = only({ v: atLimit });
  assert.deepEqual(
    found.map((f) => f.kind),
    ['test_token'],
  );
  assert.equal(atLimit.slice(found[0]!.start, found[0]!.end), TOKEN);
  const quoted = JSON.stringify({ note: '['.repeat(5_000), t: TOKEN });
  assert.deepEqual(
    only({ v: quoted }).map((f) => f.kind),
    ['test_token'],
  );
  // One level more is cut.
  const over = '[' + atLimit.trimEnd() + ']' + pad;
  assert.deepEqual(
    only({ v: over }).map((f) => f.kind),
    ['test_token', 'unscanned'],
  );
});

test('__proto__ keys from JSON.parse are walked as data, never as prototypes', () => {
  const doc = JSON.parse(`{"__proto__":{"x":"${TOKEN}"},"constructor":{"prototype":"${TOKEN}"}}`);
  const found = only(doc);
  assert.deepEqual(
    found.map((f) => f.path),
    ['__proto__.x', 'constructor.prototype'],
  );
  assert.equal(({} as Record<string, unknown>).x, undefined);
});

test('large integers are scanned as text; small numbers, booleans and null are skipped', () => {
  const numRule: Rule = {
    id: 'test_digits',
    category: 'user.financial.credit_card',
    description: 'test',
    digits: { min: 16, max: 16 },
    find: (_t, hit) => ({ start: hit.start, end: hit.end }),
    confidence: 0.9,
    examples: { positive: ['4111111111111111'], negative: [] },
  };
  const d = createDetector({ rules: [numRule], fieldNames: false });
  assert.deepEqual(
    d({ a: 4111111111111111, b: 42, c: true, d: null }).map((f) => f.path),
    ['a'],
  );
});

test('minConfidence filters weak findings', () => {
  const d = createDetector({ rules: [tokenRule], minConfidence: 0.95 });
  assert.deepEqual(d({ a: TOKEN }), []);
});

test('field names classify values no value rule recognizes, and defer to value findings', () => {
  const found = detect({ traits: { email: 'hanako (at) example', notes: 'nothing here' } });
  const byPath = found.filter((f) => f.path === 'traits.email');
  assert.equal(byPath.length, 1);
  assert.equal(byPath[0]!.source, 'key');
  assert.equal(byPath[0]!.category, 'user.contact.email');
  assert.equal(
    found.some((f) => f.path === 'traits.notes'),
    false,
  );
  const both = detect({ traits: { email: 'hanako@example.co.jp' } });
  assert.deepEqual(
    both.map((f) => [f.kind, f.source]),
    [['email', 'value']],
  );
});

test('remembered clean strings stay per field context: the same text can be clean in one field only', () => {
  const d = createDetector();
  const myNumber = '123456789018';
  for (let round = 0; round < 3; round++) {
    assert.deepEqual(d({ order_id: myNumber }), [], 'an id field: the app’s own number');
    assert.deepEqual(
      d({ note: myNumber }).map((f) => f.kind),
      ['jp_my_number'],
      'a free-text field: a national id',
    );
  }
});

test('a field whose values never repeat stops being remembered, and every value is still scanned', () => {
  const d = createDetector();
  const reference = createDetector();
  const spans = (fs: Finding[]) => fs.map((f) => `${f.path}:${f.kind}:${f.start}-${f.end}`);
  // 6,000 values in one field: unique ones (the cache gives up on the field), some carrying an
  // e-mail address, and a few that repeat, before, during and after the pause. The reference
  // scans each value padded past the cache's length limit, so it never remembers anything.
  for (let i = 0; i < 6_000; i++) {
    const value =
      i % 97 === 0
        ? `contact user${i}@example.com`
        : i % 13 === 0
          ? 'same clean text'
          : `order note ${i} for batch ${i * 7}`;
    const got = spans(d.field(value, 'note', 'properties'));
    assert.deepEqual(got, spans(reference.field(value.padEnd(200), 'note', 'properties')), value);
    if (i % 97 === 0) assert.equal(got.length, 1, `the e-mail in value ${i} is found`);
  }
});

test('names of query, form and key=value parameters classify their values, with exact spans', () => {
  // A surname no name list holds: the parameter's name alone finds it.
  const url = 'https://shop.example/thanks?full_name=Taro+Kurosawa&plan=pro&email=t%40example.jp';
  const found = detect({ next: url });
  const byName = (name: string) => found.filter((f) => f.innerPath === `?${name}`);
  // By name, the whole value (its `+` space included), reported once (raw and decoded views).
  assert.deepEqual(
    byName('full_name').map((f) => [f.kind, f.category, f.source, spanOf(url, f)]),
    [['field_name', 'user.name', 'key', 'Taro+Kurosawa']],
  );
  assert.deepEqual(byName('plan'), []);
  // The e-mail rule found the value: the name adds nothing.
  assert.deepEqual(byName('email'), []);
  assert.ok(found.some((f) => f.kind === 'email' && spanOf(url, f) === 't%40example.jp'));

  const body = 'first_name=Taro&last_name=Yamada&city=Sendai';
  assert.deepEqual(
    detect({ body })
      .filter((f) => f.source === 'key')
      .map((f) => [f.innerPath, f.category, spanOf(body, f)]),
    [
      ['?first_name', 'user.name.first', 'Taro'],
      ['?last_name', 'user.name.last', 'Yamada'],
      ['?city', 'user.location.imprecise', 'Sendai'],
    ],
  );
  // A query string double-encoded inside a parameter: its names are read in the decoded view.
  const ret = 'https://a.example/login?return=%2Fcheckout%3Ffirst_name%3DTaro%26step%3D2';
  const inner = detect({ ret }).find((f) => f.innerPath === '?first_name');
  assert.equal(inner && spanOf(ret, inner), 'Taro');
  // Inside a JSON document held in a string: the document's path, then the parameter.
  const payload = JSON.stringify({ page: { href: '/p?last_name=Yamada' } });
  const nested = detect({ payload }).find((f) => f.innerPath === 'page.href?last_name');
  assert.equal(nested && spanOf(payload, nested), 'Yamada');
  // Off with field names.
  assert.deepEqual(
    createDetector({ fieldNames: false })({ body }).filter((f) => f.source === 'key'),
    [],
  );
});

test('names and addresses written out in free text: quoted, or words a space would cut short', () => {
  const keyed = (text: string) =>
    detect({ text })
      .filter((f) => f.source === 'key')
      .map((f) => [f.innerPath, f.category, spanOf(text, f)]);
  assert.deepEqual(keyed('login ok full_name=Taro Kurosawa plan=pro'), [
    ['?full_name', 'user.name', 'Taro Kurosawa'],
  ]);
  // A listed name is found by its value (person_full_name), the whole value: nothing to add.
  assert.deepEqual(
    detect({ text: 'login ok full_name=Taro Yamada plan=pro' }).map((f) => f.kind),
    ['person_full_name'],
  );
  assert.deepEqual(keyed('user full_name="岸辺 露伴" retry=1'), [
    ['?full_name', 'user.name', '岸辺 露伴'],
  ]);
  assert.deepEqual(keyed("first_name='Mary Ann' last_name=O'Brien-Smith, ok"), [
    ['?first_name', 'user.name.first', 'Mary Ann'],
    ['?last_name', 'user.name.last', "O'Brien-Smith"],
  ]);
  assert.deepEqual(keyed('city=San Francisco state=CA'), [
    ['?city', 'user.location.imprecise', 'San Francisco'],
    ['?state', 'user.location.imprecise', 'CA'],
  ]);
  // A lower-case word after a name is prose; in a URL a space is `+` and the value is whole.
  assert.deepEqual(keyed('full_name=Taro logged in'), [['?full_name', 'user.name', 'Taro']]);
  const url = 'https://a.example/?full_name=Taro+Yamada+Jr&x=1';
  assert.deepEqual(keyed(url), [['?full_name', 'user.name', 'Taro+Yamada+Jr']]);
});

test('a credential parameter whose value a token rule found is not reported again by its name', () => {
  // The second value has no digit, so no value rule (labelled_secret included) takes it: only
  // its parameter's name reports it.
  const text = `GITHUB_TOKEN=${TOKEN} DEPLOY_TOKEN=notarealtokenvalue`;
  const found = detect({ env: text }).map((f) => [f.kind, f.innerPath, spanOf(text, f)]);
  assert.deepEqual(found, [
    ['github_pat', undefined, TOKEN],
    ['field_name', '?DEPLOY_TOKEN', 'notarealtokenvalue'],
  ]);
});
