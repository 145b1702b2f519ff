/**
 * Calendar date parsing for date-of-birth detection: ISO, slashed, dotted, compact, English
 * month names, Japanese (西暦 and 和暦 eras) and epoch values. Inputs are short (the callers cap
 * them); every pattern is anchored and bounded.
 */

/** A calendar date. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** First year of each Japanese era (year 1, 元年, of the era). */
const ERAS: Readonly<Record<string, number>> = {
  明治: 1868,
  大正: 1912,
  昭和: 1926,
  平成: 1989,
  令和: 2019,
  M: 1868,
  T: 1912,
  S: 1926,
  H: 1989,
  R: 2019,
};

const ISO =
  /^([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,9})?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?$/;
const COMPACT = /^([0-9]{4})([0-9]{2})([0-9]{2})$/;
const DMY_OR_MDY = /^([0-9]{1,2})([-/.])([0-9]{1,2})\2([0-9]{4}|[0-9]{2})$/;
const JA = /^([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日$/;
const JA_ERA =
  /^(明治|大正|昭和|平成|令和|[MTSHR])([0-9]{1,2}|元)(?:年|[./-])([0-9]{1,2})(?:月|[./-])([0-9]{1,2})日?$/i;
const DAY_MONTH = /^([0-9]{1,2})(?:st|nd|rd|th)?([ -])([A-Za-z]{3,9})\.?,?\2([0-9]{4}|[0-9]{2})$/;
const MONTH_DAY = /^([A-Za-z]{3,9})\.? ([0-9]{1,2})(?:st|nd|rd|th)?,? ([0-9]{4})$/;
const EPOCH = /^-?[0-9]{9,13}$/;

/** True when year-month-day names a real day of the Gregorian calendar. */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function make(year: number, month: number, day: number): CalendarDate | undefined {
  return isRealDate(year, month, day) ? { year, month, day } : undefined;
}

/** 1..12 for a month name or its abbreviation of 3+ letters (`Apr`, `Sept`), else 0. */
function monthIndex(name: string): number {
  const lower = name.toLowerCase();
  if (lower === 'sept') return 9;
  return MONTHS.findIndex((full) => full.startsWith(lower)) + 1;
}

/**
 * The year a two-digit year most likely means for a date in the past: `90` is 1990, `05` is 2005
 * (up to this year's last two digits), four-digit years unchanged.
 */
function fullYear(y: string, today: Date = new Date()): number {
  if (y.length !== 2) return Number(y);
  const yy = Number(y);
  const now = today.getUTCFullYear();
  return yy <= now % 100 ? now - (now % 100) + yy : now - (now % 100) - 100 + yy;
}

function fromEpoch(s: string): CalendarDate {
  const digits = s.startsWith('-') ? s.length - 1 : s.length;
  const d = new Date(Number(s) * (digits <= 10 ? 1000 : 1));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * Parse `value` (trimmed, ≤ 40 characters) as one whole calendar date, or return undefined.
 * `04/01/1990` is read as month/day when that is a real date, else as day/month; two-digit years
 * (`04/01/90`, `01-Apr-90`) are the latest such year not after this year. Integers of
 * 9–10 digits are epoch seconds and of 11–13 digits epoch milliseconds; 8 digits are YYYYMMDD.
 */
export function parseDate(value: string): CalendarDate | undefined {
  const s = value.trim();
  if (s.length === 0 || s.length > 40) return undefined;
  let m: RegExpExecArray | null;
  if ((m = ISO.exec(s))) return make(Number(m[1]), Number(m[3]), Number(m[4]));
  if ((m = COMPACT.exec(s))) return make(Number(m[1]), Number(m[2]), Number(m[3]));
  if (EPOCH.test(s)) return fromEpoch(s);
  if ((m = DMY_OR_MDY.exec(s))) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const y = fullYear(m[4]!);
    return make(y, a, b) ?? make(y, b, a);
  }
  if ((m = JA.exec(s))) return make(Number(m[1]), Number(m[2]), Number(m[3]));
  if ((m = JA_ERA.exec(s))) {
    const base = ERAS[m[1]!.toUpperCase()]!;
    return make(base + (m[2] === '元' ? 1 : Number(m[2])) - 1, Number(m[3]), Number(m[4]));
  }
  if ((m = DAY_MONTH.exec(s))) return make(fullYear(m[4]!), monthIndex(m[3]!), Number(m[1]));
  if ((m = MONTH_DAY.exec(s))) return make(Number(m[3]), monthIndex(m[1]!), Number(m[2]));
  return undefined;
}

/** True when `d` lies between 1900-01-01 and `today` (inclusive): a plausible birth date. */
export function isPlausibleBirthDate(d: CalendarDate, today: Date = new Date()): boolean {
  if (d.year < 1900) return false;
  const t = today.getUTCFullYear() * 10000 + (today.getUTCMonth() + 1) * 100 + today.getUTCDate();
  return d.year * 10000 + d.month * 100 + d.day <= t;
}
