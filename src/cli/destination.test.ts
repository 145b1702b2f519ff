// `veil destination pause|resume|cut|status` in-process against a real SQLite store.
import { runCommand } from '../testing/command.js';
import { after, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteOutbox } from '../store/sqlite/outbox.js';
import { registerDestinationCommands } from './destination.js';

const root = mkdtempSync(join(tmpdir(), 'veil-cli-dest-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** Run `veil <args>` with only the destination commands registered. */
async function veil(args: readonly string[]) {
  return runCommand(registerDestinationCommands, args);
}

let config: string;
let db: string;
let n = 0;

beforeEach(async () => {
  const dir = join(root, `case-${++n}`);
  mkdirSync(dir);
  config = join(dir, 'veil.yaml');
  db = join(dir, 'data', 'veil.db');
  const yaml = ['version: 1', 'data_dir: ./data', 'destinations:'];
  for (const d of ['a', 'b']) yaml.push(`  ${d}:`, '    type: file', `    path: ./${d}.ndjson`);
  writeFileSync(config, yaml.join('\n') + '\n');
  const ob = openSqliteOutbox({ path: db });
  const row = (destination: string, messageId: string) => ({
    destination,
    messageId,
    payload: '{}',
  });
  await ob.enqueue([row('a', 'a-1'), row('a', 'a-2'), row('a', 'a-3'), row('b', 'b-1')]);
  ob.deadLetter([ob.lease('a', 1, 1_000)[0]!.id], 'HTTP 400');
  await ob.close();
});

/** What the gateway would see: states, depth, and whether `a` leases anything. */
async function gatewayView() {
  const ob = openSqliteOutbox({ path: db });
  const view = {
    a: ob.state('a'),
    b: ob.state('b'),
    depth: ob.depth(),
    leasedA: ob.lease('a', 10, 1).length,
  };
  await ob.close();
  return view;
}

describe('veil destination', () => {
  it('pause and resume change the state the gateway reads; rows stay', async () => {
    const p = await veil(['destination', 'pause', 'a', '--config', config]);
    assert.equal(p.code, 0, p.stderr);
    assert.match(p.stdout, /a: active → paused; 2 event\(s\) queued/);
    assert.deepEqual(await gatewayView(), { a: 'paused', b: 'active', depth: 3, leasedA: 0 });
    const again = await veil(['destination', 'pause', 'a', '--config', config]);
    assert.match(again.stdout, /already paused/);
    const r = await veil(['destination', 'resume', 'a', '--config', config]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /paused → active/);
    assert.deepEqual(await gatewayView(), { a: 'active', b: 'active', depth: 3, leasedA: 2 });
  });

  it('cut refuses without --yes, then discards queued and dead rows', async () => {
    const no = await veil(['destination', 'cut', 'a', '--config', config]);
    assert.equal(no.code, 2);
    assert.match(no.stderr, /--yes/);
    assert.deepEqual(await gatewayView(), { a: 'active', b: 'active', depth: 3, leasedA: 2 });
    const cut = await veil(['destination', 'cut', 'a', '--config', config, '--yes']);
    assert.equal(cut.code, 0, cut.stderr);
    assert.match(cut.stdout, /a: active → cut; discarded 3 queued\/dead event\(s\)/);
    assert.deepEqual(await gatewayView(), { a: 'cut', b: 'active', depth: 1, leasedA: 0 });
  });

  it('names must be in the config (exit 2, known names listed, nothing written)', async () => {
    const r = await veil(['destination', 'pause', 'zz', '--config', config]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown destination "zz"; known: a, b/);
    const bad = await veil(['destination', 'pause', 'Not A Name', '--data-dir', join(db, '..')]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /not a valid destination name/);
    const s = await veil(['destination', 'status', '--config', config, '--json']);
    assert.deepEqual(
      JSON.parse(s.stdout).destinations.map((d: { destination: string }) => d.destination),
      ['a', 'b'],
      'no state row was written for the rejected names',
    );
  });

  it('status lists configured destinations with state and numbers', async () => {
    await veil(['destination', 'pause', 'b', '--config', config]);
    const r = await veil(['destination', 'status', '--config', config]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[1]!, /^a\s+active\s+2\s+1\s+\d+s$/);
    assert.match(lines[2]!, /^b\s+paused\s+1\s+0\s+\d+s$/);
    const missing = await veil(['destination', 'pause']);
    assert.equal(missing.code, 2, 'a missing name is a usage error');
  });
});
