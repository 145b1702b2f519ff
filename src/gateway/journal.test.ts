/**
 * The ledger's write-ahead journal: the tally's counts since the outbox's last commit are
 * committed with the rows, hold no raw id, survive a gateway that never flushed, are written to
 * the ledger once (at the next start, or by the flush that drained their epoch), and a failed
 * commit hands them back.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { ConfigSchema } from '../config/schema.js';
import { addCells } from '../ledger/subject-day.js';
import { openLedgerStore } from '../ledger/store.js';
import { createLedgerPseudonymizer } from '../ledger/subject.js';
import { parseMasterKey } from '../policy/keys.js';
import { openSqliteOutbox } from '../store/sqlite/outbox.js';
import type { JournalEntry, Outbox } from '../store/types.js';
import { createMetrics } from './metrics.js';
import { journalRows } from '../ledger/journal.js';
import { createLedgerTally, type LedgerNotes } from './observe.js';
import { createRecordKeeper } from './records.js';

const master = parseMasterKey('c4'.repeat(32), 'given');
const pseudonym = createLedgerPseudonymizer(master);
const NOW = Date.UTC(2026, 10, 24, 21, 0);
const DAY = '2026-11-24';
const EMAIL_CELLS = 'user.contact.email:5';

/** Notes of `n` events of users `u-from`… (raw ids, as a worker sends them), each with an e-mail redacted. */
function notes(from: number, n: number, org = ''): LedgerNotes {
  const items: string[] = [];
  for (let i = 0; i < n; i++) items.push('vendor', `raw-user-${from + i}`, org, '', EMAIL_CELLS);
  return { now: NOW, items };
}

/** Sum of every cell of `rows` (for `*`: the events), by cell key. */
function cellsOf(rows: readonly { counts: string }[]): Map<string, number> {
  const cells = new Map<string, number>();
  for (const r of rows) addCells(cells, r.counts);
  return cells;
}

const rowsOf = (entries: readonly JournalEntry[]) => entries.flatMap((e) => journalRows(e.data));

describe('ledger journal: the tally', () => {
  it('hands over what it counted since the last take, under ledger pseudonyms only', () => {
    const tally = createLedgerTally(pseudonym, { journal: true });
    tally.startAt(7);
    tally.add(notes(0, 3, 'raw-org-1'));
    tally.add(notes(0, 2, 'raw-org-1')); // the same users again
    const first = tally.take();
    assert.equal(first.length, 1);
    assert.equal(first[0]!.epoch, 7);
    const rows = rowsOf(first);
    assert.equal(rows.length, 3, 'one row per subject-day');
    assert.equal(cellsOf(rows).get('*:0'), 5, 'five events');
    for (const r of rows) {
      assert.match(r.subject, /^l1_/);
      assert.match(r.org!, /^l1_/);
      assert.equal(r.day, DAY);
    }
    assert.ok(!first[0]!.data.includes('raw-'), 'a raw id in the journal');
    assert.deepEqual(tally.take(), [], 'taken once');
    tally.add(notes(1, 1, 'raw-org-1'));
    const second = rowsOf(tally.take());
    assert.equal(second.length, 1);
    assert.equal(cellsOf(second).get('*:0'), 1, 'only what was counted since');
    // The tally itself still holds everything until drained.
    assert.equal(cellsOf([...tally.drain()]).get('*:0'), 6);
  });

  it('a drain seals what was not taken under its epoch and counts into the next', () => {
    const tally = createLedgerTally(pseudonym, { journal: true });
    tally.startAt(3);
    tally.add(notes(0, 4));
    assert.equal(tally.epoch(), 3);
    void [...tally.drain()];
    assert.equal(tally.epoch(), 4);
    tally.add(notes(10, 2));
    const entries = tally.take();
    assert.deepEqual(
      entries.map((e) => [e.epoch, cellsOf(journalRows(e.data)).get('*:0')]),
      [
        [3, 4],
        [4, 2],
      ],
    );
    // Given back after a failed commit: taken again, before anything newer.
    tally.restore(entries);
    tally.add(notes(20, 1));
    assert.deepEqual(
      tally.take().map((e) => e.epoch),
      [3, 4, 4],
    );
  });

  it('a tally without a journal keeps none', () => {
    const tally = createLedgerTally(pseudonym);
    tally.add(notes(0, 2));
    assert.equal('take' in tally, false);
    assert.equal(cellsOf([...tally.drain()]).get('*:0'), 2);
  });

  it('journal entries that are not six-string rows are refused', () => {
    assert.throws(() => journalRows('{}'), /not an array/);
    assert.throws(() => journalRows('[["a","b"]]'), /six strings/);
    assert.throws(() => journalRows('[[1,2,3,4,5,6]]'), /six strings/);
  });
});

/** A gateway's parts over `dir`: the SQLite outbox, a journaling tally and the record keeper. */
function partsIn(dir: string, withJournal = true) {
  const config = ConfigSchema.parse({
    version: 1,
    data_dir: dir,
    inventory: { enabled: false },
    ledger: { flush_interval_ms: 3_600_000 },
    destinations: { vendor: { type: 'file', path: join(dir, 'out.ndjson') } },
  });
  const outbox = openSqliteOutbox({ path: join(dir, 'veil.db') });
  const tally = createLedgerTally(pseudonym, { journal: true });
  const keep = () =>
    createRecordKeeper(config, {
      log: pino({ level: 'silent' }),
      metrics: createMetrics(() => []),
      pullLedger: () => tally.drain(),
      ...(withJournal && {
        journal: {
          entries: () => outbox.journal(),
          epoch: () => tally.epoch(),
          resume: (e: number) => tally.startAt(e),
          written: (e: number) => void outbox.dropJournal(e),
        },
      }),
    });
  let keeper: ReturnType<typeof keep>;
  try {
    keeper = keep();
  } catch (e) {
    void outbox.close();
    throw e;
  }
  assert.ok(keeper);
  if (withJournal) outbox.attachJournal(tally);
  return { outbox, tally, keeper };
}

/** Events in the ledger of `dir`, by cell. */
function ledgerCells(dir: string): Map<string, number> {
  const db = new Database(join(dir, 'ledger.db'), { readonly: true });
  try {
    return cellsOf(db.prepare('SELECT counts FROM subject_days').all() as { counts: string }[]);
  } finally {
    db.close();
  }
}

/** Commit one row per event of `n`, as a request's enqueue does after its notes were tallied. */
async function request(o: Outbox, from: number, n: number): Promise<void> {
  const rows = Array.from({ length: n }, (_, i) => ({
    destination: 'vendor',
    messageId: `m-${from + i}`,
    payload: '{}',
  }));
  await o.enqueue(rows);
}

const ticks = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

describe('ledger journal: through the outbox and the record keeper', () => {
  it('counts of committed events survive a gateway that never flushed, and are written once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'veil-journal-'));
    try {
      const a = partsIn(dir);
      a.tally.add(notes(0, 40));
      await request(a.outbox, 0, 40);
      a.tally.add(notes(40, 25));
      await request(a.outbox, 40, 25);
      const held = a.outbox.journal();
      assert.equal(cellsOf(rowsOf(held)).get('*:0'), 65, 'every committed event is journaled');
      assert.ok(!JSON.stringify(held).includes('raw-user'), 'a raw id in the journal');
      // The process dies: the keeper never flushes, the tally is gone.
      await a.outbox.close();
      assert.equal(ledgerCells(dir).size, 0, 'nothing was written to the ledger');

      const b = partsIn(dir);
      const cells = ledgerCells(dir);
      assert.equal(cells.get('*:0'), 65, 'replayed at start');
      assert.equal(cells.get(EMAIL_CELLS), 65);
      assert.deepEqual(b.outbox.journal(), [], 'replayed entries are dropped');
      assert.ok(b.tally.epoch() > held[held.length - 1]!.epoch, 'counting goes on after them');

      // A normal run: counted, committed, flushed, marked written, dropped.
      b.tally.add(notes(100, 10));
      await request(b.outbox, 100, 10);
      assert.equal(b.outbox.journal().length, 1);
      b.keeper.flush();
      await ticks(10);
      assert.equal(ledgerCells(dir).get('*:0'), 75);
      assert.deepEqual(b.outbox.journal(), [], 'written epochs leave the journal');
      // An entry of a written epoch committed late (sealed at the drain, committed after the
      // mark) is not counted again at the next start.
      b.tally.add(notes(200, 5));
      void [...b.tally.drain()]; // sealed under the epoch the keeper will mark...
      b.keeper.flush(); // ...which writes nothing more, then marks it
      await ticks(10);
      await request(b.outbox, 200, 5); // the sealed entry is committed now
      assert.equal(b.outbox.journal().length, 1);
      await b.outbox.close();
      b.keeper.close();

      const c = partsIn(dir);
      assert.equal(ledgerCells(dir).get('*:0'), 75, 'an entry of a written epoch counted twice');
      assert.deepEqual(c.outbox.journal(), []);
      c.keeper.close();
      await c.outbox.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a commit that fails hands the entries back; the next commit carries them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'veil-journal-fail-'));
    try {
      const outbox = openSqliteOutbox({ path: join(dir, 'veil.db') });
      const bad: JournalEntry = { epoch: 0, data: '[]' }; // the table refuses epoch 0
      const good: JournalEntry = { epoch: 2, data: '[]' };
      let pending: JournalEntry[] = [bad, good];
      const restored: JournalEntry[][] = [];
      outbox.attachJournal({
        take: () => {
          const out = pending;
          pending = [];
          return out;
        },
        restore: (e) => {
          restored.push([...e]);
          pending = [...e.filter((x) => x.epoch > 0), ...pending];
        },
      });
      await assert.rejects(request(outbox, 0, 3), 'the whole transaction fails');
      assert.equal(outbox.depth(), 0, 'no row of the failed transaction is kept');
      assert.deepEqual(restored, [[bad, good]]);
      await request(outbox, 3, 2);
      assert.equal(outbox.depth(), 2);
      assert.deepEqual(outbox.journal(), [good]);
      assert.equal(outbox.dropJournal(1), 0);
      assert.equal(outbox.dropJournal(2), 1);
      await outbox.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a journal the ledger cannot take fails the start and stays for the next one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'veil-journal-stuck-'));
    try {
      const a = partsIn(dir);
      a.tally.add(notes(0, 4));
      await request(a.outbox, 0, 4);
      await a.outbox.close();
      // The ledger refuses new subject-days (a trigger stands in for a broken disk).
      const ledger = openLedgerStore({ path: join(dir, 'ledger.db') });
      ledger.close();
      const db = new Database(join(dir, 'ledger.db'));
      db.exec(
        `CREATE TRIGGER no_writes BEFORE INSERT ON subject_days
         BEGIN SELECT RAISE(ABORT, 'read only'); END`,
      );
      db.close();
      assert.throws(() => partsIn(dir), /ledger journal could not be written/);
      const held = openSqliteOutbox({ path: join(dir, 'veil.db') });
      assert.equal(cellsOf(rowsOf(held.journal())).get('*:0'), 4, 'the entries are kept');
      await held.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('ledger journal: a ledger write that fails', () => {
  it('keeps the journal and retries the rows at the next flush', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'veil-journal-retry-'));
    try {
      const a = partsIn(dir);
      a.tally.add(notes(0, 5));
      await request(a.outbox, 0, 5);
      // The ledger refuses writes for a while (a full disk, a lock held too long).
      const db = new Database(join(dir, 'ledger.db'));
      db.exec(
        `CREATE TRIGGER no_writes BEFORE INSERT ON subject_days
         BEGIN SELECT RAISE(ABORT, 'disk full'); END`,
      );
      a.keeper.flush();
      await ticks(10);
      assert.equal(ledgerCells(dir).size, 0);
      assert.equal(cellsOf(rowsOf(a.outbox.journal())).get('*:0'), 5, 'the journal is kept');
      db.exec('DROP TRIGGER no_writes');
      db.close();
      a.tally.add(notes(10, 2));
      await request(a.outbox, 10, 2);
      a.keeper.flush();
      await ticks(10);
      assert.equal(ledgerCells(dir).get('*:0'), 7, 'the failed rows are written with the new ones');
      assert.deepEqual(a.outbox.journal(), [], 'and the journal let go of both epochs');
      a.keeper.close();
      await a.outbox.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
