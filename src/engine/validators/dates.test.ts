import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isPlausibleBirthDate, isRealDate, parseDate } from './dates.js';

const APRIL_1_1990 = { year: 1990, month: 4, day: 1 };

test('parseDate reads the supported formats', () => {
  for (const s of [
    '1990-04-01',
    '1990/4/1',
    '1990.04.01',
    '04/01/1990',
    '1 April 1990',
    'April 1, 1990',
    'Apr 1st 1990',
    '1990年4月1日',
    '平成2年4月1日',
    'H2.4.1',
    '19900401',
    '638928000',
    '638928000000',
    '1990-04-01T00:00:00Z',
    ' 1990-04-01 ',
    '01-Apr-1990',
    '1-APR-90',
    '04/01/90',
    '4/1/90',
  ])
    assert.deepEqual(parseDate(s), APRIL_1_1990, s);
  assert.deepEqual(parseDate('平成元年1月8日'), { year: 1989, month: 1, day: 8 });
  assert.deepEqual(parseDate('13/01/1990'), { year: 1990, month: 1, day: 13 });
  assert.deepEqual(parseDate('-315619200'), { year: 1960, month: 1, day: 1 });
  // Two-digit years are the latest such year not after this one.
  assert.deepEqual(parseDate('01/02/03'), { year: 2003, month: 1, day: 2 });
});

test('parseDate refuses impossible dates and non-dates', () => {
  for (const s of [
    '1990-02-30',
    '1990-13-01',
    '1990-04-01 in Tokyo',
    '1990-04/01',
    '1 Aprx 1990',
    '01-Apr 1990',
    '04/01/990',
    'abc',
    '',
    '1.2.3.4',
  ])
    assert.equal(parseDate(s), undefined, s);
});

test('isRealDate knows leap years', () => {
  assert.equal(isRealDate(2000, 2, 29), true);
  assert.equal(isRealDate(1900, 2, 29), false);
  assert.equal(isRealDate(2024, 2, 29), true);
});

test('isPlausibleBirthDate: 1900 to today', () => {
  const today = new Date(Date.UTC(2025, 0, 15));
  assert.equal(isPlausibleBirthDate(APRIL_1_1990, today), true);
  assert.equal(isPlausibleBirthDate({ year: 2025, month: 1, day: 15 }, today), true);
  assert.equal(isPlausibleBirthDate({ year: 2025, month: 1, day: 16 }, today), false);
  assert.equal(isPlausibleBirthDate({ year: 1899, month: 12, day: 31 }, today), false);
});
