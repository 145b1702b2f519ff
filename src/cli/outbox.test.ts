// `veil outbox status|retry|purge` in-process against a real SQLite store in a temp dir.
import { runCommand } from '../testing/command.js';
import { after, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteOutbox } from '../store/sqlite/outbox.js';
import { registerOutboxCommands } from './outbox.js';

const MARKER = 'payload-marker-7f3a';
const root = mkdtempSync(join(tmpdir(), 'veil-cli-outbox-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** Run `veil <args>` with only the outbox commands registered. */
async function veil(args: readonly string[]) {
  return runCommand(registerOutboxCommands, args);
}

let dir: string;
let config: string;
let db: string;
let n = 0;

beforeEach(async () => {
  dir = join(root, `case-${++n}`);
  config = join(dir, 'veil.yaml');
  db = join(dir, 'data', 'veil.db');
  const yaml = ['version: 1', 'data_dir: ./data', 'destinations:'];
  for (const d of ['a', 'b', 'c'])
    yaml.push(`  ${d}:`, '    type: file', `    path: ./${d}.ndjson`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(config, yaml.join('\n') + '\n');
  const ob = openSqliteOutbox({ path: db });
  const row = (destination: string, messageId: string) => ({
    destination,
    messageId,
    payload: JSON.stringify({ type: 'track', messageId, properties: { note: MARKER } }),
  });
  await ob.enqueue([row('a', 'a-1'), row('a', 'a-2'), row('a', 'a-3'), row('b', 'b-1')]);
  ob.deadLetter([ob.lease('a', 1, 1_000)[0]!.id], 'HTTP 400: invalid event');
  await ob.close();
});

const snapshot = async () => {
  const ob = openSqliteOutbox({ path: db });
  const s = ob.status();
  await ob.close();
  return s.map((r) => [r.destination, r.state, r.queued, r.dead]);
};

describe('veil outbox status', () => {
  it('lists every configured destination with its numbers, never payloads', async () => {
    const r = await veil(['outbox', 'status', '--config', config]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0]!, /^DESTINATION\s+STATE\s+QUEUED\s+DEAD\s+OLDEST$/);
    assert.match(lines[1]!, /^a\s+active\s+2\s+1\s+\d+s$/);
    assert.match(lines[2]!, /^b\s+active\s+1\s+0\s+\d+s$/);
    assert.match(lines[3]!, /^c\s+active\s+0\s+0\s+-$/);
    assert.ok(!r.stdout.includes(MARKER));
  });

  it('--json, --destination, --dead without and with --show-payload', async () => {
    const j = await veil(['outbox', 'status', '--config', config, '--json', '--dead']);
    assert.equal(j.code, 0, j.stderr);
    const doc = JSON.parse(j.stdout);
    assert.deepEqual(
      doc.destinations.map((d: { destination: string; queued: number }) => [
        d.destination,
        d.queued,
      ]),
      [
        ['a', 2],
        ['b', 1],
        ['c', 0],
      ],
    );
    assert.equal(doc.dead.length, 1);
    assert.equal(doc.dead[0].messageId, 'a-1');
    assert.equal(doc.dead[0].reason, 'HTTP 400: invalid event');
    assert.equal(doc.dead[0].attempts, 1);
    assert.equal(doc.dead[0].payload, undefined, 'no payload unless asked');
    assert.ok(!j.stdout.includes(MARKER));
    const t = await veil(['outbox', 'status', '--config', config, '--destination', 'b', '--dead']);
    assert.equal(t.code, 0, t.stderr);
    assert.doesNotMatch(t.stdout, /^a\s/m, 'only b');
    assert.doesNotMatch(t.stdout, /a-1/, 'dead rows of b only');
    const p = await veil(['outbox', 'status', '--config', config, '--show-payload']);
    assert.equal(p.code, 0, p.stderr);
    assert.match(p.stdout, /a-1\s+1\s+\S+\s+HTTP 400: invalid event/);
    assert.ok(p.stdout.includes(MARKER), '--show-payload prints the minimized event');
  });

  it('unknown destination → exit 2 listing the known ones', async () => {
    const r = await veil(['outbox', 'status', '--config', config, '--destination', 'zz']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown destination "zz"; known: a, b, c \(VEIL_E_USAGE\)/);
  });

  it('an invalid config → exit 2; a data dir without a store reports nothing and creates nothing', async () => {
    writeFileSync(join(dir, 'bad.yaml'), 'version: 2\n');
    const bad = await veil(['outbox', 'status', '--config', join(dir, 'bad.yaml')]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /VEIL_E_CONFIG_INVALID/);
    const empty = join(dir, 'nothing-here');
    const r = await veil(['outbox', 'status', '--data-dir', empty, '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { destinations: [] });
    assert.equal(existsSync(empty), false);
    // Retry and purge on a store that is not there say so, and create none either.
    for (const args of [['retry'], ['purge', '--all', '--yes']]) {
      const none = await veil(['outbox', ...args, '--data-dir', empty]);
      assert.equal(none.code, 2, args.join(' '));
      assert.match(none.stderr, /no outbox at .*nothing-here.*VEIL_E_INPUT_READ/);
      assert.equal(existsSync(empty), false);
    }
  });
});

describe('veil outbox retry / purge', () => {
  it('retry moves dead rows back to the queue', async () => {
    const r = await veil(['outbox', 'retry', '--data-dir', join(dir, 'data')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /moved 1 dead row back/);
    assert.deepEqual(await snapshot(), [
      ['a', 'active', 3, 0],
      ['b', 'active', 1, 0],
    ]);
  });

  it('purge refuses without --yes, then deletes dead, queued or all rows', async () => {
    const no = await veil(['outbox', 'purge', '--config', config]);
    assert.equal(no.code, 2);
    assert.match(no.stderr, /--yes/);
    const both = await veil(['outbox', 'purge', '--config', config, '--queued', '--all', '--yes']);
    assert.equal(both.code, 2);
    assert.equal((await snapshot()).length, 2, 'nothing deleted');
    const q = await veil([
      'outbox',
      'purge',
      '--config',
      config,
      '--destination',
      'b',
      '--queued',
      '--yes',
    ]);
    assert.equal(q.code, 0, q.stderr);
    assert.match(q.stdout, /purged 1 queued row\n/);
    const d = await veil(['outbox', 'purge', '--config', config, '--yes']);
    assert.match(d.stdout, /purged 1 dead row\n/);
    assert.deepEqual(await snapshot(), [['a', 'active', 2, 0]]);
    const all = await veil(['outbox', 'purge', '--config', config, '--all', '--yes']);
    assert.match(all.stdout, /purged 2 queued and dead rows/);
    assert.deepEqual(await snapshot(), []);
  });
});
