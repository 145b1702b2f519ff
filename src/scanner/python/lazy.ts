/**
 * Values of assignments read only when something asks for them. Most assigned values are never
 * passed to an SDK, and reading one walks its whole expression, node by node, through
 * WebAssembly. A later read must see what a read at the assignment would have seen: the names
 * the expression can look up (every word of its text) are bound now into a scope of their own,
 * and the value is read in that scope when first asked for.
 */
import type { Val } from '../types.js';
import type { Cx } from './context.js';
import { nodeOf, type Expr } from './expr.js';
import { lookup, type Binding, type ClassInfo, type Later, type Scope } from './scope.js';
import { valueOf } from './values.js';

const WORD = /[A-Za-z0-9_]+/g;
const NON_ASCII = /[^\x00-\x7f]/;
const NAME_START = /[A-Za-z_]/;

/**
 * Every name an identifier of `text` can have: each run of word characters, and when a run starts
 * with a digit (`1if`, `0x1fg`: a number, then a name), each of its tails that starts a name.
 * Undefined when the text is not ASCII (names may then be any letters: read the value now).
 */
export function namesIn(text: string): Set<string> | undefined {
  if (NON_ASCII.test(text)) return undefined;
  const out = new Set<string>();
  for (const [run] of text.matchAll(WORD)) {
    if (NAME_START.test(run[0]!)) {
      out.add(run);
      continue;
    }
    for (let i = 1; i < run.length; i++) if (NAME_START.test(run[i]!)) out.add(run.slice(i));
  }
  return out;
}

/** An instance's attributes as they are now, those named in `names` (they change later). */
function frozen(cls: ClassInfo, names: ReadonlySet<string>): ClassInfo {
  const attrs = new Map<string, Binding>();
  for (const n of names) {
    const b = cls.attrs.get(n);
    if (b !== undefined) attrs.set(n, b);
  }
  return { name: cls.name, attrs };
}

/** What the names resolve to now, as a scope of its own. */
function snapshot(scope: Scope, names: ReadonlySet<string>): Scope {
  const vars = new Map<string, Binding>();
  for (const n of names) {
    const b = lookup(scope, n);
    if (b === undefined) continue;
    vars.set(n, b.instance === undefined ? b : { ...b, instance: frozen(b.instance, names) });
  }
  return { vars, globals: new Set() };
}

/**
 * The value of `e` read from `cx` as it is now, either now or (when `cx.st.clean` and the
 * text allows) when first asked for, with the same result.
 */
export function valueLater(e: Expr, cx: Cx): { val: Val } | { later: Later } {
  const names =
    cx.st.clean !== undefined ? namesIn(e.names?.join('.') ?? e.text ?? nodeOf(e).text) : undefined;
  if (names === undefined) return { val: valueOf(nodeOf(e), cx) };
  const at: Cx = {
    st: cx.st,
    scope: snapshot(cx.scope, names),
    ...(cx.fn !== undefined && { fn: cx.fn }),
  };
  let val: Val | undefined;
  return { later: { get: () => (val ??= valueOf(nodeOf(e), at)) } };
}
