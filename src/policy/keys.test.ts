// The master key: sources, file creation with mode 0600, derivation, and that its value never
// appears in strings, JSON, inspection or error messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import {
  deriveKey,
  ephemeralMasterKey,
  loadMasterKey,
  MASTER_KEY_FILE,
  parseMasterKey,
} from './keys.js';

const HEX = 'a1'.repeat(32);
const B64 = Buffer.alloc(32, 7).toString('base64');

test('VEIL_MASTER_KEY wins and accepts hex and base64', () => {
  const a = loadMasterKey({ env: { VEIL_MASTER_KEY: HEX }, create: false })!;
  const b = parseMasterKey(HEX, 'given');
  assert.equal(a.origin, 'env');
  assert.deepEqual(
    deriveKey(a, 'pseudonym', 'mixpanel', 1),
    deriveKey(b, 'pseudonym', 'mixpanel', 1),
  );
  assert.ok(parseMasterKey(B64, 'given'));
});

test('a key file is created once with mode 0600 and reused', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'veil-key-')), 'data');
  assert.equal(
    loadMasterKey({ env: {}, dataDir: dir, create: false }),
    undefined,
    'no file, no create: ephemeral needed',
  );
  const k1 = loadMasterKey({ env: {}, dataDir: dir, create: true })!;
  const file = join(dir, MASTER_KEY_FILE);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  const k2 = loadMasterKey({ env: {}, dataDir: dir, create: true })!;
  assert.deepEqual(deriveKey(k1, 'p', 'd', 1), deriveKey(k2, 'p', 'd', 1));
  assert.equal(k2.origin, 'file');
});

test('derived keys differ by purpose, scope and version', () => {
  const k = ephemeralMasterKey();
  const base = deriveKey(k, 'pseudonym', 'mixpanel', 1).toString('hex');
  assert.notEqual(deriveKey(k, 'pseudonym', 'segment', 1).toString('hex'), base);
  assert.notEqual(deriveKey(k, 'pseudonym', 'mixpanel', 2).toString('hex'), base);
  assert.notEqual(deriveKey(k, 'ledger', 'mixpanel', 1).toString('hex'), base);
  // Scope boundaries are unambiguous: ("ab","c") and ("a","bc") do not collide.
  assert.notEqual(
    deriveKey(k, 'p', 'ab', 1).toString('hex'),
    deriveKey(k, 'pa', 'b', 1).toString('hex'),
  );
});

test('the key never appears in String(), JSON, inspect or error messages', () => {
  const k = parseMasterKey(HEX, 'env');
  const rendered = [
    String(k),
    `${k}`,
    JSON.stringify({ k }),
    inspect(k),
    inspect({ nested: { k } }, { depth: 5 }),
  ];
  for (const r of rendered) {
    assert.ok(!r.includes(HEX) && !r.includes('a1a1'), r);
    assert.match(r, /redacted/);
  }
  const short = 'c0ffee'.repeat(4);
  try {
    parseMasterKey(short, 'env');
    assert.fail('short key accepted');
  } catch (e) {
    assert.ok(!(e as Error).message.includes(short));
    assert.ok(!(e as Error).stack!.includes(short));
    assert.equal((e as { code?: string }).code, 'VEIL_E_KEY_INVALID');
  }
  const dir = mkdtempSync(join(tmpdir(), 'veil-key-'));
  writeFileSync(join(dir, MASTER_KEY_FILE), 'not-a-key-but-secret-ish');
  assert.throws(
    () => loadMasterKey({ env: {}, dataDir: dir, create: true }),
    (e: Error) =>
      !e.message.includes('not-a-key') &&
      /VEIL_E_KEY_INVALID|at least 32 bytes/.test(`${(e as { code?: string }).code} ${e.message}`),
  );
  assert.equal(
    readFileSync(join(dir, MASTER_KEY_FILE), 'utf8'),
    'not-a-key-but-secret-ish',
    'a bad key file is never overwritten',
  );
});
