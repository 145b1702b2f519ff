// Linear time on adversarial input, with every rule enabled. Timing does not decide pass/fail
// for speed: the check is that 10x more input costs about 10x more time (a quadratic detector
// costs ~100x), plus a generous absolute guard that only a pathological blowup can break.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDetector } from './detect.js';

const detector = createDetector();

const ADVERSARIAL: Record<string, (n: number) => string> = {
  letters: (n) => 'a'.repeat(n),
  digits: (n) => '7'.repeat(n),
  'digit groups': (n) => '1234 '.repeat(n / 5),
  'dotted digits': (n) => '1.'.repeat(n / 2),
  'dashed digits': (n) => '12-'.repeat(n / 3),
  base64: (n) => 'QUJDRGVmZ2g0NTY3'.repeat(n / 16),
  'at signs': (n) => '@'.repeat(n),
  'local@domain runs': (n) => 'a@a.a'.repeat(n / 5),
  'long local part': (n) => ('x'.repeat(63) + '@').repeat(n / 64),
  'dots and at': (n) => '.@'.repeat(n / 2),
  'token prefixes': (n) => 'sk-ghp_AKIAxoxb-glpat-'.repeat(n / 22),
  'jwt prefix': (n) => 'eyJ'.repeat(n / 3),
  'pem begin': (n) => '-----BEGIN '.repeat(n / 11),
  'query params': (n) => 'token=&'.repeat(n / 7),
  colons: (n) => ':'.repeat(n),
  'hex and colons': (n) => 'fe80:'.repeat(n / 5),
  'postal marks': (n) => '〒'.repeat(n),
  prefectures: (n) => '東京都'.repeat(n / 3),
  'full-width': (n) => 'ａ＠'.repeat(n / 2),
  'percent escapes': (n) => '%41'.repeat(n / 3),
  'json-ish': (n) => '{"a":'.repeat(n / 5),
  'spaces and digits': (n) => '1 '.repeat(n / 2),
};

function timeOf(s: string): number {
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    const t0 = process.hrtime.bigint();
    detector({ v: s });
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return best;
}

for (const [name, make] of Object.entries(ADVERSARIAL)) {
  test(`adversarial input is linear: ${name}`, () => {
    const small = make(20_000);
    const large = make(200_000);
    timeOf(small); // warm up
    const ts = timeOf(small);
    const tl = timeOf(large);
    // Linear: ~10x. Allow noise (and a floor for tiny timings); quadratic would be ~100x.
    assert.ok(
      tl < Math.max(ts, 2) * 30,
      `${name}: 20 KB took ${ts.toFixed(2)} ms, 200 KB took ${tl.toFixed(2)} ms`,
    );
    assert.ok(tl < 2_000, `${name}: 200 KB took ${tl.toFixed(0)} ms`);
  });
}

test('deeply nested documents are cut, not recursed without bound', () => {
  let v: unknown = 'x';
  for (let i = 0; i < 100_000; i++) v = [v];
  const t0 = Date.now();
  const found = detector(v);
  assert.equal(found[0]?.kind, 'unscanned');
  assert.ok(Date.now() - t0 < 2_000);
});
