/**
 * `npm run bench`: runs every benchmark (detection, then policy, then gateway), prints the
 * tables, writes `benchmarks/results/*.json`.
 * Flags: --only detect|policy|gateway|ledger|scan, --events N (default 20000), --peer-events N (default
 * 2000), --reps N (default 5), --seed N (default 20261122), --no-peers, --quick (2000 events, 500
 * for peers, 3 reps). Gateway only: --connections N (default 16), --warmup-events N (default
 * 100000, 2000 with --quick; sent to each server before its timed runs), --profile (one extra gateway
 * run under --cpu-prof, profile in benchmarks/results/profiles/), --records-pairs N (only the
 * gateway with inventory and ledger on and off, N pairs, the order alternating; with
 * --records-synchronous normal, the outbox without an fsync per commit). Ledger only: --ledger-rows N.
 * Scan only: --files N (default 5000, 1000 with --quick), files of the generated source tree;
 * --profile (one extra scan under the CPU profiler, profile in benchmarks/results/profiles/).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchDetect } from './detect.js';
import { benchGateway, GATEWAY_TARGETS, renderGateway } from './gateway.js';
import { renderDetect, TARGETS } from './lib/report.js';
import { benchPolicy, POLICY_TARGETS, renderPolicy } from './policy.js';
import { benchLedger, LEDGER_TARGETS, renderLedger } from './ledger.js';
import { benchScan, renderScan, SCAN_TARGETS } from './scan.js';

const BENCHMARKS = ['detect', 'policy', 'gateway', 'ledger', 'scan'] as const;

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) ? v : fallback;
}

/** The value of `--name`, which must be one of `allowed`. */
function word<T extends string>(name: string, allowed: readonly T[]): T {
  const v = process.argv[process.argv.indexOf(`--${name}`) + 1];
  if (!allowed.includes(v as T)) {
    process.stderr.write(`--${name} takes one of ${allowed.join(', ')}\n`);
    process.exit(2);
  }
  return v as T;
}

async function writeJson(file: string, value: unknown): Promise<void> {
  let text = JSON.stringify(value, null, 2) + '\n';
  try {
    // Keep the file as `prettier --check .` wants it.
    const prettier = await import('prettier');
    text = await prettier.format(text, { ...(await prettier.resolveConfig(file)), parser: 'json' });
  } catch {
    // prettier is a dev dependency of the repository; without it the file is still valid JSON.
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** The benchmarks `--only` selects (all when absent); an unknown name is an error. */
function selected(): readonly string[] {
  const i = process.argv.indexOf('--only');
  if (i < 0) return BENCHMARKS;
  const name = process.argv[i + 1] ?? '';
  if (!(BENCHMARKS as readonly string[]).includes(name))
    throw new Error(`--only takes one of ${BENCHMARKS.join(', ')} (got ${JSON.stringify(name)})`);
  return [name];
}

async function main(): Promise<void> {
  const only = selected();
  const quick = process.argv.includes('--quick');
  const options = {
    seed: flag('seed', 20261122),
    events: flag('events', quick ? 2000 : 20000),
    peerEvents: flag('peer-events', quick ? 500 : 2000),
    reps: flag('reps', quick ? 3 : 5),
    peers: !process.argv.includes('--no-peers'),
    log: (line: string) => process.stderr.write(`  ${line}\n`),
  };
  if ((globalThis as { gc?: unknown }).gc === undefined)
    process.stderr.write('  (run node with --expose-gc to collect garbage between repetitions)\n');
  const cpu = cpus()[0];
  const machine = {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpus().length,
    cpuModel: cpu?.model ?? '?',
    memoryGB: Math.round(totalmem() / 2 ** 30),
  };
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const command =
    `node --expose-gc benchmarks/dist/benchmarks/run.js ${process.argv.slice(2).join(' ')}`.trim();
  const write = async (name: string, started: Date, body: object): Promise<void> => {
    const file = join(root, 'results', `${name}.json`);
    const opts = { ...options, log: undefined };
    await writeJson(file, {
      date: started.toISOString(),
      command,
      machine,
      options: opts,
      ...body,
    });
    process.stderr.write(`  wrote ${file}\n`);
  };
  if (only.includes('detect')) {
    const started = new Date();
    const report = await benchDetect(options);
    process.stdout.write(`\n${renderDetect(report)}\n`);
    await write('detect', started, { targets: TARGETS, ...report });
  }
  if (only.includes('policy')) {
    const started = new Date();
    const report = await benchPolicy(options);
    process.stdout.write(`\n${renderPolicy(report)}\n`);
    await write('policy', started, { targets: POLICY_TARGETS, ...report });
  }
  if (only.includes('gateway')) {
    const started = new Date();
    const report = await benchGateway({
      ...options,
      // Each timed run of the gateway takes seconds: at most 3 (1 with --quick).
      reps: Math.min(options.reps, quick ? 1 : 3),
      connections: flag('connections', 16),
      warmupEvents: flag('warmup-events', quick ? 2_000 : 100_000),
      ...(process.argv.includes('--records-pairs') && { recordsPairs: flag('records-pairs', 2) }),
      ...(process.argv.includes('--records-synchronous') && {
        recordsSynchronous: word('records-synchronous', ['full', 'normal'] as const),
      }),
      ...(process.argv.includes('--profile') && { profileDir: join(root, 'results', 'profiles') }),
    });
    process.stdout.write(`\n${renderGateway(report)}\n`);
    await write(process.argv.includes('--records-pairs') ? 'gateway-records' : 'gateway', started, {
      targets: GATEWAY_TARGETS,
      ...report,
    });
  }
  if (only.includes('ledger')) {
    const started = new Date();
    const report = benchLedger({
      rows: flag('ledger-rows', quick ? 100_000 : 1_000_000),
      reps: options.reps,
      log: options.log,
    });
    process.stdout.write(`\n${renderLedger(report)}\n`);
    await write('ledger', started, { targets: LEDGER_TARGETS, ...report });
  }
  if (only.includes('scan')) {
    const started = new Date();
    const report = await benchScan({
      seed: options.seed,
      files: flag('files', quick ? 1000 : 5000),
      reps: options.reps,
      log: options.log,
      ...(process.argv.includes('--profile') && { profileDir: join(root, 'results', 'profiles') }),
    });
    process.stdout.write(`\n${renderScan(report)}\n`);
    await write('scan', started, { targets: SCAN_TARGETS, ...report });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
