/**
 * The nodes the Python front end acts on ("sites"): statements that bind names (imports,
 * assignments, `def`, `class`, `for`, `with … as`, `global`), `del`, calls, and lambdas. One
 * `descendantsOfType` finds them all inside WebAssembly (faster than a query, which does more per
 * node); the walk reads only these, nested as in the tree. Every node read from JavaScript is a
 * crossing into WebAssembly and an object, and most nodes (names, operators, literals,
 * containers) hold nothing to act on.
 */
import type { Node } from 'web-tree-sitter';
import type { Expr } from './expr.js';

/** Node types the walk acts on. */
export const SITE_TYPES = [
  'import_statement',
  'import_from_statement',
  'global_statement',
  'class_definition',
  'function_definition',
  'for_statement',
  'for_in_clause',
  'with_item',
  'assignment',
  'augmented_assignment',
  'delete_statement',
  'call',
  'lambda',
] as const;

/** A node type the walk acts on. */
export type SiteType = (typeof SITE_TYPES)[number];

/** A node the walk acts on, and the sites nested in it (outermost first, in source order). */
export interface Site {
  readonly node: Node;
  readonly type: SiteType;
  /** The node's start and end offsets. */
  readonly start: number;
  readonly end: number;
  readonly kids: Site[];
  /** A call site's callee once read (null: it has none), see expr.ts `calleeOf`. */
  callee?: Expr | null;
}

function encloses(outer: Site, inner: Site): boolean {
  return inner.end <= outer.end && (inner.start < outer.end || outer.start === outer.end);
}

/**
 * The sites in `node` (itself included), nested. `descendantsOfType` gives them in document order,
 * enclosing nodes first; it matches types by name, and the `lambda` keyword is named as its node.
 */
export function findSites(node: Node): Site[] {
  const roots: Site[] = [];
  const open: Site[] = [];
  for (const n of node.descendantsOfType(SITE_TYPES as unknown as string[])) {
    if (n === null) continue;
    const type = n.type as SiteType;
    if (type === 'lambda' && !n.isNamed) continue;
    const site: Site = {
      node: n,
      type,
      start: n.startIndex,
      end: n.endIndex,
      kids: [],
    };
    while (open.length > 0 && !encloses(open[open.length - 1]!, site)) open.pop();
    (open.length > 0 ? open[open.length - 1]!.kids : roots).push(site);
    open.push(site);
  }
  return roots;
}
