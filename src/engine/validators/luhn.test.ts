import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ean13Valid, luhnValid } from './luhn.js';

test('luhnValid accepts network test numbers', () => {
  for (const n of [
    '4111111111111111',
    '5555555555554444',
    '378282246310005',
    '6011111111111117',
    '3530111333300000',
  ])
    assert.equal(luhnValid(n), true, n);
});

test('luhnValid rejects a changed digit, non-digits and too-short input', () => {
  assert.equal(luhnValid('4111111111111112'), false);
  assert.equal(luhnValid('1234567812345678'), false);
  assert.equal(luhnValid('4111-1111'), false);
  assert.equal(luhnValid('0'), false);
});

test('ean13Valid recognizes JAN barcodes', () => {
  assert.equal(ean13Valid('4901234567894'), true);
  assert.equal(ean13Valid('4901234567895'), false);
  assert.equal(ean13Valid('490123456789'), false);
});
