import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadPythonParser, parsePython, posOf, syntaxErrors } from './parser.js';

before(async () => {
  await Promise.all([loadPythonParser(), loadPythonParser()]);
});

describe('python parser', () => {
  it('gives 1-based lines and UTF-16 columns, as the JavaScript front end does', () => {
    const tree = parsePython('x = 1\ny = "é😀"; mp.track(1)\n');
    try {
      const call = tree.rootNode.descendantsOfType('call')[0]!;
      assert.deepEqual(posOf(call), { line: 2, column: 12 });
    } finally {
      tree.delete();
    }
  });

  it('counts the places it recovered from, and the first one', () => {
    const clean = parsePython('def f(x):\n    return x\n');
    const broken = parsePython('a = 1\ndef f(:\n    pass\nb = [1, 2\n');
    try {
      assert.deepEqual(syntaxErrors(clean.rootNode), { count: 0 });
      const e = syntaxErrors(broken.rootNode);
      assert.ok(e.count >= 2, `count ${e.count}`);
      assert.equal(e.first?.line, 2);
    } finally {
      clean.delete();
      broken.delete();
    }
  });
});
