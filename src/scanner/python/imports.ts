/**
 * `import` statements bind names: SDK modules and their members through the registry, other
 * modules as paths or `from` imports that may name another file's wrappers.
 */
import type { Node } from 'web-tree-sitter';
import { memberOf } from '../core/registry.js';
import { kids, type Cx } from './context.js';
import { sdkModule, wrapperBinding } from './refs.js';
import { renamed, type Binding } from './scope.js';
import type { Site } from './sites.js';

function dotted(node: Node): string {
  return node.text.replace(/\s+/g, '');
}

function bind(cx: Cx, name: string, b: Binding): void {
  cx.scope.vars.set(name, renamed(b, name));
}

function moduleBinding(cx: Cx, path: string): Binding {
  const ref = sdkModule(cx, path);
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
    const sub = sdkModule(cx, `${spec}.${name}`);
    if (sub !== undefined) return { ref: sub, path: `${spec}.${name}` };
    const ns = sdkModule(cx, spec);
    const ref = ns === undefined ? undefined : memberOf(ns, name);
    if (ref !== undefined) return { ref };
    if (ns !== undefined) return {};
  }
  return { from: { spec, name }, ...wrapperBinding(cx, spec, name) };
}

/** Every member of an SDK module's namespace type, for `from sdk import *`. */
function importStar(cx: Cx, spec: string): void {
  const ns = sdkModule(cx, spec);
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

const ID = '[A-Za-z_][A-Za-z0-9_]*';
const MODULE = `${ID}(?:\\.${ID})*`;
const ITEM = new RegExp(`^(${MODULE})(?:[ \\t]+as[ \\t]+(${ID}))?$`);
const LIST = `${MODULE}(?:[ \\t]+as[ \\t]+${ID})?(?:[ \\t]*,[ \\t]*${MODULE}(?:[ \\t]+as[ \\t]+${ID})?)*`;
/** One-line `import a.b as c, d` (no parentheses, comments or continuations). */
const IMPORT_TEXT = new RegExp(`^import[ \\t]+(${LIST})$`);
/** One-line `from .a import b as c, d` or `from a import *`. */
const FROM_TEXT = new RegExp(`^from[ \\t]+(\\.+|\\.*${MODULE})[ \\t]+import[ \\t]+(\\*|${LIST})$`);

/** `a.b as c, d` as [module, alias] pairs. */
function items(list: string): [string, string | undefined][] {
  return list.split(',').map((item) => {
    const m = ITEM.exec(item.trim())!;
    return [m[1]!, m[2]];
  });
}

/** The names a one-line import binds, read from its text; false for any other import text. */
function importText(text: string, cx: Cx): boolean {
  const i = IMPORT_TEXT.exec(text);
  if (i !== null) {
    for (const [mod, alias] of items(i[1]!)) {
      const first = alias === undefined ? mod.split('.')[0]! : undefined;
      if (first !== undefined) bind(cx, first, moduleBinding(cx, first));
      else bind(cx, alias!, moduleBinding(cx, mod));
    }
    return true;
  }
  const f = FROM_TEXT.exec(text);
  if (f === null) return false;
  const spec = f[1]!;
  if (f[2] === '*') importStar(cx, spec);
  else for (const [mod, alias] of items(f[2]!)) bind(cx, alias ?? mod, fromBinding(cx, spec, mod));
  return true;
}

/**
 * Bind the names an `import_statement` or `import_from_statement` site introduces: from its text
 * when the tree is clean and the statement fits on one line, else from its nodes.
 */
export function bindImport(site: Site, cx: Cx): void {
  const text = cx.st.clean?.slice(site.start, site.end);
  if (text !== undefined && importText(text, cx)) return;
  if (site.type === 'import_statement') importNames(site.node, cx);
  else importFrom(site.node, cx);
}
