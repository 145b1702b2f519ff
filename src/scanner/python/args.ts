/**
 * A call's arguments as `Args`: positional values, keyword arguments, and whether `*args` or
 * `**kwargs` of unknown content make the rest unknown. A `**` of a known dict supplies keywords.
 */
import type { Node } from 'web-tree-sitter';
import type { Args, Val } from '../types.js';
import { kids, type Cx } from './context.js';
import { posOf } from './parser.js';
import { textOf, valueOf } from './values.js';

function splatArgs(
  c: Node,
  cx: Cx,
  depth: number,
  positional: Val[],
  keywords: Map<string, Val>,
): boolean {
  const inner = kids(c)[0];
  if (inner === undefined) return true;
  const v = valueOf(inner, cx, depth + 1);
  if (c.type === 'list_splat') {
    if (v.k !== 'arr') return true;
    positional.push(...v.items);
    return false;
  }
  if (v.k !== 'obj') return true;
  for (const p of v.props) if (p.key !== undefined) keywords.set(p.key, p.value);
  return v.spreads.length > 0 || v.props.some((p) => p.key === undefined);
}

/** Read an `argument_list` node (a generator argument is one unknown value). */
export function readArgs(node: Node | null, cx: Cx, depth = 0): Args {
  const positional: Val[] = [];
  const keywords = new Map<string, Val>();
  if (node === null) return { positional, keywords };
  if (node.type !== 'argument_list') {
    return { positional: [{ k: 'unknown', text: textOf(node), at: posOf(node) }], keywords };
  }
  let spread = false;
  for (const c of kids(node)) {
    if (c.type === 'keyword_argument') {
      const name = c.childForFieldName('name')?.text;
      const value = c.childForFieldName('value');
      if (name !== undefined && value !== null) keywords.set(name, valueOf(value, cx, depth + 1));
    } else if (c.type === 'list_splat' || c.type === 'dictionary_splat') {
      // After an unknown `*args` no position is known; keywords still are.
      if (splatArgs(c, cx, depth, spread ? [] : positional, keywords)) spread = true;
    } else if (!spread) positional.push(valueOf(c, cx, depth + 1));
  }
  return spread ? { positional, keywords, spread } : { positional, keywords };
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
