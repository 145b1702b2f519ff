/**
 * What the gateway hands the disclosure ledger: per (destination, subject, day, category, form)
 * a count. Subjects and orgs are keyed pseudonyms under the ledger key (derived from the master
 * key for the purpose `ledger`, distinct from every vendor key); no raw identifier or value ever
 * reaches the ledger.
 */
import type { Outcome } from '../policy/apply.js';

/** How a category was sent: the action the policy took on the field that carried it. */
export type Form = Outcome;

/** One count. */
export interface LedgerDelta {
  readonly destination: string;
  /** Ledger pseudonym of the event's subject (userId, else anonymousId). */
  readonly subject: string;
  /** Ledger pseudonym of the event's group/org id, when it has one. */
  readonly org?: string;
  /** The pseudonym the vendor received for this subject (for `veil impact --leaked`). */
  readonly vendorSubject?: string;
  /** UTC day the event passed through Veil, `YYYY-MM-DD`. */
  readonly day: string;
  readonly category: string;
  readonly form: Form;
  /** Events (of this subject, day, destination) that carried the category in this form. */
  readonly count: number;
}

/**
 * One subject-day's counts, packed: what the gateway's observers hand the ledger (one object per
 * subject-day instead of one per count, so aggregating and passing them between threads is cheap).
 */
export interface LedgerDay {
  readonly destination: string;
  /** UTC day, `YYYY-MM-DD`. */
  readonly day: string;
  /** Ledger pseudonym of the subject. */
  readonly subject: string;
  /** Ledger pseudonym of the org, when the events had one. */
  readonly org?: string;
  /** The pseudonym the vendor received for this subject. */
  readonly vendorSubject?: string;
  /** The counts in the compact encoding of `subject-day.ts`: `category:formCode:count;…`. */
  readonly counts: string;
}
