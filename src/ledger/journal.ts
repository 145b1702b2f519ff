/**
 * The ledger's write-ahead journal entries (kept in the outbox, docs/ledger.md "Crashes"): their
 * rows, as the gateway's tally writes them and as the gateway and `veil impact` read them.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { forEachCell } from './subject-day.js';
import type { LedgerDay } from './types.js';

/** One journal entry's rows: `[destination, day, subject, org or '', vendor subject or '', counts]`. */
export type JournalRow = readonly [string, string, string, string, string, string];

/** The rows of a journal entry's `data`; throws on anything but an array of six-string rows. */
export function journalRows(data: string): LedgerDay[] {
  const parsed: unknown = JSON.parse(data);
  if (!Array.isArray(parsed)) throw new TypeError('a ledger journal entry is not an array');
  return parsed.map((r: unknown) => {
    if (!Array.isArray(r) || r.length !== 6 || r.some((x) => typeof x !== 'string'))
      throw new TypeError('a ledger journal row is not six strings');
    const [destination, day, subject, org, vendorSubject, counts] = r as unknown as JournalRow;
    return {
      destination,
      day,
      subject,
      counts,
      ...(org !== '' && { org }),
      ...(vendorSubject !== '' && { vendorSubject }),
    };
  });
}

/** What the journal holds that the ledger has not written (epochs after the ledger's). */
export interface Pending {
  /** Journal entries of those epochs. */
  readonly entries: number;
  /** Entries that could not be read (not the journal's format); their counts are not in `days`. */
  readonly unreadable: number;
  /** Their subject-day rows for the destination asked about. */
  readonly days: readonly LedgerDay[];
}

/**
 * The rows for `destination` in the journal of the outbox at `outboxPath` whose epoch is after
 * `applied` (the ledger's), read without writing; undefined when there is no outbox or it has no
 * journal (a database older than the journal).
 */
export function readPending(
  outboxPath: string,
  applied: number,
  destination: string,
): Pending | undefined {
  if (!existsSync(outboxPath)) return undefined;
  const db = new Database(outboxPath, { readonly: true, fileMustExist: true, timeout: 5_000 });
  try {
    const has = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ledger_journal'")
      .get();
    if (has === undefined) return undefined;
    const rows = db.prepare('SELECT data FROM ledger_journal WHERE epoch > ?').pluck().all(applied);
    const days: LedgerDay[] = [];
    let unreadable = 0;
    for (const data of rows as string[]) {
      let entry: LedgerDay[];
      try {
        entry = journalRows(data);
      } catch {
        unreadable++;
        continue;
      }
      for (const d of entry) if (d.destination === destination) days.push(d);
    }
    return { entries: rows.length, unreadable, days };
  } finally {
    db.close();
  }
}

/** Events (the pseudo category `*`) and distinct subjects of `days` in the UTC days `from`..`to`. */
export function pendingInWindow(
  days: readonly LedgerDay[],
  from: string,
  to: string,
): { readonly events: number; readonly subjects: number } {
  let events = 0;
  const subjects = new Set<string>();
  for (const d of days) {
    if (d.day < from || d.day > to) continue;
    subjects.add(d.subject);
    forEachCell(d.counts, (key, n) => {
      if (key.startsWith('*:')) events += n;
    });
  }
  return { events, subjects: subjects.size };
}
