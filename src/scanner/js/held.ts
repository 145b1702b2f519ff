/**
 * Callbacks passed by name: which function of the file (or which import) a name given to a call
 * holds, read from the syntax and the binder alone (no SDK resolution), so the SDK callbacks a
 * function is passed as can be found when one of its parameters is first looked up (refs.ts).
 *
 * A name holds a function when it is declared as one (`function addUser(event) {…}`), initialized
 * with one (`const addUser = (event) => …`; a `let` or `var` too when nothing in the file assigns
 * it again), an alias of such a name (`const cb = addUser`), or a member of a `const` object
 * literal (`handlers.addUser` with `const handlers = { addUser(event) {…} }`, also
 * `{ addUser: (event) => … }`, `{ addUser: fn }` and `{ addUser }`), unless the file assigns that
 * member.
 */
import type * as T from 'typescript';
import ts from './ts.js';
import type { Registry } from '../core/registry.js';
import { memberAccess, propName, unwrap, type FileContext, type PassedName } from './context.js';
import type { Decl } from './scope.js';

/** What a passed expression holds: a function of the file, or a name imported from a module. */
export type Held =
  | { readonly k: 'fn'; readonly fn: T.SignatureDeclaration }
  | { readonly k: 'import'; readonly module: string; readonly name: string };

/** Aliases followed at most (`const a = b; const b = c; …`). */
const MAX_ALIASES = 8;

/**
 * Record what `call` is given where a callback may be: an argument (`notify(err, addUser)`), an
 * option's value (`{onError: addUser}`, `{onError}`) or an item of an array given as an option
 * (`{onError: [addUser]}`), when it is a name or a member of a name (`handlers.addUser`), as
 * `callbackSite` (refs.ts) finds a function written there.
 */
export function notePassed(call: T.CallExpression | T.NewExpression, out: PassedName[]): void {
  const args = call.arguments;
  if (args === undefined) return;
  const note = (e: T.Expression, arg: number, key?: string): void => {
    const u = unwrap(e);
    const m = ts.isIdentifier(u) ? undefined : memberAccess(u);
    if (!ts.isIdentifier(u) && (m === undefined || !ts.isIdentifier(unwrap(m.obj)))) return;
    out.push({ expr: u, call, arg, ...(key !== undefined && { key }) });
  };
  args.forEach((a, arg) => {
    const o = unwrap(a);
    if (!ts.isObjectLiteralExpression(o)) return note(o, arg);
    for (const p of o.properties) {
      if (ts.isShorthandPropertyAssignment(p)) note(p.name, arg, p.name.text);
      if (!ts.isPropertyAssignment(p)) continue;
      const key = propName(p.name);
      if (key === undefined) continue;
      const v = unwrap(p.initializer);
      if (ts.isArrayLiteralExpression(v)) for (const item of v.elements) note(item, arg, key);
      else note(v, arg, key);
    }
  });
}

/** Where SDK callbacks may be given, from the definitions: option names and callees' names. */
interface CallbackPlaces {
  readonly keys: ReadonlySet<string>;
  readonly members: ReadonlySet<string>;
  /** A callable type takes a callback as a plain argument: any callee may. */
  readonly anyCallee: boolean;
}

const PLACES = new WeakMap<Registry, CallbackPlaces>();

function callbackPlaces(registry: Registry): CallbackPlaces {
  let places = PLACES.get(registry);
  if (places !== undefined) return places;
  const keys = new Set<string>();
  const members = new Set<string>();
  let anyCallee = false;
  for (const vendor of registry.vendors)
    for (const type of Object.values(vendor.types))
      for (const [name, m] of Object.entries(type)) {
        if (m.callback === undefined) continue;
        if (m.callback.key !== undefined) keys.add(m.callback.key);
        else if (name === '()') anyCallee = true;
        else members.add(name);
      }
  places = { keys, members, anyCallee };
  PLACES.set(registry, places);
  return places;
}

/** Cheap test before resolving what a site holds: an SDK could take a callback there. */
function mayTakeCallback(places: CallbackPlaces, site: PassedName): boolean {
  if (site.key !== undefined) return places.keys.has(site.key);
  if (places.anyCallee) return true;
  const callee = unwrap(site.call.expression);
  const name = ts.isIdentifier(callee) ? callee.text : memberAccess(callee)?.name;
  return name !== undefined && places.members.has(name);
}

/**
 * Every name written in the file other than by its declaration: assigned (`a = …`, `a ||= …`,
 * `[a, b] = …`, `({a} = …)`), counted (`a++`), or the target of a `for … in/of` without a
 * declaration; and every member of a name assigned (`handlers.addUser = …`), as `handlers.addUser`.
 */
export function writtenNames(sf: T.SourceFile): Map<string, T.Identifier[]> {
  const out = new Map<string, T.Identifier[]>();
  const add = (key: string, id: T.Identifier): void => {
    const list = out.get(key);
    if (list === undefined) out.set(key, [id]);
    else list.push(id);
  };
  const target = (e: T.Expression): void => {
    const u = unwrap(e);
    if (ts.isIdentifier(u)) return add(u.text, u);
    const m = memberAccess(u);
    if (m !== undefined) {
      const obj = unwrap(m.obj);
      if (ts.isIdentifier(obj)) add(`${obj.text}.${m.name}`, obj);
      return;
    }
    if (ts.isArrayLiteralExpression(u)) {
      for (const el of u.elements) target(ts.isSpreadElement(el) ? el.expression : el);
    } else if (ts.isObjectLiteralExpression(u)) {
      for (const p of u.properties) {
        if (ts.isShorthandPropertyAssignment(p)) add(p.name.text, p.name);
        else if (ts.isPropertyAssignment(p)) target(p.initializer);
        else if (ts.isSpreadAssignment(p)) target(p.expression);
      }
    } else if (ts.isBinaryExpression(u) && u.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      // A default in a destructuring target: `[a = f] = …`.
      target(u.left);
    }
  };
  const visit = (n: T.Node): void => {
    if (ts.isBinaryExpression(n)) {
      const op = n.operatorToken.kind;
      if (op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment) target(n.left);
    } else if (ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) {
      const op = n.operator;
      if (op === ts.SyntaxKind.PlusPlusToken || op === ts.SyntaxKind.MinusMinusToken)
        target(n.operand);
    } else if (
      (ts.isForInStatement(n) || ts.isForOfStatement(n)) &&
      !ts.isVariableDeclarationList(n.initializer)
    ) {
      target(n.initializer);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/**
 * Whether the file writes `key` (a name, or `name.member`) other than through a declaration
 * other than `decl`: a write that means `decl`, or that the binder cannot place (a `var` hoisted
 * out of its block, a global), counts.
 */
function rewritten(fc: FileContext, key: string, decl: T.VariableDeclaration): boolean {
  const writes = fc.written().get(key);
  if (writes === undefined) return false;
  return writes.some((id) => {
    const d = fc.binder.lookup(id);
    return d === undefined || (d.k === 'var' && d.node === decl);
  });
}

/** Whether a variable declaration is `const`. */
function isConst(decl: T.VariableDeclaration): boolean {
  const list = decl.parent;
  return ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) !== 0;
}

function isFunction(e: T.Expression): e is T.ArrowFunction | T.FunctionExpression {
  return ts.isArrowFunction(e) || ts.isFunctionExpression(e);
}

/** What the member `name` of an object literal holds: a method, a function, or another name. */
function memberHeld(
  fc: FileContext,
  obj: T.ObjectLiteralExpression,
  name: string,
  depth: number,
): Held | undefined {
  let found: T.ObjectLiteralElementLike | undefined;
  for (const p of obj.properties) {
    // A later spread may replace the member: what it holds is not known.
    if (ts.isSpreadAssignment(p)) found = undefined;
    else if (p.name !== undefined && propName(p.name) === name) found = p;
  }
  if (found === undefined) return undefined;
  if (ts.isMethodDeclaration(found)) return { k: 'fn', fn: found };
  if (ts.isShorthandPropertyAssignment(found)) return heldBy(fc, found.name, depth + 1);
  if (!ts.isPropertyAssignment(found)) return undefined;
  const v = unwrap(found.initializer);
  return isFunction(v) ? { k: 'fn', fn: v } : heldBy(fc, v, depth + 1);
}

/** What a declaration a name refers to holds. */
function declHeld(fc: FileContext, d: Decl, name: string, depth: number): Held | undefined {
  if (d.k === 'function') return { k: 'fn', fn: d.node };
  if (d.k === 'import') return { k: 'import', module: d.module, name: d.name };
  if (d.k !== 'var' || d.element !== undefined || d.node.initializer === undefined)
    return undefined;
  // A `let` or `var` counts only when nothing in the file assigns it again.
  if (!isConst(d.node) && rewritten(fc, name, d.node)) return undefined;
  const init = unwrap(d.node.initializer);
  return isFunction(init) ? { k: 'fn', fn: init } : heldBy(fc, init, depth + 1);
}

/**
 * What a name, or a member of a name, passed to a call holds: a function of the file or an
 * imported name (`import { addUser } from './hooks'`, or `hooks.addUser` with
 * `import * as hooks`); undefined when it may hold anything else.
 */
export function heldBy(fc: FileContext, e: T.Expression, depth = 0): Held | undefined {
  if (depth > MAX_ALIASES) return undefined;
  const u = unwrap(e);
  if (ts.isIdentifier(u)) {
    const d = fc.binder.lookup(u);
    return d === undefined ? undefined : declHeld(fc, d, u.text, depth);
  }
  const m = memberAccess(u);
  const obj = m === undefined ? undefined : unwrap(m.obj);
  if (m === undefined || obj === undefined || !ts.isIdentifier(obj)) return undefined;
  const d = fc.binder.lookup(obj);
  if (d?.k === 'import') {
    // `hooks.addUser` of `import * as hooks`, or of `import { hooks }` (`hooks.addUser` there).
    if (d.name === 'default') return undefined;
    const name = d.name === '*' ? m.name : `${d.name}.${m.name}`;
    return { k: 'import', module: d.module, name };
  }
  if (d?.k !== 'var' || d.element !== undefined || !isConst(d.node)) return undefined;
  const init = d.node.initializer === undefined ? undefined : unwrap(d.node.initializer);
  if (init === undefined || !ts.isObjectLiteralExpression(init)) return undefined;
  if (rewritten(fc, `${obj.text}.${m.name}`, d.node)) return undefined;
  return memberHeld(fc, init, m.name, depth);
}

/**
 * The functions of the file passed by name where an SDK may take a callback, each with the
 * places it is passed (made once per file, when first needed: refs.ts).
 */
export function heldFunctions(
  fc: FileContext,
  calls: readonly (T.CallExpression | T.NewExpression)[],
): Map<T.Node, PassedName[]> {
  const passed: PassedName[] = [];
  for (const call of calls) notePassed(call, passed);
  const places = callbackPlaces(fc.ctx.registry);
  const out = new Map<T.Node, PassedName[]>();
  for (const site of passed) {
    if (!mayTakeCallback(places, site)) continue;
    const held = heldBy(fc, site.expr);
    if (held?.k !== 'fn') continue;
    const list = out.get(held.fn);
    if (list === undefined) out.set(held.fn, [site]);
    else list.push(site);
  }
  return out;
}
