import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isValidEmail, isValidLocalPart, isValidMailDomain } from './email.js';
import { isKnownTld, TLDS } from './tlds.js';

test('isValidEmail accepts ordinary addresses', () => {
  for (const e of [
    'bob@example.com',
    'bob.smith+news@example.co.jp',
    'a_b-c@sub.domain.dev',
    'x@startup.io',
    'u@shop.tokyo',
  ])
    assert.equal(isValidEmail(e), true, e);
});

test('isValidEmail rejects the classic near misses', () => {
  for (const e of [
    'user@localhost',
    'icon@2x.png',
    'lodash@4.17.21',
    '@media',
    '.bob@example.com',
    'bob.@example.com',
    'bo..b@example.com',
    'bob@-example.com',
    'bob@example.c',
    'bob@example.unknowntld',
    'bob@exa_mple.com',
  ])
    assert.equal(isValidEmail(e), false, e);
});

test('length limits: local 64, label 63, domain 253', () => {
  assert.equal(isValidLocalPart('a'.repeat(64)), true);
  assert.equal(isValidLocalPart('a'.repeat(65)), false);
  assert.equal(isValidMailDomain(`${'a'.repeat(63)}.com`), true);
  assert.equal(isValidMailDomain(`${'a'.repeat(64)}.com`), false);
  const long = `${'abcdefghi.'.repeat(26)}com`;
  assert.ok(long.length > 253);
  assert.equal(isValidMailDomain(long), false);
});

test('TLD set: every two-letter entry is lower case, new gTLDs are in, file names are out', () => {
  assert.ok(TLDS.size > 400);
  for (const t of ['com', 'jp', 'io', 'ai', 'dev', 'app', 'co', 'uk', 'tokyo', 'COM'])
    assert.equal(isKnownTld(t), true, t);
  for (const t of ['png', 'jpg', 'js', 'ts', 'local', 'localhost', 'internal', '21'])
    assert.equal(isKnownTld(t), false, t);
});

test('internationalized TLDs count as written and as xn-- labels; unknown ones do not', () => {
  assert.equal(isValidMailDomain('пример.рф'), true);
  assert.equal(isValidMailDomain('xn--e1afmkfd.xn--p1ai'), true);
  assert.equal(isValidMailDomain('例え.中国'), true);
  assert.equal(isValidMailDomain('пример.неттакого'), false);
  assert.equal(isValidMailDomain('example.xn--zzzz'), false);
  assert.equal(isValidEmail('иван.петров@пример.рф'), true);
  assert.equal(isValidLocalPart('ελένη'), true);
  assert.equal(isValidLocalPart('山田'), false);
});
