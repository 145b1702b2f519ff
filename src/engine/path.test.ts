import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createPathFormatter, createPathTrie, formatPath, type PathSegment } from './path.js';

const PATHS: PathSegment[][] = [
  [],
  ['properties'],
  ['properties', 'email'],
  ['properties', 'items', 0, 'email'],
  ['properties', 'items', '0'],
  ['properties', 'items', 0],
  ['context', 'user-agent'],
  ['context', 'a.b'],
  ['context', 'a', 'b'],
  ['traits', '"quoted"\n', 12],
  ['properties', 'email'],
];

test('the path formatter gives what formatPath gives, the same string for the same segments', () => {
  const format = createPathFormatter();
  for (let round = 0; round < 3; round++)
    for (const p of PATHS) assert.equal(format(p), formatPath(p), JSON.stringify(p));
  assert.equal(format(['context', 'a.b']), 'context["a.b"]');
  assert.equal(format(['properties', 'items', '0']), 'properties.items["0"]');
  assert.equal(format(['properties', 'items', 0]), 'properties.items[0]');
});

test('the path formatter stays correct past its limit (it starts anew)', () => {
  const format = createPathFormatter(5);
  for (let i = 0; i < 200; i++) {
    const p: PathSegment[] = ['properties', `k${i % 17}`, i % 3, `x-${i}`];
    assert.equal(format(p), formatPath(p));
  }
  for (const p of PATHS) assert.equal(format(p), formatPath(p));
});

test('with anyIndex, every array index is [] (the field of any element), keys stay as they are', () => {
  const format = createPathFormatter(4096, true);
  for (let round = 0; round < 2; round++) {
    assert.equal(format(['properties', 'items', 7, 'sku']), 'properties.items[].sku');
    assert.equal(format(['properties', 'items', 0, 'sku']), 'properties.items[].sku');
    assert.equal(
      format(['properties', 'items', '0']),
      'properties.items["0"]',
      'a key, not an index',
    );
    assert.equal(format(['m', 3, 4]), 'm[][]');
  }
  // One string for every index, so the trie does not grow with array lengths.
  assert.equal(format(['a', 1, 'b']), format(['a', 2, 'b']));
  const small = createPathFormatter(2, true);
  for (let i = 0; i < 20; i++) assert.equal(small(['x', i, `k${i}`]), `x[].k${i}`);
  assert.equal(formatPath(['a', 5], true), 'a[]');
  assert.equal(formatPath(['a', 5]), 'a[5]');
});

test('a walk down the trie from a node in hand stays correct when the trie starts anew', () => {
  const trie = createPathTrie<number>(4);
  const props = trie.at(['properties']);
  assert.equal(props.path, 'properties');
  assert.equal(trie.child(props, 'plan'), trie.at(['properties', 'plan']), 'one node per path');
  trie.child(props, 'plan').slot = 1;
  // Past the limit the trie starts anew: the node in hand belongs to the old one, and what is
  // made below it is made outside the trie (right path, nothing kept).
  for (let i = 0; i < 10; i++) trie.at(['traits', `k${i}`]);
  const below = trie.child(props, 'plan');
  assert.equal(below.path, 'properties.plan');
  assert.equal(below.kept, false);
  assert.equal(trie.child(below, 'x y').path, 'properties.plan["x y"]');
  assert.equal(trie.at(['properties', 'plan']).slot, undefined, 'the new trie keeps no old slot');
  assert.equal(trie.root().path, '');
});
