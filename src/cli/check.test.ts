// `veil check` end to end: the real binary, canonical NDJSON in, minimized events out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../testing/cli.js';

const KEY = 'cd'.repeat(32);
const EVENT = {
  type: 'track',
  event: 'Signed Up',
  userId: 'user-1',
  context: { ip: '203.0.113.7' },
  properties: { email: 'taro@example.jp', plan: 'pro' },
};
const line = (e: unknown) => JSON.stringify(e) + '\n';

test('minimizes events with the default policy and summarizes on stderr', async () => {
  const r = await runCli(['check'], line(EVENT), { VEIL_MASTER_KEY: KEY });
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout.trim());
  assert.equal(out.properties.plan, 'pro');
  assert.equal(out.properties.email, undefined);
  assert.equal(out.context, undefined);
  assert.match(out.userId, /^k1_/);
  assert.match(r.stderr, /1 in, 1 out/);
  assert.match(r.stderr, /user\.contact\.email: removed 1/);
  assert.ok(!r.stderr.includes(KEY) && !r.stdout.includes(KEY), 'the master key is never printed');
  const again = await runCli(['check'], line(EVENT), { VEIL_MASTER_KEY: KEY });
  assert.equal(JSON.parse(again.stdout).userId, out.userId, 'same key, same pseudonym');
});

test('without a master key it uses an ephemeral one and says so', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'veil-check-'));
  const r = await runCli(['check', '--config', writeConfig(cwd)], line(EVENT), {
    VEIL_MASTER_KEY: '',
  });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /ephemeral key/);
});

function writeConfig(dir: string): string {
  const file = join(dir, 'veil.yaml');
  writeFileSync(
    file,
    [
      'version: 1',
      'data_dir: ./data',
      'policies:',
      '  strict-one:',
      '    mode: strict',
      '    allow: [properties.plan]',
      'destinations:',
      '  vendor-a:',
      '    type: file',
      '    path: ./out/a.ndjson',
      '  vendor-b:',
      '    type: file',
      '    path: ./out/b.ndjson',
      '    policy: strict-one',
      '',
    ].join('\n'),
  );
  return file;
}

test('--destination picks the policy; pseudonyms differ between destinations', async () => {
  const file = writeConfig(mkdtempSync(join(tmpdir(), 'veil-check-')));
  const input = line({ ...EVENT, properties: { ...EVENT.properties, feature: 'export' } });
  const a = await runCli(['check', '--config', file, '--destination', 'vendor-a'], input, {
    VEIL_MASTER_KEY: KEY,
  });
  const b = await runCli(['check', '--config', file, '--destination', 'vendor-b'], input, {
    VEIL_MASTER_KEY: KEY,
  });
  assert.equal(a.code, 0, a.stderr);
  assert.equal(b.code, 0, b.stderr);
  const ea = JSON.parse(a.stdout);
  const eb = JSON.parse(b.stdout);
  assert.deepEqual(ea.properties, { plan: 'pro', feature: 'export' });
  assert.deepEqual(eb.properties, { plan: 'pro' }, 'strict mode keeps only the allow-list');
  assert.notEqual(ea.userId, eb.userId);
  const unknown = await runCli(['check', '--config', file, '--destination', 'nope'], input);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /known: vendor-a, vendor-b/);
});

test('invalid events are reported with line numbers and dotted paths; exit 2', async () => {
  const r = await runCli(['check'], line(EVENT) + line({ type: 'track', userId: 'u' }) + 'nope\n', {
    VEIL_MASTER_KEY: KEY,
  });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /line 2: not a canonical event/);
  assert.match(r.stderr, /event: a track event needs an event name/);
  assert.match(r.stderr, /line 3: not a canonical event/);
  assert.equal(r.stdout.trim().split('\n').length, 1, 'valid events still go out');
});

test('--fail-on exits 1 when input events carry the categories; config errors exit 2', async () => {
  assert.equal(
    (await runCli(['check', '--fail-on', 'user.contact'], line(EVENT), { VEIL_MASTER_KEY: KEY }))
      .code,
    1,
  );
  assert.equal(
    (await runCli(['check', '--fail-on', 'user.financial'], line(EVENT), { VEIL_MASTER_KEY: KEY }))
      .code,
    0,
  );
  const dir = mkdtempSync(join(tmpdir(), 'veil-check-'));
  const bad = join(dir, 'bad.yaml');
  writeFileSync(
    bad,
    'version: 1\ndestinations:\n  x:\n    type: file\n    path: ./o\n    policy: {ip: nowhere, colour: red}\n',
  );
  const r = await runCli(['check', '--config', bad], line(EVENT));
  assert.equal(r.code, 2);
  assert.match(r.stderr, /VEIL_E_CONFIG_INVALID/);
  assert.match(r.stderr, /destinations\.x\.policy\.ip/);
  assert.match(r.stderr, /destinations\.x\.policy\.colour/);
});
