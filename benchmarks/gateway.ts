/**
 * Gateway end to end: events per second through `createGateway` (HTTP in, Segment decode, the
 * default policy, durable SQLite commit, ack) with SDK-sized Segment batches sent over loopback
 * by a load generator in this process, and p50/p99 ack latency at half that rate (open loop).
 * The gateway runs in a child process; its one destination is paused, so delivery costs nothing
 * and every acknowledged event stays in the outbox (counted afterwards as a check). Baseline in
 * the same run, with the same load: a bare node:http server that parses the same bodies and
 * inserts every event into the same SQLite table with the same pragmas and group commit.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startChild } from './lib/children.js';
import { closedLoop, openLoop, percentile, type LoadResult, type Target } from './lib/load.js';
import { summarizeProfile, type ProfileSummary } from './lib/profile-summary.js';
import { segmentBatches, type Body } from './lib/segment-batches.js';
import { WRITE_KEY } from './lib/server-child.js';
import { fixed, table } from './lib/table.js';

/** Options of the gateway benchmark. */
export interface GatewayBenchOptions {
  readonly seed: number;
  /** Events per timed run (maximum rate, and again at half rate). */
  readonly events: number;
  /** Timed maximum-rate runs per server; the median rate is reported. */
  readonly reps: number;
  /** Concurrent keep-alive connections of the closed loop. */
  readonly connections: number;
  /**
   * Events each server is sent before its timed runs (default 100,000). A gateway takes about
   * that many to reach its steady rate (the optimizing compiler, the policy's memos of
   * pseudonyms, user agents and URLs); the bare baseline needs far fewer.
   */
  readonly warmupEvents?: number;
  /** When set, one extra gateway run with `--cpu-prof` writes its profile here. */
  readonly profileDir?: string;
  /**
   * When set, only the cost of the inventory and the ledger: this many pairs of gateway runs
   * with them on, then off, interleaved so drift of the machine hits both.
   */
  readonly recordsPairs?: number;
  /**
   * The outbox's `synchronous` setting in those pairs (default full). `normal` leaves out the
   * fsync per commit, whose latency on a shared disk varies more than the records cost, so the
   * runs are bound by CPU alone: the records' whole cost shows in the rate.
   */
  readonly recordsSynchronous?: 'full' | 'normal';
  readonly log: (line: string) => void;
}

/** The targets from the gateway issue. */
export const GATEWAY_TARGETS = {
  eventsPerSecond: 10_000,
  baselineShare: 0.6,
  p99Ms: 20,
} as const;

/** Events per request: an SDK-sized batch. */
export const EVENTS_PER_REQUEST = 20;

/** One server measured: maximum rate (closed loop) and latency at half of it (open loop). */
export interface ServerResult {
  readonly label: string;
  readonly kind: 'gateway' | 'baseline';
  readonly synchronous: 'full' | 'normal';
  /** Gateway only: inventory and ledger off (to measure what they cost). */
  readonly recordsOff?: boolean;
  /** Events acked per second of each timed run. */
  readonly rates: readonly number[];
  readonly eventsPerSecond: number;
  /** The load generator's CPU share (cores) in each timed run: it shares the 2 cores. */
  readonly loadCpu: readonly number[];
  /**
   * The server process's CPU time (all threads, from `/proc/<pid>/task/<tid>/stat`) per acknowledged
   * event in each timed run, µs; empty where `/proc` is not readable. Steadier than the rate on a
   * shared machine: it does not count the time the server waited for a core.
   */
  readonly cpuPerEventUs: readonly number[];
  /** Requests per second offered in the half-rate run. */
  readonly halfRequestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Status → count over every run, warm-up included. */
  readonly statuses: Readonly<Record<string, number>>;
  readonly ackedEvents: number;
  /** Rows in SQLite after the runs: must equal `ackedEvents` (one destination). */
  readonly committedRows: number;
}

/** Everything the gateway benchmark measured. */
export interface GatewayReport {
  readonly load: {
    readonly eventsPerRequest: number;
    readonly meanRequestBytes: number;
    readonly warmupEvents: number;
    readonly events: number;
    readonly reps: number;
    readonly connections: number;
  };
  readonly servers: readonly ServerResult[];
  readonly profile?: ProfileSummary;
}

/** Warm-up events per server when not given (see `GatewayBenchOptions.warmupEvents`). */
const DEFAULT_WARMUP_EVENTS = 100_000;
/** Most distinct warm-up bodies built (about 19 MB at 20 events per body). */
const WARM_SET_REQUESTS = 1_000;

const here = dirname(fileURLToPath(import.meta.url));
const SCRIPTS = {
  gateway: join(here, 'lib', 'gateway-child.js'),
  baseline: join(here, 'lib', 'baseline-child.js'),
};

interface Sets {
  readonly warm: readonly Body[];
  /** Times the warm-up set is sent (bodies are built once, not 100,000 events' worth). */
  readonly warmPasses: number;
  readonly max: readonly Body[];
  readonly half: readonly Body[];
}

const target = (url: string): Target => ({
  url,
  path: '/segment/v1/batch',
  headers: {
    'content-type': 'application/json',
    authorization: `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`,
  },
});

const dirs = new Set<string>();
let cleanup = false;
/** A fresh data directory, removed by `dropDir` or, at the latest, when this process exits. */
function tempDir(): string {
  if (!cleanup) process.once('exit', () => dirs.forEach(dropDir));
  cleanup = true;
  const d = mkdtempSync(join(tmpdir(), 'veil-bench-gateway-'));
  dirs.add(d);
  return d;
}
function dropDir(d: string): void {
  rmSync(d, { recursive: true, force: true });
  dirs.delete(d);
}

const median = (xs: readonly number[]): number => percentile(xs, 50);

/** CPU time of every thread of process `pid` so far, ms (Linux `/proc`); undefined elsewhere. */
export function processCpuMs(pid: number): number | undefined {
  try {
    const tick = 10; // ms per clock tick (USER_HZ 100 on Linux)
    let sum = 0;
    for (const t of readdirSync(`/proc/${pid}/task`)) {
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8');
      } catch {
        continue; // the thread ended between the listing and the read
      }
      // Fields after the command name (which may hold spaces): utime and stime are 14 and 15.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      sum += (Number(f[11]) + Number(f[12])) * tick;
    }
    return sum;
  } catch {
    return undefined;
  }
}

interface Runs {
  readonly rates: number[];
  readonly loadCpu: number[];
  readonly cpuPerEventUs: number[];
  readonly statuses: Record<string, number>;
  acked: number;
}

/** Warm-up, `reps` closed-loop runs, then the open loop at half the median rate. */
async function load(
  t: Target,
  sets: Sets,
  o: GatewayBenchOptions,
  label: string,
  cpuMs: () => number | undefined,
) {
  const runs: Runs = { rates: [], loadCpu: [], cpuPerEventUs: [], statuses: {}, acked: 0 };
  const add = (r: LoadResult): LoadResult => {
    for (const [k, v] of Object.entries(r.statuses)) runs.statuses[k] = (runs.statuses[k] ?? 0) + v;
    runs.acked += r.ackedEvents;
    return r;
  };
  for (let i = 0; i < sets.warmPasses; i++) add(await closedLoop(t, sets.warm, o.connections));
  for (let i = 0; i < o.reps; i++) {
    const before = cpuMs();
    const r = add(await closedLoop(t, sets.max, o.connections));
    const after = cpuMs();
    runs.rates.push(r.ackedEvents / r.seconds);
    runs.loadCpu.push(r.loadCpu);
    if (before !== undefined && after !== undefined && r.ackedEvents > 0)
      runs.cpuPerEventUs.push(((after - before) * 1000) / r.ackedEvents);
    o.log(`${label}: run ${i + 1}, ${Math.round(r.ackedEvents / r.seconds)} events/s`);
  }
  const perSecond = median(runs.rates) / 2 / EVENTS_PER_REQUEST;
  const half = add(await openLoop(t, sets.half, perSecond));
  return { runs, perSecond, half };
}

async function measure(
  spec: Pick<ServerResult, 'label' | 'kind' | 'synchronous' | 'recordsOff'>,
  sets: Sets,
  o: GatewayBenchOptions,
): Promise<ServerResult> {
  const dir = tempDir();
  const args = [dir, spec.synchronous, ...(spec.recordsOff ? ['records-off'] : [])];
  const child = await startChild(SCRIPTS[spec.kind], args);
  try {
    const { runs, perSecond, half } = await load(target(child.url), sets, o, spec.label, () =>
      processCpuMs(child.pid),
    );
    const committedRows = await child.count();
    const p = (q: number) => percentile(half.latenciesMs, q);
    o.log(
      `${spec.label}: half rate ${fixed(perSecond)} req/s, p50 ${fixed(p(50))} ms, p99 ${fixed(p(99))} ms`,
    );
    return {
      ...spec,
      rates: runs.rates,
      loadCpu: runs.loadCpu,
      cpuPerEventUs: runs.cpuPerEventUs,
      eventsPerSecond: median(runs.rates),
      halfRequestsPerSecond: perSecond,
      p50Ms: p(50),
      p99Ms: p(99),
      maxMs: p(100),
      statuses: runs.statuses,
      ackedEvents: runs.acked,
      committedRows,
    };
  } finally {
    await child.stop();
    dropDir(dir);
  }
}

/** One more gateway run under `--cpu-prof` (not timed: profiling slows it down). */
async function profile(sets: Sets, o: GatewayBenchOptions, dir: string): Promise<ProfileSummary> {
  mkdirSync(dir, { recursive: true });
  const data = tempDir();
  const child = await startChild(
    SCRIPTS.gateway,
    [data, 'full'],
    ['--cpu-prof', '--cpu-prof-dir', dir],
  );
  try {
    await closedLoop(target(child.url), [...sets.warm, ...sets.max], o.connections);
  } finally {
    await child.stop();
    dropDir(data);
  }
  return summarizeProfile(dir, child.pid);
}

/** Run the gateway benchmark: gateway and baseline with synchronous full, then normal. */
export async function benchGateway(o: GatewayBenchOptions): Promise<GatewayReport> {
  const requests = Math.max(1, Math.ceil(o.events / EVENTS_PER_REQUEST));
  const warmupRequests = Math.max(
    50,
    Math.ceil((o.warmupEvents ?? DEFAULT_WARMUP_EVENTS) / EVENTS_PER_REQUEST),
  );
  // One set of at most WARM_SET_REQUESTS bodies, sent as often as the warm-up needs: the same
  // users again, as a running server sees them.
  const warmSet = Math.min(warmupRequests, WARM_SET_REQUESTS);
  const warmPasses = Math.ceil(warmupRequests / warmSet);
  const build = (label: string, seed: number, n: number) =>
    segmentBatches({ seed, requests: n, eventsPerRequest: EVENTS_PER_REQUEST, label });
  const sets: Sets = {
    warm: build('warm', o.seed, warmSet),
    warmPasses,
    max: build('max', o.seed + 1, requests),
    half: build('half', o.seed + 2, requests),
  };
  const servers: ServerResult[] = [];
  const recordsOff = (synchronous: 'full' | 'normal' = 'full') =>
    measure(
      {
        label: `gateway, synchronous ${synchronous}, no inventory/ledger`,
        kind: 'gateway',
        synchronous,
        recordsOff: true,
      },
      sets,
      o,
    );
  if (o.recordsPairs !== undefined) {
    // The order alternates (on first, then off first), so that whatever the previous server
    // left behind (disk writeback of its files, a warmer cache) falls on both sides alike.
    const synchronous = o.recordsSynchronous ?? 'full';
    const recordsOn = () =>
      measure(
        { label: `gateway, synchronous ${synchronous}`, kind: 'gateway', synchronous },
        sets,
        o,
      );
    for (let i = 0; i < o.recordsPairs; i++) {
      const off = () => recordsOff(synchronous);
      const pair = i % 2 === 0 ? [recordsOn, off] : [off, recordsOn];
      for (const run of pair) servers.push(await run());
    }
  } else {
    for (const synchronous of ['full', 'normal'] as const)
      for (const kind of ['gateway', 'baseline'] as const)
        servers.push(
          await measure(
            { label: `${kind}, synchronous ${synchronous}`, kind, synchronous },
            sets,
            o,
          ),
        );
    // What the inventory and the ledger cost: the same gateway with both off.
    servers.push(await recordsOff());
  }
  const bytes = sets.max.reduce((s, b) => s + b.bytes.length, 0);
  return {
    load: {
      eventsPerRequest: EVENTS_PER_REQUEST,
      meanRequestBytes: bytes / sets.max.length,
      warmupEvents: warmSet * warmPasses * EVENTS_PER_REQUEST,
      events: requests * EVENTS_PER_REQUEST,
      reps: o.reps,
      connections: o.connections,
    },
    servers,
    ...(o.profileDir ? { profile: await profile(sets, o, o.profileDir) } : {}),
  };
}

const int = (x: number): string =>
  Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '—';

const baseOf = (r: GatewayReport, s: ServerResult): ServerResult | undefined =>
  r.servers.find((b) => b.kind === 'baseline' && b.synchronous === s.synchronous);

/**
 * What the inventory and the ledger cost (the gateway with synchronous full, on against off):
 * means over the servers measured of their median rate and median CPU per event.
 */
function recordsCost(r: GatewayReport, synchronous: 'full' | 'normal'): string | undefined {
  const full = r.servers.filter((s) => s.kind === 'gateway' && s.synchronous === synchronous);
  const on = full.filter((s) => !s.recordsOff);
  const off = full.filter((s) => s.recordsOff);
  if (on.length === 0 || off.length === 0) return undefined;
  const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const rate = mean(on.map((s) => s.eventsPerSecond)) / mean(off.map((s) => s.eventsPerSecond));
  const cpuOf = (s: ServerResult) => (s.cpuPerEventUs.length > 0 ? median(s.cpuPerEventUs) : NaN);
  const cpu = (ss: readonly ServerResult[]) => mean(ss.map(cpuOf).filter(Number.isFinite));
  const cpuRatio = cpu(on) / cpu(off);
  // Servers were measured in pairs (on and off, in either order): the ratio within each pair.
  const pairs = Math.min(on.length, off.length);
  const perPair = (f: (s: ServerResult) => number) =>
    Array.from({ length: pairs }, (_, i) => f(on[i]!) / f(off[i]!)).filter(Number.isFinite);
  const pairRates = perPair((s) => s.eventsPerSecond);
  const pairCpu = perPair(cpuOf);
  const list = (xs: readonly number[]) => xs.map((x) => fixed(x, 3)).join(', ');
  return (
    `Inventory and ledger (synchronous ${synchronous}, ${on.length} on / ${off.length} off): ` +
    `rate on ÷ off ${fixed(rate, 3)} (target ≥ 0.9), ` +
    `server CPU per event on ÷ off ${Number.isFinite(cpuRatio) ? fixed(cpuRatio, 3) : '—'}` +
    (pairs > 1
      ? `; per pair: rate ${list(pairRates)} (median ${fixed(percentile(pairRates, 50), 3)}), ` +
        `CPU ${list(pairCpu)} (median ${fixed(percentile(pairCpu, 50), 3)})`
      : '')
  );
}

/** The targets table: the gateway with synchronous full against its baseline. */
function targets(r: GatewayReport): string | undefined {
  const gw = r.servers.find(
    (s) => s.kind === 'gateway' && s.synchronous === 'full' && !s.recordsOff,
  );
  if (gw === undefined) return undefined;
  const base = baseOf(r, gw);
  const share = gw.eventsPerSecond / (base?.eventsPerSecond ?? NaN);
  const g = GATEWAY_TARGETS;
  // A target whose measure was not taken in this run (the baseline is skipped by --records-pairs)
  // is reported as not measured, not as missed.
  const row = (name: string, goal: string, measured: string, ok: boolean | undefined) => [
    name,
    goal,
    measured,
    ok === undefined ? '—' : ok ? 'yes' : 'no',
  ];
  return table(
    ['target', 'goal', 'measured', 'met'],
    [
      row(
        'events/s end to end',
        `≥ ${int(g.eventsPerSecond)}`,
        int(gw.eventsPerSecond),
        gw.eventsPerSecond >= g.eventsPerSecond,
      ),
      row(
        'share of baseline rate',
        `≥ ${g.baselineShare * 100}%`,
        base === undefined ? 'baseline not run' : `${fixed(share * 100)}%`,
        base === undefined ? undefined : share >= g.baselineShare,
      ),
      row(
        'p99 ack latency at half rate',
        `< ${g.p99Ms} ms`,
        `${fixed(gw.p99Ms)} ms`,
        gw.p99Ms < g.p99Ms,
      ),
    ],
  );
}

/** The console table of a report, with the targets. */
export function renderGateway(r: GatewayReport): string {
  const rows = r.servers.map((s) => [
    s.label,
    int(s.eventsPerSecond),
    s.kind === 'gateway' && baseOf(r, s) !== undefined
      ? `${fixed((s.eventsPerSecond / baseOf(r, s)!.eventsPerSecond) * 100)}%`
      : '—',
    fixed(s.p50Ms),
    fixed(s.p99Ms),
    fixed(median(s.loadCpu), 2),
    s.cpuPerEventUs.length > 0 ? fixed(median(s.cpuPerEventUs)) : '—',
    Object.entries(s.statuses)
      .map(([k, v]) => `${k}×${v}`)
      .join(' '),
    s.committedRows === s.ackedEvents ? 'yes' : `no (${s.committedRows} of ${s.ackedEvents})`,
  ]);
  const out = [
    `Gateway: Segment /v1/batch, ${r.load.eventsPerRequest} events per request (mean ${int(r.load.meanRequestBytes)} bytes), ` +
      `${int(r.load.events)} events per run after ${int(r.load.warmupEvents)} warm-up, median of ${r.load.reps} runs, ` +
      `${r.load.connections} connections; latency: open loop at half the median rate`,
    '',
    table(
      [
        'server',
        'events/s',
        'of baseline',
        'p50 ms',
        'p99 ms',
        'loadgen CPU',
        'server CPU µs/event',
        'statuses',
        'acked = committed',
      ],
      rows,
    ),
  ];
  const t = targets(r);
  if (t !== undefined) out.push('', 'Targets (synchronous full):', t);
  for (const synchronous of ['full', 'normal'] as const) {
    const cost = recordsCost(r, synchronous);
    if (cost !== undefined) out.push('', cost);
  }
  if (r.profile) out.push('', `Gateway CPU profile (${r.profile.file}):`, r.profile.text);
  return out.join('\n');
}
