import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { roundCoordinate, roundCoordinateString } from './geo.js';

describe('roundCoordinate', () => {
  const cases: [number, number, number][] = [
    [35.6812, 1, 35.7],
    [139.7671, 1, 139.8],
    [35.6812, 0, 36],
    [35.6812, 2, 35.68],
    [35.6812, 3, 35.681],
    [-33.8688, 1, -33.9],
    [-0.04, 1, 0],
    [0.05, 1, 0.1],
    [-0.05, 1, -0.1], // half away from zero, symmetric
    [12.25, 1, 12.3],
    [-12.25, 1, -12.3],
    [35.6812, -1, 36], // decimals clamped to 0
    [35.6812, 1.9, 35.7], // decimals truncated to an integer
  ];
  for (const [value, decimals, want] of cases) {
    test(`${value} to ${decimals} → ${want}`, () => {
      assert.equal(roundCoordinate(value, decimals), want);
    });
  }
  test('never returns -0; non-finite input gives NaN', () => {
    assert.ok(Object.is(roundCoordinate(-0.01, 1), 0));
    assert.ok(Number.isNaN(roundCoordinate(NaN, 1)));
    assert.ok(Number.isNaN(roundCoordinate(Infinity, 1)));
  });
});

describe('roundCoordinateString', () => {
  const cases: [string, number, string | undefined][] = [
    ['35.6812', 1, '35.7'],
    ['35.6812, 139.7671', 1, '35.7, 139.8'],
    ['35.6812,139.7671', 2, '35.68,139.77'],
    ['35.6812 ; 139.7671', 1, '35.7 ; 139.8'],
    ['35.6812 139.7671', 0, '36 140'],
    ['-33.8688, 151.2093', 1, '-33.9, 151.2'],
    ['+35.6812,+139.7671', 1, '35.7,139.8'],
    ['35', 1, '35.0'],
    ['-0.01, -0.01', 1, '0.0, 0.0'],
    ['  35.6812, 139.7671  ', 1, '35.7, 139.8'],
    ['90, 180', 1, '90.0, 180.0'],
    ['91, 10', 1, undefined],
    ['10, 181', 1, undefined],
    ['181', 1, undefined],
    ['35.6812N, 139.7671E', 1, undefined],
    ['35.6812, 139.7671, 12', 1, undefined],
    ['35..6812', 1, undefined],
    ['1e2', 1, undefined],
    ['', 1, undefined],
    ['Tokyo', 1, undefined],
    ['1'.repeat(10_000), 1, undefined],
    [`35.${'1'.repeat(100)}`, 1, undefined],
  ];
  for (const [s, decimals, want] of cases) {
    test(`${JSON.stringify(s.slice(0, 40))} to ${decimals} → ${want}`, () => {
      assert.equal(roundCoordinateString(s, decimals), want);
    });
  }
});
