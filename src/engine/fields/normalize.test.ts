import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeKey } from './normalize.js';

const CASES: readonly (readonly [string, string])[] = [
  ['$email', 'email'],
  ['email', 'email'],
  ['userEmail', 'user_email'],
  ['UserEmail', 'user_email'],
  ['E-Mail', 'e_mail'],
  ['first name', 'first_name'],
  ['IPAddress', 'ip_address'],
  ['ipAddress', 'ip_address'],
  ['X-Forwarded-For', 'x_forwarded_for'],
  ['$current_url', 'current_url'],
  ['ajs_anonymous_id', 'ajs_anonymous_id'],
  ['utm_source', 'utm_source'],
  ['_ga', 'ga'],
  ['__user__id__', 'user_id'],
  ['USER_ID', 'user_id'],
  ['userID', 'user_id'],
  ['userIDs', 'user_ids'],
  ['IPv4', 'ipv4'],
  ['address_line1', 'address_line1'],
  ['addressLine1', 'address_line1'],
  ['sha256Hash', 'sha256_hash'],
  ['2FACode', '2fa_code'],
  ['traits.email', 'traits_email'],
  ['ｅｍａｉｌ', 'email'],
  ['ＩＰアドレス', 'ip_アドレス'],
  ['ユーザーID', 'ユーザー_id'],
  ['メールアドレス', 'メールアドレス'],
  ['お名前（カナ）', 'お名前_カナ'],
  ['氏名・フリガナ', '氏名_フリガナ'],
  ['住所1', '住所_1'],
  ['ﾒｰﾙ', 'メール'],
  ['Prénom', 'prénom'],
  ['STRASSE', 'strasse'],
  ['', ''],
  ['$', ''],
  ['  ', ''],
];

for (const [key, expected] of CASES) {
  test(`normalizeKey(${JSON.stringify(key)}) → ${JSON.stringify(expected)}`, () => {
    assert.equal(normalizeKey(key), expected);
  });
}

test('normalizeKey is idempotent', () => {
  for (const [key] of CASES) assert.equal(normalizeKey(normalizeKey(key)), normalizeKey(key), key);
});
