/** The seeded random sequence of the scan corpus, and the choices made from it. */
import { createRng } from '../../../src/testing/corpus/prng.js';

/** A source of numbers in [0, 1). */
export type Rand = () => number;

/** The project's seeded mulberry32 sequence (src/testing/corpus/prng.ts), as a function. */
export function random(seed: number): Rand {
  return createRng(seed).next;
}

/** Random choices over one seeded sequence. */
export class Pick {
  constructor(readonly r: Rand) {}
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }
  one<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)]!;
  }
  some<T>(xs: readonly T[], lo: number, hi: number): T[] {
    const n = this.int(lo, hi);
    return Array.from({ length: n }, () => this.one(xs)).filter((x, i, a) => a.indexOf(x) === i);
  }
  chance(p: number): boolean {
    return this.r() < p;
  }
  /** 50–400 lines, skewed towards short files as in real repositories. */
  lines(): number {
    return 50 + Math.floor(350 * this.r() ** 1.8);
  }
}
