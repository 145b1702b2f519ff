// `veil impact` in-process against a real ledger store in a temp dir, filled through the real
// pseudonymizers from raw ids.
import { runCommand } from '../testing/command.js';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseCsv } from '../ledger/csv.js';
import { openLedgerStore } from '../ledger/store.js';
import { createLedgerPseudonymizer } from '../ledger/subject.js';
import type { LedgerDelta } from '../ledger/types.js';
import { loadMasterKey } from '../policy/keys.js';
import { createPseudonymizer } from '../policy/pseudonymize.js';
import { openSqliteOutbox } from '../store/sqlite/outbox.js';
import type { JournalEntry } from '../store/types.js';
import { registerImpactCommand } from './impact.js';

const root = mkdtempSync(join(tmpdir(), 'veil-cli-impact-'));
after(() => rmSync(root, { recursive: true, force: true }));
const dataDir = join(root, 'data');
const config = join(root, 'veil.yaml');
const file = (name: string, text: string) => (
  writeFileSync(join(root, name), text),
  join(root, name)
);

async function veil(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  return runCommand((p, io, setExit) => registerImpactCommand(p, io, setExit, env), args);
}

let ledger: (id: string) => string;
let vendor: (id: string) => string;
const base = ['impact', '--config', config, '--destination', 'mixpanel'];
const nov = ['--from', '2026-11-01', '--to', '2026-11-05'];

before(() => {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(
    config,
    ['version: 1', 'data_dir: ./data', 'destinations:']
      .concat(
        ['mixpanel', 'segment'].flatMap((d) => [
          `  ${d}:`,
          '    type: file',
          `    path: ./${d}.ndjson`,
        ]),
      )
      .join('\n') + '\n',
  );
  const master = loadMasterKey({ env: {}, dataDir, create: true })!;
  ledger = createLedgerPseudonymizer(master);
  const p = createPseudonymizer(master, 'mixpanel', 1);
  vendor = (id) => p.pseudonym(id, 'none', 0);
  const d =
    (id: string, day: string, count: number, org?: string, dest = 'mixpanel') =>
    (category: string, form: LedgerDelta['form']): LedgerDelta => ({
      destination: dest,
      subject: ledger(id),
      ...(org === undefined ? {} : { org: ledger(org) }),
      vendorSubject: vendor(id),
      day,
      category,
      form,
      count,
    });
  const u1 = d('u1', '2026-11-01', 3, 'o1');
  const u2 = d('u2', '2026-11-02', 2, 'o1');
  const u3 = d('u3', '2026-11-05', 1, 'o2');
  const store = openLedgerStore({ path: join(dataDir, 'ledger.db') });
  store.flush([
    u1('*', 'passed'),
    u1('user.unique_id', 'pseudonymized'),
    u1('user.contact.email', 'removed'),
    u2('*', 'passed'),
    u2('user.unique_id', 'pseudonymized'),
    u2('user.location.imprecise', 'generalized'),
    u3('*', 'passed'),
    u3('user.unique_id', 'pseudonymized'),
    d('u4', '2026-10-31', 5)('*', 'passed'),
    d('u5', '2026-11-02', 4, undefined, 'segment')('*', 'passed'),
  ]);
  store.close();
});

describe('veil impact', () => {
  it('counts subjects, orgs, categories and events of the window exactly (offsets → UTC days)', async () => {
    const window = ['--from', '2026-11-01T10:00:00+09:00', '--to', '2026-11-05T08:00:00+09:00'];
    const r = await veil([...base, ...window, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), {
      destination: 'mixpanel',
      from: '2026-11-01',
      to: '2026-11-04',
      subjects: 2,
      orgs: 1,
      events: 5,
      categories: [
        { category: 'user.contact.email', form: 'removed', subjects: 1, orgs: 1, events: 3 },
        {
          category: 'user.location.imprecise',
          form: 'generalized',
          subjects: 1,
          orgs: 1,
          events: 2,
        },
        { category: 'user.unique_id', form: 'pseudonymized', subjects: 2, orgs: 1, events: 5 },
      ],
    });
    const t = await veil([...base, ...nov]);
    assert.equal(t.code, 0, t.stderr);
    assert.match(t.stdout, /subjects 3, orgs 2, events 6\n/);
    assert.match(t.stdout, /^user\.unique_id\s+pseudonymized\s+3\s+2\s+6$/m);
  });

  it('--users joins the owner CSV and lists each affected user with what was exposed', async () => {
    const users = file(
      'users.csv',
      'user_id,email,name\r\nu1,alice@example.com,"Smith, Alice"\r\n"u2","bob@example.com",Bob\r\n' +
        'u3,carol@example.com,"Carol ""C"""\r\nu4,dave@example.com,Dave\r\nu9,nobody@example.com,No\r\n',
    );
    const args = [
      ...base,
      ...nov,
      '--users',
      users,
      '--id-column',
      'user_id',
      '--email-column',
      'email',
    ];
    const r = await veil(args);
    assert.equal(r.code, 0, r.stderr);
    const csv = parseCsv(r.stdout);
    assert.ok(csv.ok);
    const rows = csv.rows.map((x) => x.join('|')).sort();
    assert.deepEqual(
      rows,
      [
        `id|email|subject|events|first_day|last_day|orgs|exposed|not_sent`,
        `u1|alice@example.com|${ledger('u1')}|3|2026-11-01|2026-11-01|1|user.unique_id:pseudonymized|user.contact.email:removed`,
        `u2|bob@example.com|${ledger('u2')}|2|2026-11-02|2026-11-02|1|user.location.imprecise:generalized;user.unique_id:pseudonymized|`,
        `u3|carol@example.com|${ledger('u3')}|1|2026-11-05|2026-11-05|1|user.unique_id:pseudonymized|`,
      ].sort(),
    );
    const j = await veil([...args, '--format', 'json']);
    assert.deepEqual(
      JSON.parse(j.stdout)
        .users.map((u: { id: string }) => u.id)
        .sort(),
      ['u1', 'u2', 'u3'],
    );
    const missing = await veil([...base, ...nov, '--users', users, '--id-column', 'uid']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no column "uid".*VEIL_E_USAGE/);
  });

  it('--leaked maps vendor pseudonyms (and passed raw ids) back to subjects', async () => {
    const leaked = file(
      'leaked.ndjson',
      [
        JSON.stringify({
          event: 'Viewed',
          properties: { distinct_id: vendor('u2'), city: 'Tokyo' },
        }),
        JSON.stringify({ type: 'track', userId: 'u3' }),
        JSON.stringify({ distinct_id: vendor('someone-else') }),
        JSON.stringify({ distinct_id: vendor('u4') }),
        '{broken',
      ].join('\n'),
    );
    const r = await veil([...base, ...nov, '--leaked', leaked, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.records, 4);
    assert.equal(doc.bad_lines, 1);
    assert.deepEqual(
      doc.subjects.map((s: { subject: string }) => s.subject).sort(),
      [ledger('u2'), ledger('u3')].sort(),
    );
    const users = file('u.csv', 'id\nu1\nu2\nu3\nu4\n');
    const u = await veil([
      ...base,
      ...nov,
      '--leaked',
      leaked,
      '--users',
      users,
      '--id-column',
      'id',
    ]);
    assert.equal(u.code, 0, u.stderr);
    const rows = parseCsv(u.stdout);
    assert.ok(rows.ok);
    assert.deepEqual(
      rows.rows
        .slice(1)
        .map((x) => x[0])
        .sort(),
      ['u2', 'u3'],
      'u4 is outside the window',
    );
  });

  it('--aware-at writes the notification record: exact deadlines, numbers in both drafts', async () => {
    const leaked = file(
      'l2.json',
      JSON.stringify([{ distinct_id: vendor('u1') }, { distinct_id: vendor('u2') }]),
    );
    const args = [...base, ...nov, '--leaked', leaked, '--aware-at', '2026-11-22T20:00:00Z'];
    const r = await veil([...args, '--malicious']);
    assert.equal(r.code, 0, r.stderr);
    const rec = JSON.parse(r.stdout);
    assert.deepEqual(rec.deadlines, {
      gdpr_art33: { due_at: '2026-11-25T20:00:00.000Z', hours: 72 },
      appi_preliminary: { from: '2026-11-25T20:00:00.000Z', to: '2026-11-27T20:00:00.000Z' },
      appi_final: { due_at: '2027-01-21T20:00:00.000Z', due_date_jst: '2027-01-22', days: 60 },
    });
    assert.equal(rec.subjects.approximate_number, 2);
    assert.equal(rec.records.approximate_number, 6);
    assert.equal(rec.appi.report_required, true, 'malicious: reportable whatever the number');
    assert.deepEqual(rec.gdpr.art33.categories_of_data, [
      'user.location.imprecise',
      'user.unique_id',
    ]);
    const { en, ja } = rec.drafts.authority_report;
    assert.match(en, /Approximate number of data subjects: 2 \(2 organizations\)/);
    assert.match(en, /Approximate number of records: 6 events/);
    assert.match(ja, /本人の数：2人（組織 2、イベント 6件）/);
    for (const md of [en, ja]) assert.match(md, /`user\.unique_id`.*3.*6/);
    assert.match(rec.drafts.notice_to_individuals.en, /2 people are affected/);
    assert.match(rec.drafts.notice_to_individuals.ja, /対象となる方は 2人です/);
    const plain = JSON.parse((await veil(args)).stdout);
    assert.equal(plain.deadlines.appi_final.days, 30);
    assert.equal(plain.appi.report_required, false);
  });

  it('usage, missing ledger and missing master key are exit 2 with a clear message', async () => {
    assert.equal((await veil([...base, '--from', '2026-11-31', '--to', '2026-12-01'])).code, 2);
    assert.match(
      (await veil([...base, '--from', '2026-11-01T10:00', '--to', '2026-12-01'])).stderr,
      /offset/,
    );
    assert.match(
      (await veil([...base, '--from', '2026-11-05', '--to', '2026-11-01'])).stderr,
      /after/,
    );
    assert.match((await veil([...base, ...nov, '--malicious'])).stderr, /needs --aware-at/);
    const empty = await veil([
      'impact',
      '--data-dir',
      join(root, 'none'),
      '--destination',
      'x',
      ...nov,
    ]);
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /no ledger at .*VEIL_E_INPUT_READ/);
    const users = file('k.csv', 'id\nu1\n');
    unlinkSync(join(dataDir, 'master.key'));
    const r = await veil([...base, ...nov, '--users', users, '--id-column', 'id']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no master key.*VEIL_E_KEY_INVALID/);
  });
});

describe('veil impact and the ledger journal', () => {
  it('answers with the counts the journal holds and the ledger does not yet, without writing them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'veil-cli-impact-journal-'));
    try {
      const data = join(dir, 'data');
      mkdirSync(data, { recursive: true });
      const cfg = join(dir, 'veil.yaml');
      writeFileSync(
        cfg,
        'version: 1\ndata_dir: ./data\ndestinations:\n  mixpanel:\n    type: file\n    path: ./m.ndjson\n',
      );
      const store = openLedgerStore({ path: join(data, 'ledger.db') });
      store.flush([
        {
          destination: 'mixpanel',
          subject: ledger('j1'),
          day: '2026-11-02',
          category: '*',
          form: 'passed',
          count: 1,
        },
      ]);
      store.markApplied(1);
      store.close();
      const entries: JournalEntry[] = [
        // Written already (epoch 1): not pending.
        {
          epoch: 1,
          data: JSON.stringify([['mixpanel', '2026-11-02', ledger('j1'), '', '', '*:0:9']]),
        },
        {
          epoch: 2,
          data: JSON.stringify([
            [
              'mixpanel',
              '2026-11-02',
              ledger('j2'),
              '',
              vendor('j2'),
              '*:0:4;user.contact.email:6:4',
            ],
            ['mixpanel', '2026-11-03', ledger('j3'), '', '', '*:0:2'],
            ['mixpanel', '2026-12-01', ledger('j4'), '', '', '*:0:7'],
            ['segment', '2026-11-02', ledger('j5'), '', '', '*:0:5'],
          ]),
        },
        // Not the journal's format: left out, and said so.
        { epoch: 3, data: '{"not":"rows"}' },
      ];
      const outbox = openSqliteOutbox({ path: join(data, 'veil.db') });
      let pending = entries;
      outbox.attachJournal({
        take: () => {
          const out = pending;
          pending = [];
          return out;
        },
        restore: () => undefined,
      });
      await outbox.enqueue([{ destination: 'mixpanel', messageId: 'm1', payload: '{}' }]);
      await outbox.close();
      const args = ['impact', '--config', cfg, '--destination', 'mixpanel', '--format', 'json'];
      const r = await veil([...args, ...nov]);
      assert.equal(r.code, 0, r.stderr);
      const doc = JSON.parse(r.stdout);
      assert.equal(doc.events, 7, 'the ledger (1) and the journal (4 + 2) in the window');
      assert.equal(doc.subjects, 3);
      const email = doc.categories.find(
        (c: { category: string }) => c.category === 'user.contact.email',
      );
      assert.deepEqual([email?.form, email?.events], ['removed', 4]);
      assert.match(r.stderr, /6 event\(s\) of 2 subject\(s\) in this answer come from the/);
      assert.match(r.stderr, /1 entry of the outbox's ledger journal could not be read/);
      // The vendor pseudonyms the journal holds resolve a leaked dataset too.
      const leaked = join(dir, 'leaked.ndjson');
      writeFileSync(leaked, JSON.stringify({ distinct_id: vendor('j2') }) + '\n');
      const l = await veil([...args, ...nov, '--leaked', leaked]);
      assert.equal(l.code, 0, l.stderr);
      assert.deepEqual(
        JSON.parse(l.stdout).subjects.map((x: { subject: string }) => x.subject),
        [ledger('j2')],
      );
      // The ledger file is unchanged: the gateway writes the journal's counts itself.
      const again = openLedgerStore({ path: join(data, 'ledger.db') });
      try {
        assert.equal(again.appliedEpoch(), 1);
        assert.equal(
          again.impact({ destination: 'mixpanel', from: '2026-11-01', to: '2026-11-05' }).events,
          1,
        );
      } finally {
        again.close();
      }
      const later = await veil([...args, '--from', '2027-01-01', '--to', '2027-01-02']);
      assert.equal(later.code, 0, later.stderr);
      assert.equal(JSON.parse(later.stdout).events, 0);
      assert.doesNotMatch(later.stderr, /come from the/, 'nothing pending in that window');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
