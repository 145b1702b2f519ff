// docs/scan.md and docs/scan.ja.md list every built-in vendor, in the order of VENDORS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { VENDORS } from '../vendors/index.js';

/** The (id, name) rows of the table between the vendors markers of a doc. */
function listedVendors(doc: string): [string, string][] {
  const text = readFileSync(new URL(`../../../docs/${doc}`, import.meta.url), 'utf8');
  const start = text.indexOf('<!-- vendors:start -->');
  const end = text.indexOf('<!-- vendors:end -->');
  assert.ok(start >= 0 && end > start, `${doc} has the vendors markers`);
  return text
    .slice(start, end)
    .split('\n')
    .map((l) => /^\| `([^`]+)` \| ([^|]+?) \|/.exec(l))
    .filter((m) => m !== null)
    .map((m) => [m[1]!, m[2]!]);
}

for (const doc of ['scan.md', 'scan.ja.md'])
  test(`${doc} lists the vendors of src/scanner/vendors/index.ts`, () => {
    assert.deepEqual(
      listedVendors(doc),
      VENDORS.map((v) => [v.id, v.name]),
    );
  });
