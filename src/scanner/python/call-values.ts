/**
 * Calls as values: hashes and HMACs (`hashlib.sha256(email.encode()).hexdigest()`), calls that
 * return a spelling of their input (`str(x)`, `x.lower()`), string building (`"{}".format(x)`,
 * `" ".join([a, b])`), `dict(k=v)`, `d.get("email")` (and `d.pop`, `d.setdefault`), and any
 * other call as the name it is called by (`get_email()` → `get_email`).
 */
import type { Node } from 'web-tree-sitter';
import { literalOf } from '../core/flows.js';
import type { Val, ValProp } from '../types.js';
import { readArgs } from './args.js';
import { kids, lastName, stringText, type Cx } from './context.js';
import { posOf } from './parser.js';
import { dropKey, takenValue } from './removed.js';
import { lookup } from './scope.js';
import { formatVal, joinParts } from './strings.js';
import { member, spreadInto, textOf, valueOf } from './values.js';

/** Callee names that hash, HMAC, encrypt or pseudonymize what they are given. */
const HASH = /hash|sha\d|sha$|md5|digest|hmac|blake2|encrypt|pseudonym|anonymi[sz]/i;
/** Methods of a hash object or module that hash their input (`hashlib.new`, `h.update`). */
const HASH_METHODS = /^(?:new|update|digest|hexdigest)$/;
/** Methods that return (a spelling of, or a copy of) the object they are called on. */
const PASS_METHODS: ReadonlySet<string> = new Set([
  'lower',
  'upper',
  'strip',
  'lstrip',
  'rstrip',
  'encode',
  'decode',
  'casefold',
  'title',
  'capitalize',
  'swapcase',
  'replace',
  'zfill',
  'ljust',
  'rjust',
  'center',
  'removeprefix',
  'removesuffix',
  'copy',
]);
/** The `copy` module's functions, which return a copy of their argument. */
const COPIES: ReadonlySet<string> = new Set(['copy', 'deepcopy']);
/**
 * Methods of a dict that return the value of the key they are given: `d.get("email")`,
 * `d.pop("email", None)`, `d.setdefault("email", x)` (their default is not read).
 */
const READS: ReadonlySet<string> = new Set(['get', 'pop', 'setdefault']);
/** Functions that return (a spelling of) their first argument. */
const PASS_FUNCTIONS: ReadonlySet<string> = new Set([
  'str',
  'repr',
  'quote',
  'quote_plus',
  'escape',
  'normalize',
  'dumps',
]);

/** Positional argument nodes of a call (keyword arguments and splats left out). */
function positionalNodes(call: Node): Node[] {
  const args = call.childForFieldName('arguments');
  if (args === null || args.type !== 'argument_list') return [];
  return kids(args).filter(
    (a) =>
      a.type !== 'keyword_argument' && a.type !== 'list_splat' && a.type !== 'dictionary_splat',
  );
}

function isLiteral(n: Node): boolean {
  return n.type === 'string' && stringText(n) !== undefined;
}

/**
 * What a hash call chain hashes: an HMAC's message (its second argument), else the first argument
 * that is not a literal, down the chain (`sha256(x).hexdigest()` → `x`).
 */
function hashedInput(call: Node, cx: Cx, depth: number): Val {
  for (let cur: Node | null = call; cur !== null && cur.type === 'call';) {
    const fn = cur.childForFieldName('function');
    const args = positionalNodes(cur);
    if (/hmac/i.test(fn?.text ?? '') && args[1] !== undefined)
      return valueOf(args[1], cx, depth + 1);
    const arg = args.find((a) => !isLiteral(a));
    if (arg !== undefined) return valueOf(arg, cx, depth + 1);
    cur = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
  }
  return { k: 'unknown', text: textOf(call), at: posOf(call) };
}

function isHash(name: string, obj: Node | null): boolean {
  return HASH.test(name) || (obj !== null && HASH.test(obj.text) && HASH_METHODS.test(name));
}

/**
 * The items the arguments of `dict(…)` or `d.update(…)` give: a mapping's (`dict(base)`,
 * `dict(**more)`, a dict's in place, any other value kept as a spread) and keywords'
 * (`dict(k=v)`); `*args` are unknown.
 */
export function mappingArgs(
  call: Node,
  cx: Cx,
  depth: number,
): { props: ValProp[]; spreads: Val[] } {
  const props: ValProp[] = [];
  const spreads: Val[] = [];
  const list = call.childForFieldName('arguments');
  if (list !== null && list.type !== 'argument_list') {
    spreads.push({ k: 'unknown', text: textOf(list), at: posOf(list) });
    return { props, spreads };
  }
  for (const c of list === null ? [] : kids(list)) {
    if (c.type === 'keyword_argument') {
      const key = c.childForFieldName('name')?.text;
      const value = c.childForFieldName('value');
      const v = value === null ? undefined : valueOf(value, cx, depth + 1);
      if (key !== undefined && v !== undefined) props.push({ key, value: v, at: v.at });
    } else if (c.type === 'list_splat') {
      spreads.push({ k: 'unknown', text: textOf(c), at: posOf(c) });
    } else {
      const inner = c.type === 'dictionary_splat' ? kids(c)[0] : c;
      if (inner !== undefined) spreadInto(valueOf(inner, cx, depth + 1), props, spreads);
    }
  }
  return { props, spreads };
}

/** `dict(base, k=v, **more)`. */
function dictCall(call: Node, cx: Cx, depth: number): Val {
  return { k: 'obj', ...mappingArgs(call, cx, depth), at: posOf(call) };
}

/** `sep.join(items)` and `template.format(…)` on a literal string. */
function stringMethod(call: Node, name: string, obj: Node, cx: Cx, depth: number): Val | undefined {
  const at = posOf(call);
  const self = literalOf(valueOf(obj, cx, depth + 1));
  if (self === undefined) return undefined;
  const args = readArgs(call.childForFieldName('arguments'), cx, depth + 1);
  if (name === 'format') return formatVal(self, args.positional, args.keywords, at);
  const items = args.positional[0];
  if (items?.k !== 'arr') return undefined;
  const parts: Val[] = [];
  items.items.forEach((v, i) => {
    if (i > 0 && self !== '') parts.push({ k: 'str', value: self, at });
    parts.push(v);
  });
  return joinParts(parts, at);
}

/** The value a call returns, as far as its callee tells. */
export function callVal(call: Node, cx: Cx, depth: number): Val {
  const at = posOf(call);
  const fn = call.childForFieldName('function');
  const name =
    fn === null
      ? undefined
      : fn.type === 'identifier' || fn.type === 'attribute'
        ? lastName(fn)
        : undefined;
  if (fn === null || name === undefined) return { k: 'unknown', text: textOf(call), at };
  const obj = fn.type === 'attribute' ? fn.childForFieldName('object') : null;
  if (isHash(name, obj)) return { k: 'hash', inner: hashedInput(call, cx, depth), at };
  const first = positionalNodes(call)[0];
  // `copy.copy(x)`, `copy.deepcopy(x)`, `deepcopy(x)`: a copy of `x` (`x.copy()` passes below).
  if (COPIES.has(name) && first !== undefined && (obj === null || obj.text === 'copy'))
    return valueOf(first, cx, depth + 1);
  if (obj !== null && PASS_METHODS.has(name)) return valueOf(obj, cx, depth + 1);
  if (PASS_FUNCTIONS.has(name) && first !== undefined) return valueOf(first, cx, depth + 1);
  if (obj !== null && (name === 'format' || name === 'join')) {
    const v = stringMethod(call, name, obj, cx, depth);
    if (v !== undefined) return v;
  }
  const key =
    obj !== null && READS.has(name) && first !== undefined ? stringText(first) : undefined;
  if (obj !== null && key !== undefined) {
    const taken =
      name === 'pop' && obj.type === 'identifier' ? takenValue(cx, obj.text, key) : undefined;
    const v = taken ?? member(cx, valueOf(obj, cx, depth + 1), key, textOf(call), at);
    // Popped as it is read: what is read of `**kwargs` (or a known dict) after it, in the same
    // statement, is without it (`track(props.pop("id"), event, {**props})`).
    if (name === 'pop' && obj.type === 'identifier') dropKey(cx, obj.text, key);
    return v;
  }
  if (obj === null && name === 'dict' && lookup(cx.scope, 'dict') === undefined)
    return dictCall(call, cx, depth);
  const parent = obj === null ? undefined : lastName(obj);
  return { k: 'name', name, ...(parent !== undefined ? { parent } : {}), text: textOf(call), at };
}
