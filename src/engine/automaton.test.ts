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

test('rejects empty keywords and too many non-ASCII symbols', () => {
  assert.throws(() => createAutomaton(['']));
  const many = Array.from({ length: 200 }, (_, i) => String.fromCharCode(0x4e00 + i));
  assert.throws(() => createAutomaton(many), /128/);
});
