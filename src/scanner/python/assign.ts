/**
 * Assignments bind names in statement order: `mp = Mixpanel(token)` (an SDK client),
 * `self.mp = …` (an attribute of the class being read), `props = {…}` (a value), and the
 * mutations analytics code makes to a dict before sending it: `props["k"] = v`,
 * `props.update(…)`, `props |= {…}`, a loop `for k, v in d.items(): props[k] = v`, and keys
 * taken out of a `**kwargs` or a known dict (`props.pop("k")`, `del props["k"]`).
 */
import type { Node } from 'web-tree-sitter';
import type { Val, ValProp } from '../types.js';
import { joined } from './bounds.js';
import { mappingArgs } from './call-values.js';
import { kids, stringText, type Cx } from './context.js';
import { dropKey } from './removed.js';
import { posOf } from './parser.js';
import { exprOf, nodeOf, type Expr } from './expr.js';
import { resolveExpr } from './refs.js';
import { valueLater } from './lazy.js';
import { lookup, moduleOf, renamed, valOf, type Binding } from './scope.js';
import { joinParts } from './strings.js';
import { itemsLoop, valueOf } from './values.js';

const TARGET_LISTS: ReadonlySet<string> = new Set([
  'pattern_list',
  'tuple_pattern',
  'list_pattern',
  'tuple',
  'list',
  'expression_list',
]);

/** What assigning `rhs` to `name` binds (an unknown right-hand side binds nothing known). */
function bindingOf(rhs: Expr | undefined, name: string, cx: Cx): Binding {
  if (rhs === undefined) return {};
  const b = resolveExpr(rhs, cx);
  const { ref, wrappers, def, path, from, cls, instance } = b ?? {};
  const known: Binding = {
    ...(def !== undefined && { def }),
    ...(ref && { ref }),
    ...(wrappers && { wrappers }),
    ...(path && { path }),
    ...(from && { from }),
    ...(cls && { cls }),
    ...(instance && { instance }),
  };
  return renamed({ ...known, ...valueLater(rhs, cx) }, name);
}

/** Set `name` in the current scope (and, in a class body, as a class attribute). */
export function setName(cx: Cx, name: string, b: Binding): void {
  const scope = cx.scope.globals.has(name) ? moduleOf(cx.scope) : cx.scope;
  scope.vars.set(name, b);
  cx.classBody?.attrs.set(name, b);
}

/**
 * `x = None` does not forget that `x` was an SDK: `except ImportError: sentry_sdk = None`; nor
 * does a value the scanner cannot see, assigned to a name annotated with an SDK class
 * (`client: Optional[Posthog] = None`, then `client = make_client()`).
 */
function keepsSdk(rhs: Expr | undefined, old: Binding | undefined, b: Binding): Binding {
  if (old?.ref === undefined) return b;
  if (rhs?.type === 'none') return { ...b, ref: old.ref, ...(old.typed && { typed: true }) };
  return old.typed === true && b.ref === undefined ? { ...b, ref: old.ref, typed: true } : b;
}

/** `obj` with more properties: a known dict extended, anything else kept as a spread. */
function extended(
  base: Val | undefined,
  props: readonly ValProp[],
  spreads: readonly Val[],
  at: Val['at'],
): Val {
  if (base?.k === 'obj')
    return { ...base, props: joined(base.props, props), spreads: joined(base.spreads, spreads) };
  return {
    k: 'obj',
    props: [...props],
    spreads: base === undefined ? [...spreads] : [base, ...spreads],
    at,
  };
}

function mutate(
  cx: Cx,
  name: string,
  props: readonly ValProp[],
  spreads: readonly Val[],
  at: Val['at'],
): void {
  const b = lookup(cx.scope, name);
  if (
    b?.ref !== undefined ||
    b?.wrappers !== undefined ||
    b?.def !== undefined ||
    b?.instance !== undefined
  )
    return;
  const base = valOf(b) ?? { k: 'name', name, text: name, at };
  cx.scope.vars.set(name, { ...b, val: extended(base, props, spreads, at) });
}

/**
 * `props.update(…)` on a name (its new properties), and `props.pop("k")` on a `**kwargs` or a
 * known dict (see `pop`).
 */
export function mutatingCall(call: Node, callee: Expr | undefined, cx: Cx): void {
  const [name, method] = calledMethod(callee) ?? [];
  if (name === undefined) return;
  if (method === 'pop') return pop(call, name, cx);
  if (method !== 'update') return;
  const { props, spreads } = mappingArgs(call, cx, 0);
  mutate(cx, name, props, spreads, posOf(call));
}

/** `name` and `method` of a callee `name.method`. */
function calledMethod(callee: Expr | undefined): [string, string] | undefined {
  if (callee?.names !== undefined)
    return callee.names.length === 2 ? [callee.names[0]!, callee.names[1]!] : undefined;
  const fn = callee?.type === 'attribute' ? nodeOf(callee) : undefined;
  const obj = fn?.childForFieldName('object');
  const method = obj?.type === 'identifier' ? fn?.childForFieldName('attribute')?.text : undefined;
  return method === undefined ? undefined : [obj!.text, method];
}

/**
 * `props.pop("email")` on the `**kwargs` parameter of the function being read or on a dict it
 * knows: from here on the name stands for what it held less that key (removed.ts; what the pop
 * returns is read as `props.get` is, in call-values.ts).
 */
function pop(call: Node, name: string, cx: Cx): void {
  const first = kids(call.childForFieldName('arguments') ?? call)[0];
  const key = first === undefined ? undefined : stringText(first);
  if (key !== undefined) dropKey(cx, name, key);
}

/**
 * `del props["email"]` (also `del props["a"], props["b"]`) on the `**kwargs` parameter of the
 * function being read or on a dict it knows takes the key out as `props.pop("email")` does; a key
 * computed at run time (`del props[key]`) does not.
 */
export function deleteKeys(node: Node, cx: Cx): void {
  for (const target of kids(node)) {
    const inner = target.type === 'parenthesized_expression' ? kids(target)[0] : target;
    if (inner === undefined) continue;
    if (TARGET_LISTS.has(inner.type)) {
      deleteKeys(inner, cx);
      continue;
    }
    if (inner.type !== 'subscript') continue;
    const obj = inner.childForFieldName('value');
    const key = inner.childForFieldName('subscript');
    const text = key === null ? undefined : stringText(key);
    if (obj?.type === 'identifier' && text !== undefined) dropKey(cx, obj.text, text);
  }
}

/**
 * `for k, v in d.items()`: `k` and `v` stand for `d`'s keys and values in the loop's body (see
 * `bindSubscript`).
 */
export function bindItems(loop: Node, left: Node | null, cx: Cx): void {
  if (left?.type !== 'pattern_list' && left?.type !== 'tuple_pattern') return;
  const items = itemsLoop(left, loop.childForFieldName('right'));
  if (items === undefined) return;
  const of = valueOf(items.of, cx);
  setName(cx, items.key, { item: { loop: loop.startIndex, key: true, of } });
  setName(cx, items.value, { item: { loop: loop.startIndex, key: false, of } });
}

/** `data[k] = v` with `k, v` of the same `for k, v in d.items()`: `d`'s items, as `{**d}`. */
function copiedItem(key: Node, rhs: Expr, cx: Cx): Val | undefined {
  if (key.type !== 'identifier' || rhs.type !== 'identifier') return undefined;
  const k = lookup(cx.scope, key.text)?.item;
  const v = lookup(cx.scope, rhs.names?.[0] ?? nodeOf(rhs).text)?.item;
  return k?.key === true && v?.key === false && k.loop === v.loop ? v.of : undefined;
}

function bindSubscript(target: Node, rhs: Expr | undefined, cx: Cx): void {
  const obj = target.childForFieldName('value');
  const key = target.childForFieldName('subscript');
  if (obj?.type !== 'identifier' || key === null || rhs === undefined) return;
  const items = copiedItem(key, rhs, cx);
  if (items !== undefined) return mutate(cx, obj.text, [], [items], posOf(target));
  const value = valueOf(nodeOf(rhs), cx);
  mutate(cx, obj.text, [{ key: stringText(key), value, at: posOf(target) }], [], posOf(target));
}

function bindAttribute(target: Node, rhs: Expr | undefined, cx: Cx): void {
  const obj = target.childForFieldName('object');
  const name = target.childForFieldName('attribute')?.text;
  if (obj?.type !== 'identifier' || name === undefined) return;
  bindAttr(obj.text, name, () => rhs, cx);
}

/**
 * `object.attr = rhs`: an attribute of an instance of a class of this file. Like a name, it
 * stays an SDK client when set to `None` or, when annotated as one, to a value the scanner
 * cannot see (`analytics: Posthog` in the class body, `self.analytics = build()` in `__init__`).
 */
export function bindAttr(object: string, attr: string, rhs: () => Expr | undefined, cx: Cx): void {
  const cls = lookup(cx.scope, object)?.instance;
  if (cls === undefined) return;
  const value = rhs();
  const b = bindingOf(value, `${object}.${attr}`, cx);
  cls.attrs.set(attr, keepsSdk(value, cls.attrs.get(attr), b));
}

/** Bind the name `name` to `rhs` (undefined: a value the scanner cannot see). */
export function bindName(name: string, rhs: Expr | undefined, cx: Cx): void {
  const b = bindingOf(rhs, name, cx);
  setName(cx, name, keepsSdk(rhs, lookup(cx.scope, name), b));
}

/** Bind an assignment target to `rhs` (undefined: a value the scanner cannot see). */
export function bindTarget(target: Node, rhs: Expr | undefined, cx: Cx): void {
  switch (target.type) {
    case 'identifier':
      return bindName(target.text, rhs, cx);
    case 'attribute':
      bindAttribute(target, rhs, cx);
      return;
    case 'subscript':
      bindSubscript(target, rhs, cx);
      return;
    default:
      if (!TARGET_LISTS.has(target.type)) return;
  }
  const targets = kids(target);
  const values = rhs !== undefined && TARGET_LISTS.has(rhs.type) ? kids(nodeOf(rhs)) : [];
  targets.forEach((t, i) => {
    const value = values.length === targets.length ? values[i] : undefined;
    bindTarget(
      t.type === 'list_splat_pattern' ? (kids(t)[0] ?? t) : t,
      value === undefined ? undefined : exprOf(value, cx),
      cx,
    );
  });
}

/** `x op= value`: dict merges and string appends on a name; anything else forgets the name's value. */
export function augment(node: Node, cx: Cx): void {
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  const op = node.childForFieldName('operator')?.type;
  if (left?.type !== 'identifier' || right === null) return;
  const b = lookup(cx.scope, left.text);
  const old = valOf(b);
  const value = valueOf(right, cx);
  const at = posOf(node);
  if (op === '|=' && value.k === 'obj') mutate(cx, left.text, value.props, value.spreads, at);
  else if (
    op === '+=' &&
    old !== undefined &&
    (old.k === 'str' || old.k === 'concat' || value.k === 'str' || value.k === 'concat')
  ) {
    cx.scope.vars.set(left.text, { ...b, val: joinParts([old, value], old.at) });
  } else if (b?.param === undefined) cx.scope.vars.set(left.text, {});
}
