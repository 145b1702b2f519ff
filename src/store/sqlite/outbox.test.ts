// The SQLite outbox: the shared contract on a temp-dir file, then what only a file can show:
// permissions, durability across reopen and SIGKILL, other connections, the schema version.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { outboxContract } from '../contract.js';
import { openSqliteOutbox } from './outbox.js';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';

const root = mkdtempSync(join(tmpdir(), 'veil-outbox-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshPath = () => join(root, `case-${++n}`, 'data', 'veil.db');
const row = (messageId: string, destination = 'a') => ({
  destination,
  messageId,
  payload: '{}',
});

outboxContract('sqlite', async ({ highWater, now }) => {
  const outbox = openSqliteOutbox({ path: freshPath(), highWater, now });
  return { outbox, cleanup: () => outbox.close() };
});

describe('sqlite outbox', () => {
  it('creates the directory 0700 and the file 0600, WAL, synchronous FULL by default', async () => {
    const path = freshPath();
    const ob = openSqliteOutbox({ path });
    await ob.close();
    assert.equal(statSync(join(path, '..')).mode & 0o777, 0o700);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    const db = new Database(path);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
    db.close();
  });

  it('keeps rows, dead rows and states across reopen; pending enqueues commit on close', async () => {
    const path = freshPath();
    const first = openSqliteOutbox({ path, synchronous: 'normal' });
    await first.enqueue([row('m1'), row('m2'), row('m3', 'b')]);
    first.deadLetter([first.lease('a', 1, 1_000)[0]!.id], 'HTTP 400');
    first.setState('b', 'paused');
    const pending = first.enqueue([row('m4')]);
    await first.close();
    await pending;
    const again = openSqliteOutbox({ path });
    assert.equal(again.depth(), 3);
    assert.equal(again.state('b'), 'paused');
    assert.deepEqual(
      again.dead('a', 10).map((d) => [d.messageId, d.reason]),
      [['m1', 'HTTP 400']],
    );
    again.setState('b', 'active');
    assert.deepEqual(
      again.lease('b', 10, 1_000).map((r) => r.messageId),
      ['m3'],
    );
    await again.close();
  });

  it('depth() follows rows changed by another connection (the CLI)', async () => {
    const path = freshPath();
    const gateway = openSqliteOutbox({ path });
    const cli = openSqliteOutbox({ path });
    await gateway.enqueue([row('m1'), row('m2'), row('m3', 'b')]);
    assert.equal(cli.depth(), 3);
    assert.equal(cli.setState('a', 'cut'), 2);
    assert.equal(gateway.depth(), 1);
    assert.equal(gateway.state('a'), 'cut');
    assert.deepEqual(gateway.lease('a', 10, 1_000), [], 'the kill switch holds at once');
    await Promise.all([gateway.close(), cli.close()]);
  });

  it('state() is remembered, yet a change by this or another connection shows at once', async () => {
    const path = freshPath();
    const gateway = openSqliteOutbox({ path });
    const cli = openSqliteOutbox({ path });
    await gateway.enqueue([row('m1'), row('m2', 'b')]);
    for (let i = 0; i < 3; i++) assert.equal(gateway.state('a'), 'active');
    cli.setState('a', 'paused');
    assert.equal(gateway.state('a'), 'paused', "another connection's change");
    assert.deepEqual(gateway.lease('a', 10, 1_000), []);
    gateway.setState('a', 'active');
    assert.equal(gateway.state('a'), 'active', "this connection's own change");
    assert.equal(gateway.lease('a', 10, 1_000).length, 1);
    assert.throws(() => gateway.setState('b', 'gone' as never), TypeError);
    assert.equal(gateway.state('b'), 'active');
    cli.setState('b', 'cut');
    assert.equal(gateway.state('b'), 'cut');
    assert.equal(gateway.depth(), 1, "b's row went with the cut; a's leased one stays");
    await Promise.all([gateway.close(), cli.close()]);
  });

  it('a group of more rows than one statement takes keeps every row, in order; a bad row fails its group alone', async () => {
    const ob = openSqliteOutbox({ path: freshPath() });
    const ids = Array.from({ length: 37 }, (_, i) => `m${i}`);
    const bad = Array.from({ length: 20 }, (_, i) => row(i === 3 ? '' : `b${i}`, 'b'));
    const [good, failed] = await Promise.allSettled([
      ob.enqueue(ids.map((m) => row(m))),
      ob.enqueue(bad),
    ]);
    assert.equal(good.status, 'fulfilled');
    assert.equal(failed.status, 'rejected');
    assert.deepEqual(
      ob.lease('a', 100, 1_000).map((r) => r.messageId),
      ids,
    );
    assert.deepEqual(ob.lease('b', 100, 1_000), [], 'nothing of the bad group');
    assert.equal(ob.depth(), 37);
    await ob.close();
  });

  it('refuses a database written by a newer schema', () => {
    const path = freshPath();
    openSqliteOutbox({ path }).close();
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    assert.throws(() => openSqliteOutbox({ path }), /schema version \d+ is newer/);
  });

  it('brings a version 1 outbox to the current schema with its rows (the ledger journal added)', async () => {
    const path = freshPath();
    mkdirSync(dirname(path), { recursive: true });
    const v1 = new Database(path);
    v1.exec(MIGRATIONS[0]!);
    v1.exec(`INSERT INTO queued (destination, message_id, payload, next_attempt_at, created_at)
       VALUES ('d', 'm-1', '{}', 0, 0);`);
    v1.pragma('user_version = 1');
    v1.close();
    const ob = openSqliteOutbox({ path });
    assert.deepEqual(
      ob.lease('d', 10, 1_000).map((r) => r.messageId),
      ['m-1'],
    );
    assert.deepEqual(ob.journal(), []);
    const db = new Database(path, { readonly: true });
    assert.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
    db.close();
    await ob.close();
  });

  it('every acknowledged enqueue survives SIGKILL of the process', async () => {
    const path = freshPath();
    const { acked, signal } = await crashChild(path, 300);
    assert.equal(signal, 'SIGKILL', 'the child was killed mid-stream, not finished');
    assert.ok(acked.length >= 300);
    const ob = openSqliteOutbox({ path });
    const present = new Set(ob.lease('crash', 1_000_000, 1_000).map((r) => r.messageId));
    const lost = acked.filter((id) => !present.has(id));
    assert.deepEqual(lost, [], 'acknowledged ids missing after the crash');
    assert.equal(ob.depth(), present.size);
    await ob.close();
  });
});

const CHILD = fileURLToPath(new URL('../../testing/crash-child.js', import.meta.url));

/** Run the crash child until it has acknowledged `killAfter` ids, then SIGKILL it. */
function crashChild(
  path: string,
  killAfter: number,
): Promise<{ acked: string[]; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, path, '100000'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const acked: string[] = [];
    let buf = '';
    // A bound, not an assertion: a stuck child must not hang the suite.
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const l of lines) if (l.startsWith('ack ')) acked.push(...l.slice(4).split(' '));
      if (acked.length >= killAfter && !child.killed) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(guard);
      resolve({ acked, signal });
    });
  });
}
