import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createRegistry } from '../core/registry.js';
import type { Val } from '../types.js';
import { VENDORS } from '../vendors/index.js';
import { createFileState, kids } from './context.js';
import { loadPythonParser, parsePython } from './parser.js';
import { createScope } from './scope.js';
import { valueOf } from './values.js';
import { visit } from './walk.js';

const ctx = { registry: createRegistry(VENDORS, 'python'), wrapper: () => undefined };

/** The value of the last line of `src`, after the lines before it are read (clean: see FileState). */
function evaluateIn(src: string, clean: boolean): Val {
  const tree = parsePython(src);
  try {
    const statements = kids(tree.rootNode);
    const last = statements.pop()!;
    const st = createFileState('t.py', ctx, clean ? src : undefined);
    const cx = { st, scope: createScope() };
    for (const s of statements) visit(s, cx);
    return valueOf(last.type === 'expression_statement' ? kids(last)[0]! : last, cx);
  } finally {
    tree.delete();
  }
}

/**
 * The value of the last line of `src`. Read twice: assigned values read at once, and (as in a
 * file without syntax errors) when first needed; both must agree.
 */
function evaluate(src: string): Val {
  const now = evaluateIn(src, false);
  assert.deepEqual(evaluateIn(src, true), now);
  return now;
}

/** A value without positions, for comparing shapes. */
function shape(v: Val): unknown {
  return JSON.parse(JSON.stringify(v, (k, x: unknown) => (k === 'at' ? undefined : x)));
}

const name = (n: string, parent?: string) => ({
  k: 'name',
  name: n,
  ...(parent ? { parent } : {}),
});

function assertShape(v: Val, expected: unknown): void {
  // Texts are for reports; the tests check what classification sees.
  const strip = (x: unknown): unknown =>
    JSON.parse(JSON.stringify(x, (k, y: unknown) => (k === 'text' ? undefined : y)));
  assert.deepEqual(strip(shape(v)), expected);
}

before(async () => {
  await loadPythonParser();
});

describe('python values: literals', () => {
  it('reads strings, escapes, numbers, booleans and None', () => {
    assertShape(evaluate('"a\\tb\\x41"'), { k: 'str', value: 'a\tbA' });
    assertShape(evaluate("r'a\\tb'"), { k: 'str', value: 'a\\tb' });
    assertShape(evaluate('\'con\' "cat"'), { k: 'str', value: 'concat' });
    assertShape(evaluate('1_000'), { k: 'num', value: 1000 });
    assertShape(evaluate('-2.5'), { k: 'num', value: -2.5 });
    assertShape(evaluate('True'), { k: 'bool', value: true });
    assertShape(evaluate('None'), { k: 'null' });
  });

  it('reads dict literals with string keys, and lists and tuples as arrays', () => {
    assertShape(evaluate('{"email": user.email, 1: "one", k: 2}'), {
      k: 'obj',
      props: [
        { key: 'email', value: name('email', 'user') },
        { key: '1', value: { k: 'str', value: 'one' } },
        { value: { k: 'num', value: 2 } },
      ],
      spreads: [],
    });
    assertShape(evaluate('[a, (b,), *rest]'), {
      k: 'arr',
      items: [name('a'), { k: 'arr', items: [name('b')] }, name('rest')],
    });
  });
});

describe('python values: names', () => {
  it('knows attributes, subscripts and .get() by their last name and parent', () => {
    assertShape(evaluate('request.user.email'), name('email', 'user'));
    assertShape(evaluate('user["email"]'), name('email', 'user'));
    assertShape(evaluate('user.get("phone", "")'), name('phone', 'user'));
    assertShape(evaluate('get_email()'), name('get_email'));
    assertShape(evaluate('user.full_name()'), name('full_name', 'user'));
  });

  it('reads .pop() and .setdefault() of a literal key as .get() is', () => {
    assertShape(evaluate('user.pop("email")'), name('email', 'user'));
    assertShape(evaluate('user.pop("phone", None)'), name('phone', 'user'));
    assertShape(evaluate('user.setdefault("ip", "")'), name('ip', 'user'));
    assertShape(evaluate('p = {"email": e}\np.pop("email")'), name('e'));
  });

  it('resolves names assigned earlier, the last assignment winning', () => {
    assertShape(evaluate('x = "a"\nx = user.email\nx'), name('email', 'user'));
    assertShape(evaluate('p = {"email": e}\np["email"]'), name('e'));
    assertShape(evaluate('a, b = first, last\nb'), name('last'));
  });

  it('inlines ** spreads of known dicts and keeps unknown ones as spreads', () => {
    const v = evaluate('base = {"plan": plan}\n{**base, **other, "email": email}');
    assertShape(v, {
      k: 'obj',
      props: [
        { key: 'plan', value: name('plan') },
        { key: 'email', value: name('email') },
      ],
      spreads: [name('other')],
    });
  });

  it('follows mutations of a dict before it is used', () => {
    const v = evaluate(
      'p = {"a": 1}\np["email"] = user.email\np.update(phone=user.phone)\np |= {"ip": ip}\np',
    );
    assert.equal(v.k, 'obj');
    if (v.k !== 'obj') return;
    assert.deepEqual(
      v.props.map((p) => p.key),
      ['a', 'email', 'phone', 'ip'],
    );
  });

  it('reads an assigned value as it was when assigned, whatever is rebound after', () => {
    const src = 'e = user.email\np = {"email": e, "s": f"{e}"}\ne = "none"\np';
    assertShape(evaluate(src), {
      k: 'obj',
      props: [
        { key: 'email', value: name('email', 'user') },
        { key: 's', value: { k: 'concat', parts: [name('email', 'user')] } },
      ],
      spreads: [],
    });
  });

  it('reads copies of a dict as the dict', () => {
    const base = 'import copy\nfrom copy import deepcopy\np = {"email": e}\n';
    const dict = { k: 'obj', props: [{ key: 'email', value: name('e') }], spreads: [] };
    for (const copied of [
      'p.copy()',
      'copy.copy(p)',
      'copy.deepcopy(p)',
      'deepcopy(p)',
      'dict(**p)',
    ])
      assertShape(evaluate(base + copied), dict);
    assertShape(evaluate('dict(**other, plan=plan)'), {
      k: 'obj',
      props: [{ key: 'plan', value: name('plan') }],
      spreads: [name('other')],
    });
    assertShape(evaluate('d = {}\nd.update(**other)\nd'), {
      k: 'obj',
      props: [],
      spreads: [name('other')],
    });
  });

  it('reads a dict copied item by item, by a loop or a comprehension, as the dict', () => {
    const loop = 'd = {"a": 1}\nfor k, v in other.items():\n    d[k] = v\nd';
    assertShape(evaluate(loop), {
      k: 'obj',
      props: [{ key: 'a', value: { k: 'num', value: 1 } }],
      spreads: [name('other')],
    });
    const items = { k: 'obj', props: [], spreads: [name('other')] };
    assertShape(evaluate('{k: v for k, v in other.items()}'), items);
    assertShape(evaluate('{k: v for (k, v) in other.items() if v}'), items);
    // Not a copy of the items: the values are changed, the keys are, or they are swapped.
    const unknown = (src: string) => assert.equal(evaluate(src).k, 'unknown');
    unknown('{k: len(v) for k, v in other.items()}');
    unknown('{k.upper(): v for k, v in other.items()}');
    unknown('{v: k for k, v in other.items()}');
    unknown('{k: v for k, v in other}');
    const swapped = evaluate('d = {}\nfor k, v in other.items():\n    d[v] = k\nd');
    assert.equal(swapped.k === 'obj' && swapped.spreads.length, 0);
  });

  it('reads dict(k=v) as a dict', () => {
    assertShape(evaluate('dict(email=user.email)'), {
      k: 'obj',
      props: [{ key: 'email', value: name('email', 'user') }],
      spreads: [],
    });
  });
});

describe('python values: strings built from values', () => {
  it('reads f-strings as concatenations with their interpolations', () => {
    assertShape(evaluate('f"Hi {user.name!r:>10}, {n}"'), {
      k: 'concat',
      parts: [
        { k: 'str', value: 'Hi ' },
        name('name', 'user'),
        { k: 'str', value: ', ' },
        name('n'),
      ],
    });
  });

  it('reads +, % and .format() on strings, and str.join', () => {
    const parts = [name('first'), { k: 'str', value: ' ' }, name('last')];
    assertShape(evaluate('first + " " + last'), { k: 'concat', parts });
    assertShape(evaluate('"%s %s" % (first, last)'), { k: 'concat', parts });
    assertShape(evaluate('"{} {}".format(first, last)'), { k: 'concat', parts });
    assertShape(evaluate('"{a} {b}".format(b=last, a=first)'), { k: 'concat', parts });
    assertShape(evaluate('" ".join([first, last])'), { k: 'concat', parts });
    assertShape(evaluate('count + 1'), { k: 'num' });
  });
});

describe('python values: hashes and pass-through calls', () => {
  it('sees through hashlib, hmac and names that say hash', () => {
    const hashed = { k: 'hash', inner: name('email', 'user') };
    assertShape(evaluate('hashlib.sha256(user.email.lower().encode()).hexdigest()'), hashed);
    assertShape(evaluate('hmac.new(KEY, user.email.encode(), hashlib.sha256).hexdigest()'), hashed);
    assertShape(evaluate('sha256(user.email)'), hashed);
    assertShape(evaluate('pseudonymize("salt", user.email)'), hashed);
    assertShape(evaluate('hashlib.new("md5", user.email)'), hashed);
  });

  it('passes str(), .lower(), .strip() and .encode() through', () => {
    assertShape(evaluate('str(user.email).lower().strip().encode()'), name('email', 'user'));
  });

  it('reads conditionals and or/and as unions', () => {
    assertShape(evaluate('user.email if ok else None'), {
      k: 'union',
      options: [name('email', 'user'), { k: 'null' }],
    });
    assertShape(evaluate('email or phone'), {
      k: 'union',
      options: [name('email'), name('phone')],
    });
  });
});

describe('python values: positions', () => {
  it('gives every value the 1-based line and column of its expression', () => {
    const v = evaluate('x = 1\n{\n  "e": user.email, "p": f"{a}"}');
    assert.equal(v.k, 'obj');
    if (v.k !== 'obj') return;
    assert.deepEqual(v.at, { line: 2, column: 1 });
    assert.deepEqual(v.props[0]!.value.at, { line: 3, column: 8 });
    const f = v.props[1]!.value;
    assert.deepEqual(f.at, { line: 3, column: 25 });
  });

  it('keeps the position where a resolved value was written', () => {
    const v = evaluate('e = user.email\n\ne');
    assert.deepEqual(v.at, { line: 1, column: 5 });
  });
});
