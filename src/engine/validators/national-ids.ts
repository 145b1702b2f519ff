/**
 * Check digits and structure of national identity numbers other than the US SSN and My Number.
 * Each function takes the characters of the number without separators.
 */

const digitAt = (s: string, i: number): number => s.charCodeAt(i) - 48;

/** Brazil CPF: 11 digits, two mod-11 check digits; `000.000.000-00`-style repeats are not issued. */
export function isValidCpf(d: string): boolean {
  if (!/^[0-9]{11}$/.test(d) || /^(\d)\1{10}$/.test(d)) return false;
  for (const n of [9, 10]) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += digitAt(d, i) * (n + 1 - i);
    if (((sum * 10) % 11) % 10 !== digitAt(d, n)) return false;
  }
  return true;
}

/** True when year, month and day make a real calendar date. */
export function isDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const CN_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CN_CHECK = '10X98765432';

/**
 * China resident identity card number: 6-digit region (first digit 1–8), birth date YYYYMMDD
 * (1900 to this year), 3-digit sequence, ISO 7064 MOD 11-2 check character (0–9 or X).
 */
export function isValidChineseId(id: string): boolean {
  if (!/^[1-8][0-9]{16}[0-9X]$/.test(id)) return false;
  const year = Number(id.slice(6, 10));
  if (year < 1900 || year > new Date().getUTCFullYear()) return false;
  if (!isDate(year, Number(id.slice(10, 12)), Number(id.slice(12, 14)))) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += digitAt(id, i) * CN_WEIGHTS[i]!;
  return CN_CHECK[sum % 11] === id[17];
}

/**
 * Korea resident registration number (13 digits): birth date YYMMDD and a 7th digit that gives
 * the century and sex (1–8; 9 and 0 for the 1800s). Returns whether the old check digit holds:
 * numbers issued since October 2020 have a random tail, so `checked` false is still a number.
 */
export function koreanRrn(d: string): { valid: boolean; checked: boolean } {
  const no = { valid: false, checked: false };
  if (!/^[0-9]{13}$/.test(d)) return no;
  const g = digitAt(d, 6);
  const century = g === 9 || g === 0 ? 1800 : g <= 2 || g === 5 || g === 6 ? 1900 : 2000;
  const year = century + Number(d.slice(0, 2));
  if (!isDate(year, Number(d.slice(2, 4)), Number(d.slice(4, 6)))) return no;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += digitAt(d, i) * ((i % 8) + 2);
  return { valid: true, checked: (11 - (sum % 11)) % 10 === digitAt(d, 12) };
}

const NRIC_WEIGHTS = [2, 7, 6, 5, 4, 3, 2];

/** Singapore NRIC / FIN (S, T, F, G + 7 digits + check letter). */
export function isValidNric(id: string): boolean {
  if (!/^[STFG][0-9]{7}[A-Z]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += digitAt(id, i + 1) * NRIC_WEIGHTS[i]!;
  if (id[0] === 'T' || id[0] === 'G') sum += 4;
  const table = id[0] === 'S' || id[0] === 'T' ? 'JZIHGFEDCBA' : 'XWUTRQPNMLK';
  return table[sum % 11] === id[8];
}

/**
 * UK National Insurance number prefix: first letter not D F I Q U V, second not D F I O Q U V,
 * and not BG GB KN NK NT TN ZZ (never issued).
 */
export function isValidNinoPrefix(prefix: string): boolean {
  if (!/^[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]$/.test(prefix)) return false;
  return !['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'].includes(prefix);
}

const CF_ODD: Readonly<Record<string, number>> = (() => {
  const odd = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21];
  const letters = [
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
  ];
  const t: Record<string, number> = {};
  for (let i = 0; i < 10; i++) t[String(i)] = odd[i]!;
  for (let i = 0; i < 26; i++) t[String.fromCharCode(65 + i)] = letters[i]!;
  return t;
})();

/**
 * Italy codice fiscale (16 characters): surname and name letters, birth year, month letter, day
 * (41–71 for women), place code, check letter. Omocodes (digits replaced by letters) are not read.
 */
export function isValidCodiceFiscale(cf: string): boolean {
  if (!/^[A-Z]{6}[0-9]{2}[ABCDEHLMPRST][0-9]{2}[A-Z][0-9]{3}[A-Z]$/.test(cf)) return false;
  const day = Number(cf.slice(9, 11));
  if (!((day >= 1 && day <= 31) || (day >= 41 && day <= 71))) return false;
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const ch = cf[i]!;
    sum += i % 2 === 0 ? CF_ODD[ch]! : ch <= '9' ? digitAt(ch, 0) : ch.charCodeAt(0) - 65;
  }
  return String.fromCharCode(65 + (sum % 26)) === cf[15];
}

const VERHOEFF_D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VERHOEFF_P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

/** India Aadhaar: 12 digits, first 2–9, Verhoeff check digit. */
export function isValidAadhaar(d: string): boolean {
  if (!/^[2-9][0-9]{11}$/.test(d)) return false;
  let c = 0;
  for (let i = 0; i < 12; i++) c = VERHOEFF_D[c]![VERHOEFF_P[i % 8]![digitAt(d, 11 - i)]!]!;
  return c === 0;
}

/** India PAN: 5 letters (the 4th says the holder type), 4 digits, a letter. */
export function isValidPan(pan: string): boolean {
  return /^[A-Z]{3}[ABCFGHJLPT][A-Z][0-9]{4}[A-Z]$/.test(pan);
}

/** UK NHS number: 10 digits, mod-11 check digit (a remainder giving 10 is never issued). */
export function isValidNhsNumber(d: string): boolean {
  if (!/^[0-9]{10}$/.test(d) || /^(\d)\1{9}$/.test(d)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += digitAt(d, i) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === digitAt(d, 9);
}

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

/** Spain DNI (8 digits + letter) or NIE (X, Y or Z + 7 digits + letter): the letter is mod 23. */
export function isValidDniNie(id: string): boolean {
  const m = /^([XYZ]?)([0-9]{7,8})([A-Z])$/.exec(id);
  if (m === null || m[1]!.length + m[2]!.length !== 8) return false;
  // An NIE's letter stands for a leading digit: X 0, Y 1, Z 2.
  const n = Number((m[1] === '' ? '' : String('XYZ'.indexOf(m[1]!))) + m[2]!);
  return DNI_LETTERS[n % 23] === m[3];
}

/** Netherlands BSN: 9 digits, the 11-test (weights 9…2 and −1). */
export function isValidBsn(d: string): boolean {
  if (!/^[0-9]{9}$/.test(d) || /^0+$/.test(d)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += digitAt(d, i) * (9 - i);
  return (sum - digitAt(d, 8)) % 11 === 0;
}

const PESEL_WEIGHTS = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];

/** Poland PESEL: birth date (the month carries the century) and a check digit. */
export function isValidPesel(d: string): boolean {
  if (!/^[0-9]{11}$/.test(d)) return false;
  const mm = Number(d.slice(2, 4));
  const century = [1900, 2000, 2100, 2200, 1800][Math.floor(mm / 20)]!;
  if (!isDate(century + Number(d.slice(0, 2)), mm % 20, Number(d.slice(4, 6)))) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += digitAt(d, i) * PESEL_WEIGHTS[i]!;
  return (10 - (sum % 10)) % 10 === digitAt(d, 10);
}

/**
 * France NIR (numéro de sécurité sociale): sex (1, 2; 3, 4, 7, 8 for provisional numbers), year,
 * month (01–12, or 20–42 and 50–99 when unknown), place and order, then the key 97 − (NIR mod 97).
 * Corsica's `2A` / `2B` departments count as 19 / 18.
 */
export function isValidNir(nir: string): boolean {
  const m = /^([1-478])([0-9]{2})([0-9]{2})(2[AB]|[0-9]{2})([0-9]{6})([0-9]{2})$/.exec(nir);
  if (m === null) return false;
  const month = Number(m[3]);
  if (!((month >= 1 && month <= 12) || (month >= 20 && month <= 42) || month >= 50)) return false;
  const dep = m[4] === '2A' ? '19' : m[4] === '2B' ? '18' : m[4]!;
  const body = BigInt(m[1]! + m[2]! + m[3]! + dep + m[5]!);
  const shift = m[4] === '2A' ? 1000000n : m[4] === '2B' ? 2000000n : 0n;
  return Number(97n - ((body - shift) % 97n)) === Number(m[6]);
}
