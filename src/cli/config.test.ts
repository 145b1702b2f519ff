// `veil config check` and `veil config show` on real files, through the real binary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runCli } from '../testing/cli.js';

const SECRET = 'xoxb-4f6a1c2e9d8b7a60';

function withFile(text: string, fn: (file: string, dir: string) => Promise<void>) {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'veil-cli-config-'));
    try {
      const file = join(dir, 'veil.yaml');
      writeFileSync(file, text);
      await fn(file, dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

const VALID = `version: 1
data_dir: ./data
inventory:
  drift_webhook_url: "https://hooks.slack.com/services/T0/B0/${SECRET}"
sources:
  web: { type: segment, tokens: ["${SECRET}"], destinations: [mp] }
destinations:
  mp: { type: mixpanel, project_token_env: MP_TOKEN, endpoint: "https://api-eu.mixpanel.com?x=${SECRET}" }
`;

test(
  'config check says a valid file is valid; config show prints it with defaults and no secret',
  withFile(VALID, async (file, dir) => {
    const ok = await runCli(['config', 'check', '--config', file]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /is valid \(1 source\(s\), 1 destination\(s\)/);
    const shown = await runCli(['config', 'show', '--config', file]);
    assert.equal(shown.code, 0, shown.stderr);
    assert.ok(!shown.stdout.includes(SECRET), shown.stdout);
    const doc = parse(shown.stdout) as {
      data_dir: string;
      server: { port: number };
      sources: { web: { tokens: string[] } };
      inventory: { drift_webhook_url: string };
      destinations: { mp: { project_token_env: string; endpoint: string } };
    };
    assert.equal(doc.data_dir, join(dir, 'data'), 'paths absolute');
    assert.equal(typeof doc.server.port, 'number', 'defaults filled in');
    assert.deepEqual(doc.sources.web.tokens, '[redacted]');
    assert.equal(doc.inventory.drift_webhook_url, 'https://hooks.slack.com/[redacted]');
    assert.equal(doc.destinations.mp.project_token_env, 'MP_TOKEN');
    assert.equal(doc.destinations.mp.endpoint, 'https://api-eu.mixpanel.com?x=[redacted]');
    const json = await runCli(['config', 'show', '--config', file, '--format', 'json']);
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout), doc);
    const bad = await runCli(['config', 'show', '--config', file, '--format', 'xml']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--format must be yaml or json/);
  }),
);

test(
  'config check and show list every problem by dotted path and exit 2',
  withFile(
    'version: 1\nsources:\n  web: { type: segment, tokens: [], destinations: [nowhere] }\nbogus: 1\n',
    async (file) => {
      for (const cmd of ['check', 'show']) {
        const r = await runCli(['config', cmd, '--config', file]);
        assert.equal(r.code, 2, cmd);
        assert.equal(r.stdout, '', `${cmd} prints nothing of an invalid config`);
        assert.match(r.stderr, /is not valid .*VEIL_E_CONFIG_INVALID/);
        assert.match(r.stderr, /^ {2}bogus: /m);
        assert.match(r.stderr, /^ {2}sources\.web\./m);
      }
      const missing = await runCli(['config', 'check', '--config', `${file}.nope`]);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /cannot read config file .*VEIL_E_INPUT_READ/);
    },
  ),
);
