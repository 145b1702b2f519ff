/**
 * `--baseline FILE`: report only what is new since an earlier scan. Findings are matched by
 * fingerprint (stable across unrelated edits), counting: when the baseline holds a fingerprint
 * twice and the code now has it three times, one of the three is new.
 */
import type { Finding } from '../types.js';

/** What remains after the baseline, and how many findings it held back. */
export interface BaselineResult {
  /** The new findings, in their input order. */
  readonly findings: Finding[];
  /** Findings left out because the baseline holds them. */
  readonly known: number;
}

/**
 * The findings of `current` whose fingerprint the baseline does not hold (count-aware). Of
 * several findings with one fingerprint, the last ones in `current`'s order are the new ones.
 */
export function applyBaseline(
  current: readonly Finding[],
  baseline: readonly Pick<Finding, 'fingerprint'>[],
): BaselineResult {
  const left = new Map<string, number>();
  for (const b of baseline) left.set(b.fingerprint, (left.get(b.fingerprint) ?? 0) + 1);
  const findings: Finding[] = [];
  let known = 0;
  for (const f of current) {
    const n = left.get(f.fingerprint) ?? 0;
    if (n > 0) {
      left.set(f.fingerprint, n - 1);
      known++;
    } else findings.push(f);
  }
  return { findings, known };
}
