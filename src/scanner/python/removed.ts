/**
 * Keys taken out of a dict before it is sent (`props.pop("email")`, `del props["email"]`): from
 * that statement on, whether or not it runs, the name stands for the dict without the key. On
 * the `**kwargs` of the function being read that is the caller's keyword arguments less the key
 * (context.ts); on a dict the function holds (`props = {…}`, `dict(…)`, a copy of `**kwargs`) it
 * is the dict's value without it. A copy made before, or another name for the same dict, still
 * holds the key: values are never changed in place.
 */
import type { Val } from '../types.js';
import { dropKwargsKey, kwargsIndex, poppedAt, type Cx } from './context.js';
import { lookup, valOf } from './scope.js';
import { paramVal } from './values.js';

/**
 * `v` without `key`: a dict's own properties of that name, and the key of each dict or
 * `**kwargs` (`{**props}`, `dict(props)`) spread into it. A spread of unknown content is kept
 * whole: it may still hold the key.
 */
function without(cx: Cx, v: Val, key: string): Val {
  if (v.k === 'obj') {
    const props = v.props.filter((p) => p.key !== key);
    return { ...v, props, spreads: v.spreads.map((s) => without(cx, s, key)) };
  }
  const fn = cx.fn;
  if (v.k !== 'param' || v.path.length > 0 || fn === undefined) return v;
  if (cx.st.owners.get(v) !== fn.id) return v;
  const popped = poppedAt(fn, v.index);
  if (popped === undefined || popped.includes(key)) return v;
  return paramVal(cx, fn.id, kwargsIndex(fn, [...popped, key]), [], v.name ?? '', v.at);
}

/**
 * `name.pop("key")` or `del name["key"]`: from here on `name` is what it held less that key,
 * when it is the function's `**kwargs` or a dict the function knows; anything else (an SDK, a
 * parameter, a value the scanner cannot see) is left as it is.
 */
export function dropKey(cx: Cx, name: string, key: string): void {
  const b = lookup(cx.scope, name);
  if (b === undefined) return;
  if (b.param !== undefined) return dropKwargsKey(cx, name, key);
  if (b.ref !== undefined || b.wrappers !== undefined || b.def !== undefined) return;
  if (b.instance !== undefined || b.cls !== undefined) return;
  const v = valOf(b);
  if (v?.k !== 'obj') return;
  const held = v.props.findLast((p) => p.key === key)?.value;
  const taken = held === undefined ? b.taken : new Map(b.taken).set(key, held);
  cx.scope.vars.set(name, { ...b, val: without(cx, v, key), ...(taken && { taken }) });
}

/**
 * What `name.pop("key")` reads when the key was taken out of the dict `name` holds and not put
 * back: the value it held (see `Binding.taken`).
 */
export function takenValue(cx: Cx, name: string, key: string): Val | undefined {
  const b = lookup(cx.scope, name);
  const v = b?.taken?.get(key);
  if (v === undefined) return undefined;
  const now = valOf(b);
  return now?.k === 'obj' && now.props.some((p) => p.key === key) ? undefined : v;
}
