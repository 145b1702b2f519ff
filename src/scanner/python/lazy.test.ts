import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { namesIn } from './lazy.js';

describe('python lazy values: names an expression can look up', () => {
  it('takes every word, and the tails of a word glued to a number', () => {
    assert.deepEqual([...namesIn('f(a.b, "c d", x_1)')!].sort(), ['a', 'b', 'c', 'd', 'f', 'x_1']);
    assert.deepEqual([...namesIn('1if b else 0x1fg')!].sort(), [
      'b',
      'else',
      'f',
      'fg',
      'g',
      'if',
      'x1fg',
    ]);
  });

  it('gives up on text that is not ASCII (names may then be any letters)', () => {
    assert.equal(namesIn('{"e": usér.email}'), undefined);
  });
});
