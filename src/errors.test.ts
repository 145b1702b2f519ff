// Keeps src/errors.ts and docs/errors.md in sync, both ways (the way Fastify checks its codes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ERROR_CODES, VeilError } from './errors.js';

const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
const documented = [...doc.matchAll(/^## (VEIL_E_[A-Z_]+)\s*$/gm)].map((m) => m[1]);

test('every error code is documented in docs/errors.md', () => {
  const missing = Object.keys(ERROR_CODES).filter((c) => !documented.includes(c));
  assert.deepEqual(missing, []);
});

test('docs/errors.md documents no code that does not exist', () => {
  const extra = documented.filter((c) => !(c! in ERROR_CODES));
  assert.deepEqual(extra, []);
});

test('each documented code states its exit status', () => {
  for (const [code, { exit }] of Object.entries(ERROR_CODES)) {
    const section = doc.split(`## ${code}\n`)[1]?.split('\n## ')[0] ?? '';
    assert.match(
      section,
      new RegExp(`Exit ${exit}\\.`),
      `${code} section must say "Exit ${exit}."`,
    );
  }
});

test('VeilError carries code, problems and exit status', () => {
  const e = new VeilError('VEIL_E_CONFIG_INVALID', 'bad config', ['a.b: required']);
  assert.equal(e.code, 'VEIL_E_CONFIG_INVALID');
  assert.equal(e.exitCode, 2);
  assert.deepEqual(e.problems, ['a.b: required']);
});
