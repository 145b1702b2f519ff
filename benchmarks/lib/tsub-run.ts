/** Running @segment/tsub (a path filter, not a detector) on the benchmark events. */
import type { Planted } from '../../src/testing/corpus/index.js';
import { mbPerSecond, timeAsync, type Timing } from './timing.js';

/** What the benchmark reports for tsub. */
export interface TsubReport {
  readonly name: string;
  readonly version: string;
  readonly usage: string;
  readonly mbPerSecond?: number;
  readonly timing?: Timing;
  /** Planted items whose field the filter removed, of `planted`. */
  readonly removed?: number;
  readonly planted?: number;
  readonly error?: string;
}

const describeError = (e: unknown): string =>
  e instanceof Error ? `${e.name}: ${e.message}` : String(e);

/** tsub filters by path: time it, and count planted items whose field it removed. */
export async function runTsub(
  events: readonly unknown[],
  planted: readonly Planted[],
  reps: number,
): Promise<TsubReport> {
  try {
    const { tsubFilter } = await import('./peers/tsub.js');
    const f = await tsubFilter();
    const bytes = events.reduce<number>((s, e) => s + Buffer.byteLength(JSON.stringify(e)), 0);
    // tsub mutates its input: every repetition gets fresh copies, made outside the timed region.
    let copies: Record<string, unknown>[] = [];
    const samples: number[] = [];
    for (let r = 0; r < reps + 1; r++) {
      copies = events.map((e) => structuredClone(e) as Record<string, unknown>);
      const t = await timeAsync(
        async () => {
          for (const c of copies) f.run(c);
        },
        { warmup: 0, reps: 1 },
      );
      if (r > 0) samples.push(t.median);
    }
    samples.sort((a, b) => a - b);
    const median = samples[samples.length >> 1]!;
    const timing: Timing = { median, min: samples[0]!, max: samples[samples.length - 1]!, samples };
    const removed = planted.filter((p) => !hasPath(copies[p.eventIndex], p.path)).length;
    return {
      name: f.name,
      version: f.version,
      usage: f.usage,
      timing,
      mbPerSecond: mbPerSecond(bytes, median),
      removed,
      planted: planted.length,
    };
  } catch (e) {
    return { name: '@segment/tsub', version: '?', usage: '', error: describeError(e) };
  }
}

function hasPath(root: unknown, path: string): boolean {
  const re = /\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\.?([A-Za-z_$][A-Za-z0-9_$]*)/gy;
  let v = root;
  for (let m = re.exec(path); m !== null && m[0] !== ''; m = re.exec(path)) {
    const seg =
      m[1] !== undefined ? Number(m[1]) : m[2] !== undefined ? (JSON.parse(m[2]) as string) : m[3]!;
    if (v === null || typeof v !== 'object' || !(seg in v)) return false;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return true;
}
