/**
 * JavaScript/TypeScript expressions to `Val`s: object literals with their spreads, variables
 * resolved within the file, member expressions known by their last name, template literals,
 * hashes, and the parameters of the function a sink call sits in (for wrappers).
 */
import type * as T from 'typescript';
import ts from './ts.js';
import type { Val, ValProp } from '../types.js';
import { guarded, memberAccess, posOf, propName, unwrap, type FileContext } from './context.js';
import type { Decl } from './scope.js';

const MAX_DEPTH = 16;
/** Callee names that hash or encrypt what they are given. */
const HASH = /hash|sha\d|sha$|md5|digest|hmac|encrypt|pseudonym|anonymi[sz]/i;
/** Methods and functions that return (a spelling of) their input. */
const PASS_METHODS = new Set([
  'toLowerCase',
  'toUpperCase',
  'trim',
  'trimStart',
  'trimEnd',
  'toString',
  'normalize',
  'slice',
  'substring',
  'substr',
  'padStart',
  'padEnd',
  'toLocaleLowerCase',
  'toLocaleUpperCase',
  'valueOf',
  'at',
]);
const PASS_FUNCTIONS = new Set([
  'String',
  'encodeURIComponent',
  'encodeURI',
  'escape',
  'stringify',
]);

/** Reading context: the function whose parameters become `param` values. */
export interface ValueScope {
  readonly fn: T.SignatureDeclaration | undefined;
}

function text(fc: FileContext, n: T.Node): string {
  return n.getText(fc.sf);
}

function declVal(
  fc: FileContext,
  d: Decl,
  id: T.Identifier,
  scope: ValueScope,
  depth: number,
): Val | undefined {
  const at = posOf(fc, id);
  if (d.k === 'param') {
    if (d.fn === scope.fn) return { k: 'param', index: d.index, path: [], name: id.text, at };
    return undefined;
  }
  if (d.k !== 'var' || d.node.initializer === undefined) return undefined;
  const init = d.node.initializer;
  return guarded(fc, d.element?.node ?? d.node, () => {
    if (d.element === undefined) return valOf(fc, init, scope, depth + 1);
    const base = valOf(fc, init, scope, depth + 1);
    return typeof d.element.key === 'string'
      ? member(base, d.element.key, text(fc, id), at)
      : undefined;
  });
}

/** `obj.name` where `obj` is already a value. */
function member(base: Val, name: string, shown: string, at: Val['at']): Val {
  if (base.k === 'obj') {
    let found: Val | undefined;
    for (const p of base.props) if (p.key === name) found = p.value;
    if (found !== undefined) return found;
  }
  if (base.k === 'param') return { ...base, path: [...base.path, name], at };
  const parent = base.k === 'name' ? base.name : undefined;
  return { k: 'name', name, ...(parent !== undefined ? { parent } : {}), text: shown, at };
}

function objectVal(
  fc: FileContext,
  o: T.ObjectLiteralExpression,
  scope: ValueScope,
  depth: number,
): Val {
  const props: ValProp[] = [];
  const spreads: Val[] = [];
  for (const p of o.properties) {
    const at = posOf(fc, p);
    if (ts.isPropertyAssignment(p)) {
      props.push({ key: propName(p.name), value: valOf(fc, p.initializer, scope, depth + 1), at });
    } else if (ts.isShorthandPropertyAssignment(p)) {
      props.push({ key: p.name.text, value: valOf(fc, p.name, scope, depth + 1), at });
    } else if (ts.isSpreadAssignment(p)) {
      const v = valOf(fc, p.expression, scope, depth + 1);
      // A spread of a known object is its properties, in place.
      if (v.k === 'obj') {
        props.push(...v.props);
        spreads.push(...v.spreads);
      } else spreads.push(v);
    }
  }
  return { k: 'obj', props, spreads, at: posOf(fc, o) };
}

function concatParts(
  fc: FileContext,
  e: T.Expression,
  scope: ValueScope,
  depth: number,
  out: Val[],
): void {
  const u = unwrap(e);
  if (ts.isBinaryExpression(u) && u.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    concatParts(fc, u.left, scope, depth + 1, out);
    concatParts(fc, u.right, scope, depth + 1, out);
  } else out.push(valOf(fc, u, scope, depth + 1));
}

function templateVal(
  fc: FileContext,
  t: T.TemplateExpression,
  scope: ValueScope,
  depth: number,
): Val {
  const at = posOf(fc, t);
  const parts: Val[] = [];
  if (t.head.text !== '') parts.push({ k: 'str', value: t.head.text, at });
  for (const span of t.templateSpans) {
    parts.push(valOf(fc, span.expression, scope, depth + 1));
    if (span.literal.text !== '') parts.push({ k: 'str', value: span.literal.text, at });
  }
  return { k: 'concat', parts, at };
}

/** The innermost callee name of a call chain, and whether any link hashes. */
function callVal(fc: FileContext, c: T.CallExpression, scope: ValueScope, depth: number): Val {
  const at = posOf(fc, c);
  const callee = unwrap(c.expression);
  const m = memberAccess(callee);
  const name = m?.name ?? (ts.isIdentifier(callee) ? callee.text : undefined);
  if (
    (name !== undefined && HASH.test(name)) ||
    (m !== undefined &&
      HASH.test(text(fc, m.obj)) &&
      /^(?:update|digest|hex|toString)$/.test(m.name))
  ) {
    return { k: 'hash', inner: hashedInput(fc, c, scope, depth), at };
  }
  if (name === 'assign' && m !== undefined && text(fc, m.obj) === 'Object')
    return mergeVal(fc, c, scope, depth);
  if (m !== undefined && name !== undefined && PASS_METHODS.has(name))
    return valOf(fc, m.obj, scope, depth + 1);
  if (name !== undefined && PASS_FUNCTIONS.has(name) && c.arguments[0] !== undefined) {
    return valOf(fc, c.arguments[0], scope, depth + 1);
  }
  if (name === undefined) return { k: 'unknown', text: text(fc, c), at };
  const parent = m !== undefined ? lastName(m.obj) : undefined;
  return { k: 'name', name, ...(parent !== undefined ? { parent } : {}), text: text(fc, c), at };
}

/** `Object.assign(target, ...sources)`: one object with every source's properties. */
function mergeVal(fc: FileContext, c: T.CallExpression, scope: ValueScope, depth: number): Val {
  const props: ValProp[] = [];
  const spreads: Val[] = [];
  for (const a of c.arguments) {
    const v = valOf(fc, ts.isSpreadElement(a) ? a.expression : a, scope, depth + 1);
    if (v.k === 'obj') {
      props.push(...v.props);
      spreads.push(...v.spreads);
    } else spreads.push(v);
  }
  return { k: 'obj', props, spreads, at: posOf(fc, c) };
}

/** What a hash call chain hashes: the first argument that is not a literal, down the chain. */
function hashedInput(fc: FileContext, c: T.CallExpression, scope: ValueScope, depth: number): Val {
  for (let cur: T.Expression = c; ;) {
    const u = unwrap(cur);
    if (!ts.isCallExpression(u)) break;
    const arg = u.arguments.find((a) => !ts.isStringLiteralLike(unwrap(a)));
    if (arg !== undefined) return valOf(fc, arg, scope, depth + 1);
    const m = memberAccess(unwrap(u.expression));
    if (m === undefined) break;
    cur = m.obj;
  }
  return { k: 'unknown', text: text(fc, c), at: posOf(fc, c) };
}

function lastName(e: T.Expression): string | undefined {
  const u = unwrap(e);
  if (ts.isIdentifier(u)) return u.text;
  return memberAccess(u)?.name;
}

function binaryVal(fc: FileContext, b: T.BinaryExpression, scope: ValueScope, depth: number): Val {
  const at = posOf(fc, b);
  switch (b.operatorToken.kind) {
    case ts.SyntaxKind.PlusToken: {
      const parts: Val[] = [];
      concatParts(fc, b, scope, depth, parts);
      return parts.some((p) => p.k === 'num') &&
        !parts.some((p) => p.k === 'str' || p.k === 'concat')
        ? { k: 'num', at }
        : { k: 'concat', parts, at };
    }
    case ts.SyntaxKind.BarBarToken:
    case ts.SyntaxKind.QuestionQuestionToken:
      return {
        k: 'union',
        options: [valOf(fc, b.left, scope, depth + 1), valOf(fc, b.right, scope, depth + 1)],
        at,
      };
    case ts.SyntaxKind.AmpersandAmpersandToken:
    case ts.SyntaxKind.CommaToken:
    case ts.SyntaxKind.EqualsToken:
      return valOf(fc, b.right, scope, depth + 1);
    case ts.SyntaxKind.MinusToken:
    case ts.SyntaxKind.AsteriskToken:
    case ts.SyntaxKind.SlashToken:
    case ts.SyntaxKind.PercentToken:
      return { k: 'num', at };
    default:
      return { k: 'bool', at };
  }
}

function identifierVal(fc: FileContext, id: T.Identifier, scope: ValueScope, depth: number): Val {
  const at = posOf(fc, id);
  if (id.text === 'undefined') return { k: 'null', at };
  const d = fc.binder.lookup(id);
  const v = d !== undefined ? declVal(fc, d, id, scope, depth) : undefined;
  return v ?? { k: 'name', name: id.text, text: id.text, at };
}

/** The value of `expr` as far as the file tells, read from inside `scope.fn`. */
export function valOf(fc: FileContext, expr: T.Expression, scope: ValueScope, depth = 0): Val {
  const e = unwrap(expr);
  const at = posOf(fc, e);
  if (depth > MAX_DEPTH) return { k: 'unknown', text: text(fc, e), at };
  if (ts.isStringLiteralLike(e)) return { k: 'str', value: e.text, at };
  if (ts.isNumericLiteral(e)) return { k: 'num', value: Number(e.text), at };
  if (e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword) {
    return { k: 'bool', value: e.kind === ts.SyntaxKind.TrueKeyword, at };
  }
  if (e.kind === ts.SyntaxKind.NullKeyword) return { k: 'null', at };
  if (ts.isIdentifier(e)) return identifierVal(fc, e, scope, depth);
  if (ts.isObjectLiteralExpression(e)) return objectVal(fc, e, scope, depth);
  if (ts.isArrayLiteralExpression(e)) {
    return {
      k: 'arr',
      items: e.elements.map((x) =>
        valOf(fc, ts.isSpreadElement(x) ? x.expression : x, scope, depth + 1),
      ),
      at,
    };
  }
  if (ts.isTemplateExpression(e)) return templateVal(fc, e, scope, depth);
  if (ts.isBinaryExpression(e)) return binaryVal(fc, e, scope, depth);
  if (ts.isConditionalExpression(e)) {
    return {
      k: 'union',
      options: [valOf(fc, e.whenTrue, scope, depth + 1), valOf(fc, e.whenFalse, scope, depth + 1)],
      at,
    };
  }
  if (ts.isCallExpression(e)) return callVal(fc, e, scope, depth);
  if (ts.isPrefixUnaryExpression(e)) {
    return e.operator === ts.SyntaxKind.ExclamationToken ? { k: 'bool', at } : { k: 'num', at };
  }
  if (ts.isTypeOfExpression(e)) return { k: 'str', value: 'string', at };
  const m = memberAccess(e);
  if (m !== undefined) {
    const base =
      ts.isIdentifier(unwrap(m.obj)) || memberAccess(unwrap(m.obj)) !== undefined
        ? valOf(fc, m.obj, scope, depth + 1)
        : undefined;
    if (base !== undefined) return member(base, m.name, text(fc, e), at);
    const parent = lastName(m.obj);
    return {
      k: 'name',
      name: m.name,
      ...(parent !== undefined ? { parent } : {}),
      text: text(fc, e),
      at,
    };
  }
  return { k: 'unknown', text: text(fc, e), at };
}
