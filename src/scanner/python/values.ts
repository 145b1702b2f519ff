/**
 * Python expressions to `Val`s: dict literals with their `**` spreads, lists and tuples, string
 * literals and f-strings, names resolved in the scopes read so far, `user.email` and
 * `user["email"]` known by their last name, conditional and boolean expressions as unions, and
 * the parameters of the function being read (for wrappers), keys read out of its `**kwargs`
 * among them.
 */
import type { Node } from 'web-tree-sitter';
import { literalOf } from '../core/flows.js';
import type { Pos, Val, ValProp } from '../types.js';
import { capped, joined, MAX_ITEMS } from './bounds.js';
import { callVal } from './call-values.js';
import { kids, lastName, poppedAt, stringText, type Cx } from './context.js';
import { posOf } from './parser.js';
import { lookup, valOf } from './scope.js';
import { concatenatedVal, joinParts, percentVal, stringVal } from './strings.js';

/** Nesting followed at most; deeper expressions are `unknown`. */
const MAX_DEPTH = 24;
/** Characters of source text kept on a value. */
const MAX_TEXT = 200;

/** Source text of a node, shortened. */
export function textOf(node: Node): string {
  const t = node.text;
  return t.length <= MAX_TEXT ? t : t.slice(0, MAX_TEXT);
}

/** A `param` value of the function `fn`, remembered as its own. */
export function paramVal(
  cx: Cx,
  fn: number,
  index: number,
  path: readonly string[],
  name: string,
  at: Pos,
): Val {
  const v: Val = { k: 'param', index, path, name, at };
  cx.st.owners.set(v, fn);
  return v;
}

/**
 * `kwargs["name"]` read in the function whose `**kwargs` it is: the caller's keyword argument
 * `name`, as a parameter of its own (see `FnInfo.keys`). Undefined for anything else, and for a
 * name the function has a parameter by (that keyword never reaches `**kwargs`). A key popped out
 * of `**kwargs` still reads as the caller's: `props.pop("email")` itself may be read after it.
 */
function kwargsKey(cx: Cx, base: Val, owner: number, name: string, at: Pos): Val | undefined {
  const fn = cx.fn;
  if (base.k !== 'param' || base.path.length > 0) return undefined;
  if (fn === undefined || fn.id !== owner || fn.params.includes(name)) return undefined;
  if (poppedAt(fn, base.index) === undefined) return undefined;
  let i = fn.keys.indexOf(name);
  if (i < 0) i = fn.keys.push(name) - 1;
  return paramVal(cx, owner, fn.params.length + i, [], name, at);
}

/** `base.name` (or `base["name"]`) when `base` is already a value. */
export function member(cx: Cx, base: Val, name: string, text: string, at: Pos): Val {
  if (base.k === 'obj') {
    let found: Val | undefined;
    for (const p of base.props) if (p.key === name) found = p.value;
    if (found !== undefined) return found;
  }
  if (base.k === 'param') {
    const owner = cx.st.owners.get(base);
    if (owner !== undefined)
      return (
        kwargsKey(cx, base, owner, name, at) ??
        paramVal(cx, owner, base.index, [...base.path, name], base.name ?? '', at)
      );
  }
  const parent = base.k === 'name' ? base.name : undefined;
  return { k: 'name', name, ...(parent !== undefined ? { parent } : {}), text, at };
}

function identifierVal(node: Node, cx: Cx): Val {
  const name = node.text;
  const at = posOf(node);
  const b = lookup(cx.scope, name);
  if (b?.param !== undefined && cx.fn?.id === b.param.fn)
    return paramVal(cx, b.param.fn, b.param.index, [], name, at);
  const v = b?.param === undefined ? valOf(b) : undefined;
  if (v !== undefined) return v;
  return { k: 'name', name, text: name, at };
}

/** `a.b` and `a["b"]`: the attribute's value when `a` is known, else a name with its parent. */
function accessVal(node: Node, obj: Node, name: string, cx: Cx, depth: number): Val {
  const at = posOf(node);
  if (obj.type === 'identifier') {
    const self = lookup(cx.scope, obj.text)?.instance;
    const attr = valOf(self?.attrs.get(name));
    if (attr !== undefined) return attr;
  }
  if (obj.type === 'identifier' || obj.type === 'attribute' || obj.type === 'subscript') {
    return member(cx, valueOf(obj, cx, depth + 1), name, textOf(node), at);
  }
  const parent = lastName(obj);
  return { k: 'name', name, ...(parent !== undefined ? { parent } : {}), text: textOf(node), at };
}

function subscriptVal(node: Node, cx: Cx, depth: number): Val {
  const obj = node.childForFieldName('value');
  const key = node.childForFieldName('subscript');
  const name = key === null ? undefined : key.type === 'integer' ? key.text : stringText(key);
  if (obj === null || name === undefined)
    return { k: 'unknown', text: textOf(node), at: posOf(node) };
  const base = valueOf(obj, cx, depth + 1);
  if (base.k === 'arr' && key?.type === 'integer') {
    const item = base.items[Number(name)];
    if (item !== undefined) return item;
  }
  return base.k === 'arr'
    ? { k: 'unknown', text: textOf(node), at: posOf(node) }
    : accessVal(node, obj, name, cx, depth);
}

function dictVal(node: Node, cx: Cx, depth: number): Val {
  const props: ValProp[] = [];
  const spreads: Val[] = [];
  for (const c of kids(node)) {
    if (c.type === 'pair') {
      const k = c.childForFieldName('key');
      const v = c.childForFieldName('value');
      if (k === null || v === null) continue;
      const kv = valueOf(k, cx, depth + 1);
      const key = kv.k === 'num' && kv.value !== undefined ? String(kv.value) : literalOf(kv);
      props.push({ key, value: valueOf(v, cx, depth + 1), at: posOf(c) });
    } else if (c.type === 'dictionary_splat') {
      const inner = kids(c)[0];
      if (inner === undefined) continue;
      spreadInto(valueOf(inner, cx, depth + 1), props, spreads);
    }
  }
  return { k: 'obj', props, spreads, at: posOf(node) };
}

/** `**v` in a dict or a call: a known dict's items in place, anything else kept as a spread. */
export function spreadInto(v: Val, props: ValProp[], spreads: Val[]): void {
  if (props.length + spreads.length >= MAX_ITEMS) return;
  if (v.k === 'obj') {
    props.push(...capped([...v.props]));
    spreads.push(...capped([...v.spreads]));
  } else spreads.push(v);
}

/**
 * `k, v in d.items()`, a `for` loop's or a comprehension's `left` and `right`: the names of the
 * key and the value, and the node of `d`. Undefined for any other loop.
 */
export function itemsLoop(
  left: Node | null,
  right: Node | null,
): { key: string; value: string; of: Node } | undefined {
  if (left?.type !== 'pattern_list' && left?.type !== 'tuple_pattern') return undefined;
  const [k, v, ...more] = kids(left);
  if (k?.type !== 'identifier' || v?.type !== 'identifier' || more.length > 0) return undefined;
  const fn = right?.type === 'call' ? right.childForFieldName('function') : null;
  if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'items')
    return undefined;
  const args = right!.childForFieldName('arguments');
  const of = fn.childForFieldName('object');
  if (of === null || args === null || kids(args).length > 0 || k.text === v.text) return undefined;
  return { key: k.text, value: v.text, of };
}

/**
 * `{k: v for k, v in d.items()}`: `d`'s items, as `{**d}` (an `if` filtering them is not read).
 * Any other comprehension is unknown.
 */
function comprehensionVal(node: Node, cx: Cx, depth: number): Val {
  const at = posOf(node);
  const body = node.childForFieldName('body');
  const loops = kids(node).filter((c) => c.type === 'for_in_clause');
  const loop =
    loops.length === 1
      ? itemsLoop(loops[0]!.childForFieldName('left'), loops[0]!.childForFieldName('right'))
      : undefined;
  const k = body?.type === 'pair' ? body.childForFieldName('key') : null;
  const v = body?.type === 'pair' ? body.childForFieldName('value') : null;
  if (loop === undefined || k?.text !== loop.key || v?.text !== loop.value)
    return { k: 'unknown', text: textOf(node), at };
  const props: ValProp[] = [];
  const spreads: Val[] = [];
  spreadInto(valueOf(loop.of, cx, depth + 1), props, spreads);
  return { k: 'obj', props, spreads, at };
}

function seqVal(node: Node, cx: Cx, depth: number): Val {
  const items: Val[] = [];
  for (const c of kids(node)) {
    if (c.type === 'list_splat') {
      const inner = kids(c)[0];
      const v = inner === undefined ? undefined : valueOf(inner, cx, depth + 1);
      if (items.length >= MAX_ITEMS) break;
      if (v?.k === 'arr') items.push(...capped([...v.items]));
      else if (v !== undefined) items.push(v);
    } else items.push(valueOf(c, cx, depth + 1));
  }
  return { k: 'arr', items, at: posOf(node) };
}

function plusParts(node: Node, cx: Cx, depth: number, out: Val[]): void {
  const op = node.childForFieldName('operator')?.type;
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  if (node.type === 'binary_operator' && op === '+' && left !== null && right !== null) {
    plusParts(left, cx, depth + 1, out);
    plusParts(right, cx, depth + 1, out);
  } else out.push(valueOf(node, cx, depth + 1));
}

function binaryVal(node: Node, cx: Cx, depth: number): Val {
  const at = posOf(node);
  const op = node.childForFieldName('operator')?.type;
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  if (op === '+') {
    const parts: Val[] = [];
    plusParts(node, cx, depth, parts);
    if (parts.every((p) => p.k === 'arr'))
      return {
        k: 'arr',
        items: parts.reduce<Val[]>((a, p) => (p.k === 'arr' ? joined(a, p.items) : a), []),
        at,
      };
    const stringy = parts.some((p) => p.k === 'str' || p.k === 'concat');
    return parts.some((p) => p.k === 'num') && !stringy ? { k: 'num', at } : joinParts(parts, at);
  }
  if (op === '%' && left !== null && right !== null) {
    const template = literalOf(valueOf(left, cx, depth + 1));
    if (template !== undefined) return percentVal(template, valueOf(right, cx, depth + 1), at);
  }
  if (op === '|' && left !== null && right !== null) {
    const l = valueOf(left, cx, depth + 1);
    const r = valueOf(right, cx, depth + 1);
    if (l.k === 'obj' && r.k === 'obj')
      return {
        k: 'obj',
        props: joined(l.props, r.props),
        spreads: joined(l.spreads, r.spreads),
        at,
      };
  }
  return { k: 'num', at };
}

function numberVal(node: Node): Val {
  const n = Number(node.text.replace(/_/g, ''));
  return Number.isFinite(n)
    ? { k: 'num', value: n, at: posOf(node) }
    : { k: 'num', at: posOf(node) };
}

function unionVal(a: Node | undefined, b: Node | undefined, at: Pos, cx: Cx, depth: number): Val {
  const options = [a, b]
    .filter((n): n is Node => n !== undefined)
    .map((n) => valueOf(n, cx, depth + 1));
  return { k: 'union', options, at };
}

function innerVal(node: Node, cx: Cx, depth: number): Val {
  const inner = node.type === 'named_expression' ? node.childForFieldName('value') : kids(node)[0];
  return inner === undefined || inner === null
    ? { k: 'unknown', text: textOf(node), at: posOf(node) }
    : valueOf(inner, cx, depth + 1);
}

function attributeVal(node: Node, cx: Cx, depth: number): Val {
  const obj = node.childForFieldName('object');
  const name = node.childForFieldName('attribute')?.text;
  if (obj === null || name === undefined)
    return { k: 'unknown', text: textOf(node), at: posOf(node) };
  return accessVal(node, obj, name, cx, depth);
}

function negatedVal(node: Node, cx: Cx, depth: number): Val {
  const v = kids(node)[0];
  const inner = v === undefined ? undefined : valueOf(v, cx, depth + 1);
  const neg =
    node.firstChild?.type === '-' && inner?.k === 'num' && typeof inner.value === 'number';
  return neg
    ? { k: 'num', value: -(inner.value as number), at: posOf(node) }
    : { k: 'num', at: posOf(node) };
}

type Reader = (node: Node, cx: Cx, depth: number) => Val;

const reader = (f: (node: Node, read: (n: Node) => Val) => Val): Reader => {
  return (node, cx, depth) => f(node, (n) => valueOf(n, cx, depth + 1));
};

/** How each expression node type is read; other types are `unknown`. */
const READERS: Readonly<Record<string, Reader>> = {
  parenthesized_expression: innerVal,
  await: innerVal,
  named_expression: innerVal,
  string: reader(stringVal),
  concatenated_string: reader(concatenatedVal),
  integer: numberVal,
  float: numberVal,
  true: (node) => ({ k: 'bool', value: true, at: posOf(node) }),
  false: (node) => ({ k: 'bool', value: false, at: posOf(node) }),
  none: (node) => ({ k: 'null', at: posOf(node) }),
  identifier: identifierVal,
  attribute: attributeVal,
  subscript: subscriptVal,
  call: callVal,
  dictionary: dictVal,
  dictionary_comprehension: comprehensionVal,
  list: seqVal,
  tuple: seqVal,
  set: seqVal,
  expression_list: seqVal,
  conditional_expression: (node, cx, depth) => {
    const k = kids(node);
    return unionVal(k[0], k[2], posOf(node), cx, depth);
  },
  boolean_operator: (node, cx, depth) => {
    const [l, r] = [node.childForFieldName('left'), node.childForFieldName('right')];
    return unionVal(l ?? undefined, r ?? undefined, posOf(node), cx, depth);
  },
  not_operator: (node) => ({ k: 'bool', at: posOf(node) }),
  comparison_operator: (node) => ({ k: 'bool', at: posOf(node) }),
  binary_operator: binaryVal,
  unary_operator: negatedVal,
};

/** The value of `node` as far as the scopes read so far tell, read from inside `cx.fn`. */
export function valueOf(node: Node, cx: Cx, depth = 0): Val {
  const read = depth > MAX_DEPTH ? undefined : READERS[node.type];
  return read !== undefined
    ? read(node, cx, depth)
    : { k: 'unknown', text: textOf(node), at: posOf(node) };
}
