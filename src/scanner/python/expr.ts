/**
 * Expressions read with as few questions to the tree as possible. Each node property read from
 * JavaScript crosses into WebAssembly; in a tree without syntax errors the source text answers
 * many of them at once: `a.b.c` is an attribute chain of the names between its dots, a call
 * `a.b(…)` with no call nested at its start calls `a.b`, and an assignment `x = …` binds the name
 * `x` to what follows the `=`.
 */
import type { Node } from 'web-tree-sitter';
import type { Cx } from './context.js';
import type { Site } from './sites.js';

/** A name, then attributes: nothing else (no spaces, comments, calls, subscripts). */
const DOTTED = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;
/** The start of a call whose callee is a dotted name, up to its `(`. */
const CALL_HEAD = /([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\(/y;
/** `name = ` or `name.attr = ` (not `==`), up to the first character of the value. */
const ASSIGN_HEAD =
  /([A-Za-z_][A-Za-z0-9_]*)(?:\.([A-Za-z_][A-Za-z0-9_]*))?[ \t]*=(?!=)[ \t]*(?=[^\s\\#])/y;
/** Python's keywords: at the start of a dotted text they are not names (`None.x`, `await(x)`). */
const KEYWORDS: ReadonlySet<string> = new Set([
  ...['False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class'],
  ...['continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global'],
  ...['if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise'],
  ...['return', 'try', 'while', 'with', 'yield'],
]);

const FUNCTION_HEAD = /(?:async[ \t]+)?def[ \t]+([A-Za-z_][A-Za-z0-9_]*)(?=[ \t]*[([])/y;
const CLASS_HEAD = /class[ \t]+([A-Za-z_][A-Za-z0-9_]*)(?=[ \t]*[(:[])/y;

/** The name of a `function_definition` or `class_definition` site. */
export function definedName(site: Site, cx: Cx): string | undefined {
  const text = cx.st.clean;
  if (text !== undefined) {
    const head = site.type === 'class_definition' ? CLASS_HEAD : FUNCTION_HEAD;
    head.lastIndex = site.start;
    const m = head.exec(text);
    if (m !== null && !KEYWORDS.has(m[1]!)) return m[1];
  }
  return site.node.childForFieldName('name')?.text;
}

/** `def name(` up to the parameters, which hold no brackets, strings, comments or continuations. */
const PARAMETERS = /(?:async[ \t]+)?def[ \t]+[A-Za-z_][A-Za-z0-9_]*[ \t]*\(([^()[\]{}'"#\\]*)\)/y;
const PARAMETER = /^(\*{0,2})([A-Za-z_][A-Za-z0-9_]*)?(\s*=[^]*)?$/;

/** A function's parameter names in order; `*args` / `**kwargs` are bound but take no position. */
export interface Parameters {
  readonly names: string[];
  readonly splats: string[];
  /** The `**kwargs` parameter's name (also in `splats`). */
  readonly kwargs?: string;
  /** Annotations of the named parameters (`client: Analytics`): the annotation's expression. */
  readonly annotations?: ReadonlyMap<string, Node>;
}

/**
 * A function site's parameters read from the text of a clean tree, when each is a name, a name
 * with a default, `*name`, `**name`, `*` or `/` (no annotations); undefined otherwise.
 */
export function textParameters(site: Site, text: string | undefined): Parameters | undefined {
  if (text === undefined) return undefined;
  PARAMETERS.lastIndex = site.start;
  const list = PARAMETERS.exec(text)?.[1]?.trim();
  if (list === undefined) return undefined;
  const names: string[] = [];
  const splats: string[] = [];
  let kwargs: string | undefined;
  for (const item of list.split(',')) {
    const p = item.trim();
    // A trailing comma, and the `*` and `/` markers, name nothing.
    if (p === '' || p === '*' || p === '/') continue;
    const [, stars, name, value] = PARAMETER.exec(p) ?? [];
    if (name === undefined || KEYWORDS.has(name) || (stars !== '' && value !== undefined))
      return undefined;
    (stars === '' ? names : splats).push(name);
    if (stars === '**') kwargs = name;
  }
  return kwargs === undefined ? { names, splats } : { names, splats, kwargs };
}

/** An expression as far as it has been read. */
export interface Expr {
  /** The node type (`identifier` or `attribute` when `names` is set). */
  readonly type: string;
  /** A plain dotted name: `a.b.c` → `['a', 'b', 'c']`; an identifier → its name. */
  readonly names?: readonly string[];
  /** Its source text, when known without asking the tree. */
  readonly text?: string;
  /** A call's callee, when the call is a site (see `calleeOf`). */
  readonly callee?: Expr;
  /** The node, or how to get it (asked for only when needed). */
  readonly node: Node | (() => Node);
}

/** The node of an expression. */
export function nodeOf(e: Expr): Node {
  return typeof e.node === 'function' ? e.node() : e.node;
}

/** A node asked for once, when first needed. */
function later(get: () => Node | null): () => Node {
  let node: Node | undefined;
  return () => {
    node ??= get() ?? undefined;
    if (node === undefined) throw new Error('the tree has no such node');
    return node;
  };
}

/** `a.b.c` as names, unless it starts with a keyword. */
function dottedNames(text: string): string[] | undefined {
  if (!DOTTED.test(text)) return undefined;
  const names = text.split('.');
  return KEYWORDS.has(names[0]!) ? undefined : names;
}

/**
 * `node` read once. An attribute's names come from its text (one read instead of one per part)
 * when the tree is clean: then that text is exactly the identifiers and dots of the attributes.
 */
export function exprOf(node: Node, cx: Cx, type = node.type, text?: string): Expr {
  if (type === 'identifier') return { node, type, names: [text ?? node.text] };
  if (type !== 'attribute' || cx.st.clean === undefined) return { node, type };
  const names = dottedNames(text ?? node.text);
  return names === undefined ? { node, type } : { node, type, names };
}

/**
 * The callee of a call site. In a clean tree, `a.b(` at the start of a call with no call nested
 * at the same place (`a.b(x)(y)`, `a.b(x).c(y)`) is a call of the dotted name `a.b`.
 */
export function calleeOf(site: Site, cx: Cx): Expr | undefined {
  if (site.callee === undefined) site.callee = readCallee(site, cx) ?? null;
  return site.callee ?? undefined;
}

function readCallee(site: Site, cx: Cx): Expr | undefined {
  const text = cx.st.clean;
  if (text !== undefined && site.kids[0]?.start !== site.start) {
    CALL_HEAD.lastIndex = site.start;
    const m = CALL_HEAD.exec(text);
    const names = m !== null && m.index + m[0].length <= site.end ? dottedNames(m[1]!) : undefined;
    if (names !== undefined) {
      const type = names.length === 1 ? 'identifier' : 'attribute';
      return { type, names, node: later(() => site.node.childForFieldName('function')) };
    }
  }
  const fn = site.node.childForFieldName('function');
  return fn === null ? undefined : exprOf(fn, cx);
}

/** `name = value` or `name.attr = value` read from the text. */
export interface SimpleAssignment {
  readonly name: string;
  readonly attr?: string;
  /** Where the value starts (it ends where the assignment does). */
  readonly start: number;
  /** The value (asked for only when needed). */
  value(): Expr;
}

/** The value of `… = value` from the text: a site spanning it, a dotted name, else its node. */
function simpleValue(site: Site, cx: Cx, start: number): Expr {
  const text = cx.st.clean!.slice(start, site.end);
  const kid = site.kids[0];
  if (kid !== undefined && kid.start === start && kid.end === site.end) {
    const callee = kid.type === 'call' ? calleeOf(kid, cx) : undefined;
    return { type: kid.type, text, node: kid.node, ...(callee !== undefined && { callee }) };
  }
  const names = dottedNames(text);
  const node = later(() => site.node.childForFieldName('right'));
  if (names === undefined) return exprOf(node(), cx, undefined, text);
  return { type: names.length === 1 ? 'identifier' : 'attribute', names, text, node };
}

/**
 * An assignment site `name = value` or `name.attr = value` (no annotation, no chain) read from
 * the text of a clean tree; undefined for any other. The value ends where the assignment does:
 * nothing but comments follows it in a clean tree.
 */
export function simpleAssignment(site: Site, cx: Cx): SimpleAssignment | undefined {
  const source = cx.st.clean;
  if (source === undefined) return undefined;
  ASSIGN_HEAD.lastIndex = site.start;
  const m = ASSIGN_HEAD.exec(source);
  if (m === null || KEYWORDS.has(m[1]!)) return undefined;
  const start = site.start + m[0].length;
  const kid = site.kids[0];
  // `x = y = …`: a chain, read from the tree.
  if (kid?.type === 'assignment' && kid.start === start) return undefined;
  if (start >= site.end) return undefined;
  let value: Expr | undefined;
  const read = (): Expr => (value ??= simpleValue(site, cx, start));
  return { name: m[1]!, ...(m[2] !== undefined && { attr: m[2] }), start, value: read };
}
