/** A decoded view of (part of) a string, with a map from decoded spans back to the source. */

/** Decoded text and how to find a decoded span in the source. */
export interface DecodedView {
  readonly text: string;
  /** Source span `[start, end)` holding the decoded span `[s, e)` (e > s). */
  map(s: number, e: number): [number, number];
}

/** Builds the decoded view of a source from replacements made left to right. */
export interface Splice {
  /**
   * Replace `source[start, end)` (at or after the previous replacement's end) by `decoded`.
   * Each decoded unit maps back to the whole replaced span, or with `width`, unit `u` to its own
   * `width` characters from `start + width * u` (`%41%42` → `AB`, width 3).
   */
  replace(start: number, end: number, decoded: string, width?: number): void;
  /** The decoded text (the rest of the source appended) and its map back to the source. */
  view(): DecodedView;
}

/**
 * A splice of `source`. The map is kept sparse, one entry per replacement, and searched (binary
 * search, O(log replacements)) only when a finding needs its span; text between replacements is
 * one unit per source character.
 */
export function createSplice(source: string): Splice {
  // Per replacement: [start in text, end in text, start in source, end in source, width].
  const runs: number[] = [];
  let text = '';
  let j = 0;
  let from = 0;
  return {
    replace(start, end, decoded, width = 0) {
      text += source.slice(from, start);
      j += start - from;
      runs.push(j, j + decoded.length, start, end, width);
      text += decoded;
      j += decoded.length;
      from = end;
    },
    view() {
      const all = text + source.slice(from);
      return {
        text: all,
        map: (a, b) => [unitBound(runs, a, false), unitBound(runs, b - 1, true)],
      };
    },
  };
}

/** Index (in `runs`, a multiple of 5) of the last run starting at or before unit `u`, or -5. */
function runAt(runs: readonly number[], u: number): number {
  let lo = 0;
  let hi = runs.length / 5 - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (runs[5 * mid]! <= u) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return 5 * found;
}

/** Where unit `u` of the decoded text starts (`end`: ends) in the source. */
function unitBound(runs: readonly number[], u: number, end: boolean): number {
  const r = runAt(runs, u);
  if (r < 0) return end ? u + 1 : u;
  const [ts, te, ss, se, width] = [
    runs[r]!,
    runs[r + 1]!,
    runs[r + 2]!,
    runs[r + 3]!,
    runs[r + 4]!,
  ];
  if (u >= te) return se + (u - te) + (end ? 1 : 0);
  if (width === 0) return end ? se : ss;
  return ss + width * (u - ts) + (end ? width : 0);
}
