/**
 * Japanese individual number (マイナンバー, 個人番号, 12 digits) and corporate number
 * (法人番号, 13 digits) check digits, as defined by their ministerial ordinances.
 */

/**
 * Check digit of the first 11 digits of a My Number: with P(n) the n-th digit counted from the
 * right (check digit excluded) and Q(n) = n + 1 for n ≤ 6, n − 5 for n ≥ 7, the remainder is
 * Σ P(n)·Q(n) mod 11; the check digit is 0 when the remainder is ≤ 1, else 11 − remainder.
 */
export function myNumberCheckDigit(first11: string): number {
  let sum = 0;
  for (let n = 1; n <= 11; n++) {
    const p = first11.charCodeAt(11 - n) - 48;
    sum += p * (n <= 6 ? n + 1 : n - 5);
  }
  const rem = sum % 11;
  return rem <= 1 ? 0 : 11 - rem;
}

/** True when `digits` is 12 ASCII digits whose last one is the My Number check digit. */
export function isValidMyNumber(digits: string): boolean {
  if (!/^[0-9]{12}$/.test(digits)) return false;
  return myNumberCheckDigit(digits.slice(0, 11)) === digits.charCodeAt(11) - 48;
}

/**
 * True when `digits` is a valid 13-digit corporate number: the first digit is 9 − (Σ of the
 * other 12 digits, weighted 1 and 2 alternately from the right, mod 9). Corporate numbers are
 * public and not personal data; the rules use this only to tell them apart.
 */
export function isValidCorporateNumber(digits: string): boolean {
  if (!/^[0-9]{13}$/.test(digits)) return false;
  let sum = 0;
  for (let n = 1; n <= 12; n++) sum += (digits.charCodeAt(13 - n) - 48) * (n % 2 === 1 ? 1 : 2);
  return 9 - (sum % 9) === digits.charCodeAt(0) - 48;
}
