/**
 * A call's arguments as `Args`: positional values, keyword arguments, and whether `*args` or
 * `**kwargs` of unknown content make the rest unknown. A `**` of a known dict supplies keywords;
 * a `**` of the calling function's own `**kwargs` is kept, for the wrapper it is passed on to.
 */
import type { Node } from 'web-tree-sitter';
import type { Args, Val } from '../types.js';
import type { Sink } from '../vendors/types.js';
import { kids, kwargsIndex, poppedAt, type Cx, type FnInfo } from './context.js';
import { posOf } from './parser.js';
import { member, paramVal, textOf, valueOf } from './values.js';

/** A `param` value. */
type ParamVal = Extract<Val, { k: 'param' }>;

/** A call's arguments, with the calling function's own `**kwargs` when it is unpacked into it. */
export interface CallArgs extends Args {
  /**
   * The `**kwargs` parameter of the function being read (or what is left of it after pops),
   * unpacked into the call whole: `inner(event, **props)`, `**props.copy()`,
   * `**{**props, "k": v}` (see `unpackKwargs`).
   */
  readonly kwargs?: ParamVal;
  /**
   * An unknown `*args` makes the positions from it on unknown; with `spread` alone only an
   * unknown `**` did, which gives keywords, never positions.
   */
  readonly starred?: boolean;
}

/** Whether `v` is the `**kwargs` of the function being read (or what is left of it). */
function isOwnKwargs(v: Val, cx: Cx): v is ParamVal {
  const fn = cx.fn;
  return (
    fn !== undefined &&
    v.k === 'param' &&
    v.path.length === 0 &&
    cx.st.owners.get(v) === fn.id &&
    poppedAt(fn, v.index) !== undefined
  );
}

/** `v` when it is the `**kwargs` of the function being read, or the one in a dict holding it whole. */
function ownKwargs(v: Val, cx: Cx): ParamVal | undefined {
  if (isOwnKwargs(v, cx)) return v;
  return v.k === 'obj' ? v.spreads.find((p): p is ParamVal => isOwnKwargs(p, cx)) : undefined;
}

/**
 * An argument's value. The function's own `**kwargs` or a dict it knows, given by its name
 * (`properties=props`), is the dict itself, not a copy: a key popped out of it by a later
 * argument of the same call (`distinct_id=props.pop("id")`) is out of it too when the call runs,
 * so it is read again once every argument is (see `readArgs`).
 */
function argVal(node: Node, cx: Cx, depth: number, late: (() => void)[], set: (v: Val) => void) {
  const v = valueOf(node, cx, depth + 1);
  set(v);
  if (node.type === 'identifier' && (v.k === 'obj' || isOwnKwargs(v, cx)))
    late.push(() => set(valueOf(node, cx, depth + 1)));
}

function splatArgs(
  c: Node,
  cx: Cx,
  depth: number,
  positional: Val[],
  keywords: Map<string, Val>,
  unpacked: ParamVal[],
): boolean {
  const inner = kids(c)[0];
  if (inner === undefined) return true;
  const v = valueOf(inner, cx, depth + 1);
  if (c.type === 'list_splat') {
    if (v.k !== 'arr') return true;
    positional.push(...v.items);
    return false;
  }
  const own = ownKwargs(v, cx);
  if (own !== undefined) unpacked.push(own);
  if (v.k !== 'obj') return true;
  for (const p of v.props) if (p.key !== undefined) keywords.set(p.key, p.value);
  return v.spreads.length > 0 || v.props.some((p) => p.key === undefined);
}

/** Read an `argument_list` node (a generator argument is one unknown value). */
export function readArgs(node: Node | null, cx: Cx, depth = 0): CallArgs {
  const positional: Val[] = [];
  const keywords = new Map<string, Val>();
  if (node === null) return { positional, keywords };
  if (node.type !== 'argument_list') {
    return { positional: [{ k: 'unknown', text: textOf(node), at: posOf(node) }], keywords };
  }
  let spread = false;
  let starred = false;
  const unpacked: ParamVal[] = [];
  const late: (() => void)[] = [];
  for (const c of kids(node)) {
    if (c.type === 'keyword_argument') {
      const name = c.childForFieldName('name')?.text;
      const value = c.childForFieldName('value');
      if (name !== undefined && value !== null)
        argVal(value, cx, depth, late, (v) => keywords.set(name, v));
    } else if (c.type === 'list_splat' || c.type === 'dictionary_splat') {
      // After an unknown `*args` no position is known; keywords still are.
      if (splatArgs(c, cx, depth, spread ? [] : positional, keywords, unpacked)) {
        spread = true;
        if (c.type === 'list_splat') starred = true;
      }
    } else if (!spread) {
      const i = positional.length;
      argVal(c, cx, depth, late, (v) => (positional[i] = v));
    }
  }
  for (const read of late) read();
  const kwargs = unpacked[0];
  return {
    positional,
    keywords,
    ...(spread && { spread }),
    ...(starred && { starred }),
    ...(kwargs !== undefined && { kwargs }),
  };
}

/**
 * `sink`, a wrapper's or an SDK's, and `args` of a call in `fn` that unpacks `kwargs`, `fn`'s own
 * `**kwargs`, into it (`inner(event, **props)`, `posthog.capture(**props)`): read as if `fn`'s
 * caller called the wrapper or the SDK itself. A keyword the callee reads that the call does not
 * give (a named parameter, an SDK parameter's keyword, a key read out of a wrapper's `**kwargs`)
 * is `fn`'s caller's keyword argument of that name, unless `fn` names it or popped it; a
 * wrapper's `**kwargs` is the call's other keywords and what is left of `fn`'s callers' once the
 * keys `fn` or the wrapper names or pops are taken out. An SDK has no `**kwargs` of its own: the
 * caller's other keyword arguments are not sent.
 */
export function unpackKwargs(
  sink: Sink,
  args: Args,
  kwargs: ParamVal,
  fn: FnInfo,
  cx: Cx,
): { sink: Sink; args: Args } {
  const gone = poppedAt(fn, kwargs.index) ?? [];
  const name = kwargs.name ?? '';
  const keywords = new Map(args.keywords);
  const specs = sink.args.map((spec, i) => {
    if (spec.kwargs !== undefined) {
      const except = spec.kwargs.except;
      const removed = [...gone, ...except.filter((k) => !gone.includes(k))];
      const rest = paramVal(cx, fn.id, kwargsIndex(fn, removed), [], name, kwargs.at);
      const props = [...args.keywords]
        .filter(([k]) => !except.includes(k))
        .map(([key, value]) => ({ key, value, at: value.at }));
      // Read by a keyword no Python argument can have.
      const slot = `**${i}`;
      keywords.set(slot, { k: 'obj', props, spreads: [rest], at: kwargs.at });
      return { ...spec, kwargs: undefined, keyword: slot };
    }
    const key = spec.keyword;
    if (key === undefined || keywords.has(key) || fn.params.includes(key) || gone.includes(key))
      return spec;
    if (spec.index !== undefined && args.positional[spec.index] !== undefined) return spec;
    keywords.set(key, member(cx, kwargs, key, `${name}["${key}"]`, kwargs.at));
    return spec;
  });
  return { sink: { ...sink, args: specs }, args: { ...args, keywords } };
}

function deparamList(vs: readonly Val[], keep: number | undefined, cx: Cx): Val[] {
  return vs.map((v) => deparam(v, keep, cx));
}

/**
 * The value with every `param` that is not the function `keep`'s own turned into a plain name
 * (`user.email` → name `email`): parameters are forwarded one level only, by their own function.
 */
export function deparam(v: Val, keep: number | undefined, cx: Cx): Val {
  switch (v.k) {
    case 'param': {
      if (keep !== undefined && cx.st.owners.get(v) === keep) return v;
      const name = v.path[v.path.length - 1] ?? v.name ?? `param${v.index}`;
      const parent = v.path.length === 0 ? undefined : (v.path[v.path.length - 2] ?? v.name);
      const text = [v.name ?? `param${v.index}`, ...v.path].join('.');
      return { k: 'name', name, ...(parent !== undefined ? { parent } : {}), text, at: v.at };
    }
    case 'obj':
      return {
        ...v,
        props: v.props.map((p) => ({ ...p, value: deparam(p.value, keep, cx) })),
        spreads: deparamList(v.spreads, keep, cx),
      };
    case 'arr':
      return { ...v, items: deparamList(v.items, keep, cx) };
    case 'concat':
      return { ...v, parts: deparamList(v.parts, keep, cx) };
    case 'union':
      return { ...v, options: deparamList(v.options, keep, cx) };
    case 'hash':
      return { ...v, inner: deparam(v.inner, keep, cx) };
    default:
      return v;
  }
}

/** `deparam` over all arguments. */
export function deparamArgs(args: Args, keep: number | undefined, cx: Cx): Args {
  const keywords = new Map<string, Val>();
  for (const [k, v] of args.keywords) keywords.set(k, deparam(v, keep, cx));
  return { ...args, positional: deparamList(args.positional, keep, cx), keywords };
}
