// Cross-cutting checks of the personal-data rules, run through the real scanner with ALL rules:
// span mapping of full-width text, linear time on adversarial values, hard negatives, budgets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allRules } from '../index.js';
import { createScanner, type Match } from '../../scanner.js';
import { classifyKey } from '../../context.js';
import { piiRules } from './index.js';
import { PREFECTURES } from './address-jp.js';

const scanner = createScanner(allRules);
const piiKinds = new Set(piiRules.flatMap((r) => [r.id, ...(r.kinds ?? [])]));

function scan(text: string, key = ''): Match[] {
  const out: Match[] = [];
  scanner.scan(text, classifyKey(key), out);
  return out;
}

function spans(text: string, kind: string, key = ''): string[] {
  return scan(text, key)
    .filter((m) => m.kind === kind)
    .map((m) => text.slice(m.start, m.end));
}

test('full-width email and phone spans map back to the original string exactly', () => {
  const email = 'メール：ｂｏｂ．ｓｍｉｔｈ＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐ です';
  assert.deepEqual(spans(email, 'email'), ['ｂｏｂ．ｓｍｉｔｈ＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐ']);
  const small = 'ｘ﹫ｅｘａｍｐｌｅ．ｃｏｍ';
  assert.deepEqual(spans(small, 'email'), [small]);
  const phone = '携帯 ０９０−１２３４−５６７８、自宅 ０３－１２３４－５６７８。';
  assert.deepEqual(
    spans(phone, 'phone_number').sort(),
    ['０３－１２３４－５６７８', '０９０−１２３４−５６７８'].sort(),
  );
  const mixed = '＋８１ ９０-１２３４-５６７８';
  assert.deepEqual(spans(mixed, 'phone_number'), [mixed]);
});

test('JSON numbers reach the rules stringified', () => {
  assert.deepEqual(spans(String(4111111111111111), 'credit_card'), ['4111111111111111']);
  assert.deepEqual(spans(String(35.681236), 'geo_coordinates', 'latitude'), ['35.681236']);
});

const KB100 = 100 * 1024;
function fill(unit: string): string {
  return unit.repeat(Math.ceil(KB100 / unit.length)).slice(0, KB100);
}

const ADVERSARIAL: Record<string, string> = {
  'a@a.a@': fill('a@a.a@'),
  '@@@@': fill('@'),
  'aaa…@': `${'a'.repeat(KB100)}@`,
  '@aaa…': `@${'a'.repeat(KB100)}`,
  'long domain': `x@${fill('ab.')}`,
  digits: fill('1234567890'),
  '1.1.1.1': fill('1.'),
  '1-1-1-1': fill('1-'),
  '11:11:11': fill('11:'),
  'a12:': fill('a12:'),
  '::::': fill(':'),
  '::1 ::1': fill('::1 '),
  '〒〒〒': fill('〒'),
  '〒123-': fill('〒123-'),
  東京都東京都: fill('東京都'),
  東京都市: fill('東京都市'),
  'spaces+digits': fill('1 '),
  'digits+3 spaces': fill('0901234567   '),
  '7-digit runs': fill('1234567 '),
  'phone-shaped': fill('090-1234-5678 x '),
  'dash look-alikes': fill('1−'),
  'katakana ー': fill('データー'),
  decimals: fill('35.6812, '),
  'house numbers': fill('12 Main '),
  'IBAN-ish': fill('DE89 '),
  'letters+digits': fill('ab12'),
  'IDN-ish domains': fill('a@例え.jpです'),
  'kana after @': `a@${'あ'.repeat(KB100)}`,
  'quoted local parts': fill('"a b"@'),
  "o'brien": fill("o'"),
  'degree pairs': fill('35.6812° N, '),
  'postal before prefecture': fill('100-0001 東京都'),
  'PO boxes': fill('PO Box 1 '),
  'dob labels': fill('dob: 1990-04-01 '),
  'birth labels': fill('date of birth '),
  生年月日: fill('生年月日：'),
};

test('adversarial 100 KB values scan in linear time (guard against super-linear blowups)', () => {
  for (const [name, text] of Object.entries(ADVERSARIAL)) {
    const t0 = performance.now();
    scan(text);
    scan(text, 'phone');
    const ms = performance.now() - t0;
    assert.ok(ms < 2000, `${name}: ${ms.toFixed(1)} ms`);
  }
});

const HARD_NEGATIVES: Array<string | { text: string; key: string }> = [
  '550e8400-e29b-41d4-a716-446655440000',
  '9fceb02d0ae598e95dc970b74767f19372d61af8',
  '1732291200000',
  '1732291200',
  { text: '1.2.3.4', key: 'app_version' },
  'v1.2.3.4',
  'build 10.0.19045.3570',
  'ORD-2024-000123',
  '1234567812345678',
  '¥12,800',
  '$1,299.00',
  'SKU-12345-XL',
  '2024-01-15T10:30:00.000Z',
  '2024-01-15 10:30',
  'PT1H30M',
  '01:23:45',
  '1234.5678ms',
  '0x1234567890abcdef',
  'icon@2x.png',
  '@types/node',
  'lodash@4.17.21',
  'user@localhost',
  '東京都に住んでいます',
  '大阪府の天気',
  'page=2&size=20',
  '法人番号 7000012050002',
  'std::vector<int>',
  'Foo::Bar',
  '::',
  '〒〒〒',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 Chrome/120.0.0.0 Safari/537.36',
  'https://example.com/p/12345678?ref=abc&t=1700000000',
  'item 4901234567894',
  'ISBN 978-4-06-519981-7',
  'rgba(0, 0, 0, 0.5)',
  '10.5 x 20.25 cm',
  'Version 2 Drive',
  '5 Ways to grow',
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9',
];

test('hard negatives produce no personal-data finding at all', () => {
  for (const ex of HARD_NEGATIVES) {
    const text = typeof ex === 'string' ? ex : ex.text;
    const key = typeof ex === 'string' ? '' : ex.key;
    const found = scan(text, key).filter((m) => piiKinds.has(m.kind));
    assert.deepEqual(
      found.map((m) => `${m.kind}:${text.slice(m.start, m.end)}`),
      [],
      `false positive in ${JSON.stringify(text)}`,
    );
  }
});

test('PII keywords stay well inside the automaton budget of 128 non-ASCII characters', () => {
  const chars = new Set<string>();
  for (const r of piiRules)
    for (const k of r.keywords ?? [])
      for (const ch of k) if (ch.charCodeAt(0) >= 128) chars.add(ch);
  // 〒 郵 便 番 号, 都 道 府 県, the dash look-alikes ‐ ‑ – — − ー, 生 年 月 日 誕 れ (birth-date
  // labels, 生まれ), 様 さ ま ん 殿 氏 く 君 ち ゃ (honorifics after names), パ ス ポ ト 旅 券
  // (passport labels), 口 座 普 通 当 (bank account labels), 運 転 免 許 証 (driver's licence) and
  // 暗 (暗証番号), ß é (German and French street words), 市 区 (addresses without a prefecture),
  // ア ッ マ ク ★ ☆ (spelled-out e-mail addresses), 員 客 者 (会員番号, 顧客番号, 患者番号),
  // ユ ザ 名 (ユーザー名), 金 険 (年金番号, 被保険者番号): documented in docs/pii.md.
  assert.equal(chars.size, 66, [...chars].join(''));
  assert.equal(PREFECTURES.size, 47);
});
