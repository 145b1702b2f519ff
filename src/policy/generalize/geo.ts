/**
 * Coordinate generalizer: round latitudes and longitudes so they locate an area, not a home.
 * At the equator 1 decimal ≈ 11 km, 2 ≈ 1.1 km, 3 ≈ 110 m, 0 ≈ 111 km.
 */

const MAX_DECIMALS = 10;
// One number, or two separated by a comma/semicolon (spaces around allowed) or by spaces.
const COORDINATES =
  /^\s{0,8}([+-]?\d{1,3}(?:\.\d{1,20})?)(?:( {0,8}[,;] {0,8}| {1,8})([+-]?\d{1,3}(?:\.\d{1,20})?))?\s{0,8}$/;

/**
 * Round `value` to `decimals` places (clamped to 0–10), half away from zero, so the sign does
 * not bias the result. Never returns `-0`. A non-finite `value` gives NaN.
 */
export function roundCoordinate(value: number, decimals: number): number {
  if (!Number.isFinite(value)) return NaN;
  const f = 10 ** clampDecimals(decimals);
  const r = (Math.sign(value) * Math.round(Math.abs(value) * f)) / f;
  return r === 0 ? 0 : r;
}

/**
 * Round the coordinates in a string: one number (`"35.6812"` → `"35.7"`) or a pair
 * (`"35.6812, 139.7671"` → `"35.7, 139.8"`), keeping the separator exactly as written and
 * printing exactly `decimals` places. Surrounding whitespace is dropped. A pair must be a
 * latitude (−90…90) then a longitude (−180…180); a single value must lie within −180…180.
 * Anything else (other formats, out-of-range numbers) → `undefined`.
 */
export function roundCoordinateString(s: string, decimals: number): string | undefined {
  if (s.length > 128) return undefined;
  const m = COORDINATES.exec(s);
  if (m === null) return undefined;
  const [, first = '', separator, second] = m;
  const d = clampDecimals(decimals);
  const a = Number(first);
  if (second === undefined) return Math.abs(a) <= 180 ? format(a, d) : undefined;
  const b = Number(second);
  if (Math.abs(a) > 90 || Math.abs(b) > 180) return undefined;
  return `${format(a, d)}${separator ?? ''}${format(b, d)}`;
}

function clampDecimals(decimals: number): number {
  return Number.isFinite(decimals) ? Math.min(MAX_DECIMALS, Math.max(0, Math.trunc(decimals))) : 0;
}

function format(value: number, decimals: number): string {
  return roundCoordinate(value, decimals).toFixed(decimals);
}
