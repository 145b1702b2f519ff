// Linear work on adversarial input, with every rule enabled. Timing never decides a test (the
// times are measured by `npm run bench`, benchmarks/lib/adversarial.ts); here the work is
// counted: every regular-expression execution the detector starts, and the characters its
// `indexOf` searches read (rules that require a character after their keyword search for it).
// 10x more input must cost about 10x more work (a quadratic detector costs ~100x). Rule patterns
// are bounded by construction (compile-rule.ts rejects unbounded quantifiers), so counted work is
// the detector's real work.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDetector } from './detect.js';

const detector = createDetector();

const ADVERSARIAL: Record<string, (n: number) => string> = {
  letters: (n) => 'a'.repeat(n),
  digits: (n) => '7'.repeat(n),
  'digit groups': (n) => '1234 '.repeat(n / 5),
  'dotted digits': (n) => '1.'.repeat(n / 2),
  'dashed digits': (n) => '12-'.repeat(n / 3),
  base64: (n) => 'QUJDRGVmZ2g0NTY3'.repeat(n / 16),
  'at signs': (n) => '@'.repeat(n),
  'local@domain runs': (n) => 'a@a.a'.repeat(n / 5),
  'long local part': (n) => ('x'.repeat(63) + '@').repeat(n / 64),
  'dots and at': (n) => '.@'.repeat(n / 2),
  'token prefixes': (n) => 'sk-ghp_AKIAxoxb-glpat-'.repeat(n / 22),
  'jwt prefix': (n) => 'eyJ'.repeat(n / 3),
  'pem begin': (n) => '-----BEGIN '.repeat(n / 11),
  'query params': (n) => 'token=&'.repeat(n / 7),
  colons: (n) => ':'.repeat(n),
  'hex and colons': (n) => 'fe80:'.repeat(n / 5),
  'postal marks': (n) => '〒'.repeat(n),
  prefectures: (n) => '東京都'.repeat(n / 3),
  'full-width': (n) => 'ａ＠'.repeat(n / 2),
  'percent escapes': (n) => '%41'.repeat(n / 3),
  // One run of multi-byte escapes mixing widths: each character gets its own map entry.
  'percent-encoded kanji and spaces': (n) => '%E6%9D%B1%20'.repeat(n / 12),
  // Provider names whose window rules need a credential word or an assignment (`near`).
  'provider names with credential words': (n) => 'linkedin sumo_id= key '.repeat(n / 22),
  // One base64-alphabet run of Twilio-like SIDs (`SK` + 32 hex): the run-triggered rule's pattern
  // reads the run once, however many SIDs it holds.
  'SIDs in one run': (n) => ('SK' + '0a1b2c3d4e5f6789'.repeat(2) + '/').repeat(n / 35),
  // `name=value` pairs: names read back from each `=`, values forward; nested queries share
  // their outer value's end.
  'equals signs': (n) => '='.repeat(n),
  'query pairs': (n) => 'first_name=x&'.repeat(n / 13),
  'nested queries': (n) => '?a=/b?c=d'.repeat(n / 9),
  'long names before =': (n) => ('n'.repeat(70) + '=').repeat(n / 71),
  'backslash escapes': (n) => 'a\\u0040b.co\\/'.repeat(n / 14),
  'html references': (n) => 'a&#64;b&period;co '.repeat(n / 17),
  'json-ish': (n) => '{"a":'.repeat(n / 5),
  'spaces and digits': (n) => '1 '.repeat(n / 2),
  'URLs, one @ at the end': (n) => 'https://'.repeat(n / 8) + '@',
  'URLs and @ alternating': (n) => 'https://a@'.repeat(n / 10),
  // Names: honorifics after kanji runs, Japanese full names read by the text trigger (each match
  // charged to the budget), English honorifics and introducers.
  honorifics: (n) => '山田 太郎 様 '.repeat(n / 8),
  'katakana names': (n) => 'ジョン・スミス様'.repeat(n / 8),
  'katakana runs': (n) => 'ア・'.repeat(n / 2 - 1) + 'さん',
  'Japanese full names': (n) => '佐藤花子、'.repeat(n / 5),
  'surname runs': (n) => '佐藤'.repeat(n / 2),
  'English honorifics': (n) => 'Mr. John Smith '.repeat(n / 15),
  introducers: (n) => 'my wife Hanako '.repeat(n / 15),
  // Passwords given in sentences: each keyword's value read once, at most 64 characters.
  'password sentences': (n) => 'password is Abc123!x '.repeat(n / 21),
  'パスワード runs': (n) => 'パスワードは'.repeat(n / 6),
  // The eighteenth session's rules: katakana and kana names, device owners, handles, labelled
  // numbers, street words, hidden e-mail addresses, dates of birth in prose.
  'katakana full names': (n) => 'ヤマダ タロウ '.repeat(n / 8),
  'one katakana run': (n) => 'ア'.repeat(n),
  'kana before honorifics': (n) => 'はたろうくん'.repeat(n / 6),
  'device owners': (n) => "Taro's iPhone ".repeat(n / 14),
  'social handles': (n) => 'ig: @a_1 '.repeat(n / 9),
  'labelled numbers': (n) => 'pin: cvv 普通 mac: imei '.repeat(n / 22),
  'street words': (n) => 'Hauptstraße 5 12 rue '.repeat(n / 21),
  // Addresses spelled out: ` at ` and ` dot ` chains, marks in place of `@`.
  'spelled addresses': (n) => 'a dot a at a dot '.repeat(n / 17),
  'marks for @': (n) => 'ab★'.repeat(n / 3),
  'at words': (n) => 'x at '.repeat(n / 5),
  'UK postcodes': (n) => 'SW1A 2AA M1 '.repeat(n / 12),
  'wards and cities': (n) => '渋谷区神南区市1-'.repeat(n / 9),
  'romaji wards': (n) => '1-2 Ab Cd-ku, '.repeat(n / 14),
  'id labels': (n) => 'username: 会員番号 1-'.repeat(n / 18),
  'pension and insurance labels': (n) => '年金番号 被保険者番号 1'.repeat(n / 13),
  'residence card shapes': (n) => 'AB12345678CD'.repeat(n / 12),
  'hidden at signs': (n) => 'a [at] b [dot] '.repeat(n / 15),
  'born and 生まれ': (n) => 'born 1990-04-01 生まれ '.repeat(n / 20),
  // The twentieth session's readers: credential words with their values, streets named after
  // their word, lower-case US streets, phone words before national numbers, app tokens, IDN TLDs.
  'credential labels': (n) => 'the linear token: a1B2c3D4e5F6g7H8 '.repeat(n / 35),
  'env keys': (n) => 'X_KEY=a1B2c3D4e5F6g7H8 '.repeat(n / 23),
  'キー labels': (n) => 'APIキー：a1B2c3D4e5F6 '.repeat(n / 19),
  'streets named after their word': (n) => 'Via Roma 12, 00184 Roma '.repeat(n / 24),
  'street words with connectors': (n) => 'Calle de la Aa de la '.repeat(n / 21),
  'adjective streets': (n) => 'Berliner Straße A-B-Platz '.repeat(n / 26),
  'lower-case US streets': (n) => '1 main st, springfield, il 62704 '.repeat(n / 33),
  'phone words before numbers': (n) => 'tel. 612 34 56 78 '.repeat(n / 18),
  'app tokens': (n) => '1234567890123456|'.repeat(n / 17),
  'IDN addresses': (n) => 'a@b.рф '.repeat(n / 7),
  // National ids read around their digit runs, suffixes read with a place after them, `00`
  // call prefixes, `PW` labels, romaji addresses in Japanese order.
  'national id shapes': (n) =>
    'S1234567D AB 12 34 56 C RSSMRA85T10A562S ABCPE1234F '.repeat(n / 52),
  'dotted and dashed ids': (n) => '529.982.247-25 950315-2845911 '.repeat(n / 30),
  'DNI letters and NIR groups': (n) => '12345678Z X1234567L 2 55 08 14 168 025 38 '.repeat(n / 42),
  'id names before digits': (n) => 'Aadhaar SIN NHS 2341 2341 2346 '.repeat(n / 31),
  'more street suffixes': (n) => '12 Oak Knoll Apt 1, Fort Eve 62704 '.repeat(n / 35),
  'call prefixes': (n) => '0049 30 12345678 '.repeat(n / 17),
  'PW labels': (n) => 'PW: Xk9#mQ2v '.repeat(n / 13),
  'romaji wards first': (n) => 'Tokyo-to Minato-ku Ab 6-10-1 '.repeat(n / 29),
};

interface Work {
  execs: number;
  /** Characters read by `indexOf` searches. */
  searched: number;
}

/** Run the detector on `s` counting the RegExp executions it starts. */
function workOf(s: string): Work {
  const w: Work = { execs: 0, searched: 0 };
  const proto = RegExp.prototype;
  const exec = proto.exec;
  const indexOf = String.prototype.indexOf;
  proto.exec = function (this: RegExp, str: string) {
    w.execs++;
    return exec.call(this, str);
  };
  String.prototype.indexOf = function (this: string, search: string, from?: number) {
    const at = indexOf.call(this, search, from);
    w.searched += (at < 0 ? this.length : at) - (from ?? 0);
    return at;
  };
  try {
    detector({ v: s });
  } finally {
    proto.exec = exec;
    String.prototype.indexOf = indexOf;
  }
  return w;
}

for (const [name, make] of Object.entries(ADVERSARIAL)) {
  test(`adversarial input is linear: ${name}`, () => {
    const small = workOf(make(20_000));
    const large = workOf(make(200_000));
    // Linear: ~10x. A floor absorbs fixed per-value work; quadratic would be ~100x.
    assert.ok(
      large.execs <= Math.max(small.execs, 50) * 15,
      `${name}: ${small.execs} regex executions for 20 KB, ${large.execs} for 200 KB`,
    );
    assert.ok(
      large.searched <= Math.max(small.searched, 20_000) * 15,
      `${name}: ${small.searched} characters searched for 20 KB, ${large.searched} for 200 KB`,
    );
  });
}

test('deeply nested documents are cut, not recursed without bound', () => {
  let v: unknown = 'x';
  for (let i = 0; i < 100_000; i++) v = [v];
  const found = detector(v);
  assert.equal(found[0]?.kind, 'unscanned');
});
