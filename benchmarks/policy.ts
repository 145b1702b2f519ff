/**
 * Policy hot path: the default policy step (`createPolicyStep(defaultPolicy(), …)`) on canonical
 * events — events per second on one core, with and without `parseCanonical`, against a
 * JSON.parse + JSON.stringify baseline of the same events in the same run — and @segment/tsub's
 * destination filters (a drop list and an allow list of property names) side by side. tsub only
 * removes properties by name; it neither finds nor transforms values.
 *
 * The events are the eval corpus (about 1 KB each, about one planted item per event) converted to
 * canonical Segment-spec events the way the correctness test converts them.
 */
import { toCanonical } from '../src/testing/corpus/canonical.js';
import { generateCorpus } from '../src/testing/corpus/index.js';
import { DROPPED_FIELDS } from './lib/peers/tsub.js';
import { packageVersion } from './lib/peers/version.js';
import { withTextsFile } from './lib/child.js';
import { policyRowsInChild } from './lib/policy-child.js';
import { fixed, table } from './lib/table.js';
import type { Timing } from './lib/timing.js';

/** Options of the policy benchmark. */
export interface PolicyBenchOptions {
  readonly seed: number;
  readonly events: number;
  readonly reps: number;
  readonly peers: boolean;
  readonly log: (line: string) => void;
}

/** The targets from the policy brief. */
export const POLICY_TARGETS = { eventsPerSecond: 50_000, baselineMultiple: 3 } as const;

/** One throughput measurement over all events. */
export interface Rate {
  readonly label: string;
  readonly timing: Timing;
  readonly eventsPerSecond: number;
  /** Median time ÷ the baseline's median time. */
  readonly vsBaseline: number;
}

/** A tsub filter measurement, or why it could not run. */
export interface TsubRate {
  readonly label: string;
  readonly version: string;
  readonly config: string;
  readonly rate?: Rate;
  /** Planted items whose top-level property the filter removed, of all planted items. */
  readonly plantedRemoved?: number;
  readonly error?: string;
}

/** Everything the policy benchmark measured. */
export interface PolicyReport {
  readonly corpus: {
    readonly source: string;
    readonly split: 'eval';
    readonly seed: number;
    readonly events: number;
    readonly bytes: number;
    readonly meanBytes: number;
    readonly planted: number;
  };
  readonly baseline: Rate;
  readonly veil: readonly Rate[];
  readonly tsub: readonly TsubRate[];
  readonly note: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

const rateOf = (label: string, timing: Timing, events: number, baseline: number): Rate => ({
  label,
  timing,
  eventsPerSecond: events / (timing.median / 1000),
  vsBaseline: timing.median / baseline,
});

/**
 * Time a filter that mutates its input: every run gets fresh copies (JSON.parse of the texts),
 * made outside the timed region. Same protocol as `measure`.
 */
function measureMutating(texts: readonly string[], fn: (e: Obj) => unknown, reps: number): Timing {
  const samples: number[] = [];
  const collect = (globalThis as { gc?: () => void }).gc;
  for (let r = 0; r < 3 + reps; r++) {
    const copies = texts.map((t) => JSON.parse(t) as Obj);
    collect?.();
    const t0 = performance.now();
    for (const c of copies) fn(c);
    if (r >= 3) samples.push(performance.now() - t0);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, samples };
}

/** The slice of @segment/tsub used here (a CommonJS module: its exports arrive as `default`). */
interface Tsub {
  matches(event: unknown, matcher: { type: string; ir: string }): boolean;
  transform(event: unknown, transformers: { type: string; config: unknown }[]): unknown;
}

/** The ordinary property names of the eval templates: what an allow list would keep. */
const ALLOWED = {
  properties: [
    ...['model', 'prompt_tokens', 'completion_tokens', 'latency_ms', 'feature', 'steps'],
    ...['title', 'path', 'plan', 'scopes', 'expires_at', 'monthly_price', 'format', 'rows'],
    ...['took', 'accent', 'revenue', 'price', 'productId', 'quantity', 'cart'],
    ...['$os', '$browser', '$current_url', '$lib_version', 'time'],
  ],
  traits: ['plan'],
};
const HOLDERS = ['properties', 'traits', 'context.traits'];

/** Amplitude fields and their canonical names; its other top-level fields went to `context`. */
const AMPLITUDE: Readonly<Record<string, string>> = {
  event_type: 'event',
  user_id: 'userId',
  device_id: 'anonymousId',
  event_properties: 'properties',
  user_properties: 'traits',
};

/** Segments of a corpus path, moved to where `toCanonical` put them. */
function canonicalSegments(raw: unknown, path: string): (string | number)[] {
  const re = /\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\.?([A-Za-z_$][A-Za-z0-9_$]*)/gy;
  const segs: (string | number)[] = [];
  for (let m = re.exec(path); m !== null && m[0] !== ''; m = re.exec(path))
    segs.push(m[1] !== undefined ? Number(m[1]) : m[2] !== undefined ? JSON.parse(m[2]) : m[3]!);
  if (!isObj(raw) || typeof raw.event_type !== 'string') return segs;
  const head = String(segs[0]);
  return AMPLITUDE[head] !== undefined ? [AMPLITUDE[head], ...segs.slice(1)] : ['context', ...segs];
}

function has(root: unknown, segs: readonly (string | number)[]): boolean {
  let v = root;
  for (const s of segs) {
    if (v === null || typeof v !== 'object' || !(s in v)) return false;
    v = (v as Record<string | number, unknown>)[s];
  }
  return true;
}

/** tsub with a drop list and with an allow list, over the same events. */
async function benchTsub(
  texts: readonly string[],
  planted: readonly (readonly [number, (string | number)[]])[],
  reps: number,
  baseline: number,
): Promise<TsubRate[]> {
  const version = packageVersion('@segment/tsub');
  let tsub: Tsub;
  try {
    tsub = ((await import('@segment/tsub' as string)) as { default: Tsub }).default;
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    return [{ label: '@segment/tsub', version, config: '', error }];
  }
  const matcher = { type: 'all', ir: '' };
  const drop = Object.fromEntries(HOLDERS.map((h) => [h, DROPPED_FIELDS]));
  const filters: [string, string, { type: string; config: unknown }][] = [
    [
      '@segment/tsub, drop list',
      `drop_properties: ${DROPPED_FIELDS.length} personal-data names in ${HOLDERS.join(', ')}`,
      { type: 'drop_properties', config: { drop } },
    ],
    [
      '@segment/tsub, allow list',
      `allow_properties: ${ALLOWED.properties.length} property names, ${ALLOWED.traits.length} trait`,
      { type: 'allow_properties', config: { allow: ALLOWED } },
    ],
  ];
  return filters.map(([label, config, transformer]) => {
    const run = (e: Obj): unknown =>
      tsub.matches(e, matcher) ? tsub.transform(e, [transformer]) : e;
    const rate = rateOf(label, measureMutating(texts, run, reps), texts.length, baseline);
    const after = texts.map((t) => run(JSON.parse(t) as Obj));
    const plantedRemoved = planted.filter(([i, segs]) => !has(after[i], segs)).length;
    return { label, version, config, rate, plantedRemoved };
  });
}

/** Run the policy benchmark. */
export async function benchPolicy(o: PolicyBenchOptions): Promise<PolicyReport> {
  const corpus = generateCorpus({ seed: o.seed, events: o.events, split: 'eval' });
  const texts = corpus.events.map((e) => JSON.stringify(toCanonical(e)));
  const bytes = texts.reduce((s, t) => s + Buffer.byteLength(t), 0);
  o.log(
    `policy corpus: ${o.events} eval events as canonical events, ${(bytes / 1e6).toFixed(1)} MB, mean ${Math.round(bytes / o.events)} bytes`,
  );
  const n = o.events;
  // Measured in a process of its own with one policy step (lib/policy-child.ts explains why).
  const measured = await withTextsFile(texts, (file) => policyRowsInChild(file, o.reps));
  const base = measured.baseline;
  const baseline = rateOf('JSON.parse + JSON.stringify (baseline)', base, n, base.median);
  o.log(`baseline: ${Math.round(baseline.eventsPerSecond)} events/s`);
  const veil = measured.rows.map(([label, timing]) => {
    const r = rateOf(label, timing, n, base.median);
    o.log(
      `${label}: ${Math.round(r.eventsPerSecond)} events/s, ${r.vsBaseline.toFixed(1)}× baseline`,
    );
    return r;
  });
  const planted = corpus.planted.map(
    (p) => [p.eventIndex, canonicalSegments(corpus.events[p.eventIndex], p.path)] as const,
  );
  const tsub = o.peers ? await benchTsub(texts, planted, o.reps, base.median) : [];
  return {
    corpus: {
      source: 'eval corpus (generateCorpus) converted to canonical events',
      split: 'eval',
      seed: o.seed,
      events: n,
      bytes,
      meanBytes: bytes / n,
      planted: corpus.planted.length,
    },
    baseline,
    veil,
    tsub,
    note: '@segment/tsub removes or keeps properties by name only: it does not find or transform values (no detection, pseudonymization, URL stripping or redaction). It mutates its input; copies are made outside the timed region.',
  };
}

const mark = (ok: boolean): string => (ok ? 'met' : 'MISSED');

/** Render the report as text. */
export function renderPolicy(r: PolicyReport): string {
  const rows = [r.baseline, ...r.veil, ...r.tsub.flatMap((t) => (t.rate ? [t.rate] : []))];
  const out = [
    `Policy: ${r.corpus.source}, seed ${r.corpus.seed}, ${r.corpus.events} events, mean ${Math.round(r.corpus.meanBytes)} bytes, ${r.corpus.planted} planted items; default policy, one core`,
    '',
    table(
      ['measurement', 'median ms', 'events/s', 'µs/event', 'vs baseline'],
      rows.map((x) => [
        x.label,
        fixed(x.timing.median),
        Math.round(x.eventsPerSecond).toLocaleString('en-US'),
        fixed(1e6 / x.eventsPerSecond, 2),
        `${fixed(x.vsBaseline, 2)}×`,
      ]),
    ),
  ];
  for (const t of r.tsub)
    out.push(
      t.error
        ? `${t.label}: failed (${t.error})`
        : `${t.label} ${t.version}: ${t.config}; removed the field of ${t.plantedRemoved} of ${r.corpus.planted} planted items`,
    );
  if (r.tsub.length > 0) out.push(r.note);
  const pol = r.veil[0]!;
  const alone = r.veil[1]!;
  const goal = POLICY_TARGETS;
  out.push(
    '',
    'Targets:',
    table(
      ['target', 'goal', 'measured', ''],
      [
        [
          'parseCanonical + policy, events/s',
          `≥ ${goal.eventsPerSecond.toLocaleString('en-US')}`,
          Math.round(pol.eventsPerSecond).toLocaleString('en-US'),
          mark(pol.eventsPerSecond >= goal.eventsPerSecond),
        ],
        [
          'policy step alone, events/s',
          `≥ ${goal.eventsPerSecond.toLocaleString('en-US')}`,
          Math.round(alone.eventsPerSecond).toLocaleString('en-US'),
          mark(alone.eventsPerSecond >= goal.eventsPerSecond),
        ],
        [
          'parseCanonical + policy vs baseline',
          `≤ ${goal.baselineMultiple}×`,
          `${fixed(pol.vsBaseline, 2)}×`,
          mark(pol.vsBaseline <= goal.baselineMultiple),
        ],
      ],
    ),
  );
  return out.join('\n');
}
