// `veil detect` end to end: the real binary, NDJSON in, NDJSON findings out, exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../testing/cli.js';

const TOKEN = 'ghp_8Kf3ZqP0aXc7RtLmN2bV9sWdE4yHuJ1oQ6iT';

function lines(out: string): Array<Record<string, unknown>> {
  return out
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

test('writes one finding per line with line number, path, kind, category and span', async () => {
  const input = `{"a":1}\n\n{"properties":{"note":"key ${TOKEN} leaked"}}\n`;
  const r = await runCli(['detect', '-'], input);
  assert.equal(r.code, 0, r.stderr);
  const [f, ...rest] = lines(r.stdout);
  assert.equal(rest.length, 0);
  assert.equal(f!.line, 3);
  assert.equal(f!.path, 'properties.note');
  assert.equal(f!.kind, 'github_pat');
  assert.equal(f!.category, 'system.authentication');
  assert.equal(`key ${TOKEN} leaked`.slice(f!.start as number, f!.end as number), TOKEN);
});

test('--fail-on exits 1 only when a finding falls under a listed category', async () => {
  const input = `{"note":"${TOKEN}"}\n`;
  assert.equal((await runCli(['detect', '--fail-on', 'system'], input)).code, 1);
  assert.equal((await runCli(['detect', '--fail-on', 'user.financial'], input)).code, 0);
});

test('invalid JSON lines are reported with their number and make the run exit 2', async () => {
  const r = await runCli(['detect'], `{"ok":true}\nnot json\n{"note":"${TOKEN}"}\n`);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /line 2: invalid JSON \(VEIL_E_INPUT_JSON\)/);
  assert.equal(lines(r.stdout).length, 1, 'later lines are still scanned');
});

test('usage and input errors exit 2 with a stable code', async () => {
  const unknown = await runCli(['detect', '--fail-on', 'user.nonsense']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /VEIL_E_UNKNOWN_CATEGORY/);
  // The nearest known names are suggested: a typo, and a last part under another parent.
  const typo = await runCli(['detect', '--fail-on', 'user.contact.emial,user.email,zzzzzz']);
  assert.equal(typo.code, 2);
  assert.match(
    typo.stderr,
    /user\.contact\.emial: not a category; closest: user\.contact\.email\n/,
  );
  assert.match(typo.stderr, /user\.email: not a category; closest: user\.contact\.email\n/);
  assert.match(typo.stderr, /zzzzzz: not a category; known top levels: user, system/);
  const missing = await runCli(['detect', '/nonexistent/events.ndjson']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /VEIL_E_INPUT_READ/);
  const badOpt = await runCli(['detect', '--min-confidence', '7']);
  assert.equal(badOpt.code, 2);
  assert.equal((await runCli(['frobnicate'])).code, 2);
});

test('the bundled sample produces findings of several categories', async () => {
  const r = await runCli(['detect', 'samples/events.ndjson']);
  assert.equal(r.code, 0, r.stderr);
  const cats = new Set(lines(r.stdout).map((f) => f.category));
  for (const c of [
    'user.contact.email',
    'user.contact.phone_number',
    'system.authentication',
    'user.financial.credit_card',
  ])
    assert.ok(cats.has(c), `sample findings lack ${c}: ${[...cats].join(', ')}`);
});
