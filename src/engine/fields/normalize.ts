/**
 * Key normalization: any JSON key style (camelCase, PascalCase, kebab-case, `$`-prefixed,
 * spaced, upper-case, full-width) becomes lower-case words joined by `_`.
 */

/** Character classes the splitter distinguishes. */
const SEP = 0;
const LOWER = 1;
const UPPER = 2;
const DIGIT = 3;
/** Non-ASCII letters of alphabetic scripts (é, ß, я): part of the surrounding word. */
const OTHER = 4;
/** CJK and kana: a word of their own when they meet ASCII (`ipアドレス` → `ip_アドレス`). */
const CJK = 5;

/** Punctuation, spaces and control characters outside ASCII separate words (`・`, `、`). */
const NON_ASCII_SEP = /^[\p{P}\p{Z}\p{Cc}\p{Cf}]$/u;

function classOf(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 97 && c <= 122) return LOWER;
  if (c >= 65 && c <= 90) return UPPER;
  if (c >= 48 && c <= 57) return DIGIT;
  if (c < 128) return SEP;
  if (NON_ASCII_SEP.test(s.charAt(i))) return SEP;
  // CJK radicals, kana, ideographs, Hangul, compatibility forms start at U+2E80.
  return c >= 0x2e80 ? CJK : OTHER;
}

/** Length of the run of ASCII lower-case letters starting at `i`. */
function lowerRun(s: string, i: number): number {
  let j = i;
  while (j < s.length && classOf(s, j) === LOWER) j++;
  return j - i;
}

/** True when a digit run ending before `i` follows a letter (`sha256Hash`, not `2FACode`). */
function digitsFollowLetter(s: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && classOf(s, j) === DIGIT) j--;
  return j >= 0 && classOf(s, j) !== SEP;
}

/** Whether a word boundary falls before position `i` (class `cls`, previous class `prev`). */
function startsWord(s: string, i: number, cls: number, prev: number): boolean {
  switch (cls) {
    case UPPER:
      if (prev === LOWER || prev === CJK) return true;
      if (prev === DIGIT) return digitsFollowLetter(s, i);
      // `IPAddress` → ip|Address, but `IDs`, `IPv4` stay whole: the acronym's last capital
      // starts a new word only when a real lower-case word (2+ letters) follows it.
      return prev === UPPER && lowerRun(s, i + 1) >= 2;
    case CJK:
      return prev !== CJK && prev !== SEP;
    default:
      return prev === CJK;
  }
}

/** Already normalized: `[a-z0-9]+(_[a-z0-9]+)*`. Most keys take this path. */
function isNormalized(key: string): boolean {
  const n = key.length;
  if (n === 0 || key.charCodeAt(0) === 95 || key.charCodeAt(n - 1) === 95) return false;
  for (let i = 0; i < n; i++) {
    const c = key.charCodeAt(i);
    if (c === 95) {
      if (key.charCodeAt(i + 1) === 95) return false;
    } else if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) return false;
  }
  return true;
}

/**
 * Normalize a key into lower-case words joined by single underscores.
 *
 * - Non-ASCII keys are NFKC-normalized first (full-width `ｅｍａｉｌ` → `email`, half-width kana).
 * - Every ASCII character other than a letter or digit, and every non-ASCII punctuation or
 *   space, separates words; leading and trailing separators vanish (`$email` → `email`,
 *   `_ga` → `ga`, `X-Forwarded-For` → `x_forwarded_for`, `first name` → `first_name`).
 * - Case changes separate words: `userEmail` → `user_email`, `IPAddress` → `ip_address`,
 *   `userIDs` → `user_ids`, `IPv4` → `ipv4`. Digits stay with the ASCII word before them
 *   (`address_line1`, `addressLine1` → `address_line1`).
 * - CJK/kana runs are words of their own next to ASCII (`ユーザーID` → `ユーザー_id`,
 *   `住所1` → `住所_1`) and are kept as written, lower-cased.
 *
 * Returns '' when the key holds no letter or digit. Linear in the key's length.
 */
export function normalizeKey(key: string): string {
  if (isNormalized(key)) return key;
  let ascii = true;
  for (let i = 0; i < key.length && ascii; i++) ascii = key.charCodeAt(i) < 128;
  const s = ascii ? key : key.normalize('NFKC');
  let out = '';
  let prev = SEP;
  for (let i = 0; i < s.length; i++) {
    const cls = classOf(s, i);
    if (cls !== SEP) {
      if (out.length > 0 && (prev === SEP || startsWord(s, i, cls, prev))) out += '_';
      out += cls === UPPER ? String.fromCharCode(s.charCodeAt(i) + 32) : s.charAt(i);
    }
    prev = cls;
  }
  return ascii ? out : out.toLowerCase();
}
