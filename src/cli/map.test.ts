// `veil map` in-process against a real inventory.db in a temp dir.
import { runCommand } from '../testing/command.js';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { openInventoryStore } from '../inventory/store.js';
import { delta } from '../inventory/testing.js';
import { registerMapCommand } from './map.js';
import { fixtureResult } from '../scanner/output/fixture.js';
import { toInventory } from '../scanner/output/inventory.js';
import { renderJson } from '../scanner/output/json.js';

const root = mkdtempSync(join(tmpdir(), 'veil-cli-map-'));
after(() => rmSync(root, { recursive: true, force: true }));
const NOW = Date.UTC(2026, 10, 22, 12);

const REGISTER = `vendors:
  mixpanel:
    legal_name: "Mixpanel, Inc."
    role: processor
    endpoints: [https://api-eu.mixpanel.com]
    region: EU
    retention: until the project is deleted
    dpa_url: https://mixpanel.com/legal/dpa
    dpa_status: signed
    breach_notification_sla_hours: 72
    security_contact: https://mixpanel.com/security
    audit_log_source: Mixpanel audit log
    owner: growth
    last_review_date: 2026-09-30
    purpose: Product analytics
    legal_basis: legitimate_interests
`;

function writeConfig(name: string, extra: string): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  const yaml = ['version: 1', 'data_dir: ./data', 'destinations:'];
  for (const d of ['mixpanel', 'posthog'])
    yaml.push(`  ${d}:`, '    type: file', `    path: ./${d}.ndjson`);
  writeFileSync(join(dir, 'veil.yaml'), yaml.join('\n') + '\n' + extra);
  return join(dir, 'veil.yaml');
}

let config: string;
before(() => {
  config = writeConfig('main', REGISTER);
  const store = openInventoryStore({ path: join(root, 'main', 'data', 'inventory.db') });
  store.flush([
    delta({ path: 'properties.email', before: ['user.contact.email'], outcomes: ['removed'] }),
    delta({ path: 'properties.country', after: ['user.location.imprecise'] }),
    delta({ destination: 'posthog', event: '<script>x</script>', path: 'properties.a,b' }),
  ]);
  store.close();
});

async function veil(args: readonly string[]) {
  return runCommand(
    (p, io, setExit) => registerMapCommand(p, io, setExit, () => NOW),
    ['map', ...args],
  );
}

test('cyclonedx: strictly valid, one service per destination, register facts included', async () => {
  const r = await veil(['--config', config, '--format', 'cyclonedx']);
  assert.equal(r.code, 0, r.stderr);
  const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);
  assert.equal(await validator.validate(r.stdout), null);
  const bom = JSON.parse(r.stdout) as {
    metadata: { timestamp: string };
    services: {
      name: string;
      data: { classification: string }[];
      properties: { name: string; value: string }[];
    }[];
  };
  assert.equal(bom.metadata.timestamp, new Date(NOW).toISOString());
  assert.deepEqual(
    bom.services.map((s) => s.name),
    ['mixpanel', 'posthog'],
  );
  assert.deepEqual(
    bom.services[0]!.data.map((d) => d.classification),
    ['user.location.imprecise'],
  );
  assert.ok(
    bom.services[0]!.properties.some(
      (p) => p.name === 'veil:retention' && p.value === 'until the project is deleted',
    ),
  );
  assert.match(r.stderr, /no vendor register entry .* for: posthog/);
});

test('--destination limits the map; other formats render from the same store', async () => {
  const md = await veil(['--config', config, '--destination', 'mixpanel']);
  assert.equal(md.code, 0);
  assert.match(md.stdout, /## `mixpanel` — Mixpanel, Inc\./);
  assert.ok(!md.stdout.includes('posthog'));
  const html = await veil(['--config', config, '--format', 'html']);
  assert.ok(
    html.stdout.includes('&lt;script&gt;x&lt;/script&gt;') && !html.stdout.includes('<script>'),
  );
  const csv = await veil(['--config', config, '--format', 'ropa-csv']);
  assert.equal(csv.stdout.split('\r\n').length, 4, 'header, two vendors, final line end');
  const ja = await veil(['--config', config, '--format', 'disclosure', '--lang', 'ja']);
  assert.match(
    ja.stdout,
    /- 送信先: Mixpanel, Inc\.\n- 送信される情報: サービスの利用状況（操作の種類と日時）、おおよその位置情報/,
  );
});

test('--data-dir alone maps what the inventory holds; no inventory is not an error', async () => {
  const r = await veil(['--data-dir', join(root, 'main', 'data'), '--format', 'ropa-csv']);
  assert.equal(r.code, 0);
  assert.deepEqual(
    r.stdout
      .split('\r\n')
      .slice(1, 3)
      .map((l) => l.split(',')[0]),
    ['mixpanel', 'posthog'],
  );
  const empty = await veil(['--data-dir', join(root, 'nothing-here'), '--format', 'markdown']);
  assert.equal(empty.code, 0);
  assert.match(empty.stderr, /no inventory yet/);
});

test('usage errors exit 2: unknown destination, unknown format, bad register', async () => {
  const unknown = await veil(['--config', config, '--destination', 'nope']);
  assert.equal(unknown.code, 2);
  assert.match(
    unknown.stderr,
    /unknown destination "nope"; known: mixpanel, posthog \(VEIL_E_USAGE\)/,
  );
  assert.equal((await veil(['--config', config, '--format', 'pdf'])).code, 2);
  const bad = writeConfig(
    'bad',
    REGISTER.replace('region: EU', 'region: EU\n    retention_days: 30').replace(
      'security_contact: https://mixpanel.com/security',
      'security_contact: not a contact',
    ) + '  amplitude:\n    legal_name: x\n',
  );
  const r = await veil(['--config', bad, '--format', 'markdown']);
  assert.equal(r.code, 2);
  for (const p of [
    'vendors.mixpanel.retention_days',
    'vendors.mixpanel.security_contact',
    'vendors.amplitude',
  ])
    assert.ok(r.stderr.includes(p), `${p} in ${r.stderr}`);
});

test('--scan adds "In code vs observed"; other formats and bad files are usage errors', async () => {
  const scanFile = join(root, 'scan.json');
  writeFileSync(scanFile, renderJson(toInventory(fixtureResult())));
  const md = await veil(['--config', config, '--scan', scanFile]);
  assert.equal(md.code, 0, md.stderr);
  assert.match(
    md.stdout,
    /## In code vs observed\n[^]*### Mixpanel \(mixpanel\)\n\nThrough destination mixpanel\./,
  );
  assert.match(
    md.stdout,
    /\| `Signup` \| `properties\.email` \| `user\.contact\.email` \| `user\.contact\.email` \| both \|/,
  );
  const csv = await veil(['--config', config, '--format', 'ropa-csv', '--scan', scanFile]);
  assert.equal(csv.code, 2);
  assert.match(csv.stderr, /--scan applies to --format markdown, html and cyclonedx/);
  writeFileSync(join(root, 'bad.json'), '{"version": 3}');
  const bad = await veil(['--config', config, '--scan', join(root, 'bad.json')]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /bad\.json is not the output of veil scan --format json/);
});
