/**
 * Opening the outbox database: directory and file permissions, pragmas, schema migrations. The
 * schema version lives in `PRAGMA user_version`; migrations run in order inside one transaction.
 */
import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/** The schema version this code writes; a database with a newer version is refused. */
export const SCHEMA_VERSION = 2;

/** How long a statement waits for another connection's write lock (the CLI, a backup), in ms. */
export const BUSY_TIMEOUT_MS = 5_000;

/** The schema's migrations: `MIGRATIONS[v]` takes version v to v + 1. */
export const MIGRATIONS: readonly string[] = [
  // 1: queued rows, dead rows, destination states. STRICT so a wrong type is an error.
  `CREATE TABLE queued (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     destination TEXT NOT NULL CHECK (destination <> ''),
     message_id TEXT NOT NULL CHECK (message_id <> ''),
     payload TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at INTEGER NOT NULL,
     lease_until INTEGER NOT NULL DEFAULT 0,
     created_at INTEGER NOT NULL,
     last_error TEXT
   ) STRICT;
   CREATE INDEX queued_ready ON queued (destination, next_attempt_at, id);
   CREATE TABLE dead (
     id INTEGER PRIMARY KEY,
     destination TEXT NOT NULL,
     message_id TEXT NOT NULL,
     payload TEXT NOT NULL,
     attempts INTEGER NOT NULL,
     created_at INTEGER NOT NULL,
     dead_at INTEGER NOT NULL,
     reason TEXT NOT NULL
   ) STRICT;
   CREATE INDEX dead_by_destination ON dead (destination, dead_at);
   CREATE TABLE destination_state (
     destination TEXT PRIMARY KEY,
     state TEXT NOT NULL CHECK (state IN ('active', 'paused', 'cut')),
     updated_at INTEGER NOT NULL
   ) STRICT;`,
  // 2: the disclosure ledger's write-ahead journal (ledger pseudonyms and counts only).
  `CREATE TABLE ledger_journal (
     id INTEGER PRIMARY KEY,
     epoch INTEGER NOT NULL CHECK (epoch > 0),
     data TEXT NOT NULL
   ) STRICT;`,
];

/** Durability of a commit: `full` survives power loss, `normal` (WAL) only process crashes. */
export type Synchronous = 'full' | 'normal';

/** Create the parent directory (0700) and the file (0600) when missing; existing ones are kept. */
function createFile(path: string): void {
  const dir = dirname(path);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  // SQLite creates the -wal and -shm files with the database file's permissions.
  closeSync(openSync(path, 'a', 0o600));
}

/** Bring the schema to SCHEMA_VERSION; throws when the file was written by a newer Veil. */
function migrate(db: Database.Database): void {
  const run = db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new Error(
        `outbox database schema version ${version} is newer than this Veil supports (${SCHEMA_VERSION})`,
      );
    }
    for (let v = version; v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]!);
    if (version < SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
  });
  run.immediate();
}

/**
 * Open (creating when missing) the outbox database at `path`: WAL journal, the given
 * `synchronous` level, a busy timeout so another process may hold the write lock briefly, and
 * the current schema. Throws when the file cannot be opened or has a newer schema.
 */
export function openDatabase(path: string, synchronous: Synchronous): Database.Database {
  createFile(path);
  const db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    migrate(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}
