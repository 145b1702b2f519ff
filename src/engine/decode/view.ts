/** A decoded view of (part of) a string, with a map from decoded spans back to the source. */

/** Decoded text and how to find a decoded span in the source. */
export interface DecodedView {
  readonly text: string;
  /** Source span `[start, end)` holding the decoded span `[s, e)` (e > s). */
  map(s: number, e: number): [number, number];
}

/**
 * The span map of a decoded text whose changes are few: `runs` holds, per decoded run, `[start
 * in text, end in text, start in source, end in source]`, in order; text outside runs is one
 * unit per source character. A unit inside a run maps to its own 3 source characters when the
 * run decoded every 3 characters into one unit (`%XX`), else to the whole run. Searched only
 * when a finding needs its span (binary search: O(log runs)).
 */
export function sparseMap(runs: readonly number[]): DecodedView['map'] {
  return (a, b) => [unitBound(runs, a, false), unitBound(runs, b - 1, true)];
}

/** Index (in `runs`, a multiple of 4) of the last run starting at or before unit `u`, or -4. */
function runAt(runs: readonly number[], u: number): number {
  let lo = 0;
  let hi = runs.length / 4 - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (runs[4 * mid]! <= u) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return 4 * found;
}

/** Where unit `u` of the decoded text starts (`end`: ends) in the source. */
function unitBound(runs: readonly number[], u: number, end: boolean): number {
  const r = runAt(runs, u);
  if (r < 0) return end ? u + 1 : u;
  const [ts, te, ss, se] = [runs[r]!, runs[r + 1]!, runs[r + 2]!, runs[r + 3]!];
  if (u >= te) return se + (u - te) + (end ? 1 : 0);
  if (se - ss !== 3 * (te - ts)) return end ? se : ss;
  return ss + 3 * (u - ts) + (end ? 3 : 0);
}
