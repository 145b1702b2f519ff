/**
 * Runs the real `veil serve` (bin/veil.js) as a child process for end-to-end tests: writes the
 * config as JSON (YAML is a superset) into a temp directory, points `data_dir` at a temp (or
 * given, for restarts) directory, forces `server.port: 0` on 127.0.0.1, waits for the
 * `veil serve: listening on URL` line on stderr and hands back the URL and controls.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/veil.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LISTENING = /veil serve: listening on (http:\/\/\S+)/;

/** Options of `startVeil`. */
export interface StartVeilOptions {
  /** The config as a plain object; `data_dir` and `server.host/port` are filled in. */
  readonly config: Record<string, unknown>;
  /** Extra environment of the child (credential variables …); merged over process.env. */
  readonly env?: Readonly<Record<string, string>>;
  /** Reuse this data directory (restart after a crash); default: a fresh temp directory. */
  readonly dataDir?: string;
  /** How long to wait for the listening line, ms; default 20 000. */
  readonly startTimeoutMs?: number;
}

/** A running `veil serve` child. */
export interface VeilProcess {
  /** Base URL, `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string;
  /** The data directory (veil.db, master.key, admin.token); kept after stop for restarts. */
  readonly dataDir: string;
  readonly pid: number;
  /** Everything written on stderr so far. */
  stderr(): string;
  /**
   * SIGTERM, then wait for exit; resolves to the exit code (null when killed by a signal).
   * A child still running after `graceMs` (default 20 000) is SIGKILLed.
   */
  stop(graceMs?: number): Promise<number | null>;
  /** SIGKILL, then wait for exit. */
  kill(): Promise<void>;
  /** Resolves when the child has exited, for whatever reason. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of running) c.kill('SIGKILL');
});

/** A fresh temp directory (`veil-e2e-…`); remove it with `removeDir`. */
export function tempDir(prefix = 'veil-e2e-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Remove a directory tree; never throws. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

function writeConfig(options: StartVeilOptions, dataDir: string): string {
  const server = { ...((options.config.server as object | undefined) ?? {}) };
  const config = {
    ...options.config,
    data_dir: dataDir,
    server: { ...server, host: '127.0.0.1', port: 0 },
  };
  const file = join(dataDir, `veil-${process.pid}-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

/**
 * Start `veil serve --config <file>`. Rejects (and kills the child) when it exits or stays
 * silent past `startTimeoutMs` before printing the listening line; the message carries stderr.
 */
export async function startVeil(options: StartVeilOptions): Promise<VeilProcess> {
  const dataDir = options.dataDir ?? tempDir();
  const file = writeConfig(options, dataDir);
  const env: NodeJS.ProcessEnv = { ...process.env, VEIL_LOG_LEVEL: 'warn', ...options.env };
  if (options.env?.VEIL_MASTER_KEY === undefined) delete env.VEIL_MASTER_KEY;
  const child = spawn(process.execPath, [BIN, 'serve', '--config', file], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  running.add(child);
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`veil serve did not start in time; stderr:\n${err}`));
    }, options.startTimeoutMs ?? 20_000);
    const onData = () => {
      const m = LISTENING.exec(err);
      if (!m) return;
      clearTimeout(timer);
      child.stderr!.off('data', onData);
      resolve(m[1]!.replace(/\/+$/, ''));
    };
    child.stderr!.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`veil serve exited (code ${code}, signal ${signal}); stderr:\n${err}`));
    });
  });
  const signal = async (sig: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    return exited;
  };
  return {
    url,
    dataDir,
    pid: child.pid!,
    stderr: () => err,
    exited,
    stop: async (graceMs = 20_000) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      try {
        return (await signal('SIGTERM')).code;
      } finally {
        clearTimeout(timer);
      }
    },
    kill: async () => void (await signal('SIGKILL')),
  };
}
