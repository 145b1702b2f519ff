/**
 * The canonical-timestamp test agrees with `Date.parse` + `toISOString` on every edge: day
 * overflow (V8 rolls `02-30` into March), leap years, hour 24, minute and second 60, months 0
 * and 13, other lengths and zones.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCanonicalIso } from './time.js';

/** What the slow path says: `s` comes back unchanged from a parse and a rewrite. */
const roundTrips = (s: string): boolean => {
  const t = Date.parse(s);
  return !Number.isNaN(t) && new Date(t).toISOString() === s;
};

const pad = (n: number, w: number) => String(n).padStart(w, '0');

describe('isCanonicalIso', () => {
  it('agrees with Date.parse + toISOString on every month and day around the edges', () => {
    let checked = 0;
    let canonical = 0;
    for (const year of [0, 1, 1900, 1970, 2000, 2023, 2024, 2026, 2100, 9999])
      for (let month = 0; month <= 13; month++)
        for (let day = 0; day <= 32; day++)
          for (const time of [
            '00:00:00.000',
            '23:59:59.999',
            '24:00:00.000',
            '12:60:00.000',
            '12:00:60.000',
          ]) {
            const s = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${time}Z`;
            assert.equal(isCanonicalIso(s), roundTrips(s), s);
            checked++;
            if (roundTrips(s)) canonical++;
          }
    assert.ok(canonical > 4_000 && canonical < checked, `${canonical} of ${checked}`);
  });

  it('accepts what toISOString writes for random instants', () => {
    let seed = 7;
    for (let i = 0; i < 5_000; i++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      const s = new Date((seed / 2 ** 31) * 253_402_300_799_999).toISOString();
      assert.ok(isCanonicalIso(s), s);
    }
  });

  it('refuses every other form, even of a valid instant', () => {
    for (const s of [
      '2026-11-23T21:07:42Z',
      '2026-11-23T21:07:42.1234Z',
      '2026-11-23T21:07:42.123z',
      '2026-11-23t21:07:42.123Z',
      '2026-11-23T21:07:42.123+00:00',
      '2026-11-23 21:07:42.123Z',
      '+002026-11-23T21:07:42.123Z',
      '2026-1a-23T21:07:42.123Z',
      '２０２６-11-23T21:07:42.123Z',
      '1700000000000',
      '',
    ]) {
      assert.equal(isCanonicalIso(s), false, s);
      assert.equal(roundTrips(s), false, s);
    }
  });
});
