/**
 * The parent side of the benchmark's server processes (`fork` with IPC): start one, wait for
 * its URL, ask how many rows it committed, stop it. Every child still running when this process
 * exits (normally, on an error, or on SIGINT/SIGTERM) is killed.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { FromChild, ToChild } from './server-child.js';

/** A running child server. */
export interface Child {
  readonly url: string;
  readonly pid: number;
  /** Rows the child committed to SQLite so far. */
  count(): Promise<number>;
  /** Ask it to shut down; resolves when it exited (killed after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
}

const running = new Set<ChildProcess>();
let hooked = false;

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => running.forEach((c) => c.kill('SIGKILL')));
  for (const sig of ['SIGINT', 'SIGTERM'] as const)
    process.once(sig, () => {
      running.forEach((c) => c.kill('SIGKILL'));
      process.exit(130);
    });
}

function next<T extends FromChild['type']>(c: ChildProcess, type: T, ms: number) {
  return new Promise<Extract<FromChild, { type: T }>>((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`benchmark child: no ${type} in ${ms} ms`)), ms);
    const onMessage = (m: FromChild): void => {
      if (m.type === type) done(undefined, m as Extract<FromChild, { type: T }>);
    };
    const onExit = (code: number | null): void =>
      done(new Error(`benchmark child exited (code ${code}) before ${type}`));
    function done(e?: Error, m?: Extract<FromChild, { type: T }>): void {
      clearTimeout(timer);
      c.off('message', onMessage);
      c.off('exit', onExit);
      if (e) reject(e);
      else resolve(m!);
    }
    c.on('message', onMessage);
    c.once('exit', onExit);
  });
}

/** Fork `script` with `args` (and node flags `execArgv`); resolves once it listens. */
export async function startChild(
  script: string,
  args: readonly string[],
  execArgv: readonly string[] = [],
): Promise<Child> {
  hookExit();
  const c = fork(script, [...args], { execArgv: [...execArgv], stdio: 'inherit' });
  running.add(c);
  const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
  void exited.then(() => running.delete(c));
  let ready;
  try {
    ready = await next(c, 'ready', 30_000);
  } catch (e) {
    c.kill('SIGKILL');
    throw e;
  }
  const send = (m: ToChild): boolean => c.connected && c.send(m);
  return {
    url: ready.url,
    pid: c.pid ?? -1,
    async count() {
      const reply = next(c, 'count', 10_000);
      send({ type: 'count' });
      return (await reply).rows;
    },
    async stop(graceMs = 30_000) {
      if (c.exitCode !== null || c.signalCode !== null) return;
      send({ type: 'stop' });
      const timer = setTimeout(() => c.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
