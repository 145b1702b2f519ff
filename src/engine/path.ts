/** JSON paths as Veil prints them: `properties.items[0].email`, `context["user-agent"]`. */

/** One step into a JSON value: an object key or an array index. */
export type PathSegment = string | number;

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]{0,200}$/;

/** Keys repeat from event to event: remember the verdict for a bounded number of them. */
const identCache = new Map<string, boolean>();
const IDENT_CACHE_MAX = 4096;

function isIdent(key: string): boolean {
  let v = identCache.get(key);
  if (v === undefined) {
    v = IDENT.test(key);
    if (identCache.size >= IDENT_CACHE_MAX) identCache.clear();
    identCache.set(key, v);
  }
  return v;
}

/**
 * Format segments: identifier-like keys joined with `.`, other keys quoted as `["…"]`
 * (JSON string syntax), indices as `[n]` (or, with `anyIndex`, every index as `[]`: the field
 * of any element, `properties.items[].sku`). The empty path is ''.
 */
export function formatPath(segments: readonly PathSegment[], anyIndex = false): string {
  let out = '';
  for (const s of segments) out = append(out, anyIndex && typeof s === 'number' ? ANY_INDEX : s);
  return out;
}

/** The segment every index stands for under `anyIndex` (formatted `[]`). */
const ANY_INDEX = -1;

/** `path` (formatted) extended by one segment. */
function append(path: string, s: PathSegment): string {
  if (typeof s === 'number') return s === ANY_INDEX ? `${path}[]` : `${path}[${s}]`;
  if (isIdent(s)) return path === '' ? s : `${path}.${s}`;
  return `${path}[${JSON.stringify(s)}]`;
}

/** A node of a path trie: a formatted path, and a slot its user may fill (`createPathTrie`). */
export interface PathNode<T = never> {
  readonly path: string;
  readonly next: Map<PathSegment, PathNode<T>>;
  /** The trie's generation the node belongs to (-1: made outside the trie, when it was full). */
  readonly gen: number;
  /** False for a node made outside the trie: its slot is not kept. */
  readonly kept: boolean;
  slot: T | undefined;
}

/** A trie of formatted paths (`createPathTrie`). */
export interface PathTrie<T> {
  /** The node of `segments`, from the root. */
  at(segments: readonly PathSegment[]): PathNode<T>;
  /** The node one segment below `parent` (a node of this trie): a walk need not start over. */
  child(parent: PathNode<T>, segment: PathSegment): PathNode<T>;
  /** The empty path's node. */
  root(): PathNode<T>;
}

/**
 * A trie of the paths seen, each node formatted once: the same segments give the same node, and
 * so the same string object. Events repeat their fields, so a path is built once and its string
 * (flat, with its hash computed once) is shared by every record of that field, which keeps map
 * lookups keyed by path cheap, and a node's `slot` can remember what was learned about that
 * field. At most `limit` paths are held; beyond that the trie starts anew, slots and all (keys an
 * attacker picks cost at most what `formatPath` costs): nodes of the old trie still in hand give
 * children made outside the trie. With `anyIndex`, every array index is `[]`.
 */
export function createPathTrie<T>(limit = 4096, anyIndex = false): PathTrie<T> {
  let gen = 0;
  const make = (path: string, g: number, kept: boolean): PathNode<T> => ({
    path,
    next: new Map(),
    gen: g,
    kept,
    slot: undefined,
  });
  let root = make('', gen, false);
  let size = 0;
  /** A node made outside the trie (when it was full, or below a node of an older trie). */
  const outside = (path: string): PathNode<T> => make(path, -1, false);
  const child = (parent: PathNode<T>, seg: PathSegment): PathNode<T> => {
    const s = anyIndex && typeof seg === 'number' ? ANY_INDEX : seg;
    if (parent.gen !== gen) return outside(append(parent.path, s));
    let n = parent.next.get(s);
    if (n === undefined) {
      if (size >= limit) {
        gen++;
        root = make('', gen, false);
        size = 0;
        return outside(append(parent.path, s));
      }
      n = make(append(parent.path, s), gen, true);
      parent.next.set(s, n);
      size++;
    }
    return n;
  };
  return {
    at(segments) {
      let n = root;
      for (const seg of segments) n = child(n, seg);
      return n;
    },
    child,
    root: () => root,
  };
}

/** `createPathTrie` when only the formatted paths are wanted. */
export function createPathFormatter(
  limit = 4096,
  anyIndex = false,
): (segments: readonly PathSegment[]) => string {
  const trie = createPathTrie<never>(limit, anyIndex);
  return (segments) => trie.at(segments).path;
}
