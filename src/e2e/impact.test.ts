/**
 * The disclosure scenario: synthetic users of two orgs send events through `veil serve` to two
 * vendors with different policies. Afterwards the ledger answers, for one vendor and window,
 * exactly which subjects, orgs and categories were sent in which form — with the default policy
 * no email or name reached that vendor — and neither the ledger nor the inventory file holds any
 * raw identifier or value.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { runCli } from '../testing/cli.js';
import { join } from 'node:path';
import { createLedgerPseudonymizer } from '../ledger/subject.js';
import { openLedgerStore } from '../ledger/store.js';
import { EXPOSED_FORMS } from '../ledger/validate.js';
import { parseMasterKey } from '../policy/keys.js';
import { startFakeVendor } from '../testing/fake-vendor.js';
import { removeDir, startVeil } from '../testing/serve.js';
import { until } from './wire.js';

const KEY = 'impact-write-key';
const MASTER = 'a7'.repeat(32);
const USERS = Array.from({ length: 6 }, (_, i) => ({
  id: `user-${1000 + i}`,
  org: i < 4 ? 'org-acme' : 'org-globex',
  email: `person${i}@example.jp`,
  name: `Taro Number${i}`,
}));

function batch(day: number) {
  return USERS.flatMap((u, i) => [
    {
      type: 'identify',
      userId: u.id,
      messageId: `id-${day}-${i}`,
      traits: { email: u.email, name: u.name, plan: 'team' },
      context: { groupId: u.org },
    },
    {
      type: 'track',
      event: 'Report Exported',
      userId: u.id,
      groupId: u.org,
      messageId: `tr-${day}-${i}`,
      properties: { format: 'csv', note: `sent to ${u.email}` },
    },
  ]);
}

test('veil serve → ledger: who and what reached each vendor', { timeout: 90_000 }, async () => {
  const vendor = await startFakeVendor();
  const veil = await startVeil({
    env: { VEIL_MASTER_KEY: MASTER },
    config: {
      version: 1,
      ledger: { flush_interval_ms: 100 },
      inventory: { flush_interval_ms: 100 },
      sources: { app: { type: 'segment', tokens: [KEY], destinations: ['analytics', 'crm'] } },
      destinations: {
        analytics: { type: 'http', url: `${vendor.url}/analytics` },
        crm: {
          type: 'http',
          url: `${vendor.url}/crm`,
          policy: { rules: [{ match: { categories: ['user.contact.email'] }, action: 'keep' }] },
        },
      },
    },
  });
  try {
    const res = await fetch(`${veil.url}/segment/v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ writeKey: KEY, batch: batch(1) }),
    });
    assert.equal(res.status, 200);
    await until(() => vendor.requests.length >= 2, 'both vendors received');
  } finally {
    await veil.stop();
    await vendor.close();
  }
  const ledgerFile = join(veil.dataDir, 'ledger.db');
  const store = openLedgerStore({ path: ledgerFile });
  try {
    const day = new Date().toISOString().slice(0, 10);
    const a = store.impact({ destination: 'analytics', from: day, to: day });
    assert.equal(a.subjects, USERS.length);
    assert.equal(a.orgs, 2);
    assert.equal(a.events, USERS.length * 2);
    const sent = (c: string) =>
      a.categories.filter((x) => x.category.startsWith(c) && EXPOSED_FORMS.has(x.form));
    assert.deepEqual(sent('user.contact.email'), [], 'an email reached analytics');
    assert.deepEqual(sent('user.name'), [], 'a name reached analytics');
    const crm = store.impact({ destination: 'crm', from: day, to: day });
    const email = crm.categories.find(
      (x) => x.category === 'user.contact.email' && x.form === 'passed',
    );
    assert.equal(email?.subjects, USERS.length, JSON.stringify(crm.categories));
    // Exposure per subject, joined back through the ledger pseudonym of the raw ids.
    const ledger = createLedgerPseudonymizer(parseMasterKey(MASTER, 'given'));
    const subjects = USERS.map((u) => ledger(u.id));
    const exposure = store.exposure({ destination: 'crm', from: day, to: day }, subjects);
    assert.equal(exposure.size, USERS.length);
    assert.equal(exposure.get(ledger(USERS[0]!.id))!.events, 2);
  } finally {
    store.close();
  }
  // The same through the command line, joined back to the owner's user table.
  const day = new Date().toISOString().slice(0, 10);
  const users = join(veil.dataDir, 'users.csv');
  writeFileSync(
    users,
    'id,email\n' +
      USERS.map((u) => `${u.id},${u.email}`).join('\n') +
      '\nuser-9999,nobody@example.jp\n',
  );
  const cli = await runCli(
    [
      'impact',
      '--destination',
      'crm',
      '--from',
      day,
      '--to',
      day,
      '--data-dir',
      veil.dataDir,
      '--users',
      users,
      '--id-column',
      'id',
      '--email-column',
      'email',
      '--format',
      'json',
    ],
    '',
    { VEIL_MASTER_KEY: MASTER },
  );
  assert.equal(cli.code, 0, cli.stderr);
  const affected = JSON.stringify(JSON.parse(cli.stdout));
  for (const u of USERS)
    assert.ok(affected.includes(u.email), `${u.email} missing from the affected users`);
  assert.ok(!affected.includes('nobody@example.jp'), 'a user who sent nothing is listed');
  for (const file of ['ledger.db', 'inventory.db']) {
    const bytes = readFileSync(join(veil.dataDir, file)).toString('latin1');
    for (const u of USERS)
      for (const raw of [u.id, u.email, u.name, u.org])
        assert.ok(!bytes.includes(raw), `${file} holds the raw value ${raw}`);
  }
  removeDir(veil.dataDir);
});
