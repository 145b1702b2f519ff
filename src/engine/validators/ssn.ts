/** US Social Security Number structure rules (SSA, post-2011 randomization included). */

/** Numbers published as examples or misused so widely that they identify no one. */
const KNOWN_FAKES: ReadonlySet<string> = new Set(['078051120', '219099999', '123456789']);

/**
 * True when `digits` (9 ASCII digits, area-group-serial) could be an issued SSN: area not 000,
 * 666 or 900–999; group not 00; serial not 0000; not a well-known fake (078-05-1120 from a wallet
 * insert, 219-09-9999 from an SSA advertisement, 123-45-6789).
 */
export function isValidSsn(digits: string): boolean {
  if (!/^[0-9]{9}$/.test(digits)) return false;
  const area = Number(digits.slice(0, 3));
  if (area === 0 || area === 666 || area >= 900) return false;
  if (digits.slice(3, 5) === '00' || digits.slice(5) === '0000') return false;
  return !KNOWN_FAKES.has(digits);
}
