import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isValidInternational, PHONE_REGIONS, validNationalRegion } from './phone.js';

test('national numbers validate in the configured regions', () => {
  assert.deepEqual([...PHONE_REGIONS], ['JP', 'US', 'GB', 'DE', 'FR']);
  assert.equal(validNationalRegion('09012345678'), 'JP');
  assert.equal(validNationalRegion('0312345678'), 'JP');
  assert.equal(validNationalRegion('4155552671'), 'US');
  assert.equal(validNationalRegion('14155552671'), 'US');
  // 020 numbers are valid in JP too (M2M range), so JP, first in the list, wins.
  assert.equal(validNationalRegion('02079460958'), 'JP');
  assert.equal(validNationalRegion('02079460958', ['GB']), 'GB');
  assert.equal(validNationalRegion('0301234567'), 'DE');
});

test('national numbers outside every region are rejected', () => {
  for (const d of ['1732291200', '20240115', '0000000000', '1234567', '12345678901234'])
    assert.equal(validNationalRegion(d), undefined, d);
  assert.equal(validNationalRegion('4155552671', ['JP']), undefined);
});

test('international numbers validate for any country', () => {
  assert.equal(isValidInternational('819012345678'), true);
  assert.equal(isValidInternational('14155552671'), true);
  assert.equal(isValidInternational('33123456789'), true);
  assert.equal(isValidInternational('8613800138000'), true);
  assert.equal(isValidInternational('1234567'), false);
  assert.equal(isValidInternational('0819012345678'), false);
  assert.equal(isValidInternational('999999999999'), false);
});
