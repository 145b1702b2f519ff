/** State shared while one JavaScript/TypeScript file is read. */
import type * as T from 'typescript';
import ts from './ts.js';
import type { AnalyzeContext, CallbackImport, CallbackUse } from '../core/front.js';
import type { Ref } from '../core/registry.js';
import type { Pos } from '../types.js';
import type { Binder } from './scope.js';

/** Everything the readers of one file share. */
export interface FileContext {
  readonly sf: T.SourceFile;
  readonly path: string;
  readonly binder: Binder;
  readonly ctx: AnalyzeContext;
  /** Wrapper functions found so far in this file: function node → member refs of its sinks. */
  readonly wrappers: Map<T.Node, Ref[]>;
  /** Declarations being evaluated (cycles such as `let a = b; let b = a` end here). */
  readonly visiting: Set<T.Node>;
  /**
   * The functions of the file passed by name where an SDK may take a callback (an argument,
   * `notify(err, addUser)`; an option's value, `{onError: addUser}`, `{onError}`; an item of an
   * option's array, `{onError: [addUser]}`; also through an alias or a member of a `const`
   * object, `handlers.addUser`), with those places (held.ts). Made from the file's calls the first
   * time a named function's parameter is looked up (most files never need it).
   */
  readonly held: () => ReadonlyMap<T.Node, readonly PassedName[]>;
  /**
   * Names the file writes other than by declaring them, and members of names it assigns
   * (`handlers.addUser`), with the identifiers written (held.ts): made on first need, which is
   * a `let` or `var` (or a `const` object's member) passed where an SDK takes a callback.
   */
  readonly written: () => ReadonlyMap<string, readonly T.Identifier[]>;
  /** The SDK callbacks a named function of the file is passed as, once looked up (refs.ts). */
  readonly callbacks: Map<T.Node, readonly NamedCallback[]>;
  /** Imported functions passed where an SDK call takes a callback, found as the calls are read. */
  readonly imported: CallbackImport[];
}

/**
 * A name or a member of a name (`addUser`, `handlers.addUser`) passed to a call: the call, the
 * argument's position and the option's name, if any.
 */
export interface PassedName {
  readonly expr: T.Expression;
  readonly call: T.CallExpression | T.NewExpression;
  readonly arg: number;
  readonly key?: string;
}

/** An SDK callback a function is passed as: its vendor and what its parameters are. */
export type NamedCallback = CallbackUse;

/** 1-based position of a node's first character. */
export function posOf(fc: FileContext, n: T.Node): Pos {
  const lc = fc.sf.getLineAndCharacterOfPosition(n.getStart(fc.sf));
  return { line: lc.line + 1, column: lc.character + 1 };
}

/** Peel syntax that does not change a value: parentheses, type assertions, `await`, `!`. */
export function unwrap(e: T.Expression): T.Expression {
  for (;;) {
    if (
      ts.isParenthesizedExpression(e) ||
      ts.isAsExpression(e) ||
      ts.isNonNullExpression(e) ||
      ts.isTypeAssertionExpression(e) ||
      ts.isSatisfiesExpression(e) ||
      ts.isAwaitExpression(e)
    ) {
      e = e.expression;
    } else return e;
  }
}

/** A property name as text, when it is static. */
export function propName(n: T.PropertyName | T.MemberName | T.Expression): string | undefined {
  if (ts.isIdentifier(n) || ts.isPrivateIdentifier(n)) return n.text;
  if (ts.isStringLiteralLike(n) || ts.isNumericLiteral(n)) return n.text;
  if (ts.isComputedPropertyName(n)) {
    const e = unwrap(n.expression);
    return ts.isStringLiteralLike(e) || ts.isNumericLiteral(e) ? e.text : undefined;
  }
  return undefined;
}

/** `a.b` and `a['b']`: the object and the static member name. */
export function memberAccess(e: T.Expression): { obj: T.Expression; name: string } | undefined {
  if (ts.isPropertyAccessExpression(e)) return { obj: e.expression, name: e.name.text };
  if (ts.isElementAccessExpression(e)) {
    const name = propName(unwrap(e.argumentExpression));
    return name === undefined ? undefined : { obj: e.expression, name };
  }
  return undefined;
}

/** Names that stand for the global object in browsers and Node. */
export const GLOBAL_OBJECTS: ReadonlySet<string> = new Set([
  'window',
  'globalThis',
  'self',
  'global',
  'top',
  'parent',
]);

/** Evaluate `init` once per declaration node, guarding against cycles. */
export function guarded<T>(fc: FileContext, node: T.Node, f: () => T | undefined): T | undefined {
  if (fc.visiting.has(node)) return undefined;
  fc.visiting.add(node);
  try {
    return f();
  } finally {
    fc.visiting.delete(node);
  }
}
