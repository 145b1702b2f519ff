import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRecent } from './recent.js';

test('a recent memory holds at most its limit and keeps what keeps coming back', () => {
  const m = createRecent<number>(10);
  m.set('hot', 0);
  for (let i = 0; i < 1_000; i++) {
    m.set(`once-${i}`, i);
    if (i % 4 === 0) assert.equal(m.get('hot'), 0, `hot forgotten at ${i}`);
  }
  // Values seen once fall out after two generations; the latest ones are still there.
  assert.equal(m.get('once-0'), undefined);
  assert.equal(m.get('once-999'), 999);
  let held = 0;
  for (let i = 0; i < 1_000; i++) if (m.get(`once-${i}`) !== undefined) held++;
  assert.ok(held <= 10, `${held} entries held with a limit of 10`);
  assert.ok(held >= 4, `${held} entries held`);
});

test('an entry not asked for again is forgotten after two generations', () => {
  const m = createRecent<string>(4);
  m.set('a', 'A');
  m.set('b', 'B');
  m.set('c', 'C'); // a and b become the older generation
  assert.equal(m.get('a'), 'A'); // carried into the newer one (with c)
  m.set('d', 'D'); // c and a become the older generation; b is dropped
  assert.equal(m.get('b'), undefined);
  assert.equal(m.get('a'), 'A');
  assert.equal(m.get('c'), 'C');
});
