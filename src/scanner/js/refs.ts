/**
 * What an expression is, as far as SDKs go: `mixpanel` (the browser SDK's default export),
 * `mp` (`Mixpanel.init(token)` → a Node client), `scope` in `withScope(scope => …)`, or a
 * wrapper function of this file or another.
 */
import type * as T from 'typescript';
import ts from './ts.js';
import { callResult, calledMember, memberOf, moduleRef, type Ref } from '../core/registry.js';
import {
  GLOBAL_OBJECTS,
  guarded,
  memberAccess,
  propName,
  unwrap,
  type FileContext,
  type NamedCallback,
} from './context.js';
import { isAmbient, type Decl } from './scope.js';
import { exportedAs } from './exports.js';
import { heldBy } from './held.js';

/** An SDK ref, wrapper functions, a relative module, or a local object literal. */
export type JsRef =
  | Ref
  | { readonly k: 'wrappers'; readonly refs: readonly Ref[] }
  | { readonly k: 'local-module'; readonly module: string }
  | { readonly k: 'object'; readonly node: T.ObjectLiteralExpression };

const MAX_DEPTH = 24;

/** Whether a module specifier names a file of the scan: relative, or an alias of one. */
function isLocal(fc: FileContext, module: string): boolean {
  if (module.startsWith('.')) return true;
  // An SDK's own name wins over an alias that happens to match it.
  if (fc.ctx.local === undefined || fc.ctx.registry.modules.has(module)) return false;
  return fc.ctx.local(fc.path, module);
}

function importRef(fc: FileContext, d: Decl & { k: 'import' }): JsRef | undefined {
  if (isLocal(fc, d.module)) {
    if (d.name === '*') return { k: 'local-module', module: d.module };
    const w = fc.ctx.wrapper(fc.path, d.module, d.name);
    if (w !== undefined) return { k: 'wrappers', refs: w };
    // `import { analytics } from './a'` then `analytics.track(…)`: an object of wrappers.
    return { k: 'local-module', module: `${d.module}#${d.name}` };
  }
  if (d.name === 'default') return moduleRef(fc.ctx.registry, d.module, 'default');
  if (d.name === '*') return moduleRef(fc.ctx.registry, d.module, 'namespace');
  const ns = moduleRef(fc.ctx.registry, d.module, 'namespace');
  return ns === undefined ? undefined : memberOf(ns, d.name);
}

function functionRef(fc: FileContext, fn: T.Node): JsRef | undefined {
  const refs = fc.wrappers.get(fn);
  return refs !== undefined && refs.length > 0 ? { k: 'wrappers', refs } : undefined;
}

/** Global generic types whose one argument is the type the value has: `NonNullable<T>`. */
const TRANSPARENT_TYPES: ReadonlySet<string> = new Set(['NonNullable', 'Readonly']);

/**
 * `T` of `T | undefined`, `T | null` (in any order and combination), `(T)`, `NonNullable<T>` and
 * `Readonly<T>`; the type itself otherwise (`PostHog | Mixpanel` stays a union).
 */
function nonNullable(fc: FileContext, type: T.TypeNode): T.TypeNode {
  if (ts.isParenthesizedTypeNode(type)) return nonNullable(fc, type.type);
  if (
    ts.isTypeReferenceNode(type) &&
    ts.isIdentifier(type.typeName) &&
    TRANSPARENT_TYPES.has(type.typeName.text) &&
    type.typeArguments?.length === 1 &&
    fc.binder.lookup(type.typeName) === undefined
  ) {
    return nonNullable(fc, type.typeArguments[0]!);
  }
  if (!ts.isUnionTypeNode(type)) return type;
  const rest = type.types.filter(
    (t) =>
      t.kind !== ts.SyntaxKind.UndefinedKeyword &&
      !(ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword),
  );
  return rest.length === 1 ? nonNullable(fc, rest[0]!) : type;
}

/** `A.B.C` of a type name, as its parts; undefined for anything but identifiers. */
function typeNameParts(n: T.EntityName): string[] | undefined {
  if (ts.isIdentifier(n)) return [n.text];
  const left = typeNameParts(n.left);
  return left === undefined ? undefined : [...left, n.right.text];
}

/**
 * The SDK type an annotation names through the module's exported type names (`types` of its
 * `ModuleSpec`): `Mixpanel` imported from `mixpanel-browser`, `Sentry.Scope` with `Sentry` the
 * namespace of `@sentry/node`, `Types.NodeClient` with `Types` imported from
 * `@amplitude/analytics-node`.
 */
function exportedTypeRef(fc: FileContext, name: T.EntityName, text: string): JsRef | undefined {
  const parts = typeNameParts(name);
  if (parts === undefined) return undefined;
  let root: T.EntityName = name;
  while (!ts.isIdentifier(root)) root = root.left;
  const d = fc.binder.lookup(root);
  if (d === undefined || d.k !== 'import' || isLocal(fc, d.module)) return undefined;
  const m = fc.ctx.registry.modules.get(d.module);
  const types = m?.spec.types;
  if (m === undefined || types === undefined) return undefined;
  // A namespace or default import names the module; a named import names one of its exports.
  const whole = d.name === '*' || d.name === 'default';
  const key = (whole ? parts.slice(1) : [d.name, ...parts.slice(1)]).join('.');
  const type = types[key];
  return type === undefined ? undefined : { k: 'type', vendor: m.vendor, type, text };
}

/**
 * The SDK instance a type annotation names: `analytics: Analytics` with `Analytics` imported
 * from `@segment/analytics-node` is what `new Analytics(…)` gives; `mp: Mixpanel` with the
 * interface imported from `mixpanel-browser` is its instance (`exportedTypeRef`). Undefined for
 * any other type.
 */
function annotatedRef(
  fc: FileContext,
  type: T.TypeNode | undefined,
  name: string,
  depth: number,
): JsRef | undefined {
  type = type === undefined ? undefined : nonNullable(fc, type);
  if (type === undefined || !ts.isTypeReferenceNode(type)) return undefined;
  const exported = exportedTypeRef(fc, type.typeName, name);
  if (exported !== undefined || !ts.isIdentifier(type.typeName)) return exported;
  const cls = identifierRef(fc, type.typeName, depth + 1);
  if (cls === undefined || (cls.k !== 'type' && cls.k !== 'member')) return undefined;
  const instance = callResult(cls);
  return instance === undefined ? undefined : { ...instance, text: name };
}

/** Whether `callee` is React's `hook`: imported by name, or a member of the module's import. */
function isReactHook(fc: FileContext, callee: T.Expression, hook: string): boolean {
  if (ts.isIdentifier(callee)) {
    const d = fc.binder.lookup(callee);
    return d?.k === 'import' && d.module === 'react' && d.name === hook;
  }
  const m = memberAccess(callee);
  if (m === undefined || m.name !== hook) return false;
  const obj = unwrap(m.obj);
  const d = ts.isIdentifier(obj) ? fc.binder.lookup(obj) : undefined;
  return d?.k === 'import' && d.module === 'react' && (d.name === '*' || d.name === 'default');
}

/**
 * The type argument of a call of React's `hook`: `PostHog | null` of
 * `useRef<PostHog | null>(null)` and of `React.useState<PostHog | null>(null)`.
 */
function hookType(
  fc: FileContext,
  init: T.Expression,
  hook: 'useRef' | 'useState',
): T.TypeNode | undefined {
  const call = unwrap(init);
  if (!ts.isCallExpression(call) || call.typeArguments?.length !== 1) return undefined;
  return isReactHook(fc, unwrap(call.expression), hook) ? call.typeArguments[0] : undefined;
}

/**
 * What a call of React's `hook` holds: the SDK its type argument names
 * (`useRef<PostHog | null>(null)`), or, with no type argument, the SDK its initial value is
 * (`useState(posthog)`); undefined otherwise (`useRef(null)`).
 */
function hookRef(
  fc: FileContext,
  init: T.Expression,
  hook: 'useRef' | 'useState',
  name: string,
  depth: number,
): JsRef | undefined {
  const type = hookType(fc, init, hook);
  if (type !== undefined) return annotatedRef(fc, type, name, depth);
  const call = unwrap(init);
  if (!ts.isCallExpression(call) || call.typeArguments !== undefined) return undefined;
  const value = call.arguments[0];
  if (value === undefined || !isReactHook(fc, unwrap(call.expression), hook)) return undefined;
  const r = refOf(fc, value, depth + 1);
  return r?.k === 'type' || r?.k === 'member' ? rename(r, name) : undefined;
}

/**
 * `ref.current` of `const ref = useRef<PostHog | null>(null)` or `useRef(posthog)`: what the
 * ref holds.
 */
function refCurrent(fc: FileContext, ref: T.Identifier, depth: number): JsRef | undefined {
  const d = fc.binder.lookup(ref);
  if (d?.k !== 'var' || d.element !== undefined || d.node.initializer === undefined)
    return undefined;
  return hookRef(fc, d.node.initializer, 'useRef', `${ref.text}.current`, depth);
}

/**
 * Where a function is passed: the call, the argument's position, and the option's name when the
 * function is one option of an options object argument (`bugsnag({beforeSend: report => …})`,
 * or a method `beforeSend(report) {…}`) or one item of an array given as that option
 * (`Bugsnag.start({onError: [event => …, …]})`).
 */
function callbackSite(
  fn: T.SignatureDeclaration,
): { call: T.CallExpression | T.NewExpression; arg: number; key?: string } | undefined {
  let passed: T.Node = fn;
  let key: string | undefined;
  let parent = fn.parent;
  // An item of an array counts only as an option's value: `{onError: [event => …, …]}`.
  const item = ts.isArrayLiteralExpression(parent);
  if (item) {
    passed = parent;
    parent = parent.parent;
  }
  if (ts.isPropertyAssignment(parent) && parent.initializer === passed) {
    key = propName(parent.name);
    passed = parent.parent;
  } else if (item) {
    return undefined;
  } else if (ts.isMethodDeclaration(fn) && ts.isObjectLiteralExpression(parent)) {
    key = propName(fn.name);
    passed = parent;
  }
  const call = passed.parent;
  if (call === undefined || !(ts.isCallExpression(call) || ts.isNewExpression(call)))
    return undefined;
  const arg = call.arguments?.indexOf(passed as T.Expression) ?? -1;
  return arg < 0 ? undefined : { call, arg, ...(key !== undefined && { key }) };
}

/** What the call at `site` hands a function passed there, when it is an SDK callback. */
function siteCallback(
  fc: FileContext,
  site: { call: T.CallExpression | T.NewExpression; arg: number; key?: string },
  depth: number,
): NamedCallback | undefined {
  const callee = refOf(fc, site.call.expression, depth + 1);
  if (callee === undefined || (callee.k !== 'type' && callee.k !== 'member')) return undefined;
  const callback = calledMember(callee)?.callback;
  if (callback === undefined || callback.arg !== site.arg || callback.key !== site.key)
    return undefined;
  return { vendor: callee.vendor, callback };
}

/**
 * The SDK callbacks a function of the file is passed as by name (`Bugsnag.start({onError:
 * addUser})`, `Sentry.withScope(fillScope)`, also through an alias or a member of a `const`
 * object: held.ts), wherever it is declared in the file, and, when other files of the scan pass
 * it so, under a name this file exports (`AnalyzeContext.callbacks`).
 */
function namedCallbacks(
  fc: FileContext,
  fn: T.SignatureDeclaration,
  depth: number,
): readonly NamedCallback[] {
  const known = fc.callbacks.get(fn);
  if (known !== undefined) return known;
  const sites = fc.held().get(fn);
  const imported = importedUses(fc, fn);
  if (sites === undefined && imported.length === 0) return [];
  const found = guarded(fc, fn, () => {
    const out: NamedCallback[] = [...imported];
    for (const site of sites ?? []) {
      const cb = siteCallback(fc, site, depth);
      if (cb !== undefined) out.push(cb);
    }
    fc.callbacks.set(fn, out);
    return out;
  });
  return found ?? [];
}

/** The SDK callbacks other files pass `fn` as, by the names this file exports it under. */
function importedUses(fc: FileContext, fn: T.SignatureDeclaration): readonly NamedCallback[] {
  const uses = fc.ctx.callbacks;
  if (uses === undefined) return [];
  return exportedAs(fc, fn).flatMap((name) => uses(name) ?? []);
}

/**
 * Note the functions imported from files of the scan that `call` (an SDK call whose member takes
 * `use.callback`) is given as that callback: `Bugsnag.start({onError: addUser})` with
 * `import { addUser } from './hooks'` (also `hooks.addUser` with `import * as hooks`,
 * `handlers.addUser` with `import { handlers }`, and through a local alias, `const cb = addUser`).
 */
export function noteImportedCallbacks(
  fc: FileContext,
  call: T.CallExpression | T.NewExpression,
  use: NamedCallback,
): void {
  const given = call.arguments?.[use.callback.arg];
  if (given === undefined) return;
  const key = use.callback.key;
  const passed: T.Expression[] = [];
  const o = unwrap(given);
  if (key === undefined) passed.push(o);
  else if (ts.isObjectLiteralExpression(o)) {
    for (const p of o.properties) {
      if (ts.isShorthandPropertyAssignment(p) && p.name.text === key) passed.push(p.name);
      if (!ts.isPropertyAssignment(p) || propName(p.name) !== key) continue;
      const v = unwrap(p.initializer);
      if (ts.isArrayLiteralExpression(v)) passed.push(...v.elements);
      else passed.push(v);
    }
  }
  for (const e of passed) {
    const held = heldBy(fc, e);
    if (held?.k !== 'import' || held.name === '*' || !mayBeLocal(fc, held.module)) continue;
    fc.imported.push({ ...use, specifier: held.module, name: held.name });
  }
}

/**
 * Whether a module specifier may name a file of the scan: as `isLocal`, or, when the front end
 * is not told which specifiers are aliases (the first pass), any that is no SDK's (the scan
 * resolves it, through the path aliases, and drops the packages).
 */
function mayBeLocal(fc: FileContext, module: string): boolean {
  if (fc.ctx.local === undefined) return !fc.ctx.registry.modules.has(module);
  return isLocal(fc, module);
}

/**
 * A callback parameter typed by the call it is passed to: `withScope(scope => …)`, or, for a
 * function passed by name, `withScope(fillScope)` with `function fillScope(scope) {…}`.
 */
function paramRef(fc: FileContext, d: Decl & { k: 'param' }, depth: number): JsRef | undefined {
  const fn = d.fn;
  const param = fn.parameters[d.index];
  const text = param?.name.getText(fc.sf) ?? '';
  const typed = annotatedRef(fc, param?.type, text, depth);
  if (typed !== undefined) return typed;
  const site = callbackSite(fn);
  const cb =
    site === undefined
      ? namedCallbacks(fc, fn, depth).find((c) => c.callback.param === d.index)
      : siteCallback(fc, site, depth);
  if (cb === undefined || cb.callback.param !== d.index) return undefined;
  return { k: 'type', vendor: cb.vendor, type: cb.callback.type, text: text || 'scope' };
}

function declRef(fc: FileContext, d: Decl, name: string, depth: number): JsRef | undefined {
  switch (d.k) {
    case 'import':
      return rename(importRef(fc, d), name);
    case 'function':
      return functionRef(fc, d.node);
    case 'param':
      return paramRef(fc, d, depth);
    case 'class':
      return undefined;
    case 'var': {
      const init = d.node.initializer;
      // `let client: PostHog | undefined` assigned elsewhere: the annotation is all there is.
      if (init === undefined)
        return d.element === undefined ? annotatedRef(fc, d.node.type, name, depth) : undefined;
      return guarded(fc, d.element?.node ?? d.node, () => {
        const base = refOf(fc, init, depth + 1);
        // `const mp: Mixpanel = useContext(Analytics)`: the annotation says what the value is.
        if (d.element === undefined)
          return rename(base, name) ?? annotatedRef(fc, d.node.type, name, depth);
        // `const [client, setClient] = useState<PostHog | null>(null)` or `useState(posthog)`.
        if (base === undefined && d.element.key === 0)
          return hookRef(fc, init, 'useState', name, depth);
        if (base === undefined) return undefined;
        // `const [analytics] = await AnalyticsBrowser.load(…)`: the awaited pair's first item.
        if (typeof d.element.key === 'number')
          return d.element.key === 0 ? rename(base, name) : undefined;
        return memberRef(fc, base, d.element.key, depth);
      });
    }
  }
}

/** An alias keeps the SDK's type but reads as the local name in reports. */
function rename(r: JsRef | undefined, name: string): JsRef | undefined {
  if (r === undefined || (r.k !== 'type' && r.k !== 'member')) return r;
  return r.k === 'type' ? { ...r, text: name } : r;
}

function objectMember(
  fc: FileContext,
  obj: T.ObjectLiteralExpression,
  name: string,
): JsRef | undefined {
  for (const p of obj.properties) {
    if (p.name === undefined || propName(p.name) !== name) continue;
    if (ts.isMethodDeclaration(p)) return functionRef(fc, p);
    if (ts.isPropertyAssignment(p)) {
      const v = unwrap(p.initializer);
      if (ts.isArrowFunction(v) || ts.isFunctionExpression(v)) return functionRef(fc, v);
      return refOf(fc, v, 0);
    }
    if (ts.isShorthandPropertyAssignment(p)) return refOf(fc, p.name, 0);
  }
  return undefined;
}

function memberRef(fc: FileContext, base: JsRef, name: string, depth: number): JsRef | undefined {
  switch (base.k) {
    case 'type':
    case 'member':
      return memberOf(base, name);
    case 'object':
      return depth > MAX_DEPTH ? undefined : objectMember(fc, base.node, name);
    case 'local-module': {
      const [module, outer] = base.module.split('#') as [string, string | undefined];
      const w = fc.ctx.wrapper(fc.path, module, outer === undefined ? name : `${outer}.${name}`);
      return w === undefined ? undefined : { k: 'wrappers', refs: w };
    }
    default:
      return undefined;
  }
}

/** `this.mp` inside a class: the field's initializer or the constructor's assignment. */
function thisMember(fc: FileContext, at: T.Node, name: string, depth: number): JsRef | undefined {
  let cls: T.Node | undefined = at.parent;
  while (cls !== undefined && !ts.isClassLike(cls)) cls = cls.parent;
  if (cls === undefined) return undefined;
  for (const m of (cls as T.ClassLikeDeclaration).members) {
    if (ts.isPropertyDeclaration(m) && propName(m.name) === name) {
      // `private analytics = new Analytics(…)`, or `private analytics: Analytics` (injected).
      if (m.initializer) return guarded(fc, m, () => refOf(fc, m.initializer!, depth + 1));
      return annotatedRef(fc, m.type, `this.${name}`, depth);
    }
    if (ts.isMethodDeclaration(m) && propName(m.name) === name) return functionRef(fc, m);
    if (ts.isConstructorDeclaration(m)) {
      // `constructor(private readonly analytics: Analytics)`: a parameter property.
      for (const p of m.parameters) {
        if (p.modifiers === undefined || !ts.isIdentifier(p.name) || p.name.text !== name) continue;
        const typed = annotatedRef(fc, p.type, `this.${name}`, depth);
        if (typed !== undefined) return typed;
      }
    }
    if (ts.isConstructorDeclaration(m) && m.body) {
      for (const s of m.body.statements) {
        if (!ts.isExpressionStatement(s) || !ts.isBinaryExpression(s.expression)) continue;
        const b = s.expression;
        if (b.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
        const left = memberAccess(b.left);
        if (left && left.obj.kind === ts.SyntaxKind.ThisKeyword && left.name === name) {
          return guarded(fc, s, () => refOf(fc, b.right, depth + 1));
        }
      }
    }
  }
  return undefined;
}

/**
 * A snippet's own stub of a global (`function gtag(){dataLayer.push(arguments);}`) forwards
 * `arguments` to the SDK: calls of it are calls of the global.
 */
function isGlobalStub(fc: FileContext, d: Decl, name: string): boolean {
  return (
    d.k === 'function' &&
    fc.ctx.registry.globals.has(name) &&
    d.node.body !== undefined &&
    /\barguments\b/.test(d.node.body.getText(fc.sf))
  );
}

function identifierRef(fc: FileContext, id: T.Identifier, depth: number): JsRef | undefined {
  const d = fc.binder.lookup(id);
  if (d !== undefined && !isGlobalStub(fc, d, id.text)) {
    const r = declRef(fc, d, id.text, depth);
    // `declare const bugsnag: …` types the global, unless its annotation names an SDK type.
    if (r !== undefined || !isAmbient(d)) return r;
  }
  return fc.ctx.registry.globals.get(id.text);
}

/** Whether `id` is a global: declared nowhere in the file, or only by `declare`. */
function isGlobal(fc: FileContext, id: T.Identifier): boolean {
  const d = fc.binder.lookup(id);
  return d === undefined || isAmbient(d);
}

function callRef(
  fc: FileContext,
  e: T.CallExpression | T.NewExpression,
  depth: number,
): JsRef | undefined {
  const callee = unwrap(e.expression);
  if (ts.isIdentifier(callee) && callee.text === 'require' && e.arguments?.length === 1) {
    const a = unwrap(e.arguments[0]!);
    if (!ts.isStringLiteralLike(a)) return undefined;
    if (isLocal(fc, a.text)) return { k: 'local-module', module: a.text };
    return moduleRef(fc.ctx.registry, a.text, 'require');
  }
  const r = refOf(fc, callee, depth + 1);
  if (r === undefined || (r.k !== 'type' && r.k !== 'member')) return undefined;
  const result = callResult(r);
  return result === undefined ? undefined : { ...result, text: `${r.text}(…)` };
}

/** What `e` is, as far as SDKs go; undefined for anything else. */
export function refOf(fc: FileContext, expr: T.Expression, depth = 0): JsRef | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const e = unwrap(expr);
  if (ts.isIdentifier(e)) return identifierRef(fc, e, depth);
  if (ts.isObjectLiteralExpression(e)) return { k: 'object', node: e };
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return functionRef(fc, e);
  if (ts.isCallExpression(e) || ts.isNewExpression(e)) return callRef(fc, e, depth);
  if (ts.isConditionalExpression(e))
    return refOf(fc, e.whenTrue, depth + 1) ?? refOf(fc, e.whenFalse, depth + 1);
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) {
      return refOf(fc, e.left, depth + 1) ?? refOf(fc, e.right, depth + 1);
    }
    if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.EqualsToken)
      return refOf(fc, e.right, depth + 1);
    return undefined;
  }
  const m = memberAccess(e);
  if (m === undefined) return undefined;
  const obj = unwrap(m.obj);
  if (ts.isIdentifier(obj) && GLOBAL_OBJECTS.has(obj.text) && isGlobal(fc, obj)) {
    return fc.ctx.registry.globals.get(m.name);
  }
  if (obj.kind === ts.SyntaxKind.ThisKeyword) return thisMember(fc, obj, m.name, depth);
  if (m.name === 'current' && ts.isIdentifier(obj)) {
    const held = refCurrent(fc, obj, depth);
    if (held !== undefined) return held;
  }
  const base = refOf(fc, obj, depth + 1);
  return base === undefined ? undefined : memberRef(fc, base, m.name, depth);
}
