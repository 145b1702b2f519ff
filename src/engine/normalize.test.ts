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
