import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeWithMap } from './normalize.js';

test('returns undefined when NFKC changes nothing', () => {
  assert.equal(normalizeWithMap('plain ascii'), undefined);
  assert.equal(normalizeWithMap('東京都の天気'), undefined);
});

test('maps full-width characters back to their original offsets', () => {
  const s = 'mail: ｂｏｂ＠ｘ．ｊｐ!';
  const v = normalizeWithMap(s)!;
  assert.equal(v.text, 'mail: bob@x.jp!');
  const at = v.text.indexOf('@');
  assert.equal(s[v.map[at]!], '＠');
});

test('one original character expanding to several keeps every unit mapped to it', () => {
  const s = 'a㈱b';
  const v = normalizeWithMap(s)!;
  assert.equal(v.text, 'a(株)b');
  assert.deepEqual([...v.map], [0, 1, 1, 1, 2]);
});

test('astral characters count as two units in the original', () => {
  const s = '𝐀@x';
  const v = normalizeWithMap(s)!;
  assert.equal(v.text, 'A@x');
  assert.deepEqual([...v.map], [0, 2, 3]);
  assert.equal(v.width[0], 2);
});

test('dash look-alikes next to digits read as "-"; elsewhere they stay', () => {
  const v = normalizeWithMap('０９０−１２３４ー５６７８')!;
  assert.equal(v.text, '090-1234-5678');
  assert.equal(normalizeWithMap('コーヒー — tea'), undefined);
});

test('a character that expands to many units keeps every later unit mapped (no map entry lost)', () => {
  // U+FDFA becomes 18 units: more than the room left for expansion in a short string.
  const s = 'aaﷺa@b';
  const v = normalizeWithMap(s)!;
  assert.equal(v.text, 'aa' + 'ﷺ'.normalize('NFKC') + 'a@b');
  assert.equal(v.map.length, v.text.length);
  assert.equal(v.width.length, v.text.length);
  assert.deepEqual([...v.map.slice(-3)], [3, 4, 5]);
  assert.equal(v.map[v.text.indexOf('@')], s.indexOf('@'));
});

test('long full-width text is normalized whole, unit by unit', () => {
  const s = 'ａ＠ｂ．'.repeat(30_000) + '‐1';
  const v = normalizeWithMap(s)!;
  assert.equal(v.text, 'a@b.'.repeat(30_000) + '-1');
  assert.equal(v.map[119_999], 119_999);
  assert.equal(v.map[120_000], 120_000);
});
