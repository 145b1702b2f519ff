/**
 * Reads a Python file's statements in order, as Python runs them: imports and assignments bind
 * names, every call is read, and function bodies are read after the statements around them
 * (when the module's names are all bound), each with its parameters as `param` values. Only the
 * sites (sites.ts) are visited, each handler visiting the sites inside the children it reads.
 */
import type { Node } from 'web-tree-sitter';
import {
  augment,
  bindAttr,
  bindItems,
  bindName,
  bindTarget,
  deleteKeys,
  mutatingCall,
  setName,
} from './assign.js';
import { calledMember, type Ref } from '../core/registry.js';
import { KWARGS_PARAM } from '../core/sink.js';
import { readCall } from './calls.js';
import { kids, type Cx, type Deferred, type FileState, type FnInfo } from './context.js';
import { bindImport } from './imports.js';
import {
  calleeOf,
  definedName,
  exprOf,
  simpleAssignment,
  textParameters,
  type Parameters,
} from './expr.js';
import { posOf } from './parser.js';
import { callOf, resolve } from './refs.js';
import { createScope, lookup, type ClassInfo } from './scope.js';
import { findSites, type Site } from './sites.js';

/**
 * Sites nested deeper than this (counted from the module, or from the function body they are in)
 * are not read: the parser recovers deeper nesting, the stack may not.
 */
const MAX_DEPTH = 400;

function visitAll(sites: readonly Site[], cx: Cx, depth: number): void {
  for (const s of sites) visitSite(s, cx, depth + 1);
}

/**
 * Visit the outermost sites inside the offsets `start`–`end` (a child node of the site being
 * read), looking through the sites that enclose that range without being inside it.
 */
function visitRange(sites: readonly Site[], start: number, end: number, cx: Cx, depth: number) {
  for (const s of sites) {
    if (s.start >= start && s.end <= end) visitSite(s, cx, depth + 1);
    else if (s.start >= end) break;
    else if (s.end > start) visitRange(s.kids, start, end, cx, depth);
  }
}

/** Visit the sites inside `node`, a descendant of the site whose kids are `sites`. */
function visitIn(sites: readonly Site[], node: Node | null, cx: Cx, depth: number): void {
  if (node !== null) visitRange(sites, node.startIndex, node.endIndex, cx, depth);
}

/**
 * Visit the sites inside `node`, the last child of `site`. In a clean tree nothing follows it
 * inside `site` but comments: its end is the site's, known without asking for it.
 */
function visitLast(site: Site, node: Node | null, cx: Cx, depth: number): void {
  if (node === null || !cx.st.clean) return visitIn(site.kids, node, cx, depth);
  visitRange(site.kids, node.startIndex, site.end, cx, depth);
}

function defineFunction(site: Site, cx: Cx): void {
  const name = definedName(site, cx);
  if (name === undefined) return;
  setName(cx, name, { def: site.start });
  const scope = cx.classBody !== undefined ? (cx.scope.parent ?? cx.scope) : cx.scope;
  cx.st.deferred.push(
    cx.classBody !== undefined ? { site, name, scope, cls: cx.classBody } : { site, name, scope },
  );
}

function defineClass(site: Site, cx: Cx, depth: number): void {
  const node = site.node;
  const name = definedName(site, cx);
  const body = node.childForFieldName('body');
  if (name === undefined || body === null) return;
  const cls: ClassInfo = { name, attrs: new Map() };
  setName(cx, name, { cls });
  visitIn(site.kids, node.childForFieldName('superclasses'), cx, depth);
  const start = cx.st.deferred.length;
  visitLast(
    site,
    body,
    { st: cx.st, scope: createScope(cx.scope), ...(cx.fn && { fn: cx.fn }), classBody: cls },
    depth,
  );
  // `__init__` first: the attributes it sets (`self.mp = …`) are what the other methods use.
  const mine = cx.st.deferred.splice(start);
  const init = (d: Deferred) => d.cls === cls && d.name === '__init__';
  cx.st.deferred.push(...mine.filter(init), ...mine.filter((d) => !init(d)));
}

function withItem(site: Site, cx: Cx, depth: number): void {
  const value = site.node.childForFieldName('value');
  if (value === null) return;
  if (value.type !== 'as_pattern') return visitLast(site, value, cx, depth);
  const expr = kids(value)[0];
  const target = kids(value.childForFieldName('alias') ?? value)[0];
  if (expr === undefined) return;
  visitIn(site.kids, expr, cx, depth);
  if (target !== undefined) bindTarget(target, exprOf(expr, cx), cx);
}

function assignment(site: Site, cx: Cx, depth: number): void {
  const simple = simpleAssignment(site, cx);
  if (simple !== undefined) {
    visitRange(site.kids, simple.start, site.end, cx, depth);
    if (simple.attr !== undefined) return bindAttr(simple.name, simple.attr, simple.value, cx);
    return bindName(simple.name, simple.value(), cx);
  }
  // `a = b = value`: every target gets the last right-hand side.
  const lefts: Node[] = [];
  let rhs: Node | null = null;
  let rhsType: string | undefined;
  for (let n: Node | undefined = site.node; n !== undefined;) {
    const left = n.childForFieldName('left');
    if (left !== null) lefts.push(left);
    const right: Node | null = n.childForFieldName('right');
    const type: string | undefined = right?.type;
    n = type === 'assignment' ? right! : undefined;
    if (type !== 'assignment') [rhs, rhsType] = [right, type];
  }
  visitLast(site, rhs, cx, depth);
  const value = rhs === null ? undefined : exprOf(rhs, cx, rhsType);
  for (const left of lefts) bindTarget(left, value, cx);
  const annotation = site.node.childForFieldName('type');
  if (annotation !== null && lefts.length === 1) annotate(lefts[0]!, annotation, cx);
}

/**
 * The client of the SDK class an annotation names (`Analytics`, `Optional[Posthog]`,
 * `segment.analytics.Client`), read as `text`; undefined for any other annotation.
 */
function annotatedClient(annotation: Node, cx: Cx, text: string): Ref | undefined {
  const type = nonOptional(annotation);
  if (type.type !== 'identifier' && type.type !== 'attribute') return undefined;
  const cls = resolve(type, cx);
  const client = cls?.ref === undefined ? undefined : callOf(cls);
  return client?.ref === undefined ? undefined : { ...client.ref, text };
}

/**
 * `self.client: Posthog = client`, a class body's `client: Posthog`, a module's
 * `client: Optional[Posthog] = None`: when the value does not say it is an SDK client, the
 * annotation does.
 */
function annotate(target: Node, annotation: Node, cx: Cx): void {
  if (target.type === 'identifier') {
    if (lookup(cx.scope, target.text)?.ref !== undefined) return;
    const ref = annotatedClient(annotation, cx, target.text);
    if (ref !== undefined) setName(cx, target.text, { ref, typed: true });
    return;
  }
  if (target.type !== 'attribute') return;
  const object = target.childForFieldName('object');
  const attr = target.childForFieldName('attribute');
  if (object?.type !== 'identifier' || attr === null) return;
  const cls = lookup(cx.scope, object.text)?.instance;
  if (cls === undefined || cls.attrs.get(attr.text)?.ref !== undefined) return;
  const ref = annotatedClient(annotation, cx, target.text);
  if (ref !== undefined) cls.attrs.set(attr.text, { ref, typed: true });
}

/** `configure_scope(lambda scope: …)`: the lambda's parameter is the SDK type the member says. */
function callback(site: Site, ref: Ref, cx: Cx, depth: number): void {
  const cb = calledMember(ref)?.callback;
  const args = cb === undefined ? null : site.node.childForFieldName('arguments');
  const fn = cb === undefined || args === null ? undefined : kids(args)[cb.arg];
  if (cb === undefined || fn?.type !== 'lambda') return;
  const param = kids(fn.childForFieldName('parameters') ?? fn)[cb.param];
  const body = fn.childForFieldName('body');
  if (param?.type !== 'identifier' || body === null) return;
  const scope = createScope(cx.scope);
  scope.vars.set(param.text, {
    ref: { k: 'type', vendor: ref.vendor, type: cb.type, text: param.text },
  });
  cx.st.read.add(fn.startIndex);
  visitIn(site.kids, body, { ...cx, scope }, depth);
}

function visitSite(site: Site, cx: Cx, depth: number): void {
  if (depth > MAX_DEPTH) return;
  const node = site.node;
  switch (site.type) {
    case 'import_statement':
    case 'import_from_statement':
      return bindImport(site, cx);
    case 'function_definition':
      return defineFunction(site, cx);
    case 'class_definition':
      return defineClass(site, cx, depth);
    case 'assignment':
      return assignment(site, cx, depth);
    case 'augmented_assignment':
      visitLast(site, node.childForFieldName('right'), cx, depth);
      return augment(node, cx);
    case 'delete_statement':
      visitAll(site.kids, cx, depth);
      return deleteKeys(node, cx);
    case 'global_statement':
      for (const n of kids(node)) if (n.type === 'identifier') cx.scope.globals.add(n.text);
      return;
    case 'with_item':
      return withItem(site, cx, depth);
    case 'for_statement':
    case 'for_in_clause': {
      const left = node.childForFieldName('left');
      if (left !== null) bindTarget(left, undefined, cx);
      bindItems(node, left, cx);
      return visitAll(site.kids, cx, depth);
    }
    case 'call': {
      const callee = calleeOf(site, cx);
      const ref = readCall(node, callee, cx);
      if (ref !== undefined) callback(site, ref, cx, depth);
      mutatingCall(node, callee, cx);
      return visitAll(site.kids, cx, depth);
    }
    case 'lambda':
      if (cx.st.read.has(site.start)) return;
      return visitAll(site.kids, cx, depth);
  }
}

/** Read `node` and everything below it: the sites in it, in source order. */
export function visit(node: Node, cx: Cx): void {
  visitAll(findSites(node), cx, 0);
}

function decorators(node: Node): string[] {
  const p = node.parent;
  if (p?.type !== 'decorated_definition') return [];
  return kids(p)
    .filter((d) => d.type === 'decorator')
    .map((d) => d.text.replace(/^@\s*/, ''));
}

/**
 * `X` of `Optional[X]`, `typing.Optional[X]`, `X | None` and `None | X` (the grammar reads them as
 * generic and union types inside annotations, as subscripts and `|` operators elsewhere); the
 * node otherwise.
 */
function nonOptional(node: Node): Node {
  const parts = kids(node);
  switch (node.type) {
    case 'type':
      return parts.length === 1 ? nonOptional(parts[0]!) : node;
    case 'generic_type':
    case 'subscript': {
      const [name, arg] = parts;
      if (name === undefined || arg === undefined || !/(?:^|\.)Optional$/.test(name.text))
        return node;
      const inner = arg.type === 'type_parameter' ? kids(arg) : [arg];
      return inner.length === 1 ? nonOptional(inner[0]!) : node;
    }
    case 'union_type':
    case 'binary_operator': {
      const operands = parts.filter((p) => p.type !== '|');
      const sides = operands.filter((p) => p.text !== 'None');
      return sides.length === 1 && operands.length === 2 ? nonOptional(sides[0]!) : node;
    }
    default:
      return node;
  }
}

/** Parameter names in order; `*args` / `**kwargs` are bound but take no position. */
function parameters(node: Node): Parameters {
  const names: string[] = [];
  const splats: string[] = [];
  let kwargs: string | undefined;
  const annotations = new Map<string, Node>();
  for (const p of kids(node.childForFieldName('parameters') ?? node)) {
    if (p.type === 'typed_parameter' || p.type === 'typed_default_parameter') {
      const n = p.childForFieldName('name') ?? kids(p).find((c) => c.type === 'identifier');
      const t = kids(p.childForFieldName('type') ?? p)[0];
      if (n?.type === 'identifier' && t !== undefined) annotations.set(n.text, t);
    }
    if (p.type === 'identifier') names.push(p.text);
    else if (p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern') {
      splats.push(kids(p)[0]?.text ?? '');
      if (p.type === 'dictionary_splat_pattern') kwargs = kids(p)[0]?.text;
    } else {
      const n = p.childForFieldName('name') ?? kids(p).find((c) => c.type === 'identifier');
      if (n !== undefined && n !== null && n.type === 'identifier') names.push(n.text);
    }
  }
  return {
    names,
    splats,
    ...(kwargs !== undefined && { kwargs }),
    ...(annotations.size > 0 && { annotations }),
  };
}

function readBody(d: Deferred, st: FileState): void {
  const node = d.site.node;
  const name = d.name;
  const body = node.childForFieldName('body');
  if (body === null) return;
  const { names, splats, kwargs, annotations } =
    textParameters(d.site, st.clean) ?? parameters(node);
  // Only a method's decorators matter (`staticmethod`, `classmethod`).
  const deco = d.cls === undefined ? [] : decorators(node);
  const scope = createScope(d.scope);
  if (d.cls !== undefined && !deco.includes('staticmethod')) {
    const self = names.shift();
    if (self !== undefined)
      scope.vars.set(self, deco.includes('classmethod') ? { cls: d.cls } : { instance: d.cls });
  }
  const id = node.startIndex;
  const fn: FnInfo = {
    id,
    name: d.cls !== undefined ? `${d.cls.name}.${name}` : name,
    params: names,
    keys: [],
    popped: [],
    line: posOf(node).line,
  };
  names.forEach((p, index) => scope.vars.set(p, { param: { fn: id, index, name: p } }));
  for (const s of splats) scope.vars.set(s, {});
  // `**kwargs` forwarded to an SDK call: the caller's extra keyword arguments (a wrapper).
  if (kwargs !== undefined)
    scope.vars.set(kwargs, { param: { fn: id, index: KWARGS_PARAM, name: kwargs } });
  // `client: Analytics` with `Analytics` an SDK class: the parameter is that SDK's client.
  for (const [p, annotation] of annotations ?? []) {
    const ref = annotatedClient(annotation, { st, scope, fn }, p);
    if (ref !== undefined) scope.vars.set(p, { ref });
  }
  visitLast(d.site, body, { st, scope, fn }, 0);
}

/** Read the function bodies deferred so far, and those they define, in order. */
export function readDeferred(st: FileState): void {
  for (let i = 0; i < st.deferred.length; i++) readBody(st.deferred[i]!, st);
}
