/**
 * Email address syntax checks: the practical subset of RFC 5321/5322 that real mailbox
 * providers issue, with the RFC's length limits and a real TLD.
 */
import { isIdnTld, isKnownTld } from './tlds.js';

/** Longest local part (RFC 5321 §4.5.3.1.1). */
export const MAX_LOCAL = 64;
/** Longest domain (RFC 1035). */
export const MAX_DOMAIN = 253;
/** Longest domain label (RFC 1035). */
export const MAX_LABEL = 63;

/**
 * True for characters allowed in a local part: ASCII letters, digits and `. _ + -`, and the
 * Latin letters of Latin-1 and Latin Extended-A/B (`josé`, `müller`: internationalized
 * addresses, RFC 6531), and Greek and Cyrillic letters (`иван@пример.рф`). The rarer RFC atext characters (`! # $ % & ' * / = ? ^ \` { | } ~`) are
 * left out on purpose: they are almost never issued, and accepting them makes spans swallow URL
 * text (`?email=bob@…`). The apostrophe is the exception, between two letters only
 * (`sean.o'brien`): see `isApostropheIn`. Kana and kanji are left out too, so Japanese text
 * glued before an address (`連絡先はbob@…`) is not read as part of it.
 */
export function isLocalChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 46 ||
    c === 95 ||
    c === 43 ||
    c === 45 ||
    isLatinLetter(c) ||
    isGreekOrCyrillic(c)
  );
}

/** Greek and Cyrillic letters (U+0386–U+03FF, U+0400–U+04FF): `иван@пример.рф`. */
export function isGreekOrCyrillic(c: number): boolean {
  return (c >= 0x386 && c <= 0x3ff && c !== 0x387) || (c >= 0x400 && c <= 0x4ff);
}

/** Letters of Latin-1 Supplement and Latin Extended-A/B (U+00C0–U+024F, without × and ÷). */
export function isLatinLetter(c: number): boolean {
  return c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7;
}

function isLocalLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isLatinLetter(c) || isGreekOrCyrillic(c);
}

/** True when `s[i]` is an apostrophe between two letters (`o'brien`): part of a local part. */
export function isApostropheIn(s: string, i: number): boolean {
  return (
    s.charCodeAt(i) === 39 &&
    i > 0 &&
    isLocalLetter(s.charCodeAt(i - 1)) &&
    isLocalLetter(s.charCodeAt(i + 1))
  );
}

/** True for characters allowed in a domain label: ASCII letters, digits and `-`. */
export function isLabelChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45;
}

const IDN_CHAR = /^[\p{L}\p{M}\p{Nd}]$/u;

/**
 * True for a non-ASCII character of an internationalized domain label written in Unicode
 * (`bücher.de`, `例え.jp`): a letter, mark or digit, except the full-width forms (U+FF00–U+FFEF),
 * which the NFKC view turns into ASCII.
 */
export function isIdnChar(c: number): boolean {
  if (c < 0x80 || (c >= 0xff00 && c <= 0xffef) || (c >= 0xd800 && c <= 0xdfff)) return false;
  // Common scripts without a regular expression: Latin, kana, CJK ideographs, Hangul syllables.
  if (isLatinLetter(c) || (c >= 0x3041 && c <= 0x30fa) || (c >= 0x4e00 && c <= 0x9fff)) return true;
  if (c >= 0xac00 && c <= 0xd7a3) return true;
  if (c >= 0x2000 && c <= 0x303f) return false; // punctuation, symbols, CJK punctuation
  return IDN_CHAR.test(String.fromCharCode(c));
}

/** True for the content of a quoted local part: printable ASCII except `"` and `\`. */
export function isQuotedChar(c: number): boolean {
  return c >= 32 && c <= 126 && c !== 34 && c !== 92;
}

/**
 * True when `local` is 1–64 allowed characters with no leading, trailing or doubled dot, or a
 * quoted string of printable ASCII (`"john doe"`, RFC 5322 §3.4.1).
 */
export function isValidLocalPart(local: string): boolean {
  const n = local.length;
  if (n === 0 || n > MAX_LOCAL) return false;
  if (n >= 3 && local.charCodeAt(0) === 34 && local.charCodeAt(n - 1) === 34) {
    for (let i = 1; i < n - 1; i++) if (!isQuotedChar(local.charCodeAt(i))) return false;
    return true;
  }
  if (local.charCodeAt(0) === 46 || local.charCodeAt(n - 1) === 46) return false;
  for (let i = 0; i < n; i++) {
    const c = local.charCodeAt(i);
    if (isApostropheIn(local, i)) continue;
    if (!isLocalChar(c) || (c === 46 && local.charCodeAt(i + 1) === 46)) return false;
  }
  return true;
}

/**
 * True when `domain` is a host name that can receive mail: ≤ 253 characters, at least two
 * labels of 1–63 letters/digits/hyphens (Unicode letters too: IDN labels such as `bücher`) not
 * starting or ending with `-`, and a known alphabetic ASCII TLD of 2–24 letters or a known
 * internationalized one (`.рф`, `.xn--p1ai`, `.中国`; see `IDN_TLDS`). `localhost`,
 * `1.2.3` and `2x.png` fail.
 */
export function isValidMailDomain(domain: string): boolean {
  if (domain.length === 0 || domain.length > MAX_DOMAIN) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  for (const label of labels) {
    const n = label.length;
    if (n === 0 || n > MAX_LABEL) return false;
    if (label.charCodeAt(0) === 45 || label.charCodeAt(n - 1) === 45) return false;
    for (let i = 0; i < n; i++) {
      const c = label.charCodeAt(i);
      if (!isLabelChar(c) && !isIdnChar(c)) return false;
    }
  }
  const tld = labels[labels.length - 1]!;
  return (/^[A-Za-z]{2,24}$/.test(tld) && isKnownTld(tld)) || isIdnTld(tld);
}

/** True when `address` is `local@domain` with both parts valid per the functions above. */
export function isValidEmail(address: string): boolean {
  const at = address.lastIndexOf('@');
  return (
    at > 0 && isValidLocalPart(address.slice(0, at)) && isValidMailDomain(address.slice(at + 1))
  );
}
