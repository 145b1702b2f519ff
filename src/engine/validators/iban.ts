/**
 * IBAN validation (ISO 13616): country code, per-country length, mod-97 check.
 * Lengths are those of the SWIFT IBAN registry (89 countries).
 */

/** Country code and total IBAN length (check digits included) of every registry country. */
const REGISTRY =
  'AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 ' +
  'DK18 DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28 HR21 HU28 ' +
  'IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 ' +
  'MK19 MN20 MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 ' +
  'SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30';

/** Total IBAN length (country code and check digits included) per registry country. */
export const IBAN_LENGTHS: ReadonlyMap<string, number> = new Map(
  REGISTRY.split(' ').map((e) => [e.slice(0, 2), Number(e.slice(2))]),
);

/** Registry lengths indexed by `(first - 65) * 26 + (second - 65)` of the country code. */
const BY_CODES = new Uint8Array(26 * 26);
for (const [country, len] of IBAN_LENGTHS) {
  BY_CODES[(country.charCodeAt(0) - 65) * 26 + (country.charCodeAt(1) - 65)] = len;
}

/** Registry length for a country code (upper case), or undefined when it has no IBAN. */
export function ibanLength(country: string): number | undefined {
  return IBAN_LENGTHS.get(country);
}

/**
 * Registry length for the country code whose letters have char codes `a`, `b` (either case), or
 * 0. Allocation-free, for hot paths.
 */
export function ibanLengthOfCodes(a: number, b: number): number {
  const x = (a | 32) - 97;
  const y = (b | 32) - 97;
  return x >= 0 && x < 26 && y >= 0 && y < 26 ? BY_CODES[x * 26 + y]! : 0;
}

/**
 * ISO 7064 MOD 97-10 of an IBAN in compact upper-case form: the first four characters move to
 * the end, letters become 10..35, and the number is reduced mod 97 digit by digit.
 * Returns -1 when a character is not [0-9A-Z].
 */
export function ibanMod97(compact: string): number {
  const n = compact.length;
  let rem = 0;
  for (let k = 0; k < n; k++) {
    const c = compact.charCodeAt((k + 4) % n);
    if (c >= 48 && c <= 57) rem = (rem * 10 + (c - 48)) % 97;
    else if (c >= 65 && c <= 90) rem = (rem * 100 + (c - 55)) % 97;
    else return -1;
  }
  return rem;
}

/**
 * True when `compact` (no spaces, upper case) is a valid IBAN: known country, registry length,
 * two check digits, alphanumeric BBAN, and mod-97 equal to 1.
 */
export function isValidIban(compact: string): boolean {
  const len = ibanLength(compact.slice(0, 2));
  if (len === undefined || compact.length !== len) return false;
  const c2 = compact.charCodeAt(2);
  const c3 = compact.charCodeAt(3);
  if (c2 < 48 || c2 > 57 || c3 < 48 || c3 > 57) return false;
  return ibanMod97(compact) === 1;
}
