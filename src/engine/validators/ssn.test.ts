import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isValidSsn } from './ssn.js';

test('isValidSsn applies the area/group/serial rules', () => {
  assert.equal(isValidSsn('536228714'), true);
  assert.equal(isValidSsn('000228714'), false);
  assert.equal(isValidSsn('666228714'), false);
  assert.equal(isValidSsn('900228714'), false);
  assert.equal(isValidSsn('999228714'), false);
  assert.equal(isValidSsn('536008714'), false);
  assert.equal(isValidSsn('536220000'), false);
});

test('isValidSsn rejects well-known fakes and malformed input', () => {
  assert.equal(isValidSsn('078051120'), false);
  assert.equal(isValidSsn('219099999'), false);
  assert.equal(isValidSsn('123456789'), false);
  assert.equal(isValidSsn('536-22-8714'), false);
  assert.equal(isValidSsn('53622871'), false);
});
