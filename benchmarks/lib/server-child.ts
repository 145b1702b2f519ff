/**
 * The child side of the benchmark's server processes: announce the URL over IPC, answer `count`
 * with the rows committed so far, and on `stop` (or when the parent goes away) shut down and exit
 * normally, so `--cpu-prof` can write its profile.
 */

/** The write key the benchmark's Segment source accepts (the baseline checks it too). */
export const WRITE_KEY = 'bench-write-key';
/** The destination every event goes to (paused in the gateway). */
export const DESTINATION = 'warehouse';

/** A server running in this child process. */
export interface ChildServer {
  readonly url: string;
  /** Rows committed to SQLite so far. */
  count(): number;
  shutdown(): Promise<void>;
}

/** Messages the parent sends. */
export type ToChild = { readonly type: 'count' } | { readonly type: 'stop' };
/** Messages the child sends. */
export type FromChild =
  | { readonly type: 'ready'; readonly url: string }
  | { readonly type: 'count'; readonly rows: number };

/** Serve `server` until the parent says stop or disconnects. */
export function serveChild(server: ChildServer): void {
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    server
      .shutdown()
      .catch((e: unknown) => process.stderr.write(`benchmark child: ${String(e)}\n`))
      .finally(() => process.exit(0));
  };
  process.on('message', (m: ToChild) => {
    if (m.type === 'count') process.send?.({ type: 'count', rows: server.count() });
    else stop();
  });
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
  process.send?.({ type: 'ready', url: server.url } satisfies FromChild);
}
