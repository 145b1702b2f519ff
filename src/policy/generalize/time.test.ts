import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { bucketTimestamp, periodIndex, type Bucket } from './time.js';

describe('bucketTimestamp with ISO strings', () => {
  const t = '2026-11-20T09:14:03.120Z';
  const cases: [string, Bucket, string | undefined][] = [
    [t, 'minute', '2026-11-20T09:14:00.000Z'],
    [t, 'hour', '2026-11-20T09:00:00.000Z'],
    [t, 'day', '2026-11-20T00:00:00.000Z'],
    ['2026-11-20T18:14:03+09:00', 'hour', '2026-11-20T09:00:00.000Z'],
    ['2026-11-20T01:30:00-05:30', 'day', '2026-11-20T00:00:00.000Z'],
    ['2026-11-20T23:59:59.999-01:00', 'day', '2026-11-21T00:00:00.000Z'],
    ['2026-11-20T09:14:03+0900', 'minute', '2026-11-20T00:14:00.000Z'],
    ['2026-11-20T09:14:03.123456789Z', 'minute', '2026-11-20T09:14:00.000Z'],
    ['2026-11-20 09:14:03Z', 'hour', '2026-11-20T09:00:00.000Z'],
    ['2026-11-20T09:14', 'hour', '2026-11-20T09:00:00.000Z'],
    ['2026-11-20T09:14:03', 'hour', '2026-11-20T09:00:00.000Z'], // no offset: read as UTC
    ['2026-11-20', 'hour', '2026-11-20T00:00:00.000Z'],
    ['2024-02-29T12:00:00Z', 'day', '2024-02-29T00:00:00.000Z'],
    ['1969-12-31T23:59:59Z', 'day', '1969-12-31T00:00:00.000Z'],
    ['2026-02-29T00:00:00Z', 'day', undefined],
    ['2026-02-30', 'day', undefined],
    ['2026-13-01', 'day', undefined],
    ['2026-11-20T24:00:00Z', 'hour', undefined],
    ['2026-11-20T09:60:00Z', 'hour', undefined],
    ['2026-11-20T09:00:00+25:00', 'hour', undefined],
    ['Fri, 20 Nov 2026 09:14:03 GMT', 'hour', undefined],
    ['11/20/2026', 'day', undefined],
    ['2026', 'day', undefined],
    ['yesterday', 'day', undefined],
    ['', 'day', undefined],
    ['2026-11-20T09:14:03.120Z' + 'x'.repeat(10_000), 'hour', undefined],
  ];
  for (const [value, bucket, want] of cases) {
    test(`${value.slice(0, 40) || '(empty)'} by ${bucket} → ${want}`, () => {
      assert.equal(bucketTimestamp(value, bucket), want);
    });
  }
});

describe('bucketTimestamp with numbers', () => {
  const ms = Date.UTC(2026, 10, 20, 9, 14, 3, 120);
  const s = Math.floor(ms / 1000);
  const hourMs = Date.UTC(2026, 10, 20, 9);
  const cases: [number | string, Bucket, number | string | undefined][] = [
    [ms, 'minute', Date.UTC(2026, 10, 20, 9, 14)],
    [ms, 'hour', hourMs],
    [ms, 'day', Date.UTC(2026, 10, 20)],
    [s, 'hour', hourMs / 1000],
    [s + 0.75, 'minute', Date.UTC(2026, 10, 20, 9, 14) / 1000],
    [s, 'day', Date.UTC(2026, 10, 20) / 1000],
    [0, 'day', 0],
    [-1, 'minute', -60],
    [String(ms), 'hour', String(hourMs)],
    [String(s), 'hour', String(hourMs / 1000)],
    [`${s}.5`, 'hour', String(hourMs / 1000)],
    [NaN, 'hour', undefined],
    [Infinity, 'hour', undefined],
    [-Infinity, 'day', undefined],
    [9e15, 'day', undefined],
    [9e12 * 1000, 'day', undefined],
  ];
  for (const [value, bucket, want] of cases) {
    test(`${value} by ${bucket} → ${want}`, () => {
      assert.equal(bucketTimestamp(value, bucket), want);
    });
  }
  test('none returns the value untouched, valid or not', () => {
    for (const v of ['2026-11-20T09:14:03.120Z', 'garbage', 1795166043120, NaN]) {
      assert.equal(bucketTimestamp(v, 'none'), v);
    }
  });
});

describe('periodIndex', () => {
  const day = 86_400_000;
  test('daily counts UTC days since the epoch', () => {
    assert.equal(periodIndex(0, 'daily'), 0);
    assert.equal(periodIndex(day - 1, 'daily'), 0);
    assert.equal(periodIndex(day, 'daily'), 1);
    assert.equal(periodIndex(-1, 'daily'), -1);
    assert.equal(periodIndex(Date.UTC(2026, 10, 20, 23, 59), 'daily'), 20_777);
  });
  test('weekly weeks start Monday 00:00 UTC', () => {
    const monday = Date.UTC(2026, 10, 16); // Monday 2026-11-16
    const week = periodIndex(monday, 'weekly');
    assert.equal(periodIndex(monday - 1, 'weekly'), week - 1); // Sunday 23:59:59.999
    assert.equal(periodIndex(monday + 7 * day - 1, 'weekly'), week); // next Sunday
    assert.equal(periodIndex(monday + 7 * day, 'weekly'), week + 1);
    assert.equal(periodIndex(0, 'weekly'), 0); // Thursday 1970-01-01, week of Mon 1969-12-29
    assert.equal(periodIndex(Date.UTC(1970, 0, 5), 'weekly'), 1); // first Monday
    assert.equal(periodIndex(Date.UTC(1969, 11, 29), 'weekly'), 0);
    assert.equal(periodIndex(Date.UTC(1969, 11, 28), 'weekly'), -1);
  });
  test('monthly counts calendar months since 1970-01 (UTC)', () => {
    assert.equal(periodIndex(0, 'monthly'), 0);
    assert.equal(periodIndex(Date.UTC(1970, 1, 1) - 1, 'monthly'), 0);
    assert.equal(periodIndex(Date.UTC(1970, 1, 1), 'monthly'), 1);
    assert.equal(periodIndex(Date.UTC(2026, 10, 30, 23, 59), 'monthly'), 56 * 12 + 10);
    assert.equal(periodIndex(Date.UTC(2026, 11, 1), 'monthly'), 56 * 12 + 11);
    assert.equal(periodIndex(-1, 'monthly'), -1);
  });
  test('non-finite input gives NaN', () => {
    assert.ok(Number.isNaN(periodIndex(NaN, 'daily')));
    assert.ok(Number.isNaN(periodIndex(Infinity, 'monthly')));
  });
});
