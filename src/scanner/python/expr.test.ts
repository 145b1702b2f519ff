import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createRegistry } from '../core/registry.js';
import { VENDORS } from '../vendors/index.js';
import { createFileState, type Cx } from './context.js';
import {
  calleeOf,
  definedName,
  nodeOf,
  simpleAssignment,
  textParameters,
  type Expr,
} from './expr.js';
import { loadPythonParser, parsePython } from './parser.js';
import { createScope } from './scope.js';
import { findSites, type Site } from './sites.js';

const ctx = { registry: createRegistry(VENDORS, 'python'), wrapper: () => undefined };

/** Run `f` on the first site of `type` in `src`, read as a clean tree (or not). */
function withSite<T>(src: string, type: string, f: (s: Site, cx: Cx) => T, clean = true): T {
  const tree = parsePython(src);
  try {
    const all: Site[] = [];
    const collect = (ss: readonly Site[]): void =>
      ss.forEach((s) => (all.push(s), collect(s.kids)));
    collect(findSites(tree.rootNode));
    const site = all.find((s) => s.type === type)!;
    const cx = { st: createFileState('t.py', ctx, clean ? src : undefined), scope: createScope() };
    return f(site, cx);
  } finally {
    tree.delete();
  }
}

/** What an expression says of itself, its node's text read from the tree. */
function describeExpr(e: Expr | undefined): unknown {
  if (e === undefined) return undefined;
  return {
    type: e.type,
    names: e.names?.join('.'),
    node: nodeOf(e).text,
    ...(e.callee && { callee: describeExpr(e.callee) }),
  };
}

const callee = (src: string, clean = true) =>
  withSite(src, 'call', (s, cx) => describeExpr(calleeOf(s, cx)), clean);

before(async () => {
  await loadPythonParser();
});

describe('python expressions read from the text', () => {
  it('reads a call of a dotted name from its text, anything else from the tree', () => {
    assert.deepEqual(callee('a.b.c(x)'), { type: 'attribute', names: 'a.b.c', node: 'a.b.c' });
    assert.deepEqual(callee('a.b(x)(y)'), { type: 'call', names: undefined, node: 'a.b(x)' });
    assert.deepEqual(callee('a . b(x)'), { type: 'attribute', names: undefined, node: 'a . b' });
    assert.deepEqual(callee('None(x)'), { type: 'none', names: undefined, node: 'None' });
    assert.deepEqual(callee('a.b(x)', false), { type: 'attribute', names: undefined, node: 'a.b' });
    assert.deepEqual(callee('f(x)', false), { type: 'identifier', names: 'f', node: 'f' });
  });

  it('reads `name = value` and `name.attr = value`, not chains, annotations or other targets', () => {
    const assignment = (src: string) =>
      withSite(src, 'assignment', (s, cx) => {
        const a = simpleAssignment(s, cx);
        return a && { name: a.name, attr: a.attr, value: describeExpr(a.value()) };
      });
    assert.deepEqual(assignment('x = f.g(y)'), {
      name: 'x',
      attr: undefined,
      value: {
        type: 'call',
        names: undefined,
        node: 'f.g(y)',
        callee: { type: 'attribute', names: 'f.g', node: 'f.g' },
      },
    });
    assert.deepEqual(assignment('self.a =  b.c  # note'), {
      name: 'self',
      attr: 'a',
      value: { type: 'attribute', names: 'b.c', node: 'b.c' },
    });
    assert.deepEqual(assignment('x = a + b'), {
      name: 'x',
      attr: undefined,
      value: { type: 'binary_operator', names: undefined, node: 'a + b' },
    });
    for (const other of ['x = y = f()', 'x: int = 1', 'x = \\\n  1', 'a[0] = 1', 'a, b = c'])
      assert.equal(assignment(other), undefined, other);
  });

  it('reads parameter lists of names, defaults and splats; annotations from the tree', () => {
    const params = (src: string) =>
      withSite(src, 'function_definition', (s, cx) => textParameters(s, cx.st.clean));
    assert.deepEqual(params('def f(self, a, b=1, *args, c=lambda: 0, **kw):\n  pass'), {
      names: ['self', 'a', 'b', 'c'],
      splats: ['args', 'kw'],
      kwargs: 'kw',
    });
    assert.deepEqual(params('async def f(\n    a, /, b, *, c,\n):\n  pass'), {
      names: ['a', 'b', 'c'],
      splats: [],
    });
    for (const other of ['def f(a: int): pass', 'def f(a="x,y"): pass', 'def f(a=(1, 2)): pass'])
      assert.equal(params(other), undefined, other);
  });

  it('reads the names of definitions', () => {
    const name = (src: string, type: string) => withSite(src, type, definedName);
    assert.equal(name('async def go(x):\n  pass', 'function_definition'), 'go');
    assert.equal(name('class A(B):\n  pass', 'class_definition'), 'A');
    assert.equal(name('class A:\n  pass', 'class_definition'), 'A');
  });
});
