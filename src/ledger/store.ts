/**
 * The disclosure ledger store (`<data_dir>/ledger.db`, SQLite): per (destination, subject, org,
 * day, category, form) a count, and a map from the pseudonym each vendor received to the ledger
 * subject. Writes come in batches from the aggregator (`flush`); `veil impact` reads.
 */
import type Database from 'better-sqlite3';
import { openLedgerDatabase } from './schema.js';
import type { Form, LedgerDelta } from './types.js';
import { validDelta, VENDOR_PSEUDONYM } from './validate.js';

/** Options of `openLedgerStore`. */
export interface LedgerStoreOptions {
  /** The database file; created (directory 0700, file 0600) when missing. */
  readonly path: string;
  /** Clock in ms since the epoch (for `prune`); default Date.now. */
  readonly now?: () => number;
}

/** What one `flush` did. */
export interface FlushResult {
  /** Deltas added to the counts. */
  readonly written: number;
  /** Deltas refused: not a pseudonym, bad day/category/form/count (never stored, never logged). */
  readonly skipped: number;
}

/** A closed window of UTC days for one destination (`from` ≤ day ≤ `to`, `YYYY-MM-DD`). */
export interface Window {
  readonly destination: string;
  readonly from: string;
  readonly to: string;
}

/** Subjects, orgs and events that carried one category in one form. */
export interface CategoryCount {
  readonly category: string;
  readonly form: Form;
  readonly subjects: number;
  readonly orgs: number;
  readonly events: number;
}

/** The answer to "what went to this destination in this window". */
export interface ImpactSummary extends Window {
  /** Distinct subjects with any count in the window. */
  readonly subjects: number;
  /** Distinct orgs with any count in the window. */
  readonly orgs: number;
  /** Events sent (the pseudo category `*`). */
  readonly events: number;
  /** Real categories (not `*`), sorted by category then form. */
  readonly categories: readonly CategoryCount[];
}

/** What one subject had sent in a window. */
export interface SubjectExposure {
  readonly subject: string;
  readonly events: number;
  readonly firstDay: string;
  readonly lastDay: string;
  /** Org pseudonyms seen with the subject, sorted. */
  readonly orgs: readonly string[];
  /** Real categories with the events that carried them, sorted by category then form. */
  readonly categories: readonly { category: string; form: Form; events: number }[];
}

/** The ledger store. Not safe across `close()`. */
export interface LedgerStore {
  /** Upsert-add `deltas` in one transaction; invalid deltas are skipped and counted. */
  flush(deltas: readonly LedgerDelta[]): FlushResult;
  /** Delete counts and map entries whose day is more than `retentionDays` before today (UTC). */
  prune(retentionDays: number): number;
  /** Totals and per-(category, form) counts for `w`. */
  impact(w: Window): ImpactSummary;
  /** Exposure of each of `subjects` that has counts in `w` (others are absent from the map). */
  exposure(w: Window, subjects: Iterable<string>): Map<string, SubjectExposure>;
  /** Ledger subject of each vendor pseudonym of `destination` that the map knows. */
  resolve(destination: string, vendorSubjects: Iterable<string>): Map<string, string>;
  /** Close the database; idempotent. */
  close(): void;
}

const DAY_MS = 86_400_000;

function prepareWrites(db: Database.Database) {
  return {
    upsert: db.prepare(
      `INSERT INTO counts (destination, category, form, day, subject, org, count)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT DO UPDATE SET count = count + excluded.count`,
    ),
    map: db.prepare(
      `INSERT INTO subject_map (destination, vendor_subject, subject, last_day) VALUES (?, ?, ?, ?)
       ON CONFLICT DO UPDATE SET subject = excluded.subject,
         last_day = max(last_day, excluded.last_day)`,
    ),
    pruneCounts: db.prepare('DELETE FROM counts WHERE day < ?'),
    pruneMap: db.prepare('DELETE FROM subject_map WHERE last_day < ?'),
  };
}

function prepare(db: Database.Database) {
  return {
    ...prepareWrites(db),
    // Streams in primary-key order: one row per (category, form, subject, org) in the window.
    groups: db
      .prepare(
        `SELECT category, form, subject, org, SUM(count) FROM counts
         WHERE destination = ? AND day BETWEEN ? AND ? GROUP BY category, form, subject, org
         ORDER BY category, form, subject, org`,
      )
      .raw(),
    subjects: db
      .prepare(
        `SELECT COUNT(*) FROM (SELECT subject FROM counts INDEXED BY counts_by_subject
         WHERE destination = ? AND day BETWEEN ? AND ? GROUP BY subject)`,
      )
      .pluck(),
    subject: db.prepare(
      `SELECT category, form, day, org, count FROM counts INDEXED BY counts_by_subject
       WHERE destination = ? AND subject = ? AND day BETWEEN ? AND ?`,
    ),
    lookup: db
      .prepare('SELECT subject FROM subject_map WHERE destination = ? AND vendor_subject = ?')
      .pluck(),
  };
}

type Queries = ReturnType<typeof prepare>;

function createFlush(db: Database.Database, q: Queries) {
  return db.transaction((deltas: readonly LedgerDelta[]): FlushResult => {
    let written = 0;
    // A subject's deltas repeat its vendor pseudonym once per category: map it once per flush.
    const mapped = new Set<string>();
    for (const d of deltas) {
      if (!validDelta(d)) continue;
      q.upsert.run(d.destination, d.category, d.form, d.day, d.subject, d.org ?? '', d.count);
      // Only Veil's own vendor pseudonyms are mapped: a raw id the policy passed is not stored
      // (`veil impact --leaked` recomputes ledger pseudonyms of raw ids instead).
      if (typeof d.vendorSubject === 'string' && VENDOR_PSEUDONYM.test(d.vendorSubject)) {
        const k = `${d.destination}\u0000${d.vendorSubject}\u0000${d.day}`;
        if (!mapped.has(k)) {
          mapped.add(k);
          q.map.run(d.destination, d.vendorSubject, d.subject, d.day);
        }
      }
      written++;
    }
    return { written, skipped: deltas.length - written };
  });
}

function createPrune(db: Database.Database, q: Queries, now: () => number) {
  const run = db.transaction((cutoff: string) => {
    const n = q.pruneCounts.run(cutoff).changes;
    q.pruneMap.run(cutoff);
    return n;
  });
  return (retentionDays: number): number => {
    if (!Number.isInteger(retentionDays) || retentionDays < 0)
      throw new RangeError('retentionDays must be a non-negative integer');
    const today = Math.floor(now() / DAY_MS) * DAY_MS;
    return run.immediate(new Date(today - retentionDays * DAY_MS).toISOString().slice(0, 10));
  };
}

interface Group {
  category: string;
  form: Form;
  subjects: number;
  orgs: Set<string>;
  events: number;
  last: string;
}

function summarize(q: Queries, w: Window): ImpactSummary {
  const args = [w.destination, w.from, w.to] as const;
  const groups = new Map<string, Group>();
  const allOrgs = new Set<string>();
  let g: Group | undefined;
  for (const row of q.groups.iterate(...args)) {
    const [category, form, subject, org, events] = row as [string, Form, string, string, number];
    if (g === undefined || g.category !== category || g.form !== form) {
      g = { category, form, subjects: 0, orgs: new Set(), events: 0, last: '' };
      groups.set(`${category} ${form}`, g);
    }
    // Rows arrive ordered by subject within a group: a new subject is a change of subject.
    if (subject !== g.last) {
      g.subjects++;
      g.last = subject;
    }
    if (org !== '') {
      g.orgs.add(org);
      allOrgs.add(org);
    }
    g.events += events;
  }
  const subjects = q.subjects.get(...args) as number;
  let events = 0;
  for (const r of groups.values()) if (r.category === '*') events += r.events;
  const categories = [...groups.values()]
    .filter((r) => r.category !== '*')
    .map((r) => ({
      category: r.category,
      form: r.form,
      subjects: r.subjects,
      orgs: r.orgs.size,
      events: r.events,
    }))
    .sort((a, b) => cmp(a.category, b.category) || cmp(a.form, b.form));
  return { ...w, subjects, orgs: allOrgs.size, events, categories };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface CountRow {
  category: string;
  form: Form;
  day: string;
  org: string;
  count: number;
}

function exposureOf(subject: string, rows: readonly CountRow[]): SubjectExposure {
  const orgs = new Set<string>();
  const cats = new Map<string, { category: string; form: Form; events: number }>();
  let events = 0;
  let firstDay = rows[0]!.day;
  let lastDay = firstDay;
  for (const r of rows) {
    if (r.org !== '') orgs.add(r.org);
    if (r.day < firstDay) firstDay = r.day;
    if (r.day > lastDay) lastDay = r.day;
    if (r.category === '*') {
      events += r.count;
      continue;
    }
    const k = `${r.category} ${r.form}`;
    const c = cats.get(k) ?? { category: r.category, form: r.form, events: 0 };
    c.events += r.count;
    cats.set(k, c);
  }
  const categories = [...cats.values()].sort(
    (a, b) => cmp(a.category, b.category) || cmp(a.form, b.form),
  );
  return { subject, events, firstDay, lastDay, orgs: [...orgs].sort(), categories };
}

/** Open (creating when missing) the ledger store at `path`. */
export function openLedgerStore(options: LedgerStoreOptions): LedgerStore {
  const db = openLedgerDatabase(options.path);
  const now = options.now ?? Date.now;
  const q = prepare(db);
  const flush = createFlush(db, q);
  const prune = createPrune(db, q, now);
  return {
    flush: (deltas) => flush.immediate(deltas),
    prune,
    impact: (w) => summarize(q, w),
    exposure(w, subjects) {
      const out = new Map<string, SubjectExposure>();
      for (const s of subjects) {
        if (out.has(s)) continue;
        const rows = q.subject.all(w.destination, s, w.from, w.to) as CountRow[];
        if (rows.length > 0) out.set(s, exposureOf(s, rows));
      }
      return out;
    },
    resolve(destination, vendorSubjects) {
      const out = new Map<string, string>();
      for (const v of vendorSubjects) {
        const s = q.lookup.get(destination, v) as string | undefined;
        if (s !== undefined) out.set(v, s);
      }
      return out;
    },
    close() {
      if (db.open) db.close();
    },
  };
}
