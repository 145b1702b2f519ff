/** Latitude / longitude checks for precise-location detection. */
import { isDigit } from '../text.js';

/** A decimal number read from text: its value and how many digits follow the point. */
export interface Decimal {
  readonly value: number;
  readonly decimals: number;
  /** Offset just after the number. */
  readonly end: number;
}

/**
 * Read a decimal at `text[start]`: optional `-`, 1–3 integer digits, `.`, 1–15 fraction digits.
 * Returns undefined when the text there is not such a number or it continues with `.digit`
 * (a version `1.2345.6`) or another digit.
 */
export function readDecimal(text: string, start: number): Decimal | undefined {
  let i = start;
  const neg = text.charCodeAt(i) === 45;
  if (neg) i++;
  const intStart = i;
  while (i < text.length && i - intStart < 4 && isDigit(text.charCodeAt(i))) i++;
  const intLen = i - intStart;
  if (intLen === 0 || intLen > 3 || text.charCodeAt(i) !== 46) return undefined;
  const fracStart = ++i;
  while (i < text.length && i - fracStart < 16 && isDigit(text.charCodeAt(i))) i++;
  const decimals = i - fracStart;
  if (decimals === 0 || decimals > 15 || isDigit(text.charCodeAt(i))) return undefined;
  if (text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) return undefined;
  const value = Number(text.slice(neg ? start + 1 : start, i));
  return { value: neg ? -value : value, decimals, end: i };
}

/** True for a latitude in [-90, 90]. */
export function isLatitude(v: number): boolean {
  return v >= -90 && v <= 90;
}

/** True for a longitude in [-180, 180]. */
export function isLongitude(v: number): boolean {
  return v >= -180 && v <= 180;
}

/**
 * True when (lat, lng) is a plausible precise position: both in range, both with at least
 * `minDecimals` decimals (4 decimals ≈ 11 m), and not the null island (0, 0).
 */
export function isPreciseLatLng(lat: Decimal, lng: Decimal, minDecimals = 4): boolean {
  if (!isLatitude(lat.value) || !isLongitude(lng.value)) return false;
  if (lat.decimals < minDecimals || lng.decimals < minDecimals) return false;
  return lat.value !== 0 || lng.value !== 0;
}
