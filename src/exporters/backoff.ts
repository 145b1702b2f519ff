/**
 * Retry delays for exporters. The dispatcher (src/gateway/dispatch.ts) asks for a delay after
 * each failed attempt; "full jitter" (AWS Architecture Blog, "Exponential Backoff And Jitter")
 * spreads the retries of many rows and replicas uniformly so they do not hit a recovering vendor
 * in synchronized waves.
 */

/** Bounds of the backoff curve, in ms. */
export interface BackoffOptions {
  /** Upper bound of the first delay (attempt 0). */
  readonly baseMs: number;
  /** Upper bound of any delay, whatever the attempt number. */
  readonly maxMs: number;
}

/**
 * Full-jitter exponential backoff: a whole number of ms drawn uniformly from
 * `[0, min(maxMs, baseMs * 2^attempt))`. `attempt` counts the failed attempts before this one
 * (0 for the first retry); negative, fractional or non-finite values count as 0 or are floored.
 * `random` must return a number in [0, 1) (inject a fixed one in tests). Never negative, never
 * above `maxMs`; 0 is possible (an immediate retry), which is what full jitter means.
 */
export function backoffMs(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const n = Number.isFinite(attempt) && attempt > 0 ? Math.floor(attempt) : 0;
  // 2^n overflows to Infinity for large n; Math.min keeps the cap.
  const cap = Math.max(0, Math.min(options.maxMs, options.baseMs * 2 ** n));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.min(Math.floor(r * cap), cap);
}
