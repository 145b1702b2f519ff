/**
 * The ledger database (`<data_dir>/ledger.db`): a file of its own, so its retention, backups
 * and access can differ from the outbox's. WAL, mode 0600, schema version in `user_version`.
 *
 * It holds only ledger pseudonyms (`l1_…`), vendor pseudonyms (`k1_…`), destination names,
 * category names, forms, UTC days and counts — never a raw identifier or value.
 */
import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The schema version this code writes; version 2 is brought to it, any other is refused
 * (version 1, one row per category × form, predates any deployment: delete that `ledger.db` to
 * start over).
 */
export const LEDGER_SCHEMA_VERSION = 3;

// subject_days: one row per (destination, day, subject, org) — one write per subject-day per
// flush. `counts` is the compact encoding of category × form → count (subject-day.ts), the
// pseudo category `*` (events) included; `org` is '' for none. A rowid table (rows are appended)
// whose only index leads with (destination, day): a flush's new rows all fall in today's
// region, so a commit dirties few pages; a window query is one range of that index.
const SCHEMA = `CREATE TABLE subject_days (
     destination TEXT NOT NULL,
     day TEXT NOT NULL,
     subject TEXT NOT NULL,
     org TEXT NOT NULL,
     counts TEXT NOT NULL CHECK (counts <> ''),
     UNIQUE (destination, day, subject, org)
   ) STRICT;
   CREATE TABLE subject_map (
     destination TEXT NOT NULL,
     vendor_subject TEXT NOT NULL,
     subject TEXT NOT NULL,
     last_day TEXT NOT NULL,
     PRIMARY KEY (destination, vendor_subject)
   ) STRICT, WITHOUT ROWID;
   CREATE INDEX subject_map_by_day ON subject_map (last_day);`;

// Version 3: the last epoch of the write-ahead journal (kept in the outbox) whose counts are
// written here; one row at most. Entries of later epochs are replayed at the gateway's start.
const JOURNAL = `CREATE TABLE journal_applied (
     one INTEGER PRIMARY KEY CHECK (one = 1),
     epoch INTEGER NOT NULL CHECK (epoch >= 0)
   ) STRICT;`;

/** Open (creating when missing: directory 0700, file 0600) the ledger database at `path`. */
export function openLedgerDatabase(path: string): Database.Database {
  const dir = dirname(path);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  // SQLite creates the -wal and -shm files with the database file's permissions.
  closeSync(openSync(path, 'a', 0o600));
  const db = new Database(path, { timeout: 5_000 });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    migrate(db);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

/** An empty ledger database in memory (for answers that add counts without writing the file). */
export function openMemoryLedgerDatabase(): Database.Database {
  const db = new Database(':memory:');
  migrate(db);
  return db;
}

function migrate(db: Database.Database): void {
  const run = db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version === LEDGER_SCHEMA_VERSION) return;
    if (version !== 0 && version !== 2) {
      throw new Error(
        `ledger database schema version ${version} is not supported by this Veil ` +
          `(it needs ${LEDGER_SCHEMA_VERSION}); an older ledger.db can be deleted to start anew`,
      );
    }
    if (version === 0) db.exec(SCHEMA);
    db.exec(JOURNAL);
    db.pragma(`user_version = ${LEDGER_SCHEMA_VERSION}`);
  });
  run.immediate();
}
