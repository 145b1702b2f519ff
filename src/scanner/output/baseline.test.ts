import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyBaseline } from './baseline.js';
import { fixtureResult } from './fixture.js';

test('a baseline holding every finding leaves nothing new', () => {
  const { findings } = fixtureResult();
  assert.deepEqual(applyBaseline(findings, findings), { findings: [], known: findings.length });
});

test('count-aware: two known of a fingerprint and three now leaves one new', () => {
  const { findings } = fixtureResult();
  const email = findings.filter((f) => f.path === 'properties.email');
  assert.equal(email.length, 2, 'the fixture sends the same email twice');
  assert.equal(email[0]!.fingerprint, email[1]!.fingerprint);
  const third = { ...email[1]!, line: 90 };
  const now = [...email, third];
  const r = applyBaseline(now, email);
  assert.deepEqual(r.findings, [third]);
  assert.equal(r.known, 2);
  const fewer = applyBaseline(now, email.slice(1));
  assert.equal(fewer.findings.length, 2);
});

test('fingerprints not in the baseline are new, whatever else it holds', () => {
  const { findings } = fixtureResult();
  const r = applyBaseline(findings, [{ fingerprint: 'nothing-like-it' }]);
  assert.equal(r.findings.length, findings.length);
  assert.equal(r.known, 0);
});
