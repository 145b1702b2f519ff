// `veil scan` in-process against the fixture project fixtures/scan-cli/shop (and copies of it in
// a temp dir for the baseline and config cases).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { parseConfig } from '../config/load.js';
import { runCommand } from '../testing/command.js';
import { main } from './main.js';
import { registerScanCommand } from './scan.js';

const SHOP = new URL('../../fixtures/scan-cli/shop/', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'veil-cli-scan-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const veil = (args: readonly string[]) => runCommand(registerScanCommand, ['scan', ...args]);

interface Json {
  vendors: { id: string; events: { event: string; properties: { path: string }[] }[] }[];
  findings: { rule: string; vendor: string; allowed: boolean; path?: string }[];
  stats: { findings: { error: number }; baseline?: number };
}

/** A copy of the shop in the temp dir, to change. */
function copyShop(name: string): string {
  const dir = join(tmp, name);
  cpSync(SHOP, dir, { recursive: true });
  return dir;
}

test('table by default: vendor → event → properties, severities, summary', async () => {
  const r = await veil([SHOP]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Mixpanel \(mixpanel\)\n/);
  assert.match(r.stdout, /\n {2}event Signup — mixpanel\.track at src\/analytics\.ts:13\n/);
  assert.match(
    r.stdout,
    /properties\.email +\S+ +user\.contact\.email +error +src\/analytics\.ts:13/,
  );
  assert.match(
    r.stdout,
    /properties\.card_number +\S+ +user\.financial\.credit_card +error +api\/orders\.py:9/,
  );
  assert.match(r.stdout, /\n4 files scanned, 4 parsed, 6 SDK calls; findings: 4 errors/);
});

test('--fail-on: exit 1 for those categories (parents cover children), 0 otherwise', async () => {
  const fail = await veil([SHOP, '--fail-on', 'user.contact,user.financial']);
  assert.equal(fail.code, 1);
  assert.match(fail.stderr, /4 finding\(s\) in --fail-on categories/);
  assert.match(
    fail.stderr,
    /api\/orders\.py:9: error: Mixpanel receives user\.financial\.credit_card/,
  );
  assert.equal((await veil([SHOP, '--fail-on', 'user.location,user.unique_id'])).code, 0);
  assert.equal((await veil([SHOP, '--fail-on', 'config'])).code, 0, 'settings are safe');
});

test('--allow makes a category expected for a vendor; --exclude skips a folder', async () => {
  const allowed = await veil([SHOP, '--format', 'json', '--allow', 'sentry=user.contact']);
  const json = JSON.parse(allowed.stdout) as Json;
  const sentry = json.findings.filter((f) => f.vendor === 'sentry' && f.path === 'user.email');
  assert.deepEqual(
    sentry.map((f) => f.allowed),
    [true],
  );
  const gate = await veil([
    SHOP,
    '--allow',
    'sentry=user.contact',
    '--allow',
    'posthog=user.contact',
    '--fail-on',
    'user.contact',
  ]);
  assert.equal(gate.code, 1, 'Mixpanel still fails');
  assert.ok(!gate.stderr.includes('old.js') && !gate.stderr.includes('support.js'));
  const excluded = await veil([SHOP, '--exclude', './src/legacy/', '--format', 'json']);
  const ids = (JSON.parse(excluded.stdout) as Json).vendors.map((v) => v.id);
  assert.ok(!ids.includes('posthog') && ids.includes('mixpanel'), ids.join());
});

test('usage errors exit 2 with a clear message', async () => {
  const cases: [string[], RegExp][] = [
    [[join(tmp, 'no-such-dir')], /cannot scan .*no-such-dir \(ENOENT\)/],
    [[SHOP, '--fail-on', 'user.contactz'], /unknown category: user\.contactz/],
    [[SHOP, '--allow', 'mixpanl=user.contact'], /unknown vendor "mixpanl"; known: mixpanel/],
    [[SHOP, '--allow', 'mixpanel'], /expected VENDOR=CATEGORY/],
    [[SHOP, '--baseline', join(tmp, 'nope.json')], /cannot read .*nope\.json \(ENOENT\)/],
    [[SHOP, '--format', 'xml'], /argument 'xml' is invalid/],
  ];
  for (const [args, message] of cases) {
    const r = await veil(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, message);
  }
});

test('json is stable and relative; --output writes the file instead of stdout', async () => {
  const out = join(tmp, 'scan.json');
  const r = await veil([SHOP, '--format', 'json', '--output', out]);
  assert.equal(r.code, 0);
  assert.equal(r.stdout, '');
  const text = readFileSync(out, 'utf8');
  assert.equal((await veil([SHOP, '--format', 'json'])).stdout, text);
  assert.ok(!text.includes(SHOP) && !text.includes(tmp), 'no absolute paths');
  const json = JSON.parse(text) as Json;
  assert.deepEqual(
    json.vendors.map((v) => v.id),
    ['mixpanel', 'posthog', 'sentry'],
  );
});

test('--baseline reports only new findings in every format, and gates only on them', async () => {
  const baseline = join(tmp, 'baseline.json');
  writeFileSync(baseline, (await veil([SHOP, '--format', 'json'])).stdout);
  const dir = copyShop('changed');
  const file = join(dir, 'src', 'analytics.ts');
  writeFileSync(
    file,
    readFileSync(file, 'utf8') +
      "\nexport function onLogin(user: User): void {\n  mixpanel.track('Login', { phone: user.phone });\n}\n",
  );
  const json = JSON.parse(
    (await veil([dir, '--format', 'json', '--baseline', baseline])).stdout,
  ) as Json;
  assert.deepEqual(
    json.findings.map((f) => f.path),
    ['properties.phone'],
  );
  assert.ok((json.stats.baseline ?? 0) >= 3);
  const sarif = JSON.parse(
    (await veil([dir, '--format', 'sarif', '--baseline', baseline])).stdout,
  ) as {
    runs: { results: { ruleId: string }[] }[];
  };
  assert.deepEqual(
    sarif.runs[0]!.results.map((x) => x.ruleId),
    ['flow/user.contact.phone_number'],
  );
  const table = await veil([dir, '--baseline', baseline]);
  assert.match(table.stdout, /findings: 1 error, .* already in the baseline not shown/);
  assert.equal((await veil([dir, '--baseline', baseline, '--fail-on', 'user.financial'])).code, 0);
  assert.equal((await veil([dir, '--baseline', baseline, '--fail-on', 'user.contact'])).code, 1);
});

test('--fail-on config fails on a risky setting', async () => {
  const dir = copyShop('risky');
  const file = join(dir, 'src', 'analytics.ts');
  writeFileSync(
    file,
    readFileSync(file, 'utf8').replace("{ ip: false, persistence: 'localStorage' }", '{}'),
  );
  const r = await veil([dir, '--fail-on', 'config']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /src\/analytics\.ts:3: warning: Mixpanel receives the client IP/);
});

test('sarif locations are relative to %SRCROOT%; policy loads as a Veil config', async () => {
  const sarif = JSON.parse((await veil([SHOP, '--format', 'sarif'])).stdout) as {
    runs: {
      results: {
        locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }[];
      }[];
    }[];
  };
  const uris = sarif.runs[0]!.results.map((x) => x.locations[0]!.physicalLocation.artifactLocation);
  assert.ok(uris.length >= 3);
  for (const u of uris) assert.ok(!u.uri.startsWith('/') && u.uriBaseId === '%SRCROOT%', u.uri);
  const policy = await veil([SHOP, '--format', 'policy']);
  const config = parseConfig(policy.stdout, join(tmp, 'veil.yaml'));
  assert.deepEqual(Object.keys(config.destinations), ['mixpanel', 'posthog', 'sentry']);
  assert.deepEqual((config.destinations.mixpanel!.policy as { allow: string[] }).allow, [
    'properties.plan',
    // A parameter placed under a key is a property even when no caller is scanned.
    'properties.seats',
    'properties.total',
  ]);
  const plan = await veil([SHOP, '--format', 'plan']);
  assert.match(
    plan.stdout,
    /- event: Order Placed\n {8}sent_from:\n {10}- api\/orders\.py:9 mp\.track/,
  );
});

test('the veil program lists the scan command', async () => {
  let out = '';
  const io = {
    stdin: Readable.from([]),
    stdout: new Writable({ write: (c: Buffer, _e, cb) => ((out += c.toString()), cb()) }),
    stderr: new Writable({ write: (_c, _e, cb) => cb() }),
  };
  assert.equal(await main(['--help'], io), 0);
  assert.match(out, /\n {2}scan \[options\] \[dir\] +find analytics/);
});

test('--whole-files parses every statement: a syntax error the cut skipped is then listed', async () => {
  const dir = join(tmp, 'whole');
  cpSync(SHOP, dir, { recursive: true });
  const broken = '\nexport function unrelated() {\n  return [1, 2;\n}\n';
  writeFileSync(
    join(dir, 'src/analytics.ts'),
    readFileSync(join(SHOP, 'src/analytics.ts'), 'utf8') + broken,
  );
  const cut = await veil([dir, '--format', 'json']);
  const whole = await veil([dir, '--format', 'json', '--whole-files']);
  assert.equal(cut.code, 0, cut.stderr);
  assert.equal(whole.code, 0, whole.stderr);
  const problems = (out: string) => (JSON.parse(out) as { problems: { file: string }[] }).problems;
  assert.deepEqual(problems(cut.stdout), []);
  assert.deepEqual(
    problems(whole.stdout).map((p) => p.file),
    ['src/analytics.ts'],
  );
  const findings = (out: string) => (JSON.parse(out) as Json).findings;
  assert.deepEqual(findings(cut.stdout), findings(whole.stdout));
  assert.ok(findings(cut.stdout).length > 0);
});

test('.gitignore files are honoured; --no-gitignore reads the ignored files too', async () => {
  const dir = copyShop('gitignored');
  writeFileSync(join(dir, '.gitignore'), 'api/\n');
  const files = (out: string) => [
    ...new Set((JSON.parse(out) as { findings: { file: string }[] }).findings.map((f) => f.file)),
  ];
  const honoured = await veil([dir, '--format', 'json']);
  const all = await veil([dir, '--format', 'json', '--no-gitignore']);
  assert.equal(honoured.code, 0, honoured.stderr);
  assert.ok(!files(honoured.stdout).some((f) => f.startsWith('api/')));
  assert.ok(files(all.stdout).some((f) => f.startsWith('api/')));
});
