/**
 * `veil scan` throughput: `scan(root)` over a generated monorepo of 5,000 files (`--files N`),
 * files and MB per second on one core, against two baselines in the same run over the same
 * files: reading them (the I/O floor) and reading them plus `ts.createSourceFile` of every
 * JavaScript/TypeScript file (the parse floor a scanner that parsed everything would pay). Also
 * what the scan found against what the generator planted, as a sanity check.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { createRegistry } from '../src/scanner/core/registry.js';
import { loadPythonParser, parsePython } from '../src/scanner/python/parser.js';
import { scan } from '../src/scanner/scan.js';
import type { ScanResult } from '../src/scanner/types.js';
import { VENDORS } from '../src/scanner/vendors/index.js';
import { writeScanCorpus, type ScanCorpus } from './lib/scan-corpus/index.js';
import { fixed, table } from './lib/table.js';
import { mbPerSecond, type Timing } from './lib/timing.js';

/** Target from the issue: files per second on one core. */
export const SCAN_TARGETS = { filesPerSecond: 1000 } as const;

/** Options of the scan benchmark. */
export interface ScanBenchOptions {
  readonly seed: number;
  readonly files: number;
  readonly reps: number;
  readonly log: (line: string) => void;
  /** When set, one extra scan runs under the V8 CPU profiler; its `.cpuprofile` is written here. */
  readonly profileDir?: string;
}

/** One measurement over the whole corpus. */
export interface ScanRate {
  readonly label: string;
  /** Wall-clock milliseconds. */
  readonly timing: Timing;
  /** CPU milliseconds of the process (user + system, all its threads). */
  readonly cpu: Timing;
  /** From the median wall time; `filesPerSecondRange` from the max and min wall times. */
  readonly filesPerSecond: number;
  readonly filesPerSecondRange: readonly [number, number];
  /** Files per second of CPU time (median): what one busy core gives, whatever else runs. */
  readonly filesPerCpuSecond: number;
  readonly mbPerSecond: number;
  /** This median CPU time ÷ the plain read's (CPU time: other processes' load cancels out). */
  readonly vsRead: number;
  /** This median CPU time ÷ the parse of every JS/TS file's. */
  readonly vsParse: number;
  /** This median CPU time ÷ the parse of the selected files'. */
  readonly vsSelected: number;
}

/** What the scan found, beside what the generator planted. */
export interface ScanFound {
  readonly stats: ScanResult['stats'];
  readonly calls: number;
  readonly findings: number;
  readonly findingsBySeverity: Readonly<Record<string, number>>;
  readonly problems: number;
  readonly firstProblems: readonly string[];
  /** Calls reported through a wrapper (`via` set), and their distinct call sites, by language. */
  readonly viaCalls: number;
  readonly viaSites: { readonly js: number; readonly python: number };
  /** Calls found at the SDK call itself (no `via`), by vendor: comparable to what was planted. */
  readonly callsByVendor: Readonly<Record<string, number>>;
  /** Calls reported at a wrapper's call sites, by vendor. */
  readonly viaCallsByVendor: Readonly<Record<string, number>>;
}

/** Everything the scan benchmark measured. */
export interface ScanReport {
  readonly corpus: ScanCorpus & { readonly mb: number; readonly generateMs: number };
  /** The first scan of the process: loads the Python grammar and warms the JIT. */
  readonly firstRunMs: number;
  readonly scan: ScanRate & {
    /** Median CPU time ÷ median wall time (below 1: the process waited for a core or the disk). */
    readonly cpuPerWall: number;
  };
  /** The scan parsing every statement of the files it reads (`focus: false`). */
  readonly wholeFiles: ScanRate & {
    /** Whether it reported the same calls and findings as the scan. */
    readonly sameFindings: boolean;
  };
  readonly read: ScanRate;
  /** Read + parse of every JS/TS file. */
  readonly parse: ScanRate & { readonly files: number };
  /** Read + parse of the files the prefilter selects only: the floor of the scanner's design. */
  readonly selected: ScanRate & { readonly files: number };
  readonly found: ScanFound;
  readonly profile?: ScanProfile;
}

/** Where one scan's CPU time went, from the V8 sampling profiler. */
export interface ScanProfile {
  readonly file: string;
  readonly totalMs: number;
  /** Self time by area (TypeScript parser, tree-sitter, each scanner folder, GC, …). */
  readonly areas: readonly { readonly area: string; readonly ms: number }[];
  /** Functions with the most self time. */
  readonly top: readonly { readonly fn: string; readonly ms: number }[];
}

const CODE = /\.(ts|tsx|js|jsx|mjs|cjs|mts|cts|py)$/;
const JS_KIND: Readonly<Record<string, ts.ScriptKind>> = {
  ts: ts.ScriptKind.TS,
  mts: ts.ScriptKind.TS,
  cts: ts.ScriptKind.TS,
  tsx: ts.ScriptKind.TSX,
  jsx: ts.ScriptKind.JSX,
  js: ts.ScriptKind.JSX,
  mjs: ts.ScriptKind.JS,
  cjs: ts.ScriptKind.JS,
};

/** Every source file under `dir`, as the scanner's walk finds them (the corpus skips nothing). */
function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    if (e.isDirectory()) walk(full, out);
    else if (e.isFile() && CODE.test(e.name)) out.push(full);
  }
  return out;
}

/** What a baseline does with each file after reading it. */
type Mode = 'read' | 'parse-js' | 'parse-selected';

const registries = {
  js: createRegistry(VENDORS, 'js'),
  python: createRegistry(VENDORS, 'python'),
};

/**
 * Read every file. `parse-js`: also `ts.createSourceFile` every JS/TS file, as the scanner parses.
 * `parse-selected`: parse only the files the scanner's prefilter selects (`Registry.mentions`),
 * JS/TS with TypeScript and Python with tree-sitter. Returns the number of files parsed.
 */
function readAll(dir: string, mode: Mode): number {
  let parsed = 0;
  for (const file of walk(dir)) {
    const text = readFileSync(file, 'utf8');
    if (mode === 'read') continue;
    const ext = file.slice(file.lastIndexOf('.') + 1);
    const kind = JS_KIND[ext];
    const registry = kind === undefined ? registries.python : registries.js;
    if (mode === 'parse-selected' && !registry.mentions(text)) continue;
    if (kind !== undefined) ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
    else if (mode === 'parse-selected') parsePython(text).delete();
    else continue;
    parsed++;
  }
  return parsed;
}

function found(r: ScanResult): ScanFound {
  const count = (keys: readonly string[]): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const k of keys) out[k] = (out[k] ?? 0) + 1;
    return out;
  };
  const via = r.calls.filter((c) => c.via !== undefined);
  const sites = (lang: string): number =>
    new Set(via.filter((c) => c.language === lang).map((c) => `${c.file}:${c.line}:${c.column}`))
      .size;
  return {
    stats: r.stats,
    calls: r.calls.length,
    findings: r.findings.length,
    findingsBySeverity: count(r.findings.map((f) => f.severity)),
    problems: r.problems.length,
    firstProblems: r.problems.slice(0, 5).map((p) => `${p.file}: ${p.message}`),
    viaCalls: via.length,
    viaSites: { js: sites('js'), python: sites('python') },
    callsByVendor: count(r.calls.filter((c) => c.via === undefined).map((c) => c.vendor)),
    viaCallsByVendor: count(via.map((c) => c.vendor)),
  };
}

/** Median, min and max of `samples` (milliseconds). */
function timingOf(samples: readonly number[]): Timing {
  const sorted = [...samples].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, samples };
}

type Run = () => unknown;
/** Wall and CPU timings of one run. */
type Measured = { wall: Timing; cpu: Timing };
const collect = (globalThis as { gc?: () => void }).gc;

/** Wall and CPU milliseconds of one run, after a garbage collection when exposed. */
async function once(run: Run): Promise<{ wall: number; cpu: number }> {
  collect?.();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await run();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

/**
 * One untimed warm-up of each run, then `reps` rounds that run each once in turn, so a change in
 * the machine's load touches all of them alike. Wall and CPU timings per run.
 */
async function interleaved(runs: readonly Run[], reps: number): Promise<Measured[]> {
  for (const run of runs) await run();
  const wall = runs.map((): number[] => []);
  const cpu = runs.map((): number[] => []);
  for (let r = 0; r < reps; r++)
    for (const [i, run] of runs.entries()) {
      const t = await once(run);
      wall[i]!.push(t.wall);
      cpu[i]!.push(t.cpu);
    }
  return runs.map((_, i) => ({ wall: timingOf(wall[i]!), cpu: timingOf(cpu[i]!) }));
}

function rate(label: string, t: Measured, c: ScanCorpus, floors: readonly number[]): ScanRate {
  const perSecond = (ms: number): number => c.files / (ms / 1000);
  return {
    label,
    timing: t.wall,
    cpu: t.cpu,
    filesPerSecond: perSecond(t.wall.median),
    filesPerSecondRange: [perSecond(t.wall.max), perSecond(t.wall.min)],
    filesPerCpuSecond: perSecond(t.cpu.median),
    mbPerSecond: mbPerSecond(c.bytes, t.wall.median),
    vsRead: t.cpu.median / floors[0]!,
    vsParse: t.cpu.median / floors[1]!,
    vsSelected: t.cpu.median / floors[2]!,
  };
}

/**
 * The five runs, interleaved: read, parse every JS/TS file, parse the named files, scan, and
 * scan with `--whole-files` (every statement of the files read parsed).
 */
async function measureAll(dir: string, reps: number, first: ScanResult) {
  await loadPythonParser();
  const parsed = { js: 0, selected: 0 };
  let result = first;
  let whole = first;
  const [read, parse, selected, scanned, wholeFiles] = (await interleaved(
    [
      () => readAll(dir, 'read'),
      () => (parsed.js = readAll(dir, 'parse-js')),
      () => (parsed.selected = readAll(dir, 'parse-selected')),
      async () => (result = await scan(dir)),
      async () => (whole = await scan(dir, { focus: false })),
    ],
    reps,
  )) as [Measured, Measured, Measured, Measured, Measured];
  const same = (r: ScanResult) => JSON.stringify([r.calls, r.findings]);
  const sameAsWhole = same(result) === same(whole);
  return { read, parse, selected, scanned, wholeFiles, sameAsWhole, parsed, result };
}

interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { functionName: string; url: string; lineNumber: number };
  }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** First match names the area of a sampled frame (by script URL, else by function name). */
const AREAS: readonly [string, RegExp][] = [
  ['TypeScript parser (typescript)', /node_modules\/typescript\//],
  ['tree-sitter (wasm + web-tree-sitter)', /^wasm:|node_modules\/web-tree-sitter\//],
  ['scanner: JS front end (src/scanner/js)', /\/src\/scanner\/js\//],
  ['scanner: Python front end (src/scanner/python)', /\/src\/scanner\/python\//],
  ['scanner: core (src/scanner/core)', /\/src\/scanner\/core\//],
  ['scanner: scan.ts (walk, prefilter, passes)', /\/src\/scanner\/scan\.js/],
  ['engine (field-name classifier, detectors)', /\/src\/engine\//],
  ['regular expressions', /^RegExp:/],
  ['garbage collector', /^\(garbage collector\)$/],
];

function areaOf(f: { functionName: string; url: string }): string {
  for (const [area, re] of AREAS) if (re.test(f.url) || re.test(f.functionName)) return area;
  return 'other (fs, Node internals)';
}

/** Self time per area and per function. */
function summarize(p: CpuProfile, file: string): ScanProfile {
  const byId = new Map(p.nodes.map((n) => [n.id, n.callFrame]));
  const areas = new Map<string, number>();
  const fns = new Map<string, number>();
  let totalMs = 0;
  p.samples.forEach((id, i) => {
    const f = byId.get(id)!;
    const ms = (p.timeDeltas[i] ?? 0) / 1000;
    // `dispatch`: the in-process inspector session handling the profiler's own messages.
    if (f.functionName === '(idle)' || (f.functionName === 'dispatch' && f.url === '')) return;
    totalMs += ms;
    areas.set(areaOf(f), (areas.get(areaOf(f)) ?? 0) + ms);
    const where = f.url.replace(/^.*\/(src|node_modules)\//, '$1/');
    const key = `${f.functionName.slice(0, 60) || '(anonymous)'} ${where}:${f.lineNumber + 1}`;
    fns.set(key, (fns.get(key) ?? 0) + ms);
  });
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return {
    file,
    totalMs,
    areas: sorted(areas).map(([area, ms]) => ({ area, ms })),
    top: sorted(fns)
      .slice(0, 15)
      .map(([fn, ms]) => ({ fn, ms })),
  };
}

/** One more scan under the V8 sampling profiler (in process, warm, as the timed scans ran). */
async function profileScan(dir: string, outDir: string): Promise<ScanProfile> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    await scan(dir);
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(outDir, { recursive: true });
    const file = join(outDir, `scan.${process.pid}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    return summarize(profile as unknown as CpuProfile, file);
  } finally {
    session.disconnect();
  }
}

/** Generate the corpus in a temporary folder, time the scan and the baselines, remove it. */
export async function benchScan(o: ScanBenchOptions): Promise<ScanReport> {
  const dir = mkdtempSync(join(tmpdir(), 'veil-bench-scan-'));
  try {
    const g0 = performance.now();
    const corpus = writeScanCorpus({ dir, seed: o.seed, files: o.files });
    const generateMs = performance.now() - g0;
    const mb = corpus.bytes / 1e6;
    o.log(`scan: ${corpus.files} files, ${fixed(mb)} MB written in ${fixed(generateMs, 0)} ms`);
    const f0 = performance.now();
    const first = await scan(dir);
    const firstRunMs = performance.now() - f0;
    o.log(`scan: first run ${fixed(firstRunMs, 0)} ms; now ${o.reps} rounds of the five runs`);
    const m = await measureAll(dir, o.reps, first);
    const floors = [m.read.cpu.median, m.parse.cpu.median, m.selected.cpu.median];
    const named = rate('read + parse the files naming an SDK', m.selected, corpus, floors);
    return {
      corpus: { ...corpus, mb, generateMs },
      firstRunMs,
      scan: {
        ...rate('veil scan', m.scanned, corpus, floors),
        cpuPerWall: m.scanned.cpu.median / m.scanned.wall.median,
      },
      wholeFiles: {
        ...rate('veil scan --whole-files', m.wholeFiles, corpus, floors),
        sameFindings: m.sameAsWhole,
      },
      read: rate('read every file', m.read, corpus, floors),
      parse: {
        ...rate('read + parse every JS/TS file', m.parse, corpus, floors),
        files: m.parsed.js,
      },
      selected: { ...named, files: m.parsed.selected },
      found: found(m.result),
      ...(o.profileDir !== undefined && { profile: await profileScan(dir, o.profileDir) }),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const int = (x: number): string => Math.round(x).toLocaleString('en');

function rateRow(r: ScanRate): string[] {
  return [
    r.label,
    fixed(r.timing.median, 0),
    fixed(r.timing.min, 0),
    fixed(r.timing.max, 0),
    int(r.filesPerSecond),
    fixed(r.mbPerSecond),
    fixed(r.cpu.median, 0),
    int(r.filesPerCpuSecond),
    `${fixed(r.vsRead, 2)}×`,
    `${fixed(r.vsParse, 2)}×`,
    `${fixed(r.vsSelected, 2)}×`,
  ];
}

function plantedRows(r: ScanReport): string[][] {
  const vendors = new Set([
    ...Object.keys(r.corpus.plantedCalls),
    ...Object.keys(r.found.callsByVendor),
  ]);
  return [...vendors]
    .sort()
    .map((v) => [
      v,
      int(r.corpus.plantedCalls[v] ?? 0),
      int(r.found.callsByVendor[v] ?? 0),
      int(r.found.viaCallsByVendor[v] ?? 0),
    ]);
}

function renderProfile(p: ScanProfile): string {
  const pct = (ms: number): string => `${fixed((ms / p.totalMs) * 100)}%`;
  return [
    `Scanner CPU profile, one warm scan (${p.file}):`,
    table(
      ['area (self time)', 'ms', 'share'],
      p.areas.map((a) => [a.area, fixed(a.ms, 0), pct(a.ms)]),
    ),
    '',
    table(
      ['function (self time)', 'ms', 'share'],
      p.top.map((t) => [t.fn, fixed(t.ms, 0), pct(t.ms)]),
    ),
  ].join('\n');
}

/** The report as text. */
export function renderScan(r: ScanReport): string {
  const c = r.corpus;
  const f = r.found;
  const goal = SCAN_TARGETS.filesPerSecond;
  const ok = (x: number): string => (x >= goal ? 'met' : 'MISSED');
  const roles = Object.entries(c.byRole)
    .map(([k, n]) => `${k} ${int(n)}`)
    .join(', ');
  return [
    `Scanner: ${int(c.files)} files, ${fixed(c.mb)} MB, ${int(c.lines)} lines (seed ${c.seed}; ${roles})`,
    `  extensions: ${JSON.stringify(c.byExt)}`,
    '',
    table(
      [
        ...['run', 'median ms', 'min ms', 'max ms', 'files/s', 'MB/s'],
        ...['CPU ms', 'files/CPU-s', 'CPU × read', 'CPU × parse all', 'CPU × parse named'],
      ],
      [
        rateRow(r.scan),
        rateRow(r.wholeFiles),
        rateRow(r.read),
        rateRow(r.parse),
        rateRow(r.selected),
      ],
    ),
    '',
    `  target ≥ ${int(goal)} files/s on one core: ${ok(r.scan.filesPerSecond)} by wall time (${int(r.scan.filesPerSecond)} files/s), ${ok(r.scan.filesPerCpuSecond)} by CPU time (${int(r.scan.filesPerCpuSecond)} files/CPU-s)`,
    `  first scan of the process (Python grammar load, cold JIT): ${int(r.firstRunMs)} ms; median CPU ÷ median wall of the scans: ${fixed(r.scan.cpuPerWall, 2)}`,
    `  "parse all" parsed ${int(r.parse.files)} JS/TS files, "parse named" the ${int(r.selected.files)} files that name an SDK (\`Registry.mentions\`); the scan parsed ${int(f.stats.parsed)} distinct files`,
    `  --whole-files reported ${r.wholeFiles.sameFindings ? 'the same' : 'DIFFERENT'} calls and findings; the scan took ${fixed(r.scan.cpu.median / r.wholeFiles.cpu.median, 2)}× its CPU time`,
    `  found: ${int(f.calls)} calls, ${int(f.findings)} findings ${JSON.stringify(f.findingsBySeverity)}, ${int(f.problems)} problems`,
    `  wrapper call sites followed (via): JS ${int(f.viaSites.js)} of ${int(c.plantedWrapperSites.js)} planted, Python ${int(f.viaSites.python)} of ${int(c.plantedWrapperSites.python)} (${int(f.viaCalls)} calls)`,
    ...f.firstProblems.map((p) => `  problem: ${p}`),
    '',
    table(
      ['vendor', 'SDK calls planted', 'found at the call', 'found via a wrapper'],
      plantedRows(r),
    ),
    ...(r.profile ? ['', renderProfile(r.profile)] : []),
  ].join('\n');
}
