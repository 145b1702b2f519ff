/**
 * Opening `inventory.db`: directory 0700, file 0600, WAL, a busy timeout (the CLI may read while
 * the gateway writes), and the schema, versioned in `PRAGMA user_version`.
 */
import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/** The schema version this code writes; a newer file is refused. */
export const INVENTORY_SCHEMA_VERSION = 1;
const BUSY_TIMEOUT_MS = 5_000;

const MIGRATIONS: readonly string[] = [
  // 1: one row per (source, destination, event, path); sets are sorted JSON string arrays.
  `CREATE TABLE fields (
     source TEXT NOT NULL,
     destination TEXT NOT NULL,
     event TEXT NOT NULL,
     path TEXT NOT NULL,
     count INTEGER NOT NULL CHECK (count >= 0),
     first_seen INTEGER NOT NULL,
     last_seen INTEGER NOT NULL,
     types TEXT NOT NULL,
     before TEXT NOT NULL,
     outcomes TEXT NOT NULL,
     after TEXT NOT NULL,
     PRIMARY KEY (source, destination, event, path)
   ) STRICT, WITHOUT ROWID;`,
];

/** Open (creating when missing) the inventory database at `path`; throws on failure. */
export function openInventoryDatabase(path: string): Database.Database {
  const dir = dirname(path);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  // SQLite creates the -wal and -shm files with the database file's permissions.
  closeSync(openSync(path, 'a', 0o600));
  const db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  try {
    db.pragma('journal_mode = WAL');
    // Losing the last flush on power loss costs a repeated alert at worst.
    db.pragma('synchronous = NORMAL');
    db.transaction(() => {
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > INVENTORY_SCHEMA_VERSION)
        throw new Error(
          `inventory database schema version ${version} is newer than this Veil supports`,
        );
      for (let v = version; v < INVENTORY_SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]!);
      if (version < INVENTORY_SCHEMA_VERSION)
        db.pragma(`user_version = ${INVENTORY_SCHEMA_VERSION}`);
    }).immediate();
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}
