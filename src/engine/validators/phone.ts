/**
 * Phone number validation: a thin, memoized wrapper over libphonenumber-js's full ("max")
 * metadata, with cheap length/prefix screens so the library only sees plausible candidates.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/** Regions national-format numbers (no `+`) are validated against, in this order. */
export const PHONE_REGIONS: readonly CountryCode[] = ['JP', 'US', 'GB', 'DE', 'FR'];

const trunk0 = (d: string, min: number, max: number): boolean =>
  d.charCodeAt(0) === 48 && d.charCodeAt(1) !== 48 && d.length >= min && d.length <= max;
const nanpLead = (c: number): boolean => c >= 50 && c <= 57;

/**
 * Cheap necessary conditions on the national digits (trunk prefix included) per region; a
 * region without an entry goes straight to the library.
 */
const NATIONAL_SCREEN: Partial<Record<CountryCode, (d: string) => boolean>> = {
  JP: (d) => trunk0(d, 10, 11),
  GB: (d) => trunk0(d, 10, 11),
  DE: (d) => trunk0(d, 6, 14),
  FR: (d) => trunk0(d, 10, 10),
  US: (d) =>
    (d.length === 10 && nanpLead(d.charCodeAt(0))) ||
    (d.length === 11 && d.charCodeAt(0) === 49 && nanpLead(d.charCodeAt(1))),
  // Countries whose numbers are written nationally with a trunk `0`: without it the library also
  // accepts digits a person would not write (a Vienna number of 13 digits is an epoch in ms).
  ...Object.fromEntries(
    ['AT', 'CH', 'NL', 'BE', 'IE', 'SE', 'FI', 'UA', 'TR', 'BR', 'AR', 'AU', 'NZ', 'TW', 'KR'].map(
      (r) => [r, (d: string) => trunk0(d, 6, 13)],
    ),
  ),
  // Russia's trunk prefix is `8`.
  RU: (d) => d.length === 11 && d.charCodeAt(0) === 56,
  CA: (d) => d.length === 10 && nanpLead(d.charCodeAt(0)),
};

const MEMO_LIMIT = 4096;
const memo = new Map<string, boolean>();

function remember(key: string, compute: () => boolean): boolean {
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  const value = compute();
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
  return value;
}

/**
 * The first region of `regions` in which `digits` (ASCII digits of a number written in national
 * format, trunk prefix included) is a valid number per libphonenumber-js `isValid()`, or
 * undefined. Results are memoized (bounded), so repeated numbers cost one lookup.
 */
export function validNationalRegion(
  digits: string,
  regions: readonly CountryCode[] = PHONE_REGIONS,
): CountryCode | undefined {
  for (const region of regions) {
    const screen = NATIONAL_SCREEN[region];
    if (screen !== undefined && !screen(digits)) continue;
    const ok = remember(
      `${region}:${digits}`,
      () => parsePhoneNumberFromString(digits, region)?.isValid() === true,
    );
    if (ok) return region;
  }
  return undefined;
}

/**
 * True when `digits` (the ASCII digits after a `+`: country calling code and national number,
 * 8–15 digits per E.164) is a valid number of any country per libphonenumber-js.
 */
export function isValidInternational(digits: string): boolean {
  if (digits.length < 8 || digits.length > 15 || digits.charCodeAt(0) === 48) return false;
  return remember(`+${digits}`, () => parsePhoneNumberFromString(`+${digits}`)?.isValid() === true);
}

/**
 * True when `digits` (after a `+`) has a known country calling code and a national number of a
 * length that country uses (libphonenumber-js `isPossible()`), whether or not its area code or
 * mobile prefix is assigned: `+1 497 611 0867` is written as a phone number and read as one.
 */
export function isPossibleInternational(digits: string): boolean {
  if (digits.length < 8 || digits.length > 15 || digits.charCodeAt(0) === 48) return false;
  return remember(
    `+?${digits}`,
    () => parsePhoneNumberFromString(`+${digits}`)?.isPossible() === true,
  );
}

/**
 * True when `digits` is a possible NANP number (10 digits, area code and exchange not starting
 * with 0 or 1), for the `(415) 555-2671` shape that is a US number whether or not the area
 * code is assigned.
 */
export function isPossibleNanp(digits: string): boolean {
  return digits.length === 10 && nanpLead(digits.charCodeAt(0)) && nanpLead(digits.charCodeAt(3));
}
