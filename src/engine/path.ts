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

interface PathNode {
  readonly path: string;
  readonly next: Map<PathSegment, PathNode>;
}

/**
 * `formatPath` that returns the same string object for the same segments, from a trie of the
 * paths seen: events repeat their fields, so a path is built once and its string (flat, with its
 * hash computed once) is shared by every record of that field, which keeps map lookups keyed by
 * path cheap. At most `limit` paths are held; beyond that the trie starts anew (keys an attacker
 * picks cost at most what `formatPath` costs). With `anyIndex`, every array index is `[]`.
 */
export function createPathFormatter(
  limit = 4096,
  anyIndex = false,
): (segments: readonly PathSegment[]) => string {
  let root = new Map<PathSegment, PathNode>();
  let size = 0;
  return (segments) => {
    let next = root;
    let path = '';
    for (const seg of segments) {
      const s = anyIndex && typeof seg === 'number' ? ANY_INDEX : seg;
      let n = next.get(s);
      if (n === undefined) {
        if (size >= limit) {
          root = new Map();
          size = 0;
          return formatPath(segments, anyIndex);
        }
        n = { path: append(path, s), next: new Map() };
        next.set(s, n);
        size++;
      }
      path = n.path;
      next = n.next;
    }
    return path;
  };
}
