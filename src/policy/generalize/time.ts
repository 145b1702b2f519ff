/**
 * Time generalizers: coarsen event timestamps to a bucket, and number the key-rotation periods
 * that pseudonym keys are derived for.
 */

/** Timestamp precision kept: the policy's `timestamp.bucket`. */
export type Bucket = 'none' | 'minute' | 'hour' | 'day';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const BUCKET_MS: Readonly<Record<Exclude<Bucket, 'none'>, number>> = {
  minute: MINUTE_MS,
  hour: 3_600_000,
  day: DAY_MS,
};
/** Numbers at or above this are epoch milliseconds (2001-09-09 in ms), below it seconds. */
const MS_THRESHOLD = 1e12;
/** The ECMAScript time value range. */
const MAX_TIME_MS = 8.64e15;
// Date or date-time in ISO 8601 / RFC 3339 form; fraction digits beyond 3 are ignored.
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;
// Epoch seconds or milliseconds as text: 9+ integer digits, so `"2026"` is not read as 1970.
const NUMERIC = /^\d{9,16}(?:\.\d{1,9})?$/;
const MAX_OFFSET_MS = 18 * 3_600_000;

/**
 * Truncate a timestamp to the start of its `bucket` (UTC).
 *
 * - `none` → `value` unchanged, not even validated.
 * - ISO 8601 strings (`2026-11-20T09:14:03.120Z`, `2026-11-20T18:14:03+09:00`, `2026-11-20`)
 *   → an ISO string in UTC with milliseconds (`hour` → `2026-11-20T09:00:00.000Z`). The UTC
 *   offset is not kept (it hints at location). A date-time without an offset is read as UTC.
 * - Numbers are epoch milliseconds when ≥ 1e12 and epoch seconds below, and keep their unit
 *   (`1795166043120` → `1795165200000` for `hour`; `1795166043` → `1795165200`). Fractional
 *   seconds are truncated too. Numeric strings of 9–16 digits (`"1795166043"`) are treated
 *   like numbers and come back as strings.
 * - Anything else (other date formats, impossible dates like `2026-02-30`, NaN, ±Infinity,
 *   values outside the Date range) → `undefined`.
 */
export function bucketTimestamp(
  value: string | number,
  bucket: Bucket,
): string | number | undefined {
  if (bucket === 'none') return value;
  const size = BUCKET_MS[bucket];
  if (typeof value === 'number') return bucketNumber(value, size);
  if (value.length > 64) return undefined;
  if (NUMERIC.test(value)) {
    const n = bucketNumber(Number(value), size);
    return n === undefined ? undefined : String(n);
  }
  const ms = parseIso(value);
  return ms === undefined ? undefined : new Date(Math.floor(ms / size) * size).toISOString();
}

function bucketNumber(v: number, sizeMs: number): number | undefined {
  if (!Number.isFinite(v)) return undefined;
  const isMs = Math.abs(v) >= MS_THRESHOLD;
  if (Math.abs(isMs ? v : v * 1000) > MAX_TIME_MS) return undefined;
  const size = isMs ? sizeMs : sizeMs / 1000;
  return Math.floor(v / size) * size;
}

/** Epoch ms of an ISO 8601 string, or `undefined` when malformed or an impossible date. */
function parseIso(s: string): number | undefined {
  const m = ISO.exec(s);
  if (m === null) return undefined;
  const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '', zone = 'Z'] = m;
  const [year, month, day] = [Number(y), Number(mo), Number(d)];
  const [hour, minute, second] = [Number(h), Number(mi), Number(sec)];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  if (day > daysInMonth(year, month)) return undefined;
  const ms = Number(frac.slice(0, 3).padEnd(3, '0'));
  let t = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  if (year < 100) t = new Date(t).setUTCFullYear(year); // Date.UTC maps 0–99 to 1900–1999
  const offset = offsetMs(zone);
  if (Math.abs(offset) > MAX_OFFSET_MS) return undefined;
  t -= offset;
  return Number.isFinite(t) && Math.abs(t) <= MAX_TIME_MS ? t : undefined;
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return [4, 6, 9, 11].includes(month) ? 30 : 31;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/** Milliseconds a `Z` / `±hh[:mm]` offset is ahead of UTC (0 for `Z`). */
function offsetMs(zone: string): number {
  if (zone === 'Z' || zone === 'z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0')) * MINUTE_MS;
}

/**
 * The index of the rotation period containing `ms` (epoch milliseconds), counted in UTC from
 * the epoch: `daily` — days since 1970-01-01; `weekly` — weeks since the Monday that starts
 * the epoch's week (1969-12-29), weeks start Monday 00:00 UTC; `monthly` — months since
 * 1970-01. Negative before the epoch. `ms` must be finite (NaN otherwise).
 */
export function periodIndex(ms: number, rotation: 'daily' | 'weekly' | 'monthly'): number {
  if (!Number.isFinite(ms)) return NaN;
  const days = Math.floor(ms / DAY_MS);
  if (rotation === 'daily') return days;
  // 1970-01-01 was a Thursday: Monday-based weeks start 3 days earlier.
  if (rotation === 'weekly') return Math.floor((days + 3) / 7);
  const d = new Date(ms);
  return (d.getUTCFullYear() - 1970) * 12 + d.getUTCMonth();
}
