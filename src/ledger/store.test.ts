import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ephemeralMasterKey } from '../policy/keys.js';
import { createPseudonymizer } from '../policy/pseudonymize.js';
import { openLedgerStore } from './store.js';
import { createLedgerPseudonymizer } from './subject.js';
import type { LedgerDelta } from './types.js';

const root = mkdtempSync(join(tmpdir(), 'veil-ledger-store-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const dbPath = () => join(root, `case-${++n}`, 'ledger.db');

const master = ephemeralMasterKey();
const ledger = createLedgerPseudonymizer(master);
const vendor = createPseudonymizer(master, 'mixpanel', 1);
const W = { destination: 'mixpanel', from: '2026-11-01', to: '2026-11-30' };

const delta = (id: string, over: Partial<LedgerDelta> = {}): LedgerDelta => ({
  destination: 'mixpanel',
  subject: ledger(id),
  day: '2026-11-10',
  category: '*',
  form: 'passed',
  count: 1,
  ...over,
});

describe('ledger store', () => {
  it('creates ledger.db with mode 0600 and upsert-adds counts across flushes', () => {
    const path = dbPath();
    const s = openLedgerStore({ path });
    assert.equal(statSync(path).mode & 0o777, 0o600);
    const org = ledger('org-1');
    assert.deepEqual(s.flush([delta('u1', { org }), delta('u2', { count: 2 })]), {
      written: 2,
      skipped: 0,
    });
    s.flush([
      delta('u1', { org, count: 4 }),
      delta('u1', { org, category: 'user.contact.email', form: 'pseudonymized', count: 3 }),
    ]);
    const r = s.impact(W);
    assert.equal(r.subjects, 2);
    assert.equal(r.orgs, 1);
    assert.equal(r.events, 7);
    assert.deepEqual(r.categories, [
      { category: 'user.contact.email', form: 'pseudonymized', subjects: 1, orgs: 1, events: 3 },
    ]);
    const e = s.exposure(W, [ledger('u1'), ledger('nobody')]);
    assert.deepEqual([...e.keys()], [ledger('u1')]);
    assert.deepEqual(e.get(ledger('u1')), {
      subject: ledger('u1'),
      events: 5,
      firstDay: '2026-11-10',
      lastDay: '2026-11-10',
      orgs: [org],
      categories: [{ category: 'user.contact.email', form: 'pseudonymized', events: 3 }],
    });
    s.close();
    s.close();
  });

  it('skips deltas that are not pseudonyms or not well formed, and maps only vendor pseudonyms', () => {
    const s = openLedgerStore({ path: dbPath() });
    const ok = delta('u1', { vendorSubject: vendor.pseudonym('u1', 'none', 0) });
    const bad: LedgerDelta[] = [
      { ...ok, subject: 'alice@example.com' },
      { ...ok, org: 'acme-corp' },
      { ...ok, day: '2026-13-01' },
      { ...ok, category: 'user.contact.email alice@example.com' },
      { ...ok, form: 'leaked' as 'passed' },
      { ...ok, count: 0 },
      { ...ok, destination: 'Bad Name' },
    ];
    assert.deepEqual(s.flush([ok, ...bad]), { written: 1, skipped: 7 });
    s.flush([delta('u2', { vendorSubject: 'raw-user-2' })]);
    const map = s.resolve('mixpanel', [vendor.pseudonym('u1', 'none', 0), 'raw-user-2']);
    assert.deepEqual([...map], [[vendor.pseudonym('u1', 'none', 0), ledger('u1')]]);
    assert.equal(s.resolve('segment', [vendor.pseudonym('u1', 'none', 0)]).size, 0);
    assert.equal(s.impact(W).subjects, 2);
    s.close();
  });

  it('flushDays refuses packed rows and cells that are not pseudonymous or not well formed', () => {
    const path = dbPath();
    const s = openLedgerStore({ path });
    const row = {
      destination: 'mixpanel',
      day: '2026-11-10',
      subject: ledger('u1'),
      vendorSubject: vendor.pseudonym('u1', 'none', 0),
      counts: '*:0:2;user.contact.email:6:1',
    };
    const cells = [
      'user.contact.email alice@example.com:6:1', // a value in the category
      'planted-cell-value', // no form, no count
      'user.name:9:1', // no such form
      'user.name:66:1',
      'user.name:1:0',
      'user.name:1:-3',
      'user.name:1:1.5',
      `user.name:1:${2 ** 60}`,
      'user.name:1:NaN',
    ];
    const rows = [
      row,
      { ...row, counts: `${cells.join(';')};user.name:1:4` },
      { ...row, subject: 'alice@example.com' },
      { ...row, org: 'acme-corp-planted' },
      { ...row, day: '2026-02-30x' },
      { ...row, destination: 'Bad Name' },
      { ...row, counts: 7 as unknown as string },
      null as unknown as typeof row,
    ];
    // Written: row's two cells and user.name:1:4; refused: the nine bad cells, 2 × 4 cells of
    // rows with a bad key field, one for the non-string counts and one for the null row.
    assert.deepEqual(s.flushDays(rows), { written: 3, skipped: 9 + 8 + 2 });
    const e = s.exposure(W, [ledger('u1')]).get(ledger('u1'));
    assert.deepEqual(e?.categories, [
      { category: 'user.contact.email', form: 'removed', events: 1 },
      { category: 'user.name', form: 'pseudonymized', events: 4 },
    ]);
    assert.equal(e?.events, 2);
    assert.equal(s.impact(W).subjects, 1);
    s.close();
    const bytes = readFileSync(path).toString('latin1');
    for (const raw of ['alice@example.com', 'planted-cell-value', 'acme-corp-planted'])
      assert.equal(bytes.includes(raw), false, raw);
  });

  it('prune deletes days older than the retention, by UTC day', () => {
    const now = Date.parse('2026-11-30T23:00:00Z');
    const s = openLedgerStore({ path: dbPath(), now: () => now });
    const v = vendor.pseudonym('old', 'none', 0);
    s.flush([
      delta('old', { day: '2026-11-19', vendorSubject: v }),
      delta('edge', { day: '2026-11-20' }),
      delta('new', { day: '2026-11-30' }),
    ]);
    assert.equal(s.prune(10), 1);
    assert.equal(s.impact(W).subjects, 2);
    assert.equal(s.resolve('mixpanel', [v]).size, 0, 'the map entry goes with its last day');
    assert.equal(s.prune(10), 0);
    assert.throws(() => s.prune(-1), RangeError);
    s.close();
  });

  it('writes a vendor mapping again after prune removed it, though it was known before', () => {
    const now = Date.parse('2026-11-30T23:00:00Z');
    const s = openLedgerStore({ path: dbPath(), now: () => now });
    const v = vendor.pseudonym('again', 'none', 0);
    const row = delta('again', { day: '2026-11-19', vendorSubject: v });
    s.flush([row]);
    s.flush([row]); // known: not written again, still mapped
    assert.equal(s.resolve('mixpanel', [v]).get(v), ledger('again'));
    assert.equal(s.prune(10), 1);
    assert.equal(s.resolve('mixpanel', [v]).size, 0);
    s.flush([row]); // a late row of that day maps it anew
    assert.equal(s.resolve('mixpanel', [v]).get(v), ledger('again'));
    s.close();
  });

  it('merges subject-days across flushes and days; prune counts (category, form) counts', () => {
    const now = Date.parse('2026-11-30T12:00:00Z');
    const s = openLedgerStore({ path: dbPath(), now: () => now });
    const [o1, o2] = [ledger('org-1'), ledger('org-2')];
    const email = { category: 'user.contact.email', form: 'masked' } as const;
    s.flush([delta('u1', { day: '2026-11-12', org: o2 }), delta('u2', { ...email, count: 5 })]);
    s.flush([
      delta('u1', { day: '2026-11-03', org: o1, count: 2 }),
      delta('u1', { day: '2026-11-03', org: o1, ...email, count: 2 }),
      delta('u1', { day: '2026-11-03', org: o1, ...email, form: 'removed' }),
      delta('u1', { day: '2026-11-12', org: o2, ...email, count: 4 }),
    ]);
    s.flush([delta('u1', { day: '2026-11-03', org: o1, ...email, count: 10 })]);
    const e = s.exposure(W, [ledger('u2'), ledger('u1'), ledger('u1')]);
    assert.deepEqual([...e.keys()], [ledger('u2'), ledger('u1')]);
    assert.deepEqual(e.get(ledger('u1')), {
      subject: ledger('u1'),
      events: 3,
      firstDay: '2026-11-03',
      lastDay: '2026-11-12',
      orgs: [o1, o2].sort(),
      categories: [
        { category: 'user.contact.email', form: 'masked', events: 16 },
        { category: 'user.contact.email', form: 'removed', events: 1 },
      ],
    });
    const r = s.impact({ ...W, from: '2026-11-10' });
    assert.deepEqual([r.subjects, r.orgs, r.events], [2, 1, 1]);
    assert.deepEqual(r.categories, [
      { category: 'user.contact.email', form: 'masked', subjects: 2, orgs: 1, events: 9 },
    ]);
    assert.equal(s.prune(20), 3, 'the 2026-11-03 row held three counts');
    assert.equal(s.impact(W).events, 1);
    s.close();
  });

  it("copies a window into memory, the WAL's commits included; the copy's writes stay there", () => {
    const path = dbPath();
    const s = openLedgerStore({ path });
    const v = vendor.pseudonym('u1', 'none', 0);
    const gone = vendor.pseudonym('u9', 'none', 0);
    s.flush([
      delta('u1', { vendorSubject: v }),
      delta('u2', { count: 2 }),
      // Outside the window: not copied, nor its vendor pseudonym.
      delta('u9', { day: '2026-10-01', vendorSubject: gone }),
      delta('u2', { destination: 'segment' }),
    ]);
    s.markApplied(4);
    const c = s.copyWindow(W);
    try {
      assert.equal(c.impact(W).events, 3);
      assert.equal(c.impact({ ...W, from: '2026-10-01' }).events, 3, 'only the window was copied');
      assert.equal(c.impact({ ...W, destination: 'segment' }).events, 0);
      assert.equal(c.appliedEpoch(), 4);
      assert.deepEqual([...c.resolve('mixpanel', [v, gone]).values()], [ledger('u1')]);
      c.flush([delta('u3', { count: 5 })]);
      assert.equal(c.impact(W).events, 8);
      assert.equal(s.impact(W).events, 3, 'the file is not written');
    } finally {
      c.close();
    }
    s.close();
    const again = openLedgerStore({ path });
    assert.equal(again.impact(W).events, 3);
    again.close();
  });

  it('refuses a ledger file of another schema version with a clear error', () => {
    const path = dbPath();
    mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    db.pragma('user_version = 1');
    db.close();
    assert.throws(() => openLedgerStore({ path }), /schema version 1 is not supported/);
  });

  it('brings a version 2 ledger to version 3 with its counts, and keeps the journal mark', () => {
    const path = dbPath();
    mkdirSync(dirname(path), { recursive: true });
    const v2 = new Database(path);
    v2.exec(`CREATE TABLE subject_days (
       destination TEXT NOT NULL, day TEXT NOT NULL, subject TEXT NOT NULL, org TEXT NOT NULL,
       counts TEXT NOT NULL CHECK (counts <> ''), UNIQUE (destination, day, subject, org)
     ) STRICT;
     CREATE TABLE subject_map (
       destination TEXT NOT NULL, vendor_subject TEXT NOT NULL, subject TEXT NOT NULL,
       last_day TEXT NOT NULL, PRIMARY KEY (destination, vendor_subject)
     ) STRICT, WITHOUT ROWID;
     CREATE INDEX subject_map_by_day ON subject_map (last_day);`);
    v2.prepare('INSERT INTO subject_days VALUES (?, ?, ?, ?, ?)').run(
      'mixpanel',
      '2026-11-10',
      ledger('u-1'),
      '',
      '*:0:3',
    );
    v2.pragma('user_version = 2');
    v2.close();
    const store = openLedgerStore({ path });
    assert.equal(store.impact(W).events, 3, 'the stored counts are kept');
    assert.equal(store.appliedEpoch(), 0);
    store.markApplied(4);
    store.markApplied(2); // an older epoch changes nothing
    assert.equal(store.appliedEpoch(), 4);
    store.close();
    const again = openLedgerStore({ path });
    assert.equal(again.appliedEpoch(), 4);
    again.close();
  });

  it('the file holds no planted raw value after the whole ledger path', () => {
    const path = dbPath();
    const s = openLedgerStore({ path });
    const deltas: LedgerDelta[] = [];
    const planted = ['planted.alice@example.com', 'raw-user-7f3a9c', 'ACME-ORG-4711'];
    for (let i = 0; i < 50; i++) {
      const id = i === 0 ? planted[0]! : i === 1 ? planted[1]! : `user-${i}`;
      deltas.push(
        delta(id, { org: ledger(planted[2]!), vendorSubject: vendor.pseudonym(id, 'none', 0) }),
        delta(id, { category: 'user.contact.email', form: 'removed' }),
        // A raw vendor subject (a policy that passed ids) must not reach the map either.
        delta(id, { vendorSubject: id }),
      );
    }
    assert.equal(s.flush(deltas).skipped, 0);
    s.close();
    const bytes = Buffer.concat(
      ['', '-wal', '-shm'].flatMap((x) => {
        try {
          return [readFileSync(path + x)];
        } catch {
          return [];
        }
      }),
    );
    assert.ok(bytes.includes(ledger(planted[0]!)), 'the pseudonyms are there (the grep works)');
    for (const raw of [...planted, 'user-13'])
      assert.equal(bytes.includes(raw), false, `raw value #${planted.indexOf(raw)} found`);
  });
});
