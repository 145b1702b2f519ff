/**
 * Field path patterns (`properties.plan`, `traits.*`, `properties.items.*.sku`, `**`), compiled
 * once into matchers over path segments, so per-field matching builds no strings.
 */
import type { PathSegment } from '../engine/path.js';

/** A compiled pattern: true when the segments match. */
export type PathMatcher = (segments: readonly PathSegment[]) => boolean;

/** Compile one pattern (validated by the config schema). `*` matches one key or index. */
export function compilePath(pattern: string): PathMatcher {
  const parts = pattern.split('.');
  const match = (segs: readonly PathSegment[], si: number, pi: number): boolean => {
    if (pi === parts.length) return si === segs.length;
    const p = parts[pi]!;
    if (p === '**') {
      for (let k = si; k <= segs.length; k++) if (match(segs, k, pi + 1)) return true;
      return false;
    }
    if (si === segs.length) return false;
    const s = segs[si]!;
    if (p !== '*' && String(s) !== p) return false;
    return match(segs, si + 1, pi + 1);
  };
  return (segments) => match(segments, 0, 0);
}

/** True when the segments match any of the matchers. */
export function matchesAny(
  matchers: readonly PathMatcher[],
  segments: readonly PathSegment[],
): boolean {
  for (const m of matchers) if (m(segments)) return true;
  return false;
}

/**
 * True when some path below `segments` could match (the pattern's fixed prefix agrees so far):
 * strict mode keeps an object if an allowed field may lie inside it.
 */
export function compilePrefix(pattern: string): PathMatcher {
  const parts = pattern.split('.');
  return (segments) => {
    for (let i = 0; i < segments.length; i++) {
      const p = parts[i];
      if (p === undefined) return false;
      if (p === '**') return true;
      if (p !== '*' && p !== String(segments[i])) return false;
    }
    return true;
  };
}
