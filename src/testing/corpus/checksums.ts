/**
 * Check digits of the structured identifiers the corpus plants: Luhn (payment cards), ISO 13616
 * mod-97 (IBAN) and the Japanese My Number (個人番号) check digit. Inputs are ASCII digit strings
 * (IBAN: upper-case alphanumerics) without separators.
 */

/** The Luhn check digit to append to `body` (digits only). */
export function luhnCheckDigit(body: string): number {
  let sum = 0;
  for (let i = body.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = body.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit of `digits` is its Luhn check digit. */
export function isLuhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  return luhnCheckDigit(digits.slice(0, -1)) === digits.charCodeAt(digits.length - 1) - 48;
}

/** `s` (digits and A–Z) modulo 97, with letters expanded to 10..35 as ISO 13616 says. */
function mod97(s: string): number {
  let r = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) r = (r * 100 + (c - 55)) % 97;
    else r = (r * 10 + (c - 48)) % 97;
  }
  return r;
}

/** The two IBAN check digits for `country` (two letters) and `bban` (upper-case alphanumerics). */
export function ibanCheckDigits(country: string, bban: string): string {
  return String(98 - mod97(bban + country + '00')).padStart(2, '0');
}

/** True when `iban` (spaces allowed) passes the mod-97 check. */
export function isIbanValid(iban: string): boolean {
  const s = iban.replace(/ /g, '');
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{8,30}$/.test(s)) return false;
  return mod97(s.slice(4) + s.slice(0, 4)) === 1;
}

/**
 * The My Number check digit for an 11-digit base. With P(n) the n-th digit from the right
 * (n = 1..11) and Q(n) = n + 1 for n ≤ 6, n − 5 for n ≥ 7: r = Σ P(n)·Q(n) mod 11; the check digit
 * is 0 when r ≤ 1, else 11 − r (行政手続における特定の個人を識別するための番号の利用等に関する法律施行令 第8条).
 */
export function myNumberCheckDigit(base11: string): number {
  let sum = 0;
  for (let n = 1; n <= 11; n++) {
    const p = base11.charCodeAt(11 - n) - 48;
    sum += p * (n <= 6 ? n + 1 : n - 5);
  }
  const r = sum % 11;
  return r <= 1 ? 0 : 11 - r;
}

/** True when `digits` is 12 digits whose last is the My Number check digit. */
export function isMyNumberValid(digits: string): boolean {
  if (!/^\d{12}$/.test(digits)) return false;
  return myNumberCheckDigit(digits.slice(0, 11)) === digits.charCodeAt(11) - 48;
}
