import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isValidCorporateNumber, isValidMyNumber, myNumberCheckDigit } from './my-number.js';

test('My Number check digit per the ordinance formula', () => {
  // 1..9,0,1 weighted from the right by 2..7,2..6: sum 212, 212 mod 11 = 3, check 11 - 3 = 8.
  assert.equal(myNumberCheckDigit('12345678901'), 8);
  assert.equal(isValidMyNumber('123456789018'), true);
  assert.equal(isValidMyNumber('123456789012'), false);
  // Remainder 0 or 1 gives check digit 0.
  assert.equal(myNumberCheckDigit('00000000000'), 0);
  assert.equal(isValidMyNumber('000000000000'), true);
});

test('isValidMyNumber needs exactly 12 ASCII digits', () => {
  assert.equal(isValidMyNumber('12345678901'), false);
  assert.equal(isValidMyNumber('1234-5678-9018'), false);
  assert.equal(isValidMyNumber('１２３４５６７８９０１８'), false);
});

test('corporate numbers carry their check digit first', () => {
  assert.equal(isValidCorporateNumber('7000012050002'), true);
  assert.equal(isValidCorporateNumber('1000012050002'), false);
  assert.equal(isValidCorporateNumber('700001205000'), false);
});
