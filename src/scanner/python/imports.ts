/**
 * `import` statements bind names: SDK modules and their members through the registry, other
 * modules as paths or `from` imports that may name another file's wrappers.
 */
import type { Node } from 'web-tree-sitter';
import { memberOf, moduleRef } from '../core/registry.js';
import { kids, type Cx } from './context.js';
import { wrapperBinding } from './refs.js';
import { renamed, type Binding } from './scope.js';

function dotted(node: Node): string {
  return node.text.replace(/\s+/g, '');
}

function bind(cx: Cx, name: string, b: Binding): void {
  cx.scope.vars.set(name, renamed(b, name));
}

function moduleBinding(cx: Cx, path: string): Binding {
  const ref = moduleRef(cx.st.ctx.registry, path, 'namespace');
  return ref === undefined ? { path } : { ref, path };
}

/** `import a.b` binds `a`; `import a.b as c` binds `c` to `a.b`. */
function importNames(node: Node, cx: Cx): void {
  for (const c of kids(node)) {
    if (c.type === 'dotted_name') {
      const first = dotted(c).split('.')[0]!;
      bind(cx, first, moduleBinding(cx, first));
    } else if (c.type === 'aliased_import') {
      const name = c.childForFieldName('name');
      const alias = c.childForFieldName('alias');
      if (name !== null && alias !== null) bind(cx, alias.text, moduleBinding(cx, dotted(name)));
    }
  }
}

/** `from spec import name`: an SDK submodule or member, else a name another file may export. */
function fromBinding(cx: Cx, spec: string, name: string): Binding {
  if (!spec.startsWith('.')) {
    const sub = moduleRef(cx.st.ctx.registry, `${spec}.${name}`, 'namespace');
    if (sub !== undefined) return { ref: sub, path: `${spec}.${name}` };
    const ns = moduleRef(cx.st.ctx.registry, spec, 'namespace');
    const ref = ns === undefined ? undefined : memberOf(ns, name);
    if (ref !== undefined) return { ref };
    if (ns !== undefined) return {};
  }
  return { from: { spec, name }, ...wrapperBinding(cx, spec, name) };
}

/** Every member of an SDK module's namespace type, for `from sdk import *`. */
function importStar(cx: Cx, spec: string): void {
  const ns = moduleRef(cx.st.ctx.registry, spec, 'namespace');
  if (ns === undefined || ns.k !== 'type') return;
  for (const name of Object.keys(ns.vendor.types[ns.type] ?? {})) {
    const ref = memberOf(ns, name);
    if (ref !== undefined) bind(cx, name, { ref });
  }
}

function importFrom(node: Node, cx: Cx): void {
  const mod = node.childForFieldName('module_name');
  if (mod === null) return;
  const spec = dotted(mod);
  for (const c of kids(node)) {
    if (c.equals(mod)) continue;
    if (c.type === 'wildcard_import') importStar(cx, spec);
    else if (c.type === 'dotted_name') bind(cx, c.text, fromBinding(cx, spec, dotted(c)));
    else if (c.type === 'aliased_import') {
      const name = c.childForFieldName('name');
      const alias = c.childForFieldName('alias');
      if (name !== null && alias !== null)
        bind(cx, alias.text, fromBinding(cx, spec, dotted(name)));
    }
  }
}

/** Bind the names an `import_statement` or `import_from_statement` introduces. */
export function bindImport(node: Node, cx: Cx): void {
  if (node.type === 'import_statement') importNames(node, cx);
  else importFrom(node, cx);
}
