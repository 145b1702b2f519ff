/** Timing helpers: warm-up runs, several repetitions, median; GC between repetitions when exposed. */

/** Samples of one measurement, in milliseconds. */
export interface Timing {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly samples: readonly number[];
}

/** Repetitions and warm-up runs. */
export interface TimingOptions {
  readonly warmup?: number;
  readonly reps?: number;
}

const collect = (globalThis as { gc?: () => void }).gc;

function summarize(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, samples };
}

/** Time `fn` (synchronous): `warmup` untimed runs, then `reps` timed ones. */
export function timeSync(fn: () => void, options: TimingOptions = {}): Timing {
  for (let i = 0; i < (options.warmup ?? 1); i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < (options.reps ?? 5); i++) {
    collect?.();
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return summarize(samples);
}

/** Time `fn` (asynchronous), same protocol as `timeSync`. */
export async function timeAsync(
  fn: () => Promise<void>,
  options: TimingOptions = {},
): Promise<Timing> {
  for (let i = 0; i < (options.warmup ?? 1); i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < (options.reps ?? 5); i++) {
    collect?.();
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return summarize(samples);
}

/** MB/s (10^6 bytes per second) for `bytes` processed in `ms`. */
export function mbPerSecond(bytes: number, ms: number): number {
  return bytes / 1e6 / (ms / 1000);
}
