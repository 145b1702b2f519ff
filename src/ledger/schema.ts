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

/** The schema version this code writes; a database with a newer version is refused. */
export const LEDGER_SCHEMA_VERSION = 1;

const MIGRATIONS: readonly string[] = [
  // counts: the primary key is ordered (destination, category, form, subject, org, day) so an
  // impact query is one covering scan whose GROUP BY streams (no temp b-tree, no sort);
  // `org` is '' for none. counts_by_subject serves per-user lookups. Pruning (daily) scans.
  `CREATE TABLE counts (
     destination TEXT NOT NULL,
     category TEXT NOT NULL,
     form TEXT NOT NULL,
     day TEXT NOT NULL,
     subject TEXT NOT NULL,
     org TEXT NOT NULL,
     count INTEGER NOT NULL CHECK (count > 0),
     PRIMARY KEY (destination, category, form, subject, org, day)
   ) STRICT, WITHOUT ROWID;
   CREATE INDEX counts_by_subject ON counts (destination, subject, day);
   CREATE TABLE subject_map (
     destination TEXT NOT NULL,
     vendor_subject TEXT NOT NULL,
     subject TEXT NOT NULL,
     last_day TEXT NOT NULL,
     PRIMARY KEY (destination, vendor_subject)
   ) STRICT, WITHOUT ROWID;
   CREATE INDEX subject_map_by_day ON subject_map (last_day);`,
];

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

function migrate(db: Database.Database): void {
  const run = db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > LEDGER_SCHEMA_VERSION) {
      throw new Error(
        `ledger database schema version ${version} is newer than this Veil supports (${LEDGER_SCHEMA_VERSION})`,
      );
    }
    for (let v = version; v < LEDGER_SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]!);
    if (version < LEDGER_SCHEMA_VERSION) db.pragma(`user_version = ${LEDGER_SCHEMA_VERSION}`);
  });
  run.immediate();
}
