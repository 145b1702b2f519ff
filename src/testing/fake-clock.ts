/** A manual clock for tests: time moves only when the test says so. */

/** A clock whose `now()` is injected into components under test. */
export interface FakeClock {
  /** Current time, ms since the epoch. */
  now(): number;
  /** Move time forward by `ms` (negative values are ignored: time never goes back). */
  advance(ms: number): void;
}

/** A fake clock starting at `startMs` (default 2025-01-01T00:00:00Z). */
export function createFakeClock(startMs = Date.UTC(2025, 0, 1)): FakeClock {
  let t = startMs;
  return {
    now: () => t,
    advance(ms: number) {
      if (ms > 0) t += ms;
    },
  };
}
