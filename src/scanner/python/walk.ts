/**
 * Reads a Python file's statements in order, as Python runs them: imports and assignments bind
 * names, every call is read, and function bodies are read after the statements around them
 * (when the module's names are all bound), each with its parameters as `param` values.
 */
import type { Node } from 'web-tree-sitter';
import { augment, bindTarget, setName, updateCall } from './assign.js';
import { calledMember, type Ref } from '../core/registry.js';
import { readCall } from './calls.js';
import { kids, type Cx, type Deferred, type FileState, type FnInfo } from './context.js';
import { bindImport } from './imports.js';
import { posOf } from './parser.js';
import { createScope, type ClassInfo } from './scope.js';

/** Nesting below which statements are not read (the parser recovers deeper; the stack may not). */
const MAX_DEPTH = 400;
/** Nodes that hold no call. */
const LEAVES: ReadonlySet<string> = new Set([
  'identifier',
  'integer',
  'float',
  'true',
  'false',
  'none',
  'comment',
  'string_content',
  'escape_sequence',
  'nonlocal_statement',
  'pass_statement',
]);

function visitChildren(node: Node, cx: Cx, depth: number): void {
  for (const c of kids(node)) visit(c, cx, depth + 1);
}

function defineFunction(node: Node, cx: Cx): void {
  const name = node.childForFieldName('name')?.text;
  if (name === undefined) return;
  setName(cx, name, { def: node.startIndex });
  const scope = cx.classBody !== undefined ? (cx.scope.parent ?? cx.scope) : cx.scope;
  cx.st.deferred.push(
    cx.classBody !== undefined ? { node, scope, cls: cx.classBody } : { node, scope },
  );
}

function defineClass(node: Node, cx: Cx, depth: number): void {
  const name = node.childForFieldName('name')?.text;
  const body = node.childForFieldName('body');
  if (name === undefined || body === null) return;
  const cls: ClassInfo = { name, attrs: new Map() };
  setName(cx, name, { cls });
  const bases = node.childForFieldName('superclasses');
  if (bases !== null) visit(bases, cx, depth + 1);
  const start = cx.st.deferred.length;
  visit(
    body,
    { st: cx.st, scope: createScope(cx.scope), ...(cx.fn && { fn: cx.fn }), classBody: cls },
    depth + 1,
  );
  // `__init__` first: the attributes it sets (`self.mp = …`) are what the other methods use.
  const mine = cx.st.deferred.splice(start);
  const init = (d: Deferred) =>
    d.cls === cls && d.node.childForFieldName('name')?.text === '__init__';
  cx.st.deferred.push(...mine.filter(init), ...mine.filter((d) => !init(d)));
}

function withItem(node: Node, cx: Cx, depth: number): void {
  const value = node.childForFieldName('value');
  if (value === null) return;
  if (value.type !== 'as_pattern') return visit(value, cx, depth + 1);
  const expr = kids(value)[0];
  const target = kids(value.childForFieldName('alias') ?? value)[0];
  if (expr === undefined) return;
  visit(expr, cx, depth + 1);
  if (target !== undefined) bindTarget(target, expr, cx);
}

function assignment(node: Node, cx: Cx, depth: number): void {
  let rhs = node.childForFieldName('right');
  // `a = b = value`: every target gets the last right-hand side.
  while (rhs?.type === 'assignment') rhs = rhs.childForFieldName('right');
  if (rhs !== null) visit(rhs, cx, depth + 1);
  for (let n: Node | null = node; n?.type === 'assignment'; n = n.childForFieldName('right')) {
    const left = n.childForFieldName('left');
    if (left !== null) bindTarget(left, rhs ?? undefined, cx);
  }
}

/** `configure_scope(lambda scope: …)`: the lambda's parameter is the SDK type the member says. */
function callback(call: Node, ref: Ref, cx: Cx, depth: number): void {
  const cb = calledMember(ref)?.callback;
  const args = call.childForFieldName('arguments');
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
  visit(body, { ...cx, scope }, depth + 1);
}

/** Read one node and the statements or expressions below it. */
export function visit(node: Node, cx: Cx, depth = 0): void {
  if (depth > MAX_DEPTH || LEAVES.has(node.type)) return;
  switch (node.type) {
    case 'import_statement':
    case 'import_from_statement':
      return bindImport(node, cx);
    case 'function_definition':
      return defineFunction(node, cx);
    case 'class_definition':
      return defineClass(node, cx, depth);
    case 'assignment':
      return assignment(node, cx, depth);
    case 'augmented_assignment': {
      const right = node.childForFieldName('right');
      if (right !== null) visit(right, cx, depth + 1);
      return augment(node, cx);
    }
    case 'global_statement':
      for (const n of kids(node)) if (n.type === 'identifier') cx.scope.globals.add(n.text);
      return;
    case 'with_item':
      return withItem(node, cx, depth);
    case 'for_statement':
    case 'for_in_clause': {
      const left = node.childForFieldName('left');
      if (left !== null) bindTarget(left, undefined, cx);
      return visitChildren(node, cx, depth);
    }
    case 'call': {
      const ref = readCall(node, cx);
      if (ref !== undefined) callback(node, ref, cx, depth);
      updateCall(node, cx);
      return visitChildren(node, cx, depth);
    }
    case 'lambda':
      if (cx.st.read.has(node.startIndex)) return;
      return visitChildren(node, cx, depth);
    default:
      return visitChildren(node, cx, depth);
  }
}

function decorators(node: Node): string[] {
  const p = node.parent;
  if (p?.type !== 'decorated_definition') return [];
  return kids(p)
    .filter((d) => d.type === 'decorator')
    .map((d) => d.text.replace(/^@\s*/, ''));
}

/** Parameter names in order; `*args` / `**kwargs` are bound but take no position. */
function parameters(node: Node): { names: string[]; splats: string[] } {
  const names: string[] = [];
  const splats: string[] = [];
  for (const p of kids(node.childForFieldName('parameters') ?? node)) {
    if (p.type === 'identifier') names.push(p.text);
    else if (p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern')
      splats.push(kids(p)[0]?.text ?? '');
    else {
      const n = p.childForFieldName('name') ?? kids(p).find((c) => c.type === 'identifier');
      if (n !== undefined && n !== null && n.type === 'identifier') names.push(n.text);
    }
  }
  return { names, splats };
}

function readBody(d: Deferred, st: FileState): void {
  const name = d.node.childForFieldName('name')?.text ?? '';
  const body = d.node.childForFieldName('body');
  if (body === null) return;
  const { names, splats } = parameters(d.node);
  const deco = decorators(d.node);
  const scope = createScope(d.scope);
  if (d.cls !== undefined && !deco.includes('staticmethod')) {
    const self = names.shift();
    if (self !== undefined)
      scope.vars.set(self, deco.includes('classmethod') ? { cls: d.cls } : { instance: d.cls });
  }
  const id = d.node.startIndex;
  const fn: FnInfo = {
    id,
    name: d.cls !== undefined ? `${d.cls.name}.${name}` : name,
    params: names,
    line: posOf(d.node).line,
  };
  names.forEach((p, index) => scope.vars.set(p, { param: { fn: id, index, name: p } }));
  for (const s of splats) scope.vars.set(s, {});
  visit(body, { st, scope, fn });
}

/** Read the function bodies deferred so far, and those they define, in order. */
export function readDeferred(st: FileState): void {
  for (let i = 0; i < st.deferred.length; i++) readBody(st.deferred[i]!, st);
}
