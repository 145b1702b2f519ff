import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyBaseline } from './baseline.js';
import { FIXTURE_ROOT, fixtureResult } from './fixture.js';
import { renderTable } from './table.js';

test('vendor → event → properties with categories, severity and where', () => {
  const text = renderTable(fixtureResult());
  const lines = text.split('\n');
  const at = (s: string) => lines.findIndex((l) => l.startsWith(s));
  assert.ok(at('Google Analytics (google-analytics)') < at('Mixpanel (mixpanel)'));
  assert.match(
    text,
    /\n {2}settings\n {4}warning {2}src\/app\.ts:2 {2}ip-collection {2}Mixpanel receives the client IP/,
  );
  assert.match(text, /\n {2}event Signup — mixpanel\.track at src\/app\.ts:10, src\/app\.ts:30\n/);
  assert.match(
    text,
    /\n {4}properties\.email +unknown +user\.contact\.email +error +src\/app\.ts:11, src\/app\.ts:31\n/,
  );
  assert.match(
    text,
    /properties\.email_hash +string +user\.contact\.email \(hashed\) +note +src\/app\.ts:13/,
  );
  assert.match(text, /traits\.email +string +user\.contact\.email \(allowed\) +note/);
  assert.match(text, /\n {4}properties\.plan +number\|string +–\n/);
  assert.match(text, /via track, src\/lib\/track\.ts:4/);
  assert.match(text, /event eventName \(computed\) — posthog\.capture/);
  assert.match(
    text,
    /9 files scanned, 6 parsed, 7 SDK calls; findings: 4 errors, 1 warning, 4 notes\n/,
  );
  assert.match(text, /src\/broken\.ts: syntax error/);
  assert.ok(!text.includes(FIXTURE_ROOT));
  assert.ok(!text.includes('\u001b['), 'no colours');
});

test('with a baseline, known findings lose their severity and the summary says how many', () => {
  const r = fixtureResult();
  const { findings, known } = applyBaseline(
    r.findings,
    r.findings.filter((f) => f.path !== 'properties.card_number'),
  );
  const text = renderTable(r, { findings, baseline: known });
  assert.match(text, /properties\.card_number +string +user\.financial\.credit_card +error/);
  assert.match(text, /\n {4}properties\.email +unknown +user\.contact\.email\n/);
  assert.ok(!text.includes('  settings'), 'the known config finding is not shown');
  assert.match(
    text,
    /findings: 1 error, 0 warnings, 0 notes; 8 findings already in the baseline not shown/,
  );
});

test('an empty scan says so', () => {
  const r = { ...fixtureResult(), calls: [], findings: [], problems: [] };
  assert.match(renderTable(r), /^No analytics or telemetry SDK calls found\.\n\n9 files scanned/);
});
