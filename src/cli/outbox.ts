/**
 * `veil outbox status|retry|purge`: inspect and repair the outbox the gateway uses
 * (`<data_dir>/veil.db`). Safe while the gateway runs: SQLite serializes the writes. Also the
 * shared plumbing of `veil destination` (store location, destination checks, error handling).
 */
import { Command, InvalidArgumentError } from 'commander';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../config/load.js';
import { NAME_PATTERN } from '../config/destinations.js';
import { DEFAULT_DATA_DIR } from '../config/schema.js';
import { VeilError } from '../errors.js';
import { openSqliteOutbox } from '../store/sqlite/outbox.js';
import type { DestinationStatus, Outbox } from '../store/types.js';
import type { Io } from './detect.js';

/** Where the store is: `--config FILE` (its data_dir) and/or `--data-dir DIR` (wins). */
export interface StoreOptions {
  readonly config?: string;
  readonly dataDir?: string;
}

/** The resolved store: the database path and, with a config, its destination names. */
export interface StoreTarget {
  readonly path: string;
  readonly destinations?: readonly string[];
}

/** Add `--config` and `--data-dir` to `cmd`. */
export function withStoreOptions(cmd: Command): Command {
  return cmd
    .option('--config <file>', 'veil.yaml (its data_dir holds the SQLite stores)')
    .option(
      '--data-dir <dir>',
      `data directory (default: data_dir of --config, else ${DEFAULT_DATA_DIR})`,
    );
}

/** Resolve the database path; loads the config (VEIL_E_CONFIG_INVALID / VEIL_E_INPUT_READ). */
export async function resolveStore(o: StoreOptions): Promise<StoreTarget> {
  const config = o.config === undefined ? undefined : await loadConfig(o.config);
  const dir = resolve(o.dataDir ?? config?.data_dir ?? DEFAULT_DATA_DIR);
  const path = join(dir, 'veil.db');
  return config === undefined ? { path } : { path, destinations: Object.keys(config.destinations) };
}

/** Throw VEIL_E_USAGE unless `name` is a valid destination name (and in the config, if any). */
export function checkDestination(target: StoreTarget, name: string): void {
  const known = target.destinations;
  if (known !== undefined && !known.includes(name)) {
    throw new VeilError(
      'VEIL_E_USAGE',
      `unknown destination "${name}"; known: ${known.join(', ') || '(none)'}`,
    );
  }
  if (!NAME_PATTERN.test(name)) {
    throw new VeilError('VEIL_E_USAGE', `not a valid destination name: ${JSON.stringify(name)}`);
  }
}

/**
 * Open the outbox at `target`, run `fn`, close it. With `create: false` and no database file
 * yet, runs `fn(undefined)` instead of creating one (read-only commands).
 */
export async function withOutbox<T>(
  target: StoreTarget,
  fn: (outbox: Outbox | undefined) => T,
  create = true,
): Promise<T> {
  if (!create && !existsSync(target.path)) return fn(undefined);
  let outbox: Outbox;
  try {
    outbox = openSqliteOutbox({ path: target.path });
  } catch (e) {
    const why = (e as { code?: string }).code ?? (e as Error).message;
    throw new VeilError('VEIL_E_INPUT_READ', `cannot open the outbox ${target.path} (${why})`);
  }
  try {
    return fn(outbox);
  } finally {
    await outbox.close();
  }
}

/** Run a command body: its exit code, or a VeilError's (printed like `main` prints it). */
export function action<A extends unknown[]>(
  io: Io,
  setExit: (code: number) => void,
  body: (...args: A) => Promise<number>,
): (...args: A) => Promise<void> {
  return async (...args) => {
    try {
      setExit(await body(...args));
    } catch (e) {
      if (!(e instanceof VeilError)) throw e;
      io.stderr.write(`veil: ${e.message} (${e.code})\n`);
      for (const p of e.problems) io.stderr.write(`  ${p}\n`);
      setExit(e.exitCode);
    }
  };
}

/** Status rows for the config's destinations (zeros when no rows) plus any others in the store. */
export function statusRows(target: StoreTarget, outbox: Outbox | undefined): DestinationStatus[] {
  const rows = new Map((outbox?.status() ?? []).map((s) => [s.destination, s]));
  for (const d of target.destinations ?? []) {
    if (!rows.has(d))
      rows.set(d, { destination: d, state: 'active', queued: 0, dead: 0, oldestAgeMs: 0 });
  }
  return [...rows.values()].sort((a, b) => (a.destination < b.destination ? -1 : 1));
}

/** `ms` as a short age: `0s`, `42s`, `17m`, `5h`, `3d`. */
export function age(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86_400)}d`;
}

/** Render rows as aligned columns under `header`; control characters become spaces. */
/** The per-destination status table `outbox status` and `destination status` print. */
export function statusTable(rows: ReturnType<typeof statusRows>): string {
  const cells = rows.map((r) => [
    r.destination,
    r.state,
    String(r.queued),
    String(r.dead),
    r.queued ? age(r.oldestAgeMs) : '-',
  ]);
  return table(['DESTINATION', 'STATE', 'QUEUED', 'DEAD', 'OLDEST'], cells);
}

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const clean = rows.map((r) => r.map((c) => c.replace(/[\u0000-\u001f\u007f]/g, ' ')));
  const all = [header, ...clean];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all
    .map(
      (r) =>
        r
          .map((c, i) => c.padEnd(widths[i]!))
          .join('  ')
          .trimEnd() + '\n',
    )
    .join('');
}

/** A stored payload as JSON, or as the raw string if it is corrupt. */
function json(payload: string): unknown {
  try {
    return JSON.parse(payload) as unknown;
  } catch {
    return payload;
  }
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

/** Options of `veil outbox status`. */
interface StatusOptions extends StoreOptions {
  readonly destination?: string;
  readonly dead?: boolean;
  readonly showPayload?: boolean;
  readonly json?: boolean;
  readonly limit: number;
}

async function runStatus(o: StatusOptions, io: Io): Promise<number> {
  const target = await resolveStore(o);
  if (o.destination !== undefined) checkDestination(target, o.destination);
  const withDead = o.dead === true || o.showPayload === true;
  const { rows, dead } = await withOutbox(
    target,
    (ob) => ({
      rows: statusRows(target, ob).filter(
        (r) => o.destination === undefined || r.destination === o.destination,
      ),
      dead: withDead && ob ? ob.dead(o.destination, o.limit) : [],
    }),
    false,
  );
  const deadOut = dead.map(({ payload, ...d }) =>
    o.showPayload ? { ...d, payload: json(payload) } : d,
  );
  if (o.json) {
    io.stdout.write(
      JSON.stringify(withDead ? { destinations: rows, dead: deadOut } : { destinations: rows }) +
        '\n',
    );
    return 0;
  }
  io.stdout.write(statusTable(rows));
  if (!withDead) return 0;
  io.stdout.write(`\ndead rows (newest first, at most ${o.limit}):\n`);
  const deadCells = dead.map((d) => [
    String(d.id),
    d.destination,
    d.messageId,
    String(d.attempts),
    new Date(d.deadAt).toISOString(),
    d.reason,
  ]);
  io.stdout.write(
    table(['ID', 'DESTINATION', 'MESSAGE_ID', 'ATTEMPTS', 'DEAD_AT', 'REASON'], deadCells),
  );
  if (o.showPayload) for (const d of dead) io.stdout.write(`${d.id} ${d.payload}\n`);
  return 0;
}

interface PurgeOptions extends StoreOptions {
  readonly destination?: string;
  readonly queued?: boolean;
  readonly all?: boolean;
  readonly yes?: boolean;
}

/**
 * Retry and purge act on rows that exist: with no store at the path (a mistyped `--data-dir`, a
 * config of another gateway) they say so instead of creating an empty one and reporting 0.
 */
function mustExist(target: StoreTarget): void {
  if (!existsSync(target.path))
    throw new VeilError('VEIL_E_INPUT_READ', `no outbox at ${target.path}`);
}

async function runPurge(o: PurgeOptions, io: Io): Promise<number> {
  if (o.queued && o.all)
    throw new VeilError('VEIL_E_USAGE', 'give at most one of --queued and --all');
  const what = o.all ? 'all' : o.queued ? 'queued' : 'dead';
  if (!o.yes) {
    throw new VeilError(
      'VEIL_E_USAGE',
      `purge deletes ${what === 'all' ? 'queued and dead' : what} rows for good; add --yes to confirm`,
    );
  }
  const target = await resolveStore(o);
  if (o.destination !== undefined) checkDestination(target, o.destination);
  mustExist(target);
  const n = await withOutbox(target, (ob) => ob!.purge(o.destination, what));
  io.stdout.write(
    `purged ${n} ${what === 'all' ? 'queued and dead' : what} row${n === 1 ? '' : 's'}\n`,
  );
  return 0;
}

async function runRetry(o: StoreOptions & { destination?: string }, io: Io): Promise<number> {
  const target = await resolveStore(o);
  if (o.destination !== undefined) checkDestination(target, o.destination);
  mustExist(target);
  const n = await withOutbox(target, (ob) => ob!.retryDead(o.destination));
  io.stdout.write(`moved ${n} dead row${n === 1 ? '' : 's'} back to the queue\n`);
  return 0;
}

/** Add `veil outbox status|retry|purge` to `program`; `setExit` receives each run's exit code. */
export function registerOutboxCommands(
  program: Command,
  io: Io,
  setExit: (code: number) => void,
): void {
  const outbox = program.command('outbox').description('inspect and repair the durable outbox');
  withStoreOptions(
    outbox.command('status').description('per destination: state, queued, dead, oldest age'),
  )
    .option('--destination <name>', 'only this destination')
    .option('--dead', 'also list dead-lettered rows (never their payloads)')
    .option('--show-payload', 'with the dead rows, print their minimized events too')
    .option('--limit <n>', 'dead rows to list', positiveInt, 100)
    .option('--json', 'one JSON document on stdout')
    .action(action(io, setExit, (o: StatusOptions) => runStatus(o, io)));
  withStoreOptions(outbox.command('retry').description('move dead-lettered rows back to the queue'))
    .option('--destination <name>', 'only this destination')
    .action(action(io, setExit, (o: StoreOptions & { destination?: string }) => runRetry(o, io)));
  withStoreOptions(
    outbox.command('purge').description('delete dead rows (or queued ones) for good'),
  )
    .option('--destination <name>', 'only this destination')
    .option('--queued', 'delete queued rows instead of dead ones')
    .option('--all', 'delete queued and dead rows')
    .option('--yes', 'confirm: the rows cannot be recovered')
    .action(action(io, setExit, (o: PurgeOptions) => runPurge(o, io)));
}
