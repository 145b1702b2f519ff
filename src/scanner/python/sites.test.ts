import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadPythonParser, parsePython } from './parser.js';
import { findSites, type Site } from './sites.js';

/** Sites as `type[kids…]`, kids in order. */
function outline(sites: readonly Site[]): string {
  return sites
    .map((s) => (s.kids.length === 0 ? s.type : `${s.type}[${outline(s.kids)}]`))
    .join(' ');
}

function sitesOf(src: string): string {
  const tree = parsePython(src);
  try {
    return outline(findSites(tree.rootNode));
  } finally {
    tree.delete();
  }
}

before(async () => {
  await loadPythonParser();
});

describe('python sites', () => {
  it('finds the nodes the walk acts on, nested as in the tree, in source order', () => {
    assert.equal(
      sitesOf('import a\nx = f(g(y), lambda: h())\nfor i in k(): m(i)\n'),
      'import_statement assignment[call[call lambda[call]]] for_statement[call call]',
    );
    assert.equal(
      sitesOf('@d(1)\nclass A(B):\n    def m(self, x=f()):\n        self.y += g(x)\n'),
      'call class_definition[function_definition[call augmented_assignment[call]]]',
    );
  });

  it('nests nodes that share a start: a call of a call, a with item that is a call', () => {
    assert.equal(sitesOf('a.b(x)(y)\n'), 'call[call]');
    assert.equal(sitesOf('with open(p), lock as l:\n    pass\n'), 'with_item[call] with_item');
  });

  it('finds del statements, with the calls in them', () => {
    assert.equal(
      sitesOf('def f(**p):\n    del p["a"], p[k()]\n'),
      'function_definition[delete_statement[call]]',
    );
  });

  it('does not take the lambda keyword for a lambda', () => {
    assert.equal(sitesOf('f = lambda: 1\n'), 'assignment[lambda]');
  });
});
