import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCounters, runStep } from './run.js';
import { drop, ok } from './result.js';

test('an exception inside a step drops the event with step_failed and is counted', () => {
  const counters = createCounters();
  const secret = 'hanako@example.com';
  function explodingStep(_e: { email: string }): never {
    throw new TypeError(`cannot handle ${secret}`);
  }
  const r = runStep(explodingStep, { email: secret }, counters);
  assert.equal(r.kind, 'drop');
  assert.equal(r.kind === 'drop' && r.reason, 'step_failed');
  assert.equal(r.kind === 'drop' && r.detail, 'explodingStep: TypeError');
  assert.ok(!JSON.stringify(r).includes(secret), 'the detail never carries event values');
  assert.equal(counters.dropped.get('step_failed'), 1);
  assert.equal(counters.passed, 0);
});

test('ok and drop results are counted by reason', () => {
  const counters = createCounters();
  runStep((x: number) => ok(x + 1), 1, counters);
  runStep((_x: number) => drop('policy_drop_event'), 1, counters);
  runStep((_x: number) => drop('policy_drop_event'), 1, counters);
  assert.equal(counters.passed, 1);
  assert.equal(counters.dropped.get('policy_drop_event'), 2);
});
