// The config loader: valid configs, every problem at once with paths and lines, path
// resolution, and secrets kept out of messages and printed configs.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VeilError } from '../errors.js';
import { loadConfig, parseConfig, redactConfig } from './load.js';
import { defaultPolicy } from './policy.js';
import { resolvePolicy } from './schema.js';

const tmp = mkdtempSync(join(tmpdir(), 'veil-config-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const EXAMPLE = fileURLToPath(new URL('../../examples/veil.yaml', import.meta.url));

/** The VeilError `fn` throws. */
function failure(fn: () => unknown): VeilError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof VeilError, String(e));
    return e;
  }
  assert.fail('expected a VeilError');
}

const MINIMAL = `version: 1
destinations:
  out:
    type: file
    path: out.ndjson
`;

describe('valid configs', () => {
  test('minimal: defaults filled in, paths absolute, safe default policy', () => {
    const c = parseConfig(MINIMAL, join(tmp, 'veil.yaml'));
    assert.equal(c.version, 1);
    assert.equal(c.data_dir, join(tmp, '.veil'));
    assert.deepEqual(c.policies, {});
    assert.equal(c.geoip, undefined);
    assert.deepEqual(c.destinations.out, { type: 'file', path: join(tmp, 'out.ndjson') });
    assert.deepEqual(resolvePolicy(c, 'out'), defaultPolicy());
  });

  test('full: every destination type, named, default and inline policies, geoip', () => {
    writeFileSync(join(tmp, 'country.mmdb'), '');
    const c = parseConfig(
      `version: 1
data_dir: /var/lib/veil
geoip:
  country_database: country.mmdb
policies:
  default: { ip: country }
  strict-mp: { mode: strict, allow: [properties.plan] }
destinations:
  mixpanel: { type: mixpanel, policy: strict-mp, project_token_env: MIXPANEL_TOKEN }
  segment: { type: segment, write_key_env: SEGMENT_WRITE_KEY, endpoint: "https://events.eu1.segmentapis.com" }
  posthog: { type: posthog, project_api_key_env: POSTHOG_KEY, policy: { location: drop } }
  amplitude: { type: amplitude, api_key_env: AMPLITUDE_API_KEY }
  hook:
    type: http
    url: https://collector.example.com/v1/events
    headers: { X-Source: veil }
    headers_env: { Authorization: HOOK_AUTH }
    timeout_ms: 2500
  file: { type: file, path: out/events.ndjson }
`,
      join(tmp, 'veil.yaml'),
    );
    assert.equal(c.data_dir, '/var/lib/veil');
    assert.equal(c.geoip?.country_database, join(tmp, 'country.mmdb'));
    assert.deepEqual(c.destinations.hook, {
      type: 'http',
      url: 'https://collector.example.com/v1/events',
      headers: { 'X-Source': 'veil' },
      headers_env: { Authorization: 'HOOK_AUTH' },
      timeout_ms: 2500,
    });
    assert.equal(resolvePolicy(c, 'mixpanel').mode, 'strict');
    assert.deepEqual(resolvePolicy(c, 'mixpanel').allow, ['properties.plan']);
    assert.equal(resolvePolicy(c, 'segment').ip, 'country'); // policies.default
    assert.equal(resolvePolicy(c, 'posthog').location, 'drop'); // inline
    assert.equal(resolvePolicy(c, 'posthog').ip, 'drop'); // inline starts from safe, not default
  });

  test('http timeout_ms defaults to 10000 ms; headers default to {}', () => {
    const c = parseConfig(
      'version: 1\ndestinations:\n  h: { type: http, url: "http://127.0.0.1:9/x" }\n',
      join(tmp, 'veil.yaml'),
    );
    assert.deepEqual(c.destinations.h, {
      type: 'http',
      url: 'http://127.0.0.1:9/x',
      headers: {},
      headers_env: {},
      timeout_ms: 10_000,
    });
  });

  test('examples/veil.yaml loads', async () => {
    const c = await loadConfig(EXAMPLE);
    assert.deepEqual(Object.keys(c.destinations), ['mixpanel', 'archive']);
    assert.equal(resolvePolicy(c, 'mixpanel').mode, 'strict');
    assert.equal(resolvePolicy(c, 'archive').timestamp.bucket, 'hour');
  });

  test('the full example in docs/config.md loads', () => {
    const doc = readFileSync(new URL('../../docs/config.md', import.meta.url), 'utf8');
    const yaml = doc.split('## Full example')[1]?.split('```yaml\n')[1]?.split('```')[0];
    assert.ok(yaml);
    writeFileSync(join(tmp, 'GeoLite2-Country.mmdb'), '');
    const c = parseConfig(yaml, join(tmp, 'veil.yaml'));
    assert.equal(Object.keys(c.destinations).length, 6);
    assert.equal(resolvePolicy(c, 'segment').ip, 'country');
  });

  test('resolvePolicy on an unknown destination is a usage error naming the known ones', () => {
    const c = parseConfig(MINIMAL, join(tmp, 'veil.yaml'));
    const e = failure(() => resolvePolicy(c, 'nope'));
    assert.equal(e.code, 'VEIL_E_USAGE');
    assert.equal(e.message, 'unknown destination "nope"; known: out');
  });
});

describe('every problem at once, by dotted path and line', () => {
  const BROKEN = `version: 1
policies:
  strict-mp:
    mode: strict
    identity:
      rotaton: daily
    rules:
      - match: { paths: [properties.a] }
        action: truncate
      - match: { events: [Signup] }
        action: vaporize
destinations:
  Mixpanel:
    type: file
    path: a.ndjson
  mp:
    type: mixpanel
    policy: strict-mpx
  hook:
    type: http
    url: ftp://example.com/in
  out:
    type: file
    policy: strict-mp
    type: file
  nameless:
    type: file
  cache: [1, 2
`;
  const e = failure(() => parseConfig(BROKEN, 'veil.yaml'));

  test('one VEIL_E_CONFIG_INVALID error with a count', () => {
    assert.equal(e.code, 'VEIL_E_CONFIG_INVALID');
    assert.equal(e.exitCode, 2);
    assert.equal(e.message, `veil.yaml is not valid (${e.problems.length} problems)`);
  });

  test('lists each problem exactly', () => {
    assert.deepEqual(e.problems, [
      'veil.yaml:25:5: duplicate key destinations.out.type',
      'veil.yaml:29:1: Flow sequence in block collection must be sufficiently indented and end with a ]',
      'policies.strict-mp.identity.rotaton: unknown key (line 6)',
      'policies.strict-mp.rules[0].max_length: truncate needs max_length (line 8)',
      'policies.strict-mp.rules[1].action: must be one of: keep, drop, pseudonymize, mask, redact, truncate, generalize (line 11)',
      'destinations.Mixpanel: not a valid name: lowercase letters, digits, "_" and "-", starting with a letter or digit, at most 63 characters (line 13)',
      'destinations.mp.project_token_env: required (line 16)',
      'destinations.hook.url: must be an http:// or https:// URL (line 21)',
      'destinations.out.path: required (line 22)',
      'destinations.nameless.path: required (line 26)',
      'destinations.cache: expected a mapping, got a list (line 28)',
      'destinations.mp.policy: unknown policy "strict-mpx"; known: strict-mp (line 18)',
    ]);
  });

  test('wrong types, missing keys and bad tags', () => {
    const e2 = failure(() =>
      parseConfig(
        `data_dir: 7
destinations:
  x: { type: kafka }
  y: { type: http, url: "https://u:p@example.com/" , timeout_ms: 1.5 }
  z: { type: segment, write_key_env: SEGMENT_KEY, policy: 3 }
`,
        'veil.yaml',
      ),
    );
    assert.deepEqual(e2.problems, [
      'version: required',
      'data_dir: expected a string, got a number (line 1)',
      'destinations.x.type: must be one of: file, http, mixpanel, segment, posthog, amplitude (line 3)',
      'destinations.y.url: must not contain a user name or password; send credentials with headers_env (line 4)',
      'destinations.y.timeout_ms: expected an integer, got a fraction (line 4)',
      'destinations.z.policy: must be a policy name or an inline policy object (line 5)',
    ]);
  });

  test('YAML edge cases: several documents, a list at the top, an alias bomb', () => {
    assert.deepEqual(
      failure(() => parseConfig('version: 1\n---\nversion: 1\n', 'v.yaml')).problems,
      ['v.yaml:2:1: more than one YAML document (---); use one', 'destinations: required'],
    );
    assert.deepEqual(failure(() => parseConfig('- 1\n', 'v.yaml')).problems, [
      '(root): expected a mapping, got a list',
    ]);
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]']
      .concat(
        ['b', 'c', 'd'].map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abc'[i]}`).join(', ')}]`),
      )
      .join('\n');
    assert.deepEqual(failure(() => parseConfig(bomb, 'v.yaml')).problems, [
      'v.yaml: Excessive alias count indicates a resource exhaustion attack',
    ]);
  });

  test('an empty file and an empty destinations map', () => {
    assert.deepEqual(failure(() => parseConfig('', 'veil.yaml')).problems, [
      '(root): expected a mapping, got nothing (null)',
    ]);
    assert.deepEqual(
      failure(() => parseConfig('version: 1\ndestinations: {}\n', 'veil.yaml')).problems,
      ['destinations: give at least one destination (line 2)'],
    );
  });

  test('duplicate output files, also when only the resolved paths collide', () => {
    const lexical = failure(() =>
      parseConfig(
        'version: 1\ndestinations:\n  a: { type: file, path: out/x.ndjson }\n  b: { type: file, path: ./out//x.ndjson }\n',
        join(tmp, 'veil.yaml'),
      ),
    );
    assert.deepEqual(lexical.problems, [
      'destinations.b.path: same output file as destinations.a.path (line 4)',
    ]);
    const resolved = failure(() =>
      parseConfig(
        `version: 1\ndestinations:\n  a: { type: file, path: x.ndjson }\n  b: { type: file, path: ${join(tmp, 'x.ndjson')} }\n`,
        join(tmp, 'veil.yaml'),
      ),
    );
    assert.deepEqual(resolved.problems, [
      'destinations.b.path: same output file as destinations.a.path (line 4)',
    ]);
  });

  test('a header set both literally and from the environment', () => {
    const e3 = failure(() =>
      parseConfig(
        `version: 1
destinations:
  h:
    type: http
    url: https://example.com
    headers: { authorization: x }
    headers_env: { Authorization: HOOK_AUTH }
`,
        'veil.yaml',
      ),
    );
    assert.deepEqual(e3.problems, [
      'destinations.h.headers_env.Authorization: this header is also set in headers; keep one (line 7)',
    ]);
  });
});

describe('files and paths', () => {
  test('relative paths resolve against the config file directory, not the cwd', async () => {
    const dir = join(tmp, 'conf');
    mkdirSync(join(dir, 'geo'), { recursive: true });
    writeFileSync(join(dir, 'geo', 'c.mmdb'), '');
    writeFileSync(
      join(dir, 'veil.yaml'),
      `version: 1
data_dir: ../state
geoip: { country_database: geo/c.mmdb }
destinations:
  out: { type: file, path: ./out/events.ndjson }
  abs: { type: file, path: /var/log/veil.ndjson }
  literal: { type: file, path: "\${HOME}/x.ndjson" }
`,
    );
    const c = await loadConfig(join(dir, 'veil.yaml'));
    assert.equal(c.data_dir, join(tmp, 'state'));
    assert.equal(c.geoip?.country_database, join(dir, 'geo', 'c.mmdb'));
    assert.deepEqual(c.destinations.out, {
      type: 'file',
      path: join(dir, 'out', 'events.ndjson'),
    });
    assert.deepEqual(c.destinations.abs, { type: 'file', path: '/var/log/veil.ndjson' });
    // No ${VAR} interpolation: the text is a literal (relative) path.
    assert.deepEqual(c.destinations.literal, {
      type: 'file',
      path: join(dir, '${HOME}', 'x.ndjson'),
    });
  });

  test('a missing or unreadable file is VEIL_E_INPUT_READ', async () => {
    for (const file of [join(tmp, 'absent.yaml'), tmp]) {
      await assert.rejects(loadConfig(file), (e: unknown) => {
        assert.ok(e instanceof VeilError);
        assert.equal(e.code, 'VEIL_E_INPUT_READ');
        assert.match(e.message, /^cannot read config file .+ \((ENOENT|EISDIR)\)$/);
        return true;
      });
    }
  });

  test('a GeoIP database that does not exist or is a directory', () => {
    const yaml = (db: string) =>
      `version: 1\ngeoip:\n  country_database: ${db}\ndestinations:\n  o: { type: file, path: o.ndjson }\n`;
    assert.deepEqual(failure(() => parseConfig(yaml('nope.mmdb'), join(tmp, 'v.yaml'))).problems, [
      `geoip.country_database: file not found: ${join(tmp, 'nope.mmdb')} (line 3)`,
    ]);
    assert.deepEqual(failure(() => parseConfig(yaml('.'), join(tmp, 'v.yaml'))).problems, [
      `geoip.country_database: not a file: ${tmp} (line 3)`,
    ]);
  });
});

describe('secrets stay out of messages and printed configs', () => {
  const SECRET = 'S3CR3T';
  test('no value of a misplaced secret appears in the error', () => {
    process.env.VEIL_TEST_TOKEN = `env-${SECRET}-value`;
    try {
      const e = failure(() =>
        parseConfig(
          `version: 1
api_token: sk_live_${SECRET}_1
inventory: { drift_webhook_url_env: "hooks_slack_com_${SECRET}" }
destinations:
  mp: { type: mixpanel, project_token_env: "a1b2${SECRET}c3" }
  seg: { type: segment, write_key_env: VEIL_TEST_TOKEN, policy: "Bearer ${SECRET}" }
  hook:
    type: http
    url: "https://user:${SECRET}@example.com/x?token=${SECRET}"
    headers:
      Authorization: 12345${SECRET.length}
      X-Api-Key: [ "${SECRET}" ]
    password: ${SECRET}
  tagged: { type: file, path: !vault ${SECRET} }
  bad: { type: file, path: "x\\q${SECRET}" }
`,
          'veil.yaml',
        ),
      );
      const text = [e.message, ...e.problems].join('\n');
      for (const expected of [
        'veil.yaml:14:31: Unresolved tag',
        'veil.yaml:15:30: Invalid escape sequence in a double-quoted string',
        'inventory.drift_webhook_url_env: must name an environment variable',
        'destinations.mp.project_token_env: must name an environment variable',
        'destinations.seg.policy: not a valid name',
        'destinations.hook.url: must not contain a user name or password',
        'destinations.hook.headers.Authorization: expected a string, got a number',
        'destinations.hook.password: unknown key (line 13)',
        'api_token: unknown key (line 2)',
      ])
        assert.ok(text.includes(expected), `missing "${expected}" in:\n${text}`);
      assert.doesNotMatch(text, new RegExp(SECRET));
      assert.doesNotMatch(text, /1234/);
    } finally {
      delete process.env.VEIL_TEST_TOKEN;
    }
  });

  test('redactConfig hides header values, secret-looking keys and URL query values', () => {
    const c = parseConfig(
      `version: 1
policies:
  default: { identity: { key_version: 3 } }
destinations:
  hook:
    type: http
    url: "https://collector.example.com/in?api_key=${SECRET}&v=2#${SECRET}"
    headers: { Authorization: "Bearer ${SECRET}", X-Trace: "${SECRET}" }
    headers_env: { X-Api-Key: HOOK_KEY }
  mp: { type: mixpanel, project_token_env: MP_TOKEN, endpoint: "https://api-eu.mixpanel.com?t=${SECRET}" }
  key-store: { type: file, path: keys.ndjson }
`,
      join(tmp, 'veil.yaml'),
    );
    const shown = redactConfig(c) as typeof c;
    assert.doesNotMatch(JSON.stringify(shown), new RegExp(SECRET));
    assert.deepEqual(shown.destinations.hook, {
      type: 'http',
      url: 'https://collector.example.com/in?api_key=[redacted]&v=[redacted]#[redacted]',
      headers: { Authorization: '[redacted]', 'X-Trace': '[redacted]' },
      headers_env: { 'X-Api-Key': 'HOOK_KEY' }, // names of variables, not secrets
      timeout_ms: 10_000,
    });
    assert.deepEqual(shown.destinations.mp, {
      type: 'mixpanel',
      project_token_env: 'MP_TOKEN',
      endpoint: 'https://api-eu.mixpanel.com?t=[redacted]',
    });
    // Names are not setting keys; key_version is a number, not key material.
    assert.deepEqual(shown.destinations['key-store'], {
      type: 'file',
      path: join(tmp, 'keys.ndjson'),
    });
    assert.equal(shown.policies.default?.identity.key_version, 3);
    // Every URL: userinfo, query values, fragments; a webhook's path is its credential.
    const more = parseConfig(
      `version: 1
inventory:
  drift_webhook_url: "https://hooks.slack.com/services/T0/B0/${SECRET}"
destinations:
  acme: { type: http, url: "https://collector.example.com/in" }
vendors:
  acme:
    legal_name: Acme KK
    role: processor
    endpoints: ["https://u:${SECRET}@in.acme.example/v1?k=${SECRET}", "https://in.acme.example/v2"]
    region: JP
    retention_days: 365
    dpa_url: https://acme.example/dpa
    dpa_status: signed
    breach_notification_sla_hours: 48
    security_contact: security@acme.example
    audit_log_source: Acme audit log
    owner: growth-team
    last_review_date: 2026-10-01
    purpose: Product analytics
    legal_basis: legitimate_interests
`,
      join(tmp, 'veil.yaml'),
    );
    const more2 = redactConfig(more) as typeof more;
    assert.doesNotMatch(JSON.stringify(more2), new RegExp(SECRET));
    assert.equal(
      (more2.inventory as { drift_webhook_url?: string }).drift_webhook_url,
      'https://hooks.slack.com/[redacted]',
    );
    assert.deepEqual((more2.vendors as Record<string, { endpoints: string[] }>).acme?.endpoints, [
      'https://[redacted]@in.acme.example/v1?k=[redacted]',
      'https://in.acme.example/v2',
    ]);
    // The input is not modified.
    assert.equal(
      (c.destinations.hook as { headers: Record<string, string> }).headers.Authorization,
      `Bearer ${SECRET}`,
    );
  });
});
