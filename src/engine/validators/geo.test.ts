import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLatitude, isLongitude, isPreciseLatLng, readDecimal } from './geo.js';

test('readDecimal reads signed decimals and refuses dotted versions', () => {
  assert.deepEqual(readDecimal('35.6812,', 0), { value: 35.6812, decimals: 4, end: 7 });
  assert.deepEqual(readDecimal('x-33.8688', 1), { value: -33.8688, decimals: 4, end: 9 });
  assert.equal(readDecimal('1.2345.6789', 0), undefined);
  assert.equal(readDecimal('1234.5678', 0), undefined);
  assert.equal(readDecimal('35', 0), undefined);
  assert.equal(readDecimal('35.', 0), undefined);
});

test('ranges and precision', () => {
  assert.equal(isLatitude(90), true);
  assert.equal(isLatitude(-90.0001), false);
  assert.equal(isLongitude(180), true);
  assert.equal(isLongitude(180.5), false);
  const d = (s: string) => readDecimal(s, 0)!;
  assert.equal(isPreciseLatLng(d('35.6812'), d('139.7671')), true);
  assert.equal(isPreciseLatLng(d('35.68'), d('139.7671')), false);
  assert.equal(isPreciseLatLng(d('95.1234'), d('139.7671')), false);
  assert.equal(isPreciseLatLng(d('0.0000'), d('0.0000')), false);
});
