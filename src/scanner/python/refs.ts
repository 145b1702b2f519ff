/**
 * What a Python expression is, as far as SDKs go: an SDK module or client (`mp` after
 * `mp = Mixpanel(token)`), one of its members (`mp.track`), a wrapper function of this file or of
 * another (`track` after `from .analytics import track`), a module path, or a class of this file.
 */
import type { Node } from 'web-tree-sitter';
import { callResult, memberOf, moduleRef, type Ref } from '../core/registry.js';
import { kids, type Cx } from './context.js';
import { exprOf, nodeOf, type Expr } from './expr.js';
import { lookup, type Binding } from './scope.js';

const MAX_DEPTH = 24;

/** `from SPEC import NAME` names the module `SPEC.NAME` (`from . import a` → `.a`). */
export function joinSpec(spec: string, name: string): string {
  return /^\.*$/.test(spec) ? spec + name : `${spec}.${name}`;
}

/** Another file's wrapper named `name` in the module `spec`, as a binding. */
export function wrapperBinding(cx: Cx, spec: string, name: string): Binding | undefined {
  const w = cx.st.ctx.wrapper(cx.st.path, spec, name);
  return w === undefined ? undefined : { wrappers: [...w] };
}

/**
 * The SDK module an absolute import names (`analytics`, `segment.analytics`), unless the scan
 * holds a module of the project by that name: a package `analytics/` of the app's own shadows
 * Segment's `analytics` for the files that import it, as it does at run time.
 */
export function sdkModule(cx: Cx, path: string): Ref | undefined {
  const ref = moduleRef(cx.st.ctx.registry, path, 'namespace');
  if (ref === undefined || cx.st.ctx.local?.(cx.st.path, path) !== true) return ref;
  return undefined;
}

function pathAttr(cx: Cx, path: string, name: string): Binding | undefined {
  const full = `${path}.${name}`;
  const ref = sdkModule(cx, full);
  if (ref !== undefined) return { ref, path: full };
  return wrapperBinding(cx, path, name) ?? { path: full };
}

/** `base.name`. */
export function attrOf(cx: Cx, base: Binding, name: string): Binding | undefined {
  if (base.ref !== undefined) {
    const ref = memberOf(base.ref, name);
    if (ref !== undefined) return { ref };
  }
  const cls = base.instance ?? base.cls;
  if (cls !== undefined) return cls.attrs.get(name);
  if (base.path !== undefined) return pathAttr(cx, base.path, name);
  if (base.from !== undefined) {
    const { spec, name: outer } = base.from;
    return (
      wrapperBinding(cx, spec, `${outer}.${name}`) ??
      wrapperBinding(cx, joinSpec(spec, outer), name)
    );
  }
  return undefined;
}

/** Calling what `base` is: an SDK call's result type, or an instance of a class of this file. */
export function callOf(base: Binding): Binding | undefined {
  if (base.cls !== undefined) return { instance: base.cls };
  if (base.ref === undefined) return undefined;
  const r = callResult(base.ref);
  return r === undefined ? undefined : { ref: { ...r, text: `${base.ref.text}(…)` } };
}

/** `a.b.c` as `resolve` reads it from `depth`: `a` looked up, then each attribute of it. */
function resolveNames(names: readonly string[], cx: Cx, depth: number): Binding | undefined {
  if (depth + names.length - 1 > MAX_DEPTH) return undefined;
  let b = lookup(cx.scope, names[0]!);
  for (let i = 1; i < names.length && b !== undefined; i++) b = attrOf(cx, b, names[i]!);
  return b;
}

/** What an expression read by `exprOf` is (see `resolve`). */
export function resolveExpr(e: Expr, cx: Cx, depth = 0): Binding | undefined {
  if (e.names !== undefined) return resolveNames(e.names, cx, depth);
  if (e.callee === undefined) return resolve(nodeOf(e), cx, depth, e.type);
  if (depth > MAX_DEPTH) return undefined;
  const base = resolveExpr(e.callee, cx, depth + 1);
  return base === undefined ? undefined : callOf(base);
}

/** What `node` is; undefined for anything that is not an SDK, wrapper, module or local class. */
export function resolve(node: Node, cx: Cx, depth = 0, type = node.type): Binding | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (type === 'identifier' || type === 'attribute') {
    const e = exprOf(node, cx, type);
    if (e.names !== undefined) return resolveNames(e.names, cx, depth);
  }
  switch (type) {
    case 'parenthesized_expression':
    case 'await': {
      const inner = kids(node)[0];
      return inner === undefined ? undefined : resolve(inner, cx, depth + 1);
    }
    case 'attribute': {
      const obj = node.childForFieldName('object');
      const name = node.childForFieldName('attribute')?.text;
      const base = obj === null ? undefined : resolve(obj, cx, depth + 1);
      return base === undefined || name === undefined ? undefined : attrOf(cx, base, name);
    }
    case 'call': {
      const fn = node.childForFieldName('function');
      const base = fn === null ? undefined : resolve(fn, cx, depth + 1);
      return base === undefined ? undefined : callOf(base);
    }
    case 'conditional_expression': {
      const k = kids(node);
      return (k[0] && resolve(k[0], cx, depth + 1)) ?? (k[2] && resolve(k[2], cx, depth + 1));
    }
    case 'boolean_operator': {
      const l = node.childForFieldName('left');
      const r = node.childForFieldName('right');
      return (l && resolve(l, cx, depth + 1)) ?? (r && resolve(r, cx, depth + 1)) ?? undefined;
    }
    default:
      return undefined;
  }
}
