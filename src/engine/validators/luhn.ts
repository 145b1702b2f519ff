/** The Luhn (mod 10) check used by payment card numbers. */

/**
 * True when `digits` (ASCII digits only, at least 2) passes the Luhn check: doubling every
 * second digit from the right, the digit sum is a multiple of 10. Linear in the input.
 */
export function luhnValid(digits: string): boolean {
  const n = digits.length;
  if (n < 2) return false;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const d = digits.charCodeAt(n - 1 - i) - 48;
    if (d < 0 || d > 9) return false;
    if (i % 2 === 1) sum += d * 2 > 9 ? d * 2 - 9 : d * 2;
    else sum += d;
  }
  return sum % 10 === 0;
}

/**
 * True when `digits` (13 ASCII digits) carries a valid EAN-13 / JAN check digit: weights 1 and
 * 3 alternate from the left over the first 12 digits. Used to tell barcodes from card numbers.
 */
export function ean13Valid(digits: string): boolean {
  if (digits.length !== 13) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (digits.charCodeAt(i) - 48) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10 === digits.charCodeAt(12) - 48;
}
