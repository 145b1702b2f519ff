/**
 * Email address syntax checks: the practical subset of RFC 5321/5322 that real mailbox
 * providers issue, with the RFC's length limits and a real TLD.
 */
import { isKnownTld } from './tlds.js';

/** Longest local part (RFC 5321 §4.5.3.1.1). */
export const MAX_LOCAL = 64;
/** Longest domain (RFC 1035). */
export const MAX_DOMAIN = 253;
/** Longest domain label (RFC 1035). */
export const MAX_LABEL = 63;

/**
 * True for characters allowed in a local part: ASCII letters, digits and `. _ + -`. The rarer
 * RFC atext characters (`! # $ % & ' * / = ? ^ \` { | } ~`) are left out on purpose: they are
 * almost never issued, and accepting them makes spans swallow URL text (`?email=bob@…`).
 */
export function isLocalChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 46 ||
    c === 95 ||
    c === 43 ||
    c === 45
  );
}

/** True for characters allowed in a domain label: ASCII letters, digits and `-`. */
export function isLabelChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45;
}

/** True when `local` is 1–64 allowed characters with no leading, trailing or doubled dot. */
export function isValidLocalPart(local: string): boolean {
  const n = local.length;
  if (n === 0 || n > MAX_LOCAL) return false;
  if (local.charCodeAt(0) === 46 || local.charCodeAt(n - 1) === 46) return false;
  for (let i = 0; i < n; i++) {
    const c = local.charCodeAt(i);
    if (!isLocalChar(c) || (c === 46 && local.charCodeAt(i + 1) === 46)) return false;
  }
  return true;
}

/**
 * True when `domain` is a host name that can receive mail: ≤ 253 characters, at least two
 * labels of 1–63 letters/digits/hyphens not starting or ending with `-`, and a known alphabetic
 * TLD of 2–24 letters. `localhost`, `1.2.3` and `2x.png` fail.
 */
export function isValidMailDomain(domain: string): boolean {
  if (domain.length === 0 || domain.length > MAX_DOMAIN) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  for (const label of labels) {
    const n = label.length;
    if (n === 0 || n > MAX_LABEL) return false;
    if (label.charCodeAt(0) === 45 || label.charCodeAt(n - 1) === 45) return false;
    for (let i = 0; i < n; i++) if (!isLabelChar(label.charCodeAt(i))) return false;
  }
  const tld = labels[labels.length - 1]!;
  return /^[A-Za-z]{2,24}$/.test(tld) && isKnownTld(tld);
}

/** True when `address` is `local@domain` with both parts valid per the functions above. */
export function isValidEmail(address: string): boolean {
  const at = address.lastIndexOf('@');
  return (
    at > 0 && isValidLocalPart(address.slice(0, at)) && isValidMailDomain(address.slice(at + 1))
  );
}
