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
 * (JSON string syntax), indices as `[n]`. The empty path is ''.
 */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (isIdent(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}
