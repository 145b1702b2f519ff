import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Val } from '../types.js';
import { formatVal, joinParts, percentVal } from './strings.js';

const at = { line: 1, column: 1 };
const n = (name: string): Val => ({ k: 'name', name, text: name, at });
const s = (value: string): Val => ({ k: 'str', value, at });

describe('python string templates', () => {
  it('merges adjacent literal parts and unwraps a lone literal', () => {
    assert.deepEqual(joinParts([s('a'), s('b')], at), s('ab'));
    assert.deepEqual(joinParts([s('a'), n('x'), s('b'), s('c')], at), {
      k: 'concat',
      parts: [s('a'), n('x'), s('bc')],
      at,
    });
  });

  it('fills % templates from a tuple, a dict or one value, keeping %% as text', () => {
    const tuple: Val = { k: 'arr', items: [n('a'), n('b')], at };
    assert.deepEqual(percentVal('%s and %d%%', tuple, at), {
      k: 'concat',
      parts: [n('a'), s(' and '), n('b'), s('%')],
      at,
    });
    const dict: Val = { k: 'obj', props: [{ key: 'who', value: n('email'), at }], spreads: [], at };
    assert.deepEqual(percentVal('to %(who)s', dict, at), {
      k: 'concat',
      parts: [s('to '), n('email')],
      at,
    });
    assert.deepEqual(percentVal('%-10s!', n('x'), at), {
      k: 'concat',
      parts: [n('x'), s('!')],
      at,
    });
  });

  it('fills str.format fields by position, index and name, keeping {{ }} as text', () => {
    const kw = new Map([['who', n('email')]]);
    assert.deepEqual(formatVal('{} {1} {who.x:>5} {{x}}', [n('a'), n('b')], kw, at), {
      k: 'concat',
      parts: [n('a'), s(' '), n('b'), s(' '), n('email'), s(' {x}')],
      at,
    });
  });
});
