import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IBAN_LENGTHS, ibanLength, ibanLengthOfCodes, ibanMod97, isValidIban } from './iban.js';

// Registry examples published by SWIFT.
const VALID = [
  'DE89370400440532013000',
  'GB29NWBK60161331926819',
  'FR1420041010050500013M02606',
  'CH9300762011623852957',
  'NL91ABNA0417164300',
  'NO9386011117947',
  'MT84MALT011000012345MTLCAST001S',
  'BE68539007547034',
];

test('registry examples are valid', () => {
  for (const iban of VALID) assert.equal(isValidIban(iban), true, iban);
});

test('a changed character, wrong length or unknown country is invalid', () => {
  assert.equal(isValidIban('DE89370400440532013001'), false);
  assert.equal(isValidIban('DE8937040044053201300'), false);
  assert.equal(isValidIban('XX89370400440532013000'), false);
  assert.equal(isValidIban('DEAB370400440532013000'), false);
  assert.equal(ibanMod97('DE89-70400440532013000'), -1);
});

test('the length table covers the registry with plausible lengths', () => {
  assert.ok(IBAN_LENGTHS.size >= 85);
  for (const [country, len] of IBAN_LENGTHS) {
    assert.match(country, /^[A-Z]{2}$/);
    assert.ok(len >= 15 && len <= 34, country);
  }
  assert.equal(ibanLength('DE'), 22);
  assert.equal(ibanLength('US'), undefined);
  assert.equal(ibanLengthOfCodes(68, 69), 22); // DE
  assert.equal(ibanLengthOfCodes(100, 101), 22); // de
  assert.equal(ibanLengthOfCodes(85, 83), 0); // US
  assert.equal(ibanLengthOfCodes(48, 69), 0); // 0E
});
