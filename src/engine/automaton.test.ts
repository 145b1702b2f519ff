import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAutomaton, findAll } from './automaton.js';

function naive(keywords: string[], text: string): Array<[number, number]> {
  const lower = text.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const out: Array<[number, number]> = [];
  for (let end = 1; end <= text.length; end++)
    keywords.forEach((k, i) => {
      if (end >= k.length && lower.slice(end - k.length, end) === k) out.push([i, end - k.length]);
    });
  return out;
}

const sortPairs = (a: Array<[number, number]>) => [...a].sort((x, y) => x[1] - y[1] || x[0] - y[0]);

test('reports overlapping matches: npm_ does not hide npm', () => {
  const a = createAutomaton(['npm', 'npm_', 'pm_']);
  assert.deepEqual(sortPairs(findAll(a, 'x npm_abc')), [
    [0, 2],
    [1, 2],
    [2, 3],
  ]);
});

test('folds ASCII case only, spans stay in original units', () => {
  const a = createAutomaton(['akia', 'ghp_']);
  assert.deepEqual(findAll(a, 'İ AKIA GHP_'), [
    [0, 2],
    [1, 7],
  ]);
});

test('matches non-ASCII keywords exactly', () => {
  const a = createAutomaton(['〒', '東京都']);
  assert.deepEqual(sortPairs(findAll(a, '住所〒100 東京都千代田区')), [
    [0, 2],
    [1, 7],
  ]);
});

test('agrees with a naive matcher on random text', () => {
  const keywords = ['ab', 'abc', 'bca', 'c', 'aab', 'ba', 'cab', 'abcab'];
  const a = createAutomaton(keywords);
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 4;
  for (let round = 0; round < 200; round++) {
    const text = Array.from({ length: 40 }, () => 'abcA'[rnd()]).join('');
    assert.deepEqual(sortPairs(findAll(a, text)), sortPairs(naive(keywords, text)), text);
  }
});

test('rejects empty keywords and more than 255 distinct keyword characters', () => {
  assert.throws(() => createAutomaton(['']));
  const many = Array.from({ length: 300 }, (_, i) => String.fromCharCode(0x4e00 + i));
  assert.throws(() => createAutomaton(many), /255/);
  assert.equal(createAutomaton(many.slice(0, 255)).bits, 8);
});

test("the alphabet holds only the keywords' characters; every other character reads as one symbol", () => {
  const keywords = ['ghp_', 'sk-', 'Key=', '〒', 'npm_'];
  const a = createAutomaton(keywords);
  // g h p _ s k - e y = 〒 n m, plus the shared symbol 0: 14 symbols, rows of 16.
  assert.equal(a.bits, 4);
  assert.equal(a.delta.length, a.stateCount * 16);
  let seed = 11;
  const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
  const chars = 'ghpskeynm_-=〒GHPSKEYNMxz9 東';
  for (let round = 0; round < 300; round++) {
    const text = Array.from({ length: 60 }, () => chars[rnd(chars.length)]).join('');
    const lowered = keywords.map((k) => k.toLowerCase());
    assert.deepEqual(sortPairs(findAll(a, text)), sortPairs(naive(lowered, text)), text);
  }
});

test("the built-in rules' keywords fit rows of 128 symbols (a 128th character doubles the table)", async () => {
  const { allRules } = await import('./rules/index.js');
  const keywords = new Set<string>();
  for (const r of allRules)
    for (const k of r.keywords ?? []) keywords.add(k.replace(/[A-Z]/g, (c) => c.toLowerCase()));
  const a = createAutomaton([...keywords]);
  // 127 distinct characters today, plus the shared symbol 0: docs/detection.md, stage 1. A rule
  // that needs more should reuse characters (write a label as its last characters: `員番号`).
  assert.ok(a.bits <= 7, `rows of ${1 << a.bits} symbols`);
});
