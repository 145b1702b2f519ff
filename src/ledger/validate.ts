/**
 * What the ledger accepts. Every stored string must match one of these closed shapes, so a
 * raw identifier or value handed over by mistake is refused instead of stored (DESIGN
 * invariant 4).
 */
import type { Form, LedgerDelta } from './types.js';

/** A ledger pseudonym: `l<version>_` + 22 base64url characters. */
export const LEDGER_PSEUDONYM = /^l\d{1,3}_[A-Za-z0-9_-]{22}$/;
/** A vendor pseudonym as Veil's policy makes it: `k1_…`, `k1d20412_…` (rotation). */
export const VENDOR_PSEUDONYM = /^k\d{1,3}(?:[dwm]\d{1,7})?_[A-Za-z0-9_-]{22}$/;
/** A vendor pseudonym anywhere in a string (for leaked datasets). */
export const VENDOR_PSEUDONYM_IN_TEXT =
  /(?<![A-Za-z0-9_-])k\d{1,3}(?:[dwm]\d{1,7})?_[A-Za-z0-9_-]{22}(?![A-Za-z0-9_-])/g;
/** A category name (`user.contact.email`) or the pseudo category `*` (events). */
export const CATEGORY = /^(?:\*|[a-z][a-z0-9_]{0,63}(?:\.[a-z0-9_]{1,64}){0,7})$/;
/** A UTC day. */
export const DAY = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/;
/** A destination name (as in the config). */
export const DESTINATION = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** Every form, in the order reports list them. */
export const FORMS: readonly Form[] = [
  'passed',
  'pseudonymized',
  'generalized',
  'masked',
  'truncated',
  'redacted',
  'removed',
];

/** Forms in which (some of) the category's information reached the vendor. */
export const EXPOSED_FORMS: ReadonlySet<Form> = new Set([
  'passed',
  'pseudonymized',
  'generalized',
  'masked',
  'truncated',
]);

/** True when the subject-day fields of `d` (destination, subject, org, day) may be stored. */
export function validSubjectDay(d: {
  readonly destination: unknown;
  readonly subject: unknown;
  readonly org?: unknown;
  readonly day: unknown;
}): boolean {
  return (
    typeof d === 'object' &&
    d !== null &&
    typeof d.destination === 'string' &&
    DESTINATION.test(d.destination) &&
    typeof d.subject === 'string' &&
    LEDGER_PSEUDONYM.test(d.subject) &&
    (d.org === undefined || (typeof d.org === 'string' && LEDGER_PSEUDONYM.test(d.org))) &&
    typeof d.day === 'string' &&
    DAY.test(d.day)
  );
}

/** True when the count of `d` (category, form, count) may be stored. */
export function validCell(d: LedgerDelta): boolean {
  return (
    typeof d.category === 'string' &&
    CATEGORY.test(d.category) &&
    FORMS.includes(d.form) &&
    Number.isSafeInteger(d.count) &&
    d.count > 0
  );
}

/** True when `d` may be stored as a count (the vendor subject is checked separately). */
export function validDelta(d: LedgerDelta): boolean {
  return validSubjectDay(d) && validCell(d);
}
