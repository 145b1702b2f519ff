/**
 * Classifies one URL path segment: is it an identifier, a token or personal data, and which
 * placeholder replaces it? Used by `generalizePath`; every check is a single linear pass.
 */

const DIGITS = /^\d+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX = /^[0-9a-f]{16,}$/i;
const PHONE_CHARS = /^\+?[\d\s().-]+$/;
const DIGIT_RUN = /\d{5}/;
const DOMAIN = /^[^.@]{1,63}\.(?:[^.@]{1,63}\.){0,8}[A-Za-z]{2}/;
const MIN_TOKEN_LENGTH = 20;
const MIN_TOKEN_ENTROPY_BITS = 3;

/**
 * The placeholder for `segment` (`:email`, `:handle`, `:id`, `:uuid`, `:hash`, `:token`), or
 * `undefined` when it looks like an ordinary slug and may stay. `segment` may be
 * percent-encoded; the rules are listed on `generalizePath` in url.ts.
 */
export function placeholderFor(segment: string): string | undefined {
  if (segment === '') return undefined;
  const s = decodeSegment(segment);
  if (isEmail(s)) return ':email';
  if (s.startsWith('@') && s.length > 1) return ':handle';
  if (DIGITS.test(s)) return keepsNumber(s) ? undefined : ':id';
  if (UUID.test(s)) return ':uuid';
  if (HEX.test(s) && /\d/.test(s)) return ':hash';
  if (PHONE_CHARS.test(s) && countDigits(s) >= 7) return ':id';
  if (DIGIT_RUN.test(s)) return ':id';
  if (isToken(s)) return ':token';
  return undefined;
}

function decodeSegment(segment: string): string {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment.replace(/%40/gi, '@'); // malformed escapes elsewhere: still see the `@`
  }
}

/** 1–2 digit numbers (pages, months, days) and 4-digit years 1900–2100 are not identifiers. */
function keepsNumber(s: string): boolean {
  if (s.length <= 2) return true;
  const n = Number(s);
  return s.length === 4 && n >= 1900 && n <= 2100;
}

/**
 * `local@domain.tld…`: something before the last `@`, and after it a label then a dot and two
 * letters (`react@18.2.0` is a package, not an email; `a@b.com.json` still counts).
 */
function isEmail(s: string): boolean {
  const at = s.lastIndexOf('@');
  return at > 0 && DOMAIN.test(s.slice(at + 1, at + 256));
}

function countDigits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

type CharClass = 'digit' | 'lower' | 'upper' | 'separator';

function classOf(c: number): CharClass | undefined {
  if (c >= 48 && c <= 57) return 'digit';
  if (c >= 97 && c <= 122) return 'lower';
  if (c >= 65 && c <= 90) return 'upper';
  // - . _ ~ + = : the rest of base64/base64url and JWT separators
  if (c === 45 || c === 46 || c === 95 || c === 126 || c === 43 || c === 61) return 'separator';
  return undefined;
}

/**
 * A random-looking token: ≥ 20 base64url-ish characters with letters and digits, where classes
 * switch irregularly inside words — at least 2 letter↔digit switches and at least 4 switches
 * counting lower→upper ones — and Shannon entropy ≥ 3 bits per character. Slugs switch at
 * most at a word's end (`iphone15`, `top10`), camelCase only lower→upper; both stay.
 */
function isToken(s: string): boolean {
  if (s.length < MIN_TOKEN_LENGTH) return false;
  let letters = 0;
  let letterDigit = 0;
  let lowerUpper = 0;
  let prev: CharClass = 'separator';
  const counts = new Map<number, number>();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const cls = classOf(c);
    if (cls === undefined) return false;
    counts.set(c, (counts.get(c) ?? 0) + 1);
    if (cls !== 'digit' && cls !== 'separator') letters++;
    if (prev !== 'separator' && cls !== 'separator') {
      if ((prev === 'digit') !== (cls === 'digit')) letterDigit++;
      else if (prev === 'lower' && cls === 'upper') lowerUpper++;
    }
    prev = cls;
  }
  if (letters === 0 || countDigits(s) === 0) return false;
  if (letterDigit < 2 || letterDigit + lowerUpper < 4) return false;
  return entropy(counts, s.length) >= MIN_TOKEN_ENTROPY_BITS;
}

/** Shannon entropy in bits per character of a string with these character counts. */
function entropy(counts: ReadonlyMap<number, number>, length: number): number {
  let h = 0;
  for (const n of counts.values()) {
    const p = n / length;
    h -= p * Math.log2(p);
  }
  return h;
}
