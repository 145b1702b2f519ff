import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffMs } from './backoff.js';

const opts = { baseMs: 1000, maxMs: 300_000 };

test('the cap doubles with each attempt up to maxMs', () => {
  const nearOne = () => 0.999_999;
  assert.equal(backoffMs(0, opts, nearOne), 999);
  assert.equal(backoffMs(1, opts, nearOne), 1999);
  assert.equal(backoffMs(3, opts, nearOne), 7999);
  assert.equal(backoffMs(20, opts, nearOne), 299_999);
  assert.equal(backoffMs(10_000, opts, nearOne), 299_999);
});

test('the delay scales with the random draw (full jitter)', () => {
  assert.equal(
    backoffMs(2, opts, () => 0),
    0,
  );
  assert.equal(
    backoffMs(2, opts, () => 0.5),
    2000,
  );
  assert.equal(
    backoffMs(2, opts, () => 0.25),
    1000,
  );
});

test('odd attempt numbers are treated as 0 or floored', () => {
  const half = () => 0.5;
  assert.equal(backoffMs(-3, opts, half), 500);
  assert.equal(backoffMs(Number.NaN, opts, half), 500);
  assert.equal(backoffMs(1.9, opts, half), 1000);
});

test('a draw outside [0, 1) never leaves [0, maxMs]', () => {
  assert.equal(
    backoffMs(30, opts, () => 7),
    300_000,
  );
  assert.equal(
    backoffMs(30, opts, () => -1),
    0,
  );
});

test('default random stays within bounds', () => {
  for (let i = 0; i < 200; i++) {
    const v = backoffMs(4, opts);
    assert.ok(v >= 0 && v < 16_000 && Number.isInteger(v));
  }
});
