/**
 * The disclosure ledger store (`<data_dir>/ledger.db`, SQLite): per (destination, subject, org,
 * day) one row holding a count per (category, form), and a map from the pseudonym each vendor
 * received to the ledger subject. Writes come in batches from the aggregator (`flush`, one
 * write per subject-day); `veil impact` reads.
 */
import type Database from 'better-sqlite3';
import { openLedgerDatabase, openMemoryLedgerDatabase } from './schema.js';
import {
  addCells,
  cellOf,
  forEachCell,
  groupDays,
  mergeCounts,
  packDeltas,
} from './subject-day.js';
import type { Form, LedgerDay, LedgerDelta } from './types.js';
import { VENDOR_PSEUDONYM } from './validate.js';

/** Options of `openLedgerStore`. */
export interface LedgerStoreOptions {
  /** The database file; created (directory 0700, file 0600) when missing. */
  readonly path: string;
  /** Clock in ms since the epoch (for `prune`); default Date.now. */
  readonly now?: () => number;
}

/** What one `flush` did. */
export interface FlushResult {
  /** Counts added (deltas, or cells of packed rows). */
  readonly written: number;
  /** Counts refused: not a pseudonym, bad day/category/form/count (never stored, never logged). */
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
  /** Upsert-add packed subject-day rows in one transaction; invalid rows and cells are skipped. */
  flushDays(rows: readonly LedgerDay[]): FlushResult;
  /** The last epoch of the write-ahead journal whose counts are written here (0: none). */
  appliedEpoch(): number;
  /** The journal's epochs up to `epoch` are written here (an older epoch changes nothing). */
  markApplied(epoch: number): void;
  /** Delete counts and map entries whose day is more than `retentionDays` before today (UTC). */
  prune(retentionDays: number): number;
  /** Totals and per-(category, form) counts for `w`. */
  impact(w: Window): ImpactSummary;
  /** Exposure of each of `subjects` that has counts in `w` (others are absent from the map). */
  exposure(w: Window, subjects: Iterable<string>): Map<string, SubjectExposure>;
  /** Ledger subject of each vendor pseudonym of `destination` that the map knows. */
  resolve(destination: string, vendorSubjects: Iterable<string>): Map<string, string>;
  /**
   * A copy in memory of what the ledger holds for `w` (its destination's rows of the window's
   * days, and its destination's vendor pseudonyms), to add counts to for one answer about `w`
   * without writing them to the file (`veil impact` adds the journal's). It answers questions
   * about `w` (or a window inside it) as the ledger would; its memory is that window's rows.
   */
  copyWindow(w: Window): LedgerStore;
  /** Close the database; idempotent. */
  close(): void;
}

const DAY_MS = 86_400_000;

/** The SQL function that adds a flush's counts to the stored ones (`mergeCounts`). */
const MERGE_FN = 'veil_merge_counts';

function prepareWrites(db: Database.Database) {
  // Both values are valid encodings (stored ones were validated when written): merging them
  // cannot throw. Only this connection's statements can call it (not triggers or views).
  db.function(MERGE_FN, { deterministic: true, directOnly: true }, (a: unknown, b: unknown) =>
    mergeCounts(a as string, b as string),
  );
  return {
    // One statement per subject-day: a new one is inserted, a stored one gets the counts added.
    write: db.prepare(
      `INSERT INTO subject_days (destination, day, subject, org, counts) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT DO UPDATE SET counts = ${MERGE_FN}(counts, excluded.counts)`,
    ),
    map: db.prepare(
      `INSERT INTO subject_map (destination, vendor_subject, subject, last_day) VALUES (?, ?, ?, ?)
       ON CONFLICT DO UPDATE SET subject = excluded.subject,
         last_day = max(last_day, excluded.last_day)
       WHERE subject <> excluded.subject OR last_day < excluded.last_day`,
    ),
    // The number of (category, form) counts in the rows to prune: one per `;`-separated entry.
    pruned: db
      .prepare(
        `SELECT COALESCE(SUM(length(counts) - length(replace(counts, ';', '')) + 1), 0)
         FROM subject_days WHERE day < ?`,
      )
      .pluck(),
    applied: db.prepare('SELECT epoch FROM journal_applied').pluck(),
    markApplied: db.prepare(
      `INSERT INTO journal_applied (one, epoch) VALUES (1, ?)
       ON CONFLICT DO UPDATE SET epoch = max(epoch, excluded.epoch)`,
    ),
    pruneCounts: db.prepare('DELETE FROM subject_days WHERE day < ?'),
    pruneMap: db.prepare('DELETE FROM subject_map WHERE last_day < ?'),
  };
}

function prepare(db: Database.Database) {
  return {
    ...prepareWrites(db),
    // One range of the (destination, day, …) index, sorted so a subject's rows are adjacent.
    rows: db
      .prepare(
        `SELECT subject, org, counts FROM subject_days
         WHERE destination = ? AND day BETWEEN ? AND ? ORDER BY subject`,
      )
      .raw(),
    window: db
      .prepare(
        `SELECT subject, day, org, counts FROM subject_days
         WHERE destination = ? AND day BETWEEN ? AND ?`,
      )
      .raw(),
    lookup: db
      .prepare('SELECT subject FROM subject_map WHERE destination = ? AND vendor_subject = ?')
      .pluck(),
    mapOf: db
      .prepare('SELECT vendor_subject, subject, last_day FROM subject_map WHERE destination = ?')
      .raw(),
  };
}

type Queries = ReturnType<typeof prepare>;

/** Known vendor-pseudonym mappings kept in memory, at most (then the set starts anew). */
const KNOWN_MAPPINGS = 50_000;

function createFlush(db: Database.Database, q: Queries) {
  // (destination, vendor subject, subject, day) already in subject_map: such a row is not
  // written again. Filled only after a commit, emptied by `forget` (prune).
  let known = new Set<string>();
  const run = db.transaction((rows: readonly LedgerDay[], mapped: Set<string>): FlushResult => {
    const { days, written, skipped } = groupDays(rows, (r) => {
      if (typeof r.vendorSubject !== 'string') return;
      const m = `${r.destination}\u0000${r.vendorSubject}\u0000${r.subject}\u0000${r.day}`;
      if (known.has(m) || mapped.has(m)) return;
      mapped.add(m);
      // Only Veil's own vendor pseudonyms are mapped: a raw id the policy passed is not stored
      // (`veil impact --leaked` recomputes ledger pseudonyms of raw ids instead).
      if (VENDOR_PSEUDONYM.test(r.vendorSubject))
        q.map.run(r.destination, r.vendorSubject, r.subject, r.day);
    });
    // One upsert per subject-day.
    for (const sd of days) q.write.run(...sd.key, sd.counts);
    return { written, skipped };
  });
  return {
    flush(rows: readonly LedgerDay[]): FlushResult {
      const mapped = new Set<string>();
      const r = run.immediate(rows, mapped);
      if (known.size + mapped.size > KNOWN_MAPPINGS) known = new Set();
      for (const m of mapped) known.add(m);
      return r;
    },
    forget(): void {
      known = new Set();
    },
  };
}

function createPrune(db: Database.Database, q: Queries, now: () => number) {
  const run = db.transaction((cutoff: string) => {
    const n = q.pruned.get(cutoff) as number;
    q.pruneCounts.run(cutoff);
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

/** Per cell key, its group; rows arrive ordered by subject. */
function scanGroups(q: Queries, w: Window) {
  const groups = new Map<string, Group>();
  const allOrgs = new Set<string>();
  let subjects = 0;
  let last = '';
  let org = '';
  let subject = '';
  const add = (key: string, count: number) => {
    let g = groups.get(key);
    if (g === undefined) {
      g = { ...cellOf(key), subjects: 0, orgs: new Set(), events: 0, last: '' };
      groups.set(key, g);
    }
    // A subject's rows are adjacent: a new subject is a change of subject.
    if (subject !== g.last) {
      g.subjects++;
      g.last = subject;
    }
    if (org !== '') g.orgs.add(org);
    g.events += count;
  };
  for (const row of q.rows.iterate(w.destination, w.from, w.to)) {
    const [s, o, counts] = row as [string, string, string];
    subject = s;
    org = o;
    if (s !== last) {
      subjects++;
      last = s;
    }
    if (o !== '') allOrgs.add(o);
    forEachCell(counts, add);
  }
  return { groups, subjects, orgs: allOrgs.size };
}

function summarize(q: Queries, w: Window): ImpactSummary {
  const { groups, subjects, orgs } = scanGroups(q, w);
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
  return { ...w, subjects, orgs, events, categories };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function exposureOf(subject: string, rows: readonly [string, string, string][]): SubjectExposure {
  const orgs = new Set<string>();
  const cells = new Map<string, number>();
  let firstDay = rows[0]![0];
  let lastDay = firstDay;
  for (const [day, org, counts] of rows) {
    if (org !== '') orgs.add(org);
    if (day < firstDay) firstDay = day;
    if (day > lastDay) lastDay = day;
    addCells(cells, counts);
  }
  let events = 0;
  const categories: { category: string; form: Form; events: number }[] = [];
  for (const [k, n] of cells) {
    const c = cellOf(k);
    if (c.category === '*') events += n;
    else categories.push({ ...c, events: n });
  }
  categories.sort((a, b) => cmp(a.category, b.category) || cmp(a.form, b.form));
  return { subject, events, firstDay, lastDay, orgs: [...orgs].sort(), categories };
}

/** Open (creating when missing) the ledger store at `path`. */
export function openLedgerStore(options: LedgerStoreOptions): LedgerStore {
  return storeOf(openLedgerDatabase(options.path), options.now ?? Date.now);
}

/** The store on an open, migrated ledger database. */
function storeOf(db: Database.Database, now: () => number): LedgerStore {
  const q = prepare(db);
  const flush = createFlush(db, q);
  const prune = createPrune(db, q, now);
  return {
    flush(deltas) {
      const { rows, skipped } = packDeltas(deltas);
      const r = flush.flush(rows);
      return { written: r.written, skipped: r.skipped + skipped };
    },
    flushDays: (rows) => flush.flush(rows),
    appliedEpoch: () => (q.applied.get() as number | undefined) ?? 0,
    markApplied(epoch) {
      q.markApplied.run(epoch);
    },
    prune(retentionDays) {
      flush.forget();
      return prune(retentionDays);
    },
    impact: (w) => summarize(q, w),
    exposure(w, subjects) {
      const wanted = new Set(subjects);
      const rows = new Map<string, [string, string, string][]>();
      if (wanted.size > 0) {
        // One scan of the window (the index leads with the day, not the subject).
        for (const row of q.window.iterate(w.destination, w.from, w.to)) {
          const [s, day, org, counts] = row as [string, string, string, string];
          if (!wanted.has(s)) continue;
          const list = rows.get(s);
          if (list === undefined) rows.set(s, [[day, org, counts]]);
          else list.push([day, org, counts]);
        }
      }
      const out = new Map<string, SubjectExposure>();
      for (const s of wanted) {
        const list = rows.get(s);
        if (list !== undefined) out.set(s, exposureOf(s, list));
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
    copyWindow(w) {
      const mem = openMemoryLedgerDatabase();
      try {
        const insertDay = mem.prepare(
          'INSERT INTO subject_days (destination, day, subject, org, counts) VALUES (?, ?, ?, ?, ?)',
        );
        const insertMap = mem.prepare(
          'INSERT INTO subject_map (destination, vendor_subject, subject, last_day) VALUES (?, ?, ?, ?)',
        );
        mem.transaction(() => {
          const subjects = new Set<string>();
          for (const row of q.window.iterate(w.destination, w.from, w.to)) {
            const [subject, day, org, counts] = row as [string, string, string, string];
            insertDay.run(w.destination, day, subject, org, counts);
            subjects.add(subject);
          }
          // Only the vendor pseudonyms of subjects with counts in the window can resolve to an
          // answer about it.
          for (const row of q.mapOf.iterate(w.destination)) {
            const [vendor, subject, lastDay] = row as [string, string, string];
            if (subjects.has(subject)) insertMap.run(w.destination, vendor, subject, lastDay);
          }
        })();
        const copy = storeOf(mem, now);
        copy.markApplied((q.applied.get() as number | undefined) ?? 0);
        return copy;
      } catch (e) {
        mem.close();
        throw e;
      }
    },
    close() {
      if (db.open) db.close();
    },
  };
}
