/**
 * Timestamps in the canonical UTC form that `Date.prototype.toISOString` writes
 * (`2026-11-23T21:07:42.123Z`). Most SDKs send exactly that; recognizing it by its characters
 * costs a fraction of a `Date.parse` plus `toISOString` and gives the same answer, so the
 * receivers and the canonical-event check take this path first.
 */

const DIGIT_AT = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22];
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const num = (s: string, at: number, n: number): number => {
  let v = 0;
  for (let i = at; i < at + n; i++) v = v * 10 + s.charCodeAt(i) - 48;
  return v;
};

/** Days in `month` (1–12) of `year` in the proleptic Gregorian calendar, as `Date` counts. */
function daysIn(year: number, month: number): number {
  if (month !== 2) return DAYS[month - 1]!;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/**
 * True when `s` is a valid date-time written exactly as `new Date(Date.parse(s)).toISOString()`
 * writes it back: then it needs no parsing and no rewriting. False says nothing (`s` may still
 * be a date in another form).
 */
export function isCanonicalIso(s: string): boolean {
  if (
    s.length !== 24 ||
    s.charCodeAt(4) !== 45 || // -
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(10) !== 84 || // T
    s.charCodeAt(13) !== 58 || // :
    s.charCodeAt(16) !== 58 ||
    s.charCodeAt(19) !== 46 || // .
    s.charCodeAt(23) !== 90 // Z
  )
    return false;
  for (const i of DIGIT_AT) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  const month = num(s, 5, 2);
  const day = num(s, 8, 2);
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysIn(num(s, 0, 4), month) &&
    num(s, 11, 2) <= 23 &&
    num(s, 14, 2) <= 59 &&
    num(s, 17, 2) <= 59
  );
}
