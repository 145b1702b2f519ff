// An impact query over 1,000,000 ledger counts (500,000 subject-day rows) returns exact
// numbers (its speed is measured in benchmarks/, never here). Rows are generated inside SQLite
// in one statement.
import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { openLedgerStore } from './store.js';

const root = mkdtempSync(join(tmpdir(), 'veil-ledger-scale-'));
after(() => rmSync(root, { recursive: true, force: true }));

const SUBJECTS = 10_000;
const DAYS_PER_SUBJECT = 50; // subject s is active on days of its parity in 0..99
const day = (i: number) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10);
const pseudo = (n: number) => `l1_${String(n).padStart(22, '0')}`;

function expected(a: number, b: number) {
  const subjects = new Set<number>();
  const orgs = new Set<number>();
  const cats = new Map<string, { subjects: Set<number>; orgs: Set<number>; events: number }>();
  let events = 0;
  for (let s = 0; s < SUBJECTS; s++) {
    for (let k = 0; k < DAYS_PER_SUBJECT; k++) {
      const d = 2 * k + (s % 2);
      if (d < a || d > b) continue;
      const count = 1 + ((s + d) % 3);
      subjects.add(s);
      orgs.add(s % 100);
      events += count;
      const key =
        s % 2 === 0 ? 'user.location.imprecise generalized' : 'user.contact.email removed';
      const c = cats.get(key) ?? { subjects: new Set(), orgs: new Set(), events: 0 };
      c.subjects.add(s);
      c.orgs.add(s % 100);
      c.events += count;
      cats.set(key, c);
    }
  }
  const categories = [...cats]
    .map(([k, c]) => {
      const [category, form] = k.split(' ');
      return { category, form, subjects: c.subjects.size, orgs: c.orgs.size, events: c.events };
    })
    .sort((x, y) => (x.category! < y.category! ? -1 : 1));
  return { subjects: subjects.size, orgs: orgs.size, events, categories };
}

it('impact over 1,000,000 counts counts subjects, orgs, categories and events exactly', () => {
  const path = join(root, 'ledger.db');
  openLedgerStore({ path }).close();
  const db = new Database(path);
  db.pragma('cache_size = -200000');
  // Subject-day i: a `*` count and one real category (1,000,000 counts in the old one-row-per-
  // count terms, 500,000 subject-days); ordered like the primary key.
  db.exec(`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 499999),
    g(s, d) AS (SELECT i / 50, 2 * (i % 50) + (i / 50) % 2 FROM n)
    INSERT INTO subject_days (destination, subject, day, org, counts)
    SELECT 'mixpanel', 'l1_' || printf('%022d', s), date('2026-01-01', '+' || d || ' days'),
      'l1_' || printf('%022d', 1000000 + s % 100),
      '*:0:' || (1 + (s + d) % 3) || ';' ||
      CASE WHEN s % 2 = 0 THEN 'user.location.imprecise:2:' ELSE 'user.contact.email:6:' END
      || (1 + (s + d) % 3)
    FROM g`);
  const cells = db
    .prepare(`SELECT SUM(length(counts) - length(replace(counts, ';', '')) + 1) FROM subject_days`)
    .pluck();
  assert.equal(cells.get(), 1_000_000);
  db.close();
  const store = openLedgerStore({ path });
  for (const [a, b] of [
    [0, 99],
    [10, 19],
    [10, 10],
  ] as const) {
    const r = store.impact({ destination: 'mixpanel', from: day(a), to: day(b) });
    const { destination, from, to, ...counts } = r;
    assert.deepEqual([destination, from, to], ['mixpanel', day(a), day(b)]);
    assert.deepEqual(counts, expected(a, b), `window ${a}..${b}`);
  }
  const one = store.exposure({ destination: 'mixpanel', from: day(0), to: day(99) }, [pseudo(7)]);
  assert.equal(one.get(pseudo(7))?.categories[0]?.category, 'user.contact.email');
  assert.equal(one.get(pseudo(7))?.firstDay, day(1));
  assert.deepEqual(one.get(pseudo(7))?.orgs, [pseudo(1_000_007)]);
  store.close();
});
