/**
 * Rendering `veil impact` answers: the window summary as a table, CSV or JSON, and one row per
 * affected subject or user. Categories a policy removed or redacted are listed apart as
 * `not_sent`: the ledger records them so a report can say what did not leave.
 */
import type { ImpactSummary, SubjectExposure } from './store.js';
import { EXPOSED_FORMS } from './validate.js';

/** One affected subject (and, with a user file, the user's id and email). */
export interface AffectedRow {
  readonly id?: string;
  readonly email?: string;
  readonly subject: string;
  readonly events: number;
  readonly first_day: string;
  readonly last_day: string;
  readonly orgs: number;
  /** `category:form` the vendor received in some form, sorted. */
  readonly exposed: readonly string[];
  /** `category:form` seen but removed or redacted before sending. */
  readonly not_sent: readonly string[];
}

/** The row of `e`, with the user's id and email when given. */
export function affectedRow(
  e: SubjectExposure,
  user?: { id: string; email?: string },
): AffectedRow {
  const pick = (sent: boolean) =>
    e.categories
      .filter((c) => EXPOSED_FORMS.has(c.form) === sent)
      .map((c) => `${c.category}:${c.form}`);
  return {
    ...(user === undefined ? {} : { id: user.id }),
    ...(user?.email === undefined ? {} : { email: user.email }),
    subject: e.subject,
    events: e.events,
    first_day: e.firstDay,
    last_day: e.lastDay,
    orgs: e.orgs.length,
    exposed: pick(true),
    not_sent: pick(false),
  };
}

/** Header and cells of affected rows for CSV (lists joined by `;`). */
export function affectedCells(rows: readonly AffectedRow[], withEmail: boolean): string[][] {
  const head = [
    ...(rows[0]?.id !== undefined || withEmail ? ['id'] : []),
    ...(withEmail ? ['email'] : []),
    'subject',
    'events',
    'first_day',
    'last_day',
    'orgs',
    'exposed',
    'not_sent',
  ];
  const cells = rows.map((r) => [
    ...(r.id !== undefined ? [r.id] : []),
    ...(withEmail ? [r.email ?? ''] : []),
    r.subject,
    String(r.events),
    r.first_day,
    r.last_day,
    String(r.orgs),
    r.exposed.join(';'),
    r.not_sent.join(';'),
  ]);
  return [head, ...cells];
}

/** Header and cells of the window summary, one row per (category, form). */
export function summaryCells(s: ImpactSummary): string[][] {
  return [
    ['category', 'form', 'subjects', 'orgs', 'events'],
    ...s.categories.map((c) => [
      c.category,
      c.form,
      String(c.subjects),
      String(c.orgs),
      String(c.events),
    ]),
  ];
}
