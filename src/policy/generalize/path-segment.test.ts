import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { placeholderFor } from './path-segment.js';

/** Deterministic pseudo-random strings over `alphabet` (xorshift32), for token-like segments. */
function randomStrings(alphabet: string, length: number, count: number, seed = 2463534242) {
  let x = seed;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let s = '';
    for (let j = 0; j < length; j++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      s += alphabet[(x >>> 0) % alphabet.length];
    }
    out.push(s);
  }
  return out;
}

describe('placeholderFor', () => {
  const cases: [string, string | undefined][] = [
    ['alice@example.com', ':email'],
    ['alice.smith+tag@mail.example.co.jp', ':email'],
    ['alice%40example.com', ':email'],
    ['@alice@mastodon.social', ':email'],
    ['react@18.2.0', undefined],
    ['user@localhost', undefined],
    ['@alice', ':handle'],
    ['@', undefined],
    ['7', undefined],
    ['42', undefined],
    ['123', ':id'],
    ['1900', undefined],
    ['2100', undefined],
    ['1234', ':id'],
    ['0042', ':id'],
    ['12345678901234567890', ':id'],
    ['2024-11-20', ':id'],
    ['+81 90 1234 5678', ':id'],
    ['1.2.3', undefined],
    ['order-123456', ':id'],
    ['user12345', ':id'],
    ['top-100-songs', undefined],
    ['123e4567-e89b-12d3-a456-426614174000', ':uuid'],
    ['d41d8cd98f00b204e9800998ecf8427e', ':hash'],
    ['DA39A3EE5E6B4B0D', ':hash'],
    ['deadbeefcafebabe', undefined], // 16 hex letters without a digit: could be words
    ['d41d8cd98f00b20', undefined], // 15 hex digits
    ['ghp_1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuVwXyZ', ':token'],
    ['a1b2c3d4e5f6g7h8i9j0k', ':token'],
    ['internationalization', undefined],
    ['how-to-export-csv-files-in-2024', undefined],
    ['top10-iphone15-cases-2024', undefined],
    ['HowToExportCsvFiles2024', undefined],
    ['windows-11-24h2-release-notes', undefined],
    ['x86_64-linux-gnu-gcc-12', undefined],
    ['x1x1x1x1x1x1x1x1x1x1x1', undefined], // switches a lot, but 1 bit of entropy
    ['a1a1a1a1a1a1a1a1a1a1a1', ':hash'],
    ['カート', undefined],
    ['%E3%82%AB%E3%83%BC%E3%83%88', undefined],
    ['%ZZ', undefined],
    ['', undefined],
  ];
  for (const [segment, want] of cases) {
    test(`${JSON.stringify(segment)} → ${want}`, () => assert.equal(placeholderFor(segment), want));
  }

  test('most random base62 / base64url tokens of 24+ characters become :token', () => {
    const b62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    for (const [alphabet, length] of [
      [b62, 24],
      [`${b62}-_`, 32],
      ['abcdefghijklmnopqrstuvwxyz0123456789', 24],
    ] as const) {
      const tokens = randomStrings(alphabet, length, 500);
      const caught = tokens.filter((t) => placeholderFor(t) !== undefined).length;
      assert.ok(caught >= 0.9 * tokens.length, `${caught}/500 of length ${length}`);
    }
  });

  test('short random strings (< 20) are left alone: slugs and ids cannot be told apart', () => {
    const b62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
    for (const s of randomStrings(b62, 12, 50)) assert.equal(placeholderFor(s), undefined, s);
  });
});
